"""Resource policies of other services, extracted from Terraform and CloudFormation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from policyguard.extract.permissions import principal_kind
from policyguard.model import Inventory, PolicyDocument, PolicyKind, Statement, Unresolved
from tests.conftest import Extract

POLICY = '{ Statement = [{ Effect = "Allow", Principal = "*", Action = "x:Y" }] }'

TERRAFORM_ATTRIBUTES = [
    ("aws_sns_topic", "policy"),
    ("aws_sns_topic_policy", "policy"),
    ("aws_sqs_queue", "policy"),
    ("aws_sqs_queue_policy", "policy"),
    ("aws_ecr_repository_policy", "policy"),
    ("aws_ecr_registry_policy", "policy"),
    ("aws_secretsmanager_secret", "policy"),
    ("aws_secretsmanager_secret_policy", "policy"),
    ("aws_glacier_vault", "access_policy"),
    ("aws_elasticsearch_domain", "access_policies"),
    ("aws_elasticsearch_domain_policy", "access_policies"),
    ("aws_opensearch_domain", "access_policies"),
    ("aws_opensearch_domain_policy", "access_policies"),
    ("aws_cloudwatch_event_bus_policy", "policy"),
    ("aws_cloudwatch_log_destination_policy", "access_policy"),
    ("aws_cloudwatch_log_resource_policy", "policy_document"),
    ("aws_glue_resource_policy", "policy"),
    ("aws_ses_identity_policy", "policy"),
    ("aws_efs_file_system_policy", "policy"),
    ("aws_api_gateway_rest_api", "policy"),
    ("aws_api_gateway_rest_api_policy", "policy"),
    ("aws_backup_vault_policy", "policy"),
    ("aws_codeartifact_domain_permissions_policy", "policy_document"),
    ("aws_codeartifact_repository_permissions_policy", "policy_document"),
]


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(textwrap.dedent(text))
    return directory


def documents(inventory: Inventory, owner: str) -> list[PolicyDocument]:
    return [d for d in inventory.of_type(PolicyDocument) if d.owner == owner]


def only_statement(inventory: Inventory, owner: str) -> Statement:
    [document] = documents(inventory, owner)
    assert document.kind is PolicyKind.RESOURCE
    [statement] = document.statements
    return statement


def conditions(statement: Statement) -> list[tuple[str, str, list[object]]]:
    return [(c.operator, c.key, [v.value for v in c.values]) for c in statement.conditions]


@pytest.mark.parametrize(("resource_type", "attribute"), TERRAFORM_ATTRIBUTES)
def test_terraform_resource_policy_attribute(
    extract: Extract, tmp_path: Path, resource_type: str, attribute: str
) -> None:
    text = f'resource "{resource_type}" "this" {{\n  {attribute} = jsonencode({POLICY})\n}}\n'
    inventory = extract(write(tmp_path, "main.tf", text))
    [document] = documents(inventory, f"{resource_type}.this")
    assert (document.kind, document.name) == (PolicyKind.RESOURCE, attribute)
    assert [s.describe() for s in document.statements] == ["Statement[0]"]


def test_terraform_lambda_permission_becomes_one_statement(
    extract: Extract, tmp_path: Path
) -> None:
    inventory = extract(
        write(
            tmp_path,
            "main.tf",
            """
            resource "aws_lambda_permission" "from_bucket" {
              action         = "lambda:InvokeFunction"
              function_name  = "arn:aws:lambda:eu-west-1:111122223333:function:handler"
              principal      = "s3.amazonaws.com"
              source_arn     = "arn:aws:s3:::uploads"
              source_account = "111122223333"
            }

            resource "aws_lambda_permission" "from_account" {
              action        = "lambda:InvokeFunction"
              function_name = "handler"
              principal     = "444455556666"
            }

            resource "aws_lambda_permission" "public_url" {
              action                 = "lambda:InvokeFunctionUrl"
              function_name          = aws_lambda_function.app.function_name
              principal              = "*"
              function_url_auth_type = "NONE"
            }
            """,
        )
    )
    service = only_statement(inventory, "aws_lambda_permission.from_bucket")
    assert service.is_allow
    assert [(p.kind, p.value) for p in service.principals or ()] == [
        ("Service", "s3.amazonaws.com")
    ]
    assert [a.value for a in service.actions or ()] == ["lambda:InvokeFunction"]
    assert [r.value for r in service.resources or ()] == [
        "arn:aws:lambda:eu-west-1:111122223333:function:handler"
    ]
    assert conditions(service) == [
        ("ArnLike", "AWS:SourceArn", ["arn:aws:s3:::uploads"]),
        ("StringEquals", "AWS:SourceAccount", ["111122223333"]),
    ]
    assert service.principals is not None and service.principals[0].location.span.start_line == 5

    account = only_statement(inventory, "aws_lambda_permission.from_account")
    assert [(p.kind, p.value) for p in account.principals or ()] == [("AWS", "444455556666")]
    assert account.resources is None  # a bare function name is not an ARN

    public = only_statement(inventory, "aws_lambda_permission.public_url")
    assert [(p.kind, p.value) for p in public.principals or ()] == [("*", "*")]
    [resource] = public.resources or ()
    assert isinstance(resource.value, Unresolved)
    assert conditions(public) == [("StringEquals", "lambda:FunctionUrlAuthType", ["NONE"])]


def test_cloudformation_resource_policy_properties(extract: Extract, tmp_path: Path) -> None:
    inventory = extract(
        write(
            tmp_path,
            "template.yaml",
            """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Repository:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryPolicyText:
                    Statement:
                      - { Effect: Allow, Principal: "*", Action: ecr:BatchGetImage }
              Secret:
                Type: AWS::SecretsManager::ResourcePolicy
                Properties:
                  SecretId: db
                  ResourcePolicy:
                    Statement:
                      - { Effect: Allow, Principal: { AWS: "111122223333" }, Action: "*" }
              Search:
                Type: AWS::OpenSearchService::Domain
                Properties:
                  AccessPolicies:
                    Statement:
                      - { Effect: Allow, Principal: { AWS: "*" }, Action: es:ESHttpGet }
              Destination:
                Type: AWS::Logs::Destination
                Properties:
                  DestinationPolicy: >-
                    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                    "Action": "logs:PutSubscriptionFilter"}]}
            """,
        )
    )
    names = {
        d.owner: d.name
        for d in inventory.of_type(PolicyDocument)
        if d.kind is PolicyKind.RESOURCE and d.statements
    }
    assert names == {
        "Resources/Repository": "RepositoryPolicyText",
        "Resources/Secret": "ResourcePolicy",
        "Resources/Search": "AccessPolicies",
        "Resources/Destination": "DestinationPolicy",
    }


def test_cloudformation_event_bus_policy_in_both_forms(extract: Extract, tmp_path: Path) -> None:
    inventory = extract(
        write(
            tmp_path,
            "template.yaml",
            """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Statement:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: org
                  Statement:
                    Effect: Allow
                    Principal: "*"
                    Action: events:PutEvents
                    Resource: "*"
                    Condition:
                      StringEquals: { aws:PrincipalOrgID: o-a1b2c3d4e5 }
              Legacy:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: partner
                  Action: events:PutEvents
                  Principal: "*"
                  Condition:
                    Type: StringEquals
                    Key: aws:PrincipalOrgID
                    Value: o-a1b2c3d4e5
            """,
        )
    )
    for owner in ("Resources/Statement", "Resources/Legacy"):
        statement = only_statement(inventory, owner)
        assert [(p.kind, p.value) for p in statement.principals or ()] == [("*", "*")]
        assert [a.value for a in statement.actions or ()] == ["events:PutEvents"]
        assert conditions(statement) == [("StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("*", "*"),
        ("111122223333", "AWS"),
        ("arn:aws:iam::111122223333:role/app", "AWS"),
        ("events.amazonaws.com", "Service"),
        (Unresolved("var.p", "a variable"), "AWS"),
        (Unresolved.of_parts("x", "r", [None, ".amazonaws.com"]), "Service"),
    ],
)
def test_principal_kind_of_a_single_string(text: str | Unresolved, kind: str) -> None:
    assert principal_kind(text) == kind
