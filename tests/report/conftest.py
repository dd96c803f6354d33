"""A finished scan to render: real checks, findings with related locations, diagnostics."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from policyguard import (
    Check,
    Confidence,
    Diagnostic,
    DiagnosticId,
    Finding,
    Related,
    Severity,
    SourceLocation,
    Span,
    check,
)
from policyguard.diagnostics import DiagnosticLevel
from policyguard.findings import Result
from policyguard.report.base import ScanReport

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PASSWORD = "hunter2-SuperSecret"
YAML_PASSWORD = "s3cr3t-Pa55"
ODD_PATH = "modules/my db/pässwörd.tf"

SOURCES = {
    "main.tf": (
        'resource "aws_iam_policy" "admin" {',
        '  name   = "admin"',
        "  policy = data.aws_iam_policy_document.admin.json",
        "}",
        "",
        'data "aws_iam_policy_document" "admin" {',
        "  statement {",
        '    actions   = ["*"]',
        '    resources = ["*"]',
        "  }",
        "}",
    ),
    ODD_PATH: (
        'resource "aws_db_instance" "main" {',
        '  username = "admin"',
        f'  password = "{PASSWORD}"',
        "}",
    ),
    "modules/net/main.tf": (
        'resource "aws_s3_bucket" "logs" {',
        '  for_each = toset(["eu"])',
        "}",
    ),
    "template.yaml": (
        "Resources:",
        "  Database:",
        "    Type: AWS::RDS::DBInstance",
        "    Properties:",
        f"      MasterUserPassword: {YAML_PASSWORD}",
    ),
}


@check(
    id="IAM-001",
    name="wildcard-action",
    severity=Severity.HIGH,
    targets=(object,),
    tags=("iam", "least-privilege"),
    cwe=(732,),
    precision="very-high",
)
def wildcard_action(subject: object) -> Iterator[Finding]:
    """## What it does
    Checks for `Allow` statements whose `Action` is `*`. Such statements grant everything.

    ## Why is this bad?
    Anyone who can use the policy can do anything in the account.

    ## Example
    ```hcl
    actions = ["*"]
    ```
    Use instead:
    ```hcl
    actions = ["s3:GetObject"]
    ```

    ## References
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    yield from ()


@check(
    id="AUTH-002",
    name="literal-password",
    severity=Severity.CRITICAL,
    targets=(object,),
    tags=("auth",),
    cwe=(798, 259),
)
def literal_password(subject: object) -> Iterator[Finding]:
    """## What it does
    Checks for passwords written as literals in the code.

    ## Why is this bad?
    Everyone who can read the repository can log in.

    ## Example
    ```hcl
    password = "example"
    ```
    Use instead:
    ```hcl
    manage_master_user_password = true
    ```
    """
    yield from ()


def band_check(rule_id: str, severity: Severity) -> Check:
    """A check of the given severity with a minimal rule document."""

    def function(subject: object) -> Iterator[Finding]:
        yield from ()

    function.__doc__ = f"## What it does\nFlags {severity.value} things.\n"
    return check(id=rule_id, name=f"{severity.value}-thing", severity=severity, targets=(object,))(
        function
    )


MEDIUM = band_check("S3-003", Severity.MEDIUM)
LOW = band_check("S3-004", Severity.LOW)
INFO = band_check("LOG-005", Severity.INFO)
RULES = (literal_password, wildcard_action, LOW, MEDIUM, INFO)


def result(
    rule: Check,
    path: str,
    span: Span,
    logical_name: str,
    message: str,
    *,
    confidence: Confidence = Confidence.HIGH,
    related: tuple[Related, ...] = (),
) -> Result:
    location = SourceLocation(path, span, logical_name)
    return Result(
        rule, Finding(message, location, f"{rule.id}:{logical_name}", confidence, related)
    )


RESULTS = (
    result(
        wildcard_action,
        "main.tf",
        Span(8, 17, 8, 22),
        "data.aws_iam_policy_document.admin",
        "Statement allows every action ('*') in data.aws_iam_policy_document.admin.",
        related=(
            Related(
                SourceLocation("main.tf", Span(3, 3, 3, 51), "aws_iam_policy.admin"),
                "The document is used by aws_iam_policy.admin.",
            ),
        ),
    ),
    result(
        INFO,
        "main.tf",
        Span.line_of(1),
        "aws_iam_policy.admin",
        "aws_iam_policy.admin has no description.",
    ),
    result(
        literal_password,
        ODD_PATH,
        Span(3, 3, 3, 16 + len(PASSWORD)),
        "module.db.aws_db_instance.main",
        "module.db.aws_db_instance.main has a literal password.",
    ),
    result(
        MEDIUM,
        "modules/net/main.tf",
        Span.line_of(1),
        'module.net.aws_s3_bucket.logs["eu"]',
        'module.net.aws_s3_bucket.logs["eu"] has no public access block.',
        confidence=Confidence.LOW,
        related=(
            Related(
                SourceLocation("main.tf", Span(1, 1, 4, 2), "aws_iam_policy.admin"),
                "Logs are written by the policy's users.",
            ),
        ),
    ),
    result(
        literal_password,
        "template.yaml",
        Span(5, 27, 5, 27 + len(YAML_PASSWORD)),
        "Resources/Database",
        "Resources/Database has a literal MasterUserPassword.",
        confidence=Confidence.LOW,
    ),
)

DIAGNOSTICS = (
    Diagnostic("", None, DiagnosticId.CHECK_FAILED, "check S3-009 raised KeyError: 'x'"),
    Diagnostic("broken.yaml", Span(4, 3, 4, 9), DiagnosticId.PARSE_ERROR, "could not parse"),
    Diagnostic(
        "private dir",
        None,
        DiagnosticId.UNREADABLE,
        "permission denied",
        DiagnosticLevel.WARNING,
    ),
)


@pytest.fixture
def source_root(tmp_path: Path) -> Path:
    """An absolute scan root whose name needs percent-encoding."""
    return tmp_path / "scan root é"


@pytest.fixture
def report(source_root: Path) -> ScanReport:
    """A scan with findings of every severity but low, related locations and diagnostics."""
    return ScanReport(
        results=tuple(sorted(RESULTS, key=Result.sort_key)),
        diagnostics=tuple(sorted(DIAGNOSTICS)),
        rules=tuple(sorted(RULES, key=lambda rule: rule.id)),
        source_root=source_root,
        category="policyguard/",
        exit_code=1,
        files_scanned=5,
        source_lines=dict(SOURCES),
    )


@pytest.fixture
def empty_report(source_root: Path) -> ScanReport:
    """A clean scan: rules enabled, nothing found, nothing to say."""
    return ScanReport(
        results=(),
        diagnostics=(),
        rules=tuple(sorted(RULES, key=lambda rule: rule.id)),
        source_root=source_root,
        category="policyguard/",
        exit_code=0,
        files_scanned=2,
        source_lines={},
    )
