"""Which SCP and RCP Deny statements deny an action, where they attach, and how certain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyguard.iam.ceiling import (
    AttachPoint,
    CeilingDeny,
    OrganizationTree,
    ceiling_related,
    denies_action,
    denying_statements,
)
from policyguard.model import Inventory, KmsKey, PolicyDocument, PolicyKind
from policyguard.model.accounts import AccountSettings
from tests.conftest import Extract

ORGANIZATION = """
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "prod"
  parent_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_organizations_account" "app" {
  name      = "app"
  email     = "app@example.com"
  parent_id = aws_organizations_organizational_unit.prod.id
}

resource "aws_organizations_policy" "root_guardrails" {
  name = "root"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "NoLeave", Effect = "Deny", Action = "organizations:LeaveOrganization",
        Resource = "*" },
      { Sid = "NoTrailStop", Effect = "Deny", Action = "cloudtrail:Stop*", Resource = "*",
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/Admin" } } },
    ]
  })
}

resource "aws_organizations_policy_attachment" "root_guardrails" {
  policy_id = aws_organizations_policy.root_guardrails.id
  target_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_organizations_policy" "prod_only" {
  name = "prod"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "NoIamUsers", Effect = "Deny", Action = "iam:CreateUser",
                   Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "prod_only" {
  policy_id = aws_organizations_policy.prod_only.id
  target_id = aws_organizations_organizational_unit.prod.id
}

resource "aws_organizations_policy" "literal_ou" {
  name = "literal"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "NoDeleteBucket", Effect = "Deny", NotAction = "s3:Get*",
                   Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "literal_ou" {
  policy_id = aws_organizations_policy.literal_ou.id
  target_id = "ou-ab12-cd34ef56"
}

resource "aws_organizations_policy" "rcp" {
  name = "rcp"
  type = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "TlsOnly", Effect = "Deny", Principal = "*", Action = "s3:*",
                   Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "aws_organizations_policy_attachment" "rcp" {
  policy_id = aws_organizations_policy.rcp.id
  target_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}
"""


@pytest.fixture
def inventory(tmp_path: Path, extract: Extract) -> Inventory:
    (tmp_path / "main.tf").write_text(ORGANIZATION)
    return extract(tmp_path)


def _sids(denies: tuple[CeilingDeny, ...]) -> set[str]:
    return {deny.statement.describe() for deny in denies}


def test_root_attachments_apply_organization_wide(inventory: Inventory) -> None:
    denies = denying_statements(inventory, "organizations:LeaveOrganization")
    assert _sids(denies) == {"NoLeave"}
    (deny,) = denies
    assert deny.attach_point is AttachPoint.ROOT
    assert deny.certain
    assert deny.target == "aws_organizations_organization.org"


def test_conditions_make_a_denial_uncertain(inventory: Inventory) -> None:
    (deny,) = denying_statements(inventory, "cloudtrail:StopLogging")
    assert deny.statement.describe() == "NoTrailStop"
    assert not deny.certain


def test_ou_attachments_apply_only_below_the_ou(inventory: Inventory) -> None:
    assert denying_statements(inventory, "iam:CreateUser") == ()
    below = denying_statements(inventory, "iam:CreateUser", node="aws_organizations_account.app")
    assert _sids(below) == {"NoIamUsers"}
    assert below[0].attach_point is AttachPoint.OU


def test_deployment_setting_places_a_resource(inventory: Inventory) -> None:
    (key,) = inventory.of_type(KmsKey)
    settings = AccountSettings(deployments=(("*", "ou-ab12-cd34ef56"),))
    placed = Inventory.of(inventory.objects, settings)
    denies = denying_statements(placed, "s3:DeleteBucket", path=key.resource.location.path)
    assert _sids(denies) == {"NoDeleteBucket", "TlsOnly"}
    assert denying_statements(placed, "s3:GetObject", path=key.resource.location.path)[
        0
    ].policy.kind is (PolicyKind.RCP)


def test_rcps_cover_only_their_services(inventory: Inventory) -> None:
    assert denying_statements(inventory, "ec2:RunInstances") == ()
    (deny,) = denying_statements(inventory, "s3:PutObject")
    assert deny.policy.kind is PolicyKind.RCP
    assert not deny.certain


def test_tree_paths_follow_declared_parents(inventory: Inventory) -> None:
    tree = OrganizationTree(inventory)
    assert tree.declared
    assert tree.path("aws_organizations_account.app") == (
        "aws_organizations_organization.org",
        "aws_organizations_organizational_unit.prod",
        "aws_organizations_account.app",
    )
    assert tree.path("123456789012") == ("aws_organizations_organization.org", "123456789012")


def test_related_locations_name_the_policy(inventory: Inventory) -> None:
    related = ceiling_related(denying_statements(inventory, "cloudtrail:StopLogging"))
    assert len(related) == 1
    assert "aws_organizations_policy.root_guardrails" in related[0].message
    assert "unless" in related[0].message


@pytest.mark.parametrize(
    ("statement", "action", "expected"),
    [
        ({"Effect": "Deny", "Action": "s3:*"}, "s3:GetObject", True),
        ({"Effect": "Deny", "Action": "s3:*"}, "ec2:RunInstances", False),
        ({"Effect": "Allow", "Action": "*"}, "s3:GetObject", False),
        ({"Effect": "Deny", "NotAction": "iam:*"}, "s3:GetObject", True),
        ({"Effect": "Deny", "NotAction": "iam:*"}, "iam:CreateUser", False),
    ],
)
def test_denies_action(
    tmp_path: Path, extract: Extract, statement: dict[str, str], action: str, expected: bool
) -> None:
    document = {"Version": "2012-10-17", "Statement": [{**statement, "Resource": "*"}]}
    (tmp_path / "main.tf").write_text(
        'resource "aws_organizations_policy" "p" {\n'
        f"  content = <<EOF\n{json.dumps(document)}\nEOF\n}}\n"
    )
    (policy,) = extract(tmp_path).of_type(PolicyDocument)
    assert denies_action(policy.statements[0], action) is expected
