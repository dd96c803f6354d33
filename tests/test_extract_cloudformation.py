"""CloudFormation extraction: model values, intrinsics and where the values are written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from policyguard.diagnostics import Diagnostic
from policyguard.extract import cloudformation
from policyguard.location import Span
from policyguard.model import (
    Account,
    Inventory,
    KmsKey,
    Located,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
    PolicyAttachment,
    PolicyDocument,
    PolicyKind,
    PolicyResource,
    Principal,
    PrincipalType,
    Resource,
    S3Bucket,
    SourceFormat,
    Statement,
    Unresolved,
)
from policyguard.model.iam import Effect
from policyguard.model.principals import GroupMembership
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins
from policyguard.source import SourceFile
from tests.conftest import Extract, Scan
from tests.helpers import TESTDATA


@pytest.fixture(scope="module")
def inventory(extract: Extract) -> Inventory:
    return extract(TESTDATA / "extract" / "cloudformation")


def one(inventory: Inventory, kind: type, logical_id: str):  # type: ignore[no-untyped-def]
    [found] = [
        o for o in inventory.of_type(kind) if o.resource.address == f"Resources/{logical_id}"
    ]
    return found


def test_role_trust_policy_and_attachments(inventory: Inventory) -> None:
    role = one(inventory, Principal, "DeployerRole")
    assert role.type is PrincipalType.ROLE
    assert role.name.value == "ci-deployer"
    assert role.resource.location.span == Span(7, 3, 7, 15)
    assert [a.value for a in role.managed_policy_arns] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    boundary = role.permissions_boundary.value
    assert isinstance(boundary, Unresolved)
    assert boundary.parts == ("arn:aws:iam::", None, ":policy/boundary")
    [statement] = role.trust_policy.statements
    assert [(p.kind, p.value, p.location.span) for p in statement.principals] == [
        ("Service", "codebuild.amazonaws.com", Span(16, 25, 16, 48))
    ]
    assert [(a.value, a.location.span) for a in statement.actions] == [
        ("sts:AssumeRole", Span(17, 21, 17, 35))
    ]


def test_inline_policy_elements_sub_and_conditions(inventory: Inventory) -> None:
    [inline] = one(inventory, Principal, "DeployerRole").inline_policies
    assert inline.name == "Policies.artifacts"
    [statement] = inline.statements
    assert (statement.sid, statement.location.span) == ("Artifacts", Span(26, 17, 32, 48))
    assert [(a.value, a.location.span) for a in statement.actions] == [
        ("s3:GetObject", Span(28, 26, 28, 38)),
        ("s3:PutObject", Span(28, 40, 28, 52)),
    ]
    [resource] = statement.resources
    assert isinstance(resource.value, Unresolved)
    assert resource.value.parts == ("arn:aws:s3:::", None, "/*")
    assert not resource.may_be("*")
    [condition] = statement.conditions
    assert (condition.operator, condition.key, [v.value for v in condition.values]) == (
        "Bool",
        "aws:SecureTransport",
        ["true"],
    )


def test_policy_document_as_json_string_keeps_positions(inventory: Inventory) -> None:
    policy = one(inventory, PolicyResource, "OpsPolicy")
    assert not policy.managed
    assert policy.name.value == "ops"
    [target] = policy.attached_to
    assert target.type is PrincipalType.USER
    user = target.name
    assert user.value == Unresolved(
        '{"Ref":"OpsUser"}', "OpsUser is neither a parameter nor a resource"
    )
    [statement] = policy.document.statements
    assert statement.effect.value is Effect.DENY
    assert [(a.value, a.location.span) for a in statement.not_actions] == [
        ("iam:*", Span(41, 57, 41, 64))
    ]


def test_unresolvable_policy_is_explicit(inventory: Inventory) -> None:
    policy = one(inventory, PolicyResource, "ImportedPolicy")
    assert policy.managed
    assert policy.document.statements == ()
    assert policy.document.unresolved == Unresolved(
        '{"Fn::ImportValue":"shared-policy"}', "Fn::ImportValue is not resolved statically"
    )


def test_kms_key_settings_from_strings(inventory: Inventory) -> None:
    key = one(inventory, KmsKey, "DataKey")
    assert key.key_spec.value == "SYMMETRIC_DEFAULT"
    assert key.rotation_enabled.value is False
    assert key.rotation_enabled.location.span == Span(51, 26, 51, 33)
    assert key.deletion_window_days.value == 7


def test_bucket_with_its_policy_and_settings(inventory: Inventory) -> None:
    bucket = one(inventory, S3Bucket, "LogsBucket")
    [acl] = bucket.acls
    assert (acl.canned.value, acl.canned.location.span) == ("public-read", Span(57, 22, 57, 32))
    assert bucket.public_access_block.block_public_acls.value is True
    assert bucket.public_access_block.ignore_public_acls.value == Unresolved(
        '{"Ref":"IgnoreAcls"}', "IgnoreAcls is neither a parameter nor a resource"
    )
    assert bucket.object_ownership.value == "ObjectWriter"
    policy = bucket.policy
    assert policy.owner == "Resources/LogsBucketPolicy"
    [statement] = policy.statements
    assert [(p.kind, p.value) for p in statement.principals] == [("*", "*")]
    [resource] = statement.resources
    assert isinstance(resource.value, Unresolved)
    assert resource.value.parts == ("arn:aws:s3:::", None, "/*")


def test_only_service_and_resource_control_policies_are_read(inventory: Inventory) -> None:
    [scp] = inventory.of_type(OrganizationPolicy)
    assert scp.resource.address == "Resources/Guardrails"
    [attachment] = inventory.of_type(OrganizationPolicyAttachment)
    assert (attachment.policy_address, attachment.target.value) == (
        "Resources/Guardrails",
        "r-abcd",
    )
    assert [a.value for a in scp.document.statements[0].actions] == [
        "organizations:LeaveOrganization"
    ]


# --- resource policies of other services, Organizations, conditions ---------------------------


@pytest.fixture(scope="module")
def services(extract: Extract) -> Inventory:
    return extract(TESTDATA / "extract" / "cloudformation" / "services")


def documents(inventory: Inventory, logical_id: str) -> list[PolicyDocument]:
    return [d for d in inventory.of_type(PolicyDocument) if d.owner == f"Resources/{logical_id}"]


def statement_values(statement: Statement) -> dict[str, object]:
    """A statement's elements as plain values."""
    return {
        "effect": statement.effect.value,
        "actions": [a.value for a in statement.actions or ()],
        "resources": [r.value for r in statement.resources or ()],
        "principals": [(p.kind, p.value) for p in statement.principals or ()],
        "conditions": [
            (c.operator, c.key, [v.value for v in c.values]) for c in statement.conditions
        ],
    }


