"""Deployment units: root modules and templates are joined each on their own."""

from __future__ import annotations

from pathlib import Path

from policyguard.iam.effective import principal_policies
from policyguard.iam.units import deployment_units, unit_of
from policyguard.model import Inventory, Organization, Principal
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins
from policyguard.source import SourceFile

ROLE_TF = """
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "%s", Resource = "*" }]
  })
}
"""

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::IAM::User
"""


def _inventory(plugins: Plugins, tmp_path: Path, files: dict[str, str]) -> Inventory:
    hook = plugins.manager.hook
    parsed = []
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        parsed.append(hook.policyguard_parse_file(source=SourceFile(path, relative)))
    extractions = hook.policyguard_extract(
        files=[p for p in parsed if p is not None], context=ExtractContext()
    )
    return Inventory.of(o for e in extractions if e is not None for o in e.objects)


def test_root_modules_and_templates_are_units(plugins: Plugins, tmp_path: Path) -> None:
    inventory = _inventory(
        plugins,
        tmp_path,
        {
            "dev/main.tf": ROLE_TF % "s3:GetObject",
            "prod/main.tf": ROLE_TF % "iam:PassRole",
            "stacks/a.yaml": TEMPLATE,
            "stacks/b.yaml": TEMPLATE,
        },
    )
    units = deployment_units(inventory)
    paths = sorted(u.of_type(Principal)[0].resource.location.path for u in units)
    assert paths == ["dev/main.tf", "prod/main.tf", "stacks/a.yaml", "stacks/b.yaml"]
    assert len({unit_of(u.of_type(Principal)[0]) for u in units}) == 4


def test_same_address_in_two_root_modules_keeps_its_own_policies(
    plugins: Plugins, tmp_path: Path
) -> None:
    inventory = _inventory(
        plugins,
        tmp_path,
        {"dev/main.tf": ROLE_TF % "s3:GetObject", "prod/main.tf": ROLE_TF % "iam:PassRole"},
    )
    actions = set()
    for unit in deployment_units(inventory):
        (policies,) = principal_policies(unit).values()
        (document,) = policies.identity
        (statement,) = document.statements
        path = policies.principal.resource.location.path
        actions.add((path, statement.actions[0].value))  # type: ignore[index]
    assert actions == {("dev/main.tf", "s3:GetObject"), ("prod/main.tf", "iam:PassRole")}


def test_an_empty_inventory_has_no_units() -> None:
    assert deployment_units(Inventory.of([])) == ()


ORGANIZATION_TF = """
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}
"""


def test_every_unit_sees_the_organizations_tree(plugins: Plugins, tmp_path: Path) -> None:
    inventory = _inventory(
        plugins,
        tmp_path,
        {"org/main.tf": ORGANIZATION_TF, "dev/main.tf": ROLE_TF % "s3:GetObject"},
    )
    for unit in deployment_units(inventory):
        assert unit.of_type(Organization)
