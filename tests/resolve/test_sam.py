"""SAM: the role the Serverless transform generates, policies and policy templates expanded."""

from __future__ import annotations

from typing import Any

import pytest

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.cloudformation import parse_template
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve import sam
from policyguard.resolve.intrinsics import TemplateResolver
from tests.helpers import TESTDATA

FIXTURE = TESTDATA / "extract" / "cloudformation" / "sam" / "template.yaml"


def load(text: str) -> tuple[TemplateResolver, Mapping]:
    root, _ = parse_template(text, "template.yaml")
    return TemplateResolver(root, "template.yaml", implied=sam.implied_resources), root


def role_of(text: str, logical_id: str) -> tuple[TemplateResolver, sam.GeneratedRole | None]:
    resolver, root = load(text)
    [resource] = [r for r in resolver.resources if r.logical_id == logical_id]
    return resolver, sam.generated_role(resource, resolver, root.get("Globals"))


def deep(resolver: TemplateResolver, node: Node | Unresolved) -> Any:
    """A node fully resolved into Python values; ``Unresolved`` kept as it is."""
    value = node if isinstance(node, Unresolved) else resolver(node)
    if isinstance(value, Mapping):
        return {e.key: deep(resolver, e.value) for e in value.entries}
    if isinstance(value, Sequence):
        return [deep(resolver, item) for item in value.items]
    return value.value if isinstance(value, Scalar) else value


@pytest.fixture(scope="module")
def api() -> tuple[TemplateResolver, sam.GeneratedRole]:
    resolver, role = role_of(FIXTURE.read_text(), "Api")
    assert role is not None
    return resolver, role


def test_generated_role_name_and_implied_resource(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    assert role.logical_id == "ApiRole"
    assert resolver.is_resource("ApiRole")
    assert resolver.resource_type("ApiRole") == "AWS::IAM::Role"
    assert not resolver.is_resource("WithRoleRole")


def test_managed_policies_by_name_arn_and_reference(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    values = [deep(resolver, node) for node in role.managed_policy_arns]
    assert values == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::123456789012:policy/custom",
        Unresolved(
            '{"Ref":"SharedPolicy"}',
            "resource SharedPolicy has a physical id known only after deployment",
        ),
    ]
    spans = [node.span for node in role.managed_policy_arns]
    assert spans == [
        Span(14, 3, 14, 6),  # the function's logical id
        Span(18, 16, 18, 22),  # Tracing
        Span(20, 11, 20, 33),
        Span(21, 11, 21, 50),
        Span(22, 11, 22, 28),
    ]


def test_trust_policy_is_synthesized_at_the_logical_id(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    assert deep(resolver, role.trust_policy) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Action": ["sts:AssumeRole"],
                "Effect": "Allow",
                "Principal": {"Service": ["lambda.amazonaws.com"]},
            }
        ],
    }
    assert role.trust_policy.span == Span(14, 3, 14, 6)