def test_topic_policy_principal_from_a_parameter_default(services: Inventory) -> None:
    [policy] = documents(services, "TopicPolicy")
    assert policy.kind is PolicyKind.RESOURCE
    [statement] = policy.statements
    [principal] = tuple(statement.principals or ())
    assert (principal.kind, principal.value) == ("AWS", "111122223333")
    assert principal.location.span == Span(10, 14, 10, 28)  # the parameter's default


def test_queue_policy_as_a_json_string(services: Inventory) -> None:
    [policy] = documents(services, "QueuePolicy")
    assert policy.kind is PolicyKind.RESOURCE
    [statement] = policy.statements
    assert statement_values(statement)["principals"] == [("*", "*")]
    [action] = tuple(statement.actions or ())
    assert action.location.span == Span(33, 112, 33, 129)


def test_lambda_permission_for_a_service(services: Inventory) -> None:
    [policy] = documents(services, "FromBucket")
    assert (policy.kind, policy.name) == (PolicyKind.RESOURCE, "Permission")
    [statement] = policy.statements
    values = statement_values(statement)
    assert values["effect"] is Effect.ALLOW
    assert values["actions"] == ["lambda:InvokeFunction"]
    assert values["principals"] == [("Service", "s3.amazonaws.com")]
    [resource] = tuple(statement.resources or ())
    assert isinstance(resource.value, Unresolved) and resource.value.parts == ("arn:", None)
    assert values["conditions"] == [
        ("ArnLike", "AWS:SourceArn", ["arn:aws:s3:::acme-uploads"]),
        ("StringEquals", "AWS:SourceAccount", [Unresolved("AWS::AccountId", "pseudo parameter")]),
    ]
    assert statement.effect.location.span == Span(38, 3, 38, 13)  # the logical id
    assert [p.location.span for p in statement.principals or ()] == [Span(43, 18, 43, 34)]


def test_lambda_permission_for_an_account_and_a_function_name(services: Inventory) -> None:
    [policy] = documents(services, "FromAccount")
    [statement] = policy.statements
    assert statement_values(statement)["principals"] == [("AWS", "111122223333")]
    [resource] = tuple(statement.resources or ())
    assert isinstance(resource.value, Unresolved)
    assert resource.value.parts == (
        "arn:",
        None,
        ":lambda:",
        None,
        ":",
        None,
        ":function:handler-function",
    )
    assert resource.location.span == Span(50, 21, 50, 37)


