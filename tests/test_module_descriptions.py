"""The built-in descriptions of registry modules, called as users call them, in each version
range they describe."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from policyguard.diagnostics import DiagnosticId
from policyguard.findings import Confidence
from policyguard.model import (
    GroupMembership,
    PolicyAttachment,
    Principal,
    PrincipalType,
    Resource,
)
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins
from policyguard.scan import ScanOptions, run_scan
from policyguard.source import SourceFile

S3 = "terraform-aws-modules/s3-bucket/aws"
KMS = "terraform-aws-modules/kms/aws"
IAM = "terraform-aws-modules/iam/aws//modules"

PUBLIC_BUCKET = """
  bucket                   = "acme-site"
  acl                      = "public-read"
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
  block_public_acls        = false
  ignore_public_acls       = false
"""
ADMIN_POLICY = """
  name   = "admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
"""


def call(tmp_path: Path, source: str, version: str, inputs: str) -> Path:
    text = f'module "m" {{\n  source  = "{source}"\n  version = "{version}"\n{inputs}}}\n'
    (tmp_path / "main.tf").write_text(textwrap.dedent(text))
    return tmp_path


FIRST_RULES = ("IAM-001", "KMS-001", "S3-001")
"""The rules whose inputs the descriptions were first tested with."""


def results(plugins: Plugins, root: Path) -> list[tuple[str, str, int, Confidence]]:
    checks = tuple(c for c in plugins.checks if c.id in FIRST_RULES)
    report = run_scan(ScanOptions((root,), root, checks), plugins)
    assert [d for d in report.diagnostics if d.id is not DiagnosticId.NOT_RESOLVED] == []
    assert [d for d in report.diagnostics if "is not scanned" in d.message] == []
    return sorted(
        (r.rule_id, r.location.path, r.location.start_line, r.finding.confidence)
        for r in report.results
    )


@pytest.mark.parametrize(
    ("source", "version", "inputs", "expected"),
    [
        (S3, "4.1.2", PUBLIC_BUCKET, [("S3-001", "main.tf", 6, Confidence.HIGH)]),
        (S3, "4.1.2", '  bucket = "acme-private"\n', []),
        (S3, "3.15.0", '  bucket = "acme"\n  acl = "public-read"\n', []),
        (
            S3,
            "3.8.2",
            '  bucket = "acme"\n  acl = "public-read"\n',
            [("S3-001", "main.tf", 5, Confidence.HIGH)],
        ),
        (
            S3,
            "~> 3.0",
            '  bucket = "acme"\n  acl = "public-read"\n',
            [("S3-001", "main.tf", 5, Confidence.LOW)],
        ),
        (
            S3,
            "2.14.1",
            '  bucket = "acme"\n  acl = "public-read"\n',
            [("S3-001", "main.tf", 5, Confidence.HIGH)],
        ),
        (
            KMS,
            "2.1.0",
            "  enable_key_rotation = false\n",
            [("KMS-001", "main.tf", 4, Confidence.HIGH)],
        ),
        (KMS, "2.1.0", '  description = "default rotation"\n', []),
        (
            KMS,
            "4.0.0",
            "  enable_key_rotation = false\n",
            [("KMS-001", "main.tf", 4, Confidence.HIGH)],
        ),
        (f"{IAM}/iam-policy", "5.39.0", ADMIN_POLICY, [("IAM-001", "main.tf", 8, Confidence.HIGH)]),
        (f"{IAM}/iam-policy", "6.0.0", ADMIN_POLICY, [("IAM-001", "main.tf", 8, Confidence.HIGH)]),
        (
            f"{IAM}/iam-policy",
            "6.0.0",
            '  name = "empty"\n  policy = jsonencode({Statement = []})\n',
            [],
        ),
    ],
    ids=[
        "s3-v4-public",
        "s3-v4-defaults",
        "s3-v3.9+-blocks-by-default",
        "s3-v3.8-public",
        "s3-v3-range-disputed",
        "s3-v2-public",
        "kms-v2-rotation-off",
        "kms-v2-default",
        "kms-v4-rotation-off",
        "iam-policy-v5-admin",
        "iam-policy-v6-admin",
        "iam-policy-v6-empty",
    ],
)
def test_described_module_calls(
    plugins: Plugins,
    tmp_path: Path,
    source: str,
    version: str,
    inputs: str,
    expected: list[tuple[str, str, int, Confidence]],
) -> None:
    assert results(plugins, call(tmp_path, source, version, inputs)) == expected


def roles(plugins: Plugins, root: Path) -> list[Principal]:
    hook = plugins.manager.hook
    parsed = hook.policyguard_parse_file(source=SourceFile(root / "main.tf", "main.tf"))
    [extraction] = [
        e for e in hook.policyguard_extract(files=[parsed], context=ExtractContext()) if e
    ]
    return [
        o for o in extraction.objects if isinstance(o, Principal) and o.type is PrincipalType.ROLE
    ]


@pytest.mark.parametrize(
    ("source", "version", "inputs", "principal", "condition_keys"),
    [
        (
            f"{IAM}/iam-assumable-role",
            "5.39.0",
            '  create_role = true\n  role_name = "ops"\n'
            '  trusted_role_arns = ["arn:aws:iam::123456789012:root"]\n',
            ("AWS", "arn:aws:iam::123456789012:root"),
            {"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"},
        ),
        (
            f"{IAM}/iam-github-oidc-role",
            "5.39.0",
            '  name = "gha"\n  subjects = ["acme/app:ref:refs/heads/main"]\n',
            ("Federated", None),
            {"token.actions.githubusercontent.com:sub", "token.actions.githubusercontent.com:aud"},
        ),
    ],
    ids=["assumable-role-v5", "github-oidc-v5"],
)
def test_described_roles_build_the_module_trust_policy(
    plugins: Plugins,
    tmp_path: Path,
    source: str,
    version: str,
    inputs: str,
    principal: tuple[str, str | None],
    condition_keys: set[str],
) -> None:
    [role] = roles(plugins, call(tmp_path, source, version, inputs))
    assert role.trust_policy is not None
    [statement] = role.trust_policy.statements
    kinds = {(p.kind, p.value if principal[1] else None) for p in statement.principals or ()}
    assert principal in kinds
    assert condition_keys <= {c.key for c in statement.conditions}


def extracted(plugins: Plugins, root: Path) -> list[object]:
    hook = plugins.manager.hook
    parsed = hook.policyguard_parse_file(source=SourceFile(root / "main.tf", "main.tf"))
    return [
        o
        for e in hook.policyguard_extract(files=[parsed], context=ExtractContext())
        if e
        for o in e.objects
    ]


ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


@pytest.mark.parametrize(
    ("source", "version", "inputs", "expected"),
    [
        (
            f"{IAM}/iam-assumable-role-with-oidc",
            "5.39.0",
            '  create_role = true\n  role_name = "ci"\n  provider_url = "oidc.example.com"\n'
            '  oidc_fully_qualified_subjects = ["system:serviceaccount:ci:runner"]\n',
            {("Principal", "role"), ("Condition", "oidc.example.com:sub")},
        ),
        (
            f"{IAM}/iam-group-with-policies",
            "5.39.0",
            f'  name = "admins"\n  group_users = ["alice"]\n'
            f'  custom_group_policy_arns = ["{ADMIN}"]\n',
            {("Principal", "group"), ("GroupMembership", "alice"), ("PolicyAttachment", ADMIN)},
        ),
        (
            f"{IAM}/iam-user",
            "5.39.0",
            f'  name = "deployer"\n  policy_arns = ["{ADMIN}"]\n',
            {("Principal", "user"), ("PolicyAttachment", ADMIN)},
        ),
        (
            f"{IAM}/iam-role",
            "6.1.0",
            f'  name = "ops"\n  trust_policy_permissions = {{\n    TrustRoot = {{\n'
            f'      actions = ["sts:AssumeRole"]\n      principals = [{{ type = "AWS",'
            f' identifiers = ["arn:aws:iam::123456789012:root"] }}]\n    }}\n  }}\n'
            f'  policies = {{ admin = "{ADMIN}" }}\n',
            {
                ("Principal", "role"),
                ("Trust", "arn:aws:iam::123456789012:root"),
                ("PolicyAttachment", ADMIN),
            },
        ),
        (
            f"{IAM}/iam-group",
            "6.1.0",
            f'  name = "ops"\n  users = ["bob"]\n  policies = {{ admin = "{ADMIN}" }}\n',
            {("Principal", "group"), ("PolicyAttachment", ADMIN)},
        ),
        (
            f"{IAM}/iam-user",
            "6.1.0",
            f'  name = "ci"\n  policies = {{ admin = "{ADMIN}" }}\n',
            {("Principal", "user"), ("PolicyAttachment", ADMIN)},
        ),
        (
            "terraform-aws-modules/security-group/aws",
            "5.1.0",
            '  name = "web"\n  ingress_cidr_blocks = ["0.0.0.0/0"]\n'
            '  ingress_rules = ["ssh-tcp"]\n',
            {("Resource", "aws_security_group")},
        ),
    ],
    ids=["oidc-role-v5", "group-v5", "user-v5", "role-v6", "group-v6", "user-v6", "sg-v5"],
)
def test_described_modules_extract_what_they_create(
    plugins: Plugins,
    tmp_path: Path,
    source: str,
    version: str,
    inputs: str,
    expected: set[tuple[str, str]],
) -> None:
    seen: set[tuple[str, str]] = set()
    for obj in extracted(plugins, call(tmp_path, source, version, inputs)):
        kind = type(obj).__name__
        if isinstance(obj, Principal):
            seen.add((kind, obj.type.value))
            trust = obj.trust_policy.statements if obj.trust_policy else ()
            seen |= {("Condition", c.key) for s in trust for c in s.conditions}
            seen |= {("Trust", str(p.value)) for s in trust for p in s.principals or ()}
        elif isinstance(obj, PolicyAttachment):
            seen.add((kind, str(obj.policy.value)))
        elif isinstance(obj, GroupMembership):
            seen.add((kind, str(obj.user.value)))
        elif isinstance(obj, Resource):
            seen.add((kind, obj.type))
    assert expected <= seen, sorted(seen)


def test_roots_calling_one_description_keep_their_own_findings(
    plugins: Plugins, tmp_path: Path
) -> None:
    """Both roots instantiate the same description, whose bucket header is where a missing
    setting is reported: each finding moves to its own root's module call."""
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        call(tmp_path / name, S3, "4.1.2", f'  bucket = "acme-{name}"\n')
    checks = tuple(c for c in plugins.checks if c.id == "S3-020")
    report = run_scan(ScanOptions((tmp_path,), tmp_path, checks), plugins)
    assert sorted(r.location.path for r in report.results) == ["first/main.tf", "second/main.tf"]
