"""The JSON reporter: the documented, versioned schema, deterministic."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import policyguard
from policyguard.report.json_format import REPORTER

if TYPE_CHECKING:
    from policyguard.report.base import Reporter, ScanReport

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-output.md"
LOCATION = ["path", "start_line", "start_column", "end_line", "end_column"]
TOP = [
    "schema_version",
    "tool",
    "source_root",
    "category",
    "exit_code",
    "execution_successful",
    "files_scanned",
    "results",
    "diagnostics",
    "summary",
]
RESULT = [
    "rule_id",
    "rule_name",
    "severity",
    "message",
    *LOCATION,
    "logical_name",
    "confidence",
    "fingerprint",
    "related",
]

Json = dict[str, Any]


def render(report: ScanReport) -> Json:
    document: Json = json.loads(REPORTER.render(report))
    return document


def documented_fields() -> set[str]:
    """The names in the first column of the tables of docs/json-output.md."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def test_reporter_satisfies_the_protocol() -> None:
    reporter: Reporter = REPORTER
    assert reporter.name == "json"


def test_top_level(report: ScanReport, source_root: Path) -> None:
    document = render(report)
    assert list(document) == TOP
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "policyguard", "version": policyguard.__version__}
    assert document["source_root"] == str(source_root)
    assert document["category"] == "policyguard/"
    assert document["exit_code"] == 1
    assert document["execution_successful"] is True
    assert document["files_scanned"] == 5


def test_results(report: ScanReport) -> None:
    results = render(report)["results"]
    assert len(results) == len(report.results)
    for rendered, expected in zip(results, report.results, strict=True):
        assert list(rendered) == RESULT
        assert rendered["rule_id"] == expected.rule_id
        assert rendered["rule_name"] == expected.check.name
        assert rendered["severity"] == expected.check.severity.value
        assert rendered["fingerprint"] == expected.fingerprint()
        assert rendered["confidence"] == expected.finding.confidence.value
    (iam,) = [result for result in results if result["rule_id"] == "IAM-001"]
    assert iam["path"] == "main.tf"
    assert [iam[key] for key in LOCATION[1:]] == [8, 17, 8, 22]
    assert iam["logical_name"] == "data.aws_iam_policy_document.admin"
    assert iam["related"] == [
        {
            "path": "main.tf",
            "start_line": 3,
            "start_column": 3,
            "end_line": 3,
            "end_column": 51,
            "logical_name": "aws_iam_policy.admin",
            "message": "The document is used by aws_iam_policy.admin.",
        }
    ]
    assert {result["path"] for result in results} >= {"modules/my db/pässwörd.tf"}


def test_diagnostics(report: ScanReport) -> None:
    diagnostics = render(report)["diagnostics"]
    assert [d["id"] for d in diagnostics] == ["PG-005", "PG-001", "PG-003"]
    assert diagnostics[0] == {
        "id": "PG-005",
        "level": "error",
        "path": None,
        "start_line": None,
        "start_column": None,
        "end_line": None,
        "end_column": None,
        "message": "check S3-009 raised KeyError: 'x'",
    }
    assert [diagnostics[1][key] for key in LOCATION] == ["broken.yaml", 4, 3, 4, 9]
    assert diagnostics[2]["level"] == "warning"
    assert diagnostics[2]["path"] == "private dir"
    assert diagnostics[2]["start_line"] is None


def test_summary(report: ScanReport, empty_report: ScanReport) -> None:
    assert render(report)["summary"] == {
        "by_severity": {"critical": 2, "high": 1, "medium": 1, "low": 0, "info": 1},
        "results": 5,
        "diagnostics": 3,
    }
    empty = render(empty_report)
    assert empty["results"] == empty["diagnostics"] == []
    assert empty["summary"]["by_severity"] == dict.fromkeys(
        ("critical", "high", "medium", "low", "info"), 0
    )


def field_names(value: object) -> set[str]:
    """The keys of every object nested in ``value``, but not the severities of ``by_severity``."""
    if isinstance(value, list):
        return {name for item in value for name in field_names(item)}
    if not isinstance(value, dict):
        return set()
    nested = (field_names(item) for key, item in value.items() if key != "by_severity")
    return set(value).union(*nested)


def test_every_field_is_documented(report: ScanReport) -> None:
    assert field_names(render(report)) <= documented_fields()
    assert "schema version 1" in DOC.read_text(encoding="utf-8").splitlines()[0]


def test_output_is_deterministic_and_ascii(report: ScanReport) -> None:
    text = REPORTER.render(report)
    assert text == REPORTER.render(dataclasses.replace(report))
    assert text.isascii()
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2) + "\n"


def test_crashed_scan_is_not_successful(report: ScanReport) -> None:
    document = render(dataclasses.replace(report, exit_code=3))
    assert document["exit_code"] == 3
    assert document["execution_successful"] is False
