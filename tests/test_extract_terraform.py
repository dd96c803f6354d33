"""Terraform extraction: model values and the positions where they are written."""

from __future__ import annotations

import pytest

from policyguard.location import Span
from policyguard.model import (
    Inventory,
    KmsKey,
    OrganizationPolicy,
    PolicyDocument,
    PolicyKind,
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
    return extract(TESTDATA / "extract" / "terraform")


def one(inventory: Inventory, kind: type, address: str):  # type: ignore[no-untyped-def]
    [found] = [o for o in inventory.of_type(kind) if o.resource.address == address]
    return found


def test_role_with_trust_inline_policy_and_attachments(inventory: Inventory) -> None:
    role = one(inventory, Principal, "aws_iam_role.deployer")
    assert role.type is PrincipalType.ROLE
    assert role.name.value == "ci-deployer"
    assert role.resource.location.span == Span(2, 1, 2, 37)
    assert [e.value for e in role.managed_policy_arns] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert role.permissions_boundary.value == "arn:aws:iam::111122223333:policy/boundary"

    trust = role.trust_policy
    assert trust.kind is PolicyKind.TRUST
    [statement] = trust.statements
    assert statement.effect.value is Effect.ALLOW
    assert [(p.kind, p.value) for p in statement.principals] == [
        ("Service", "codebuild.amazonaws.com")
    ]
    assert statement.principals[0].location.span == Span(8, 32, 8, 57)
    assert [a.value for a in statement.actions] == ["sts:AssumeRole"]


def test_inline_policy_statement_elements_and_conditions(inventory: Inventory) -> None:
    role = one(inventory, Principal, "aws_iam_role.deployer")
    [inline] = role.inline_policies
    assert inline.name == "inline_policy.artifacts"
    [statement] = inline.statements
    assert statement.sid == "Artifacts"
    assert statement.location.span == Span(19, 20, 27, 8)
    assert [(a.value, a.location.span) for a in statement.actions] == [
        ("s3:GetObject", Span(22, 21, 22, 35)),
        ("s3:PutObject", Span(22, 37, 22, 51)),
    ]
    [resource] = statement.resources
    assert isinstance(resource.value, Unresolved)
    assert resource.value.expression == '"arn:aws:s3:::${var.bucket}/*"'
    assert resource.value.parts == ("arn:aws:s3:::", None, "/*")
    assert not resource.may_be("*")
    [condition] = statement.conditions
    assert (condition.operator, condition.key) == ("Bool", "aws:SecureTransport")
    assert [v.value for v in condition.values] == ["true"]


def test_heredoc_policy_keeps_positions_inside_the_json(inventory: Inventory) -> None:
    policy = one(inventory, PolicyResource, "aws_iam_user_policy.ops")
    assert not policy.managed
    assert [(t.type, t.name.describe()) for t in policy.attached_to] == [
        (
            PrincipalType.USER,
            str(Unresolved("aws_iam_user.ops.name", "aws_iam_user.ops is not known statically")),
        )
    ]
    [statement] = policy.document.statements
    assert statement.effect.value is Effect.DENY
    assert statement.actions is None
    assert [(a.value, a.location.span) for a in statement.not_actions] == [
        ("iam:*", Span(37, 53, 37, 60))
    ]
    assert statement.resources[0].location.span == Span(37, 74, 37, 77)


def test_unresolvable_policy_is_explicit(inventory: Inventory) -> None:
    policy = one(inventory, PolicyResource, "aws_iam_policy.from_data")
    assert policy.managed
    assert policy.document.statements == ()
    assert policy.document.unresolved == Unresolved(
        "data.aws_iam_policy_document.admin.json", "no such data source is declared"
    )


def test_kms_key_settings(inventory: Inventory) -> None:
    key = one(inventory, KmsKey, "aws_kms_key.data")
    assert key.key_spec.value == "SYMMETRIC_DEFAULT"
    assert key.origin is None
    assert key.rotation_enabled.value is False
    assert key.rotation_enabled.location.span == Span(49, 29, 49, 34)
    assert key.deletion_window_days.value == 7


def test_bucket_joins_its_separate_settings(inventory: Inventory) -> None:
    bucket = one(inventory, S3Bucket, "aws_s3_bucket.logs")
    assert bucket.name.value == "acme-logs"
    [acl] = bucket.acls
    assert acl.source.address == "aws_s3_bucket_acl.logs"
    assert acl.canned is None
    [grant] = acl.grants
    assert (grant.grantee_type, grant.grantee.value, grant.permission.value) == (
        "Group",
        "http://acs.amazonaws.com/groups/global/AllUsers",
        "READ",
    )
    assert grant.grantee.location.span == Span(63, 16, 63, 65)
    block = bucket.public_access_block
    assert block.block_public_acls.value is True
    assert block.ignore_public_acls.value == Unresolved(
        "var.ignore_acls", "no such variable is declared"
    )
    assert block.block_public_policy is None
    assert bucket.object_ownership.value == "ObjectWriter"


def test_organizations_policies_by_type(inventory: Inventory) -> None:
    [scp] = inventory.of_type(OrganizationPolicy)
    assert scp.resource.address == "aws_organizations_policy.guardrails"
    assert scp.kind is PolicyKind.SCP
    assert [a.value for a in scp.document.statements[0].actions] == [
        "organizations:LeaveOrganization"
    ]


def test_every_document_is_in_the_inventory_once(inventory: Inventory) -> None:
    documents = inventory.of_type(PolicyDocument)
    assert sorted((d.owner, d.name) for d in documents) == [
        ("aws_iam_policy.from_data", "policy"),
        ("aws_iam_role.deployer", "assume_role_policy"),
        ("aws_iam_role.deployer", "inline_policy.artifacts"),
        ("aws_iam_user_policy.ops", "policy"),
        ("aws_organizations_policy.guardrails", "content"),
    ]
