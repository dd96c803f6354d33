"""CloudFormation extraction: model values, intrinsics and where the values are written."""

from __future__ import annotations

import pytest

from policyguard.location import Span
from policyguard.model import (
    Inventory,
    KmsKey,
    OrganizationPolicy,
    PolicyResource,
    Principal,
    PrincipalType,
    S3Bucket,
    Unresolved,
)
from policyguard.model.iam import Effect
from tests.conftest import Extract
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
    [user] = policy.attached_to
    assert user.value == Unresolved('{"Ref":"OpsUser"}', "Ref is not resolved statically")
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
        '{"Ref":"IgnoreAcls"}', "Ref is not resolved statically"
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
    assert [t.value for t in scp.targets] == ["r-abcd"]
    assert [a.value for a in scp.document.statements[0].actions] == [
        "organizations:LeaveOrganization"
    ]