def test_lambda_permission_for_a_public_function_url(services: Inventory) -> None:
    [policy] = documents(services, "PublicUrl")
    [statement] = policy.statements
    values = statement_values(statement)
    assert values["principals"] == [("*", "*")]
    assert values["conditions"] == [("StringEquals", "lambda:FunctionUrlAuthType", ["NONE"])]


def test_key_policy_sub_keeps_positions_and_known_pieces(services: Inventory) -> None:
    key = one(services, KmsKey, "Key")
    root, trusted = key.policy.statements
    [root_principal] = tuple(root.principals or ())
    assert isinstance(root_principal.value, Unresolved)
    assert root_principal.value.parts == ("arn:", None, ":iam::", None, ":root")
    assert root_principal.location.span == Span(67, 35, 67, 86)
    [trusted_principal] = tuple(trusted.principals or ())
    assert trusted_principal.value == "arn:aws:iam::111122223333:root"
    assert trusted_principal.location.span == Span(69, 35, 69, 72)
    assert trusted.effect.location.span == Span(68, 42, 68, 49)


def test_organizations_units_accounts_and_targets(services: Inventory) -> None:
    [organization] = services.of_type(Organization)
    assert organization.feature_set is not None
    assert organization.feature_set.value == "ALL"
    unit = one(services, OrganizationalUnit, "Workloads")
    assert (unit.name.value, unit.parent.value) == ("workloads", "r-abcd")
    account = one(services, Account, "Member")
    assert account.name.value == "member"
    assert account.parent.value == Unresolved(
        '{"Ref":"Workloads"}', "resource Workloads has a physical id known only after deployment"
    )
    policy = one(services, OrganizationPolicy, "DenyLeave")
    attachments = [
        a
        for a in services.of_type(OrganizationPolicyAttachment)
        if a.policy_address == "Resources/DenyLeave"
    ]
    assert [(a.target.value.expression, a.target_address) for a in attachments] == [  # type: ignore[union-attr]
        ('{"Ref":"Workloads"}', "Resources/Workloads"),
        ('{"Ref":"Member"}', "Resources/Member"),
    ]
    assert unit.parent_address is None
    assert account.parent_address == "Resources/Workloads"
    assert statement_values(policy.document.statements[0])["actions"] == [
        "organizations:LeaveOrganization"
    ]


def test_user_to_group_addition_is_a_membership_per_user(services: Inventory) -> None:
    memberships = list(services.of_type(GroupMembership))
    assert [(m.user_address, m.group_address) for m in memberships] == [
        ("Resources/Alice", "Resources/Admins"),
        (None, "Resources/Admins"),
    ]
    assert memberships[1].user.value == "bob"
    assert memberships[1].user.location.span == Span(108, 27, 108, 30)
    alice = one(services, Principal, "Alice")
    assert [g.value.expression for g in alice.groups] == ['{"Ref":"Admins"}']


def test_user_policy_resource_with_conditions(services: Inventory) -> None:
    policy = one(services, PolicyResource, "AliceInline")
    assert not policy.managed
    assert [a.name.value.expression for a in policy.attached_to] == ['{"Ref":"Alice"}']
    [statement] = policy.document.statements  # the IsProd-only statement is removed
    assert statement_values(statement)["actions"] == ["s3:*"]  # IsProd is false by default


def test_resource_with_a_false_condition_is_not_extracted(
    services: Inventory, extract: Extract, plugins: Plugins
) -> None:
    assert not [r for r in services.of_type(Resource) if r.address == "Resources/ProdOnly"]
    notes = diagnostics_of(plugins, TESTDATA / "extract" / "cloudformation" / "services")
    assert [(d.span, d.message) for d in notes] == [
        (
            Span(122, 16, 122, 22),
            "Resources/ProdOnly is not extracted: its condition IsProd is false with the "
            "parameter defaults",
        )
    ]


def diagnostics_of(plugins: Plugins, directory: Path) -> list[Diagnostic]:
    hook = plugins.manager.hook
    parsed = [
        hook.policyguard_parse_file(source=SourceFile(path, path.name))
        for path in sorted(directory.iterdir())
        if path.is_file()
    ]
    files = [p for p in parsed if p is not None]
    extraction = cloudformation.extract_templates(files, ExtractContext())
    assert extraction is not None
    return list(extraction.diagnostics)


# --- SAM --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serverless(extract: Extract) -> Inventory:
    return extract(TESTDATA / "extract" / "cloudformation" / "sam")