def test_permissions_boundary_from_globals(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    boundary = role.permissions_boundary
    assert isinstance(boundary, Scalar)
    assert resolver(boundary) == Scalar(
        "arn:aws:iam::123456789012:policy/boundary", Span(12, 26, 12, 67), boundary.origin
    )


def test_inline_statement_keeps_its_position(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    names = [policy.name for policy in role.policies]
    assert names == [f"ApiRolePolicy{index}" for index in (3, 4, 5, 6, 7)]
    statement = role.policies[0]
    assert statement.span == Span(23, 11, 26, 42)
    assert deep(resolver, statement.document)["Statement"][0]["Action"] == "sqs:SendMessage"


def child(resolver: TemplateResolver, node: Node | None, key: str) -> Node:
    value = resolver(node) if node is not None else None
    assert isinstance(value, Mapping)
    found = value.get(key)
    assert found is not None
    return found


def resource_of(resolver: TemplateResolver, document: Node) -> tuple[object, Span]:
    statements = resolver(child(resolver, document, "Statement"))
    assert isinstance(statements, Sequence)
    [statement] = statements.items
    resource = child(resolver, statement, "Resource")
    if isinstance(resource, Sequence):
        resource = resource.items[0]
    return resolver(resource), resource.span


def test_s3_read_policy_template(api: tuple[TemplateResolver, sam.GeneratedRole]) -> None:
    resolver, role = api
    policy = role.policies[1]
    assert policy.span == Span(27, 11, 27, 23)
    document = policy.document
    assert not isinstance(document, Unresolved)
    statement = deep(resolver, document)["Statement"][0]
    assert statement["Action"][:2] == ["s3:GetObject", "s3:ListBucket"]
    assert statement["Effect"] == "Allow"
    value, span = resource_of(resolver, document)
    assert isinstance(value, Unresolved)
    assert value.parts == ("arn:", None, ":s3:::acme-uploads")
    assert span == Span(28, 25, 28, 37)  # where BucketName is written


def test_dynamodb_crud_policy_template_with_a_parameter_reference(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    resolver, role = api
    document = role.policies[2].document
    assert not isinstance(document, Unresolved)
    value, span = resource_of(resolver, document)
    assert isinstance(value, Unresolved)
    assert value.parts == ("arn:", None, ":dynamodb:", None, ":", None, ":table/orders")
    assert span == Span(30, 24, 30, 38)  # the TableName parameter of the template


def test_kms_decrypt_policy_template(api: tuple[TemplateResolver, sam.GeneratedRole]) -> None:
    resolver, role = api
    document = role.policies[3].document
    assert not isinstance(document, Unresolved)
    statement = deep(resolver, document)["Statement"][0]
    assert statement["Action"] == "kms:Decrypt"
    value, span = resource_of(resolver, document)
    assert isinstance(value, Unresolved)
    assert value.parts[-1] == ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
    assert span == Span(32, 20, 32, 56)


def test_unknown_policy_template_is_unresolved(
    api: tuple[TemplateResolver, sam.GeneratedRole],
) -> None:
    _, role = api
    policy = role.policies[4]
    assert policy.document == Unresolved(
        "NoSuchPolicy", "NoSuchPolicy is not a SAM policy template"
    )
    assert policy.span == Span(33, 11, 33, 23)


def test_single_managed_policy_name() -> None:
    resolver, role = role_of(FIXTURE.read_text(), "Single")
    assert role is not None
    assert [deep(resolver, n) for n in role.managed_policy_arns][-1] == (
        "arn:aws:iam::aws:policy/AWSLambdaExecute"
    )
    assert role.policies == ()


def test_existing_role_generates_nothing() -> None:
    assert role_of(FIXTURE.read_text(), "WithRole")[1] is None


def test_state_machine_role() -> None:
    resolver, role = role_of(FIXTURE.read_text(), "Workflow")
    assert role is not None
    assert deep(resolver, role.trust_policy)["Statement"][0]["Principal"] == {
        "Service": ["states.amazonaws.com"]
    }
    assert [deep(resolver, n) for n in role.managed_policy_arns] == [
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
    ]
    [invoke] = role.policies
    assert invoke.name == "WorkflowRolePolicy0"


SMALL = """\
Transform: AWS::Serverless-2016-10-31
Conditions:
  Never: !Equals [a, b]
Globals:
  Function:
    AssumeRolePolicyDocument:
      Statement:
        - {Effect: Allow, Principal: {Service: edgelambda.amazonaws.com}, Action: sts:AssumeRole}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq}
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      Tracing: Disabled
      Role: !If [Never, arn:aws:iam::123456789012:role/x, !Ref AWS::NoValue]
      Policies:
        - AWSLambdaVPCAccessExecutionRole
        - MyOwnPolicy
        - !If [Never, {Statement: []}, !Ref AWS::NoValue]
        - SQSPollerPolicy: {}
        - VPCAccessPolicy: {}
"""


def test_globals_dead_letter_queue_vpc_and_conditional_role() -> None:
    resolver, role = role_of(SMALL, "Fn")
    assert role is not None
    trust = deep(resolver, role.trust_policy)
    assert trust["Statement"][0]["Principal"] == {"Service": "edgelambda.amazonaws.com"}
    assert [deep(resolver, n) for n in role.managed_policy_arns] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/MyOwnPolicy",
    ]
    dead_letter, poller, vpc = role.policies
    assert dead_letter.name == "DeadLetterQueuePolicy"
    assert deep(resolver, dead_letter.document)["Statement"] == [
        {
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:123456789012:dlq",
            "Effect": "Allow",
        }
    ]
    assert poller.name == "FnRolePolicy3"
    assert poller.document == Unresolved(
        "SQSPollerPolicy", "SQSPollerPolicy needs the parameter(s) QueueName"
    )
    assert vpc.name == "FnRolePolicy4"
    assert not isinstance(vpc.document, Unresolved)


def test_policy_templates_need_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sam, "policy_templates", lambda: None)
    _, role = role_of(FIXTURE.read_text(), "Api")
    assert role is not None
    assert role.policies[1].document == Unresolved(
        "S3ReadPolicy", "SAM policy templates need the aws-sam-translator package"
    )


def test_managed_policy_names_become_arns() -> None:
    assert sam.managed_policy_arn("AdministratorAccess") == (
        "arn:aws:iam::aws:policy/AdministratorAccess"
    )
    assert sam.managed_policy_arn("AWSLambdaBasicExecutionRole") == (
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    )
    assert sam.managed_policy_arn("NotAnAwsPolicy") == "arn:aws:iam::aws:policy/NotAnAwsPolicy"
    arn = "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"
    assert sam.managed_policy_arn(arn) == arn
    templates = sam.policy_templates()
    assert templates is not None and "S3ReadPolicy" in templates
