"""Bad input gets a diagnostic with file and position, and never hides other files' findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.diagnostics import DiagnosticId
from policyguard.source import DEFAULT_MAX_FILE_BYTES
from tests.conftest import Scan
from tests.helpers import TESTDATA

GOOD_KEY = 'resource "aws_kms_key" "fail_key" {}\n'


def test_malformed_files_beside_a_good_one(scan: Scan) -> None:
    report = scan(TESTDATA / "malformed")
    assert [(r.rule_id, r.location.logical_name) for r in report.results] == [
        ("KMS-001", "aws_kms_key.fail_beside_broken_files")
    ]
    problems = {(d.path, d.id, d.span.start_line if d.span else None) for d in report.diagnostics}
    assert problems == {
        ("broken.json", DiagnosticId.PARSE_ERROR, 7),
        ("broken.tf", DiagnosticId.PARSE_ERROR, 14),
        ("broken.yaml", DiagnosticId.PARSE_ERROR, 13),
        ("x.tf", DiagnosticId.PARSE_ERROR, None),
    }
    assert report.exit_code == 1
    assert report.files_scanned == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.tf", b'resource "aws_kms_key" "k" {\n  description = "caf\xe9"\n}\n', "UTF-8"),
        ("nul.yaml", b"AWSTemplateFormatVersion: x\n\0\0", "binary"),
        ("huge.tf", b"#" * (DEFAULT_MAX_FILE_BYTES + 1), "larger than the limit"),
    ],
)
def test_unreadable_content_is_a_diagnostic(
    scan: Scan, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.tf").write_text(GOOD_KEY)
    report = scan(tmp_path)
    assert [r.rule_id for r in report.results] == ["KMS-001"]
    [diagnostic] = report.diagnostics
    assert diagnostic.path == name and message in diagnostic.message


def test_deeply_nested_policy_is_bounded(scan: Scan, tmp_path: Path) -> None:
    nested = "[" * 500 + "]" * 500
    (tmp_path / "deep.tf").write_text(
        'resource "aws_iam_policy" "deep" {\n  policy = <<EOF\n'
        f'{{"Statement": {nested}}}\nEOF\n}}\n'
    )
    (tmp_path / "good.tf").write_text(GOOD_KEY)
    report = scan(tmp_path)
    assert [r.rule_id for r in report.results] == ["KMS-001"]
    [diagnostic] = report.diagnostics
    assert diagnostic.id in (DiagnosticId.LIMIT_EXCEEDED, DiagnosticId.PARSE_ERROR)
    assert diagnostic.path == "deep.tf" and diagnostic.span is not None


def test_policy_that_is_not_json_is_reported_where_written(scan: Scan, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_iam_policy" "typo" {\n  policy = <<EOF\n'
        '{"Statement": [{"Effect": "Allow" "Action": "*"}]}\nEOF\n}\n'
    )
    report = scan(tmp_path)
    [diagnostic] = report.diagnostics
    assert diagnostic.id is DiagnosticId.PARSE_ERROR
    assert (diagnostic.path, diagnostic.span and diagnostic.span.start_line) == ("main.tf", 3)
    assert "not valid JSON" in diagnostic.message


@pytest.mark.parametrize(
    "template",
    [
        "AWSTemplateFormatVersion: '2010-09-09'\nResources: []\n",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Key: 42\n",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Key:\n    Type: [1]\n",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Key:\n    Type: AWS::KMS::Key\n    Properties: oops\n",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
        "      PolicyDocument: 42\n",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
        "      PolicyDocument:\n        Statement: [1, [2], {Effect: 3, Action: {a: b}}]\n",
    ],
    ids=[
        "resources-list",
        "resource-scalar",
        "type-list",
        "properties-scalar",
        "document-number",
        "statements-of-wrong-types",
    ],
)
def test_wrong_types_never_crash(scan: Scan, tmp_path: Path, template: str) -> None:
    (tmp_path / "template.yaml").write_text(template)
    report = scan(tmp_path)
    assert report.exit_code != 3, report.diagnostics