def test_sam_function_role_is_a_principal_of_the_function(serverless: Inventory) -> None:
    role = one(serverless, Principal, "Api")
    assert role.type is PrincipalType.ROLE
    assert role.resource.type == "AWS::Serverless::Function"
    assert role.name is None
    assert [a.value for a in role.managed_policy_arns][:4] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::123456789012:policy/custom",
    ]
    assert role.managed_policy_arns[2].location.span == Span(20, 11, 20, 33)
    assert role.permissions_boundary.value == "arn:aws:iam::123456789012:policy/boundary"
    [trust] = role.trust_policy.statements
    assert statement_values(trust)["principals"] == [("Service", "lambda.amazonaws.com")]
    assert trust.location.span == Span(14, 3, 14, 6)


def test_sam_inline_policies_and_templates(serverless: Inventory) -> None:
    role = one(serverless, Principal, "Api")
    names = [d.name for d in role.inline_policies]
    assert names == [f"Policies.ApiRolePolicy{i}" for i in (3, 4, 5, 6, 7)]
    s3_read = role.inline_policies[1]
    [statement] = s3_read.statements
    bucket, objects = tuple(statement.resources or ())
    assert isinstance(bucket.value, Unresolved)
    assert bucket.value.parts == ("arn:", None, ":s3:::acme-uploads")
    assert objects.value.parts == ("arn:", None, ":s3:::acme-uploads/*")
    assert bucket.location.span == Span(28, 25, 28, 37)  # BucketName of the template
    dynamodb = role.inline_policies[2].statements[0]
    [table, _] = tuple(dynamodb.resources or ())
    assert table.value.parts[-1] == ":table/orders"
    assert table.location.span == Span(30, 24, 30, 38)
    unknown = role.inline_policies[4]
    assert unknown.unresolved == Unresolved(
        "NoSuchPolicy", "NoSuchPolicy is not a SAM policy template"
    )
    assert unknown.location.span == Span(33, 11, 33, 23)
    assert unknown in serverless.of_type(PolicyDocument)


def test_sam_unknown_policy_template_is_a_note(plugins: Plugins) -> None:
    notes = diagnostics_of(plugins, TESTDATA / "extract" / "cloudformation" / "sam")
    assert [(d.id.value, d.level.value, d.span) for d in notes] == [
        ("PG-004", "note", Span(33, 11, 33, 23))
    ]
    assert "NoSuchPolicy is not a SAM policy template" in notes[0].message


def test_sam_function_with_a_role_generates_none(serverless: Inventory) -> None:
    assert [p.resource.address for p in serverless.of_type(Principal)] == [
        "Resources/Api",
        "Resources/Single",
        "Resources/Workflow",
    ]
    shared = one(serverless, PolicyResource, "SharedPolicy")
    assert shared.attached_to == ()
    [attachment] = serverless.of_type(PolicyAttachment)
    assert (attachment.policy_address, attachment.principal_address) == (
        "Resources/SharedPolicy",
        None,  # the role SAM generates for Api is not a declared resource
    )
    assert attachment.principal.value == Unresolved(
        '{"Ref":"ApiRole"}', "resource ApiRole has a physical id known only after deployment"
    )


# --- LanguageExtensions, CDK, nested stacks ---------------------------------------------------


def test_for_each_buckets_are_found_by_s3_001(scan: Scan) -> None:
    directory = TESTDATA / "extract" / "cloudformation" / "foreach"
    report = scan(directory, select=["S3-001"])
    assert sorted(r.location.logical_name for r in report.results) == [
        "Resources/FailPublicBlog",
        "Resources/FailPublicDocs",
    ]
    assert {r.location.span for r in report.results} == {Span(19, 26, 19, 36)}
    [note] = report.diagnostics
    assert note.level.value == "note" and "Fn::ForEach::Unexpanded" in note.message


def test_for_each_generated_properties(extract: Extract) -> None:
    inventory = extract(TESTDATA / "extract" / "cloudformation" / "foreach")
    assert [b.resource.address for b in inventory.of_type(S3Bucket)] == [
        "Resources/FailPublicBlog",
        "Resources/FailPublicDocs",
        "Resources/PassdatascienceBucket",
        "Resources/PasswebBucket",
    ]
    science = one(inventory, S3Bucket, "PassdatascienceBucket")
    assert science.name.value == "acme-data-science"
    assert science.versioning.status.value == "Enabled"
    blog = one(inventory, S3Bucket, "FailPublicBlog")
    assert blog.name.value.parts == ("acme-Blog-", None)
    assert blog.resource.location.span == Span(15, 7, 15, 24)


def test_cdk_template(extract: Extract) -> None:
    inventory = extract(TESTDATA / "extract" / "cloudformation" / "cdk")
    role = one(inventory, Principal, "HandlerServiceRoleFCDC14AE")
    [managed] = role.managed_policy_arns
    assert isinstance(managed.value, Unresolved)
    assert managed.value.parts == (
        "arn:",
        None,
        ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    assert statement_values(role.trust_policy.statements[0])["principals"] == [
        ("Service", "lambda.amazonaws.com")
    ]
    policy = one(inventory, PolicyResource, "HandlerServiceRoleDefaultPolicyCBD0CC91")
    assert [r.name.value.expression for r in policy.attached_to] == [
        '{"Ref":"HandlerServiceRoleFCDC14AE"}'
    ]
    arn, objects = tuple(policy.document.statements[0].resources or ())
    assert arn.value.parts == ("arn:", None)
    assert objects.value.parts == ("arn:", None, "/*")
    bucket = one(inventory, S3Bucket, "DataBucketE3889A50")
    assert bucket.policy is not None
    assert bucket.policy.owner == "Resources/DataBucketPolicy4A0E7C16"
    assert bucket.public_access_block.ignore_public_acls.value is True
    assert any(r.address == "Resources/CDKMetadata" for r in inventory.of_type(Resource))


def test_nested_stacks_are_noted(plugins: Plugins) -> None:
    notes = diagnostics_of(plugins, TESTDATA / "extract" / "cloudformation" / "nested")
    assert [(d.id.value, d.level.value, d.span.start_line) for d in notes] == [  # type: ignore[union-attr]
        ("PG-004", "note", 8),
        ("PG-004", "note", 14),
        ("PG-004", "note", 19),
    ]
    assert notes[0].message == (
        "nested stack Resources/Network uses the template ./stacks/network.yaml "
        "(stacks/network.yaml); it is scanned on its own when under the scan path, without the "
        "parameters this stack passes"
    )
    assert "remote template https://" in notes[1].message
    assert "Serverless Application Repository" in notes[2].message


# --- a template and its Terraform twin yield the same model ----------------------------------

_FORMAT_FIELDS = frozenset({"location", "resource", "source", "owner", "module_calls"})


def plain(value: object) -> object:
    """A model value without what differs between formats: locations, addresses, labels."""
    if isinstance(value, Located):
        return plain(value.value)
    if isinstance(value, PolicyDocument):
        return ("document", value.kind, plain(value.version), plain(value.statements))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, plain(getattr(value, f.name)))
                for f in dataclasses.fields(value)
                if f.name not in _FORMAT_FIELDS
            ),
        )
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def test_template_and_terraform_twin_extract_alike(extract: Extract) -> None:
    inventory = extract(TESTDATA / "extract" / "cloudformation" / "paired")
    by_format: dict[SourceFormat, list[object]] = {f: [] for f in SourceFormat}
    for obj in inventory.objects:
        if isinstance(obj, Resource):
            continue
        fmt = (
            getattr(obj, "resource").format  # noqa: B009 - every other model object has one
            if not isinstance(obj, PolicyDocument)
            else (
                SourceFormat.TERRAFORM
                if obj.location.path.endswith(".tf")
                else SourceFormat.CLOUDFORMATION
            )
        )
        by_format[fmt].append(obj)

    def model(fmt: SourceFormat) -> list[str]:
        return sorted(repr(plain(o)) for o in by_format[fmt])

    terraform, cloudformation_model = (
        model(SourceFormat.TERRAFORM),
        model(SourceFormat.CLOUDFORMATION),
    )
    assert len(terraform) == 9
    assert terraform == cloudformation_model


@pytest.mark.parametrize(
    ("logical_id", "name", "attached"),
    [("AdminsInline", "admins-inline", "admins"), ("RoleInline", "role-inline", "dev-role")],
)
def test_role_and_group_policy_resources(
    services: Inventory, logical_id: str, name: str, attached: str
) -> None:
    policy = one(services, PolicyResource, logical_id)
    assert not policy.managed
    assert policy.name.value == name
    assert [a.name.value for a in policy.attached_to] == [attached]
    assert policy.document.statements[0].effect.value is Effect.ALLOW


def test_template_past_a_loop_bound_is_a_limit_diagnostic(
    plugins: Plugins, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("policyguard.resolve.intrinsics.foreach.MAX_LOOP_COPIES", 1)
    [diagnostic] = diagnostics_of(plugins, TESTDATA / "extract" / "cloudformation" / "foreach")
    assert (diagnostic.id.value, diagnostic.level.value) == ("PG-002", "error")
    assert diagnostic.span == Span(12, 3, 12, 29)
    assert diagnostic.message == (
        "template not extracted: Fn::ForEach loops make more than 1 copies"
    )
