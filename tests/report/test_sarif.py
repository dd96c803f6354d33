"""The SARIF reporter: schema-valid, and every field of the DESIGN.md contract."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from jsonschema import Draft4Validator, FormatChecker

import policyguard
from policyguard.diagnostics import DiagnosticId
from policyguard.report.sarif import REPORTER, _short_name

if TYPE_CHECKING:
    from policyguard.report.base import Reporter, ScanReport

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "sarif" / "sarif-schema-2.1.0.json"
BANDS = {"critical": (9.0, 10.0), "high": (7.0, 8.9), "medium": (4.0, 6.9), "low": (0.1, 3.9)}
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}

Json = dict[str, Any]


def render(report: ScanReport) -> Json:
    run: Json = json.loads(REPORTER.render(report))["runs"][0]
    return run


def results_by_rule(run: Json, rule_id: str) -> list[Json]:
    return [result for result in run["results"] if result["ruleId"] == rule_id]


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA} (../shared beside the project root)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return Draft4Validator(schema, format_checker=FormatChecker())


def test_reporter_satisfies_the_protocol() -> None:
    reporter: Reporter = REPORTER
    assert reporter.name == "sarif"


@pytest.mark.parametrize("fixture", ["report", "empty_report"])
def test_output_is_valid_sarif(
    fixture: str, request: pytest.FixtureRequest, validator: Draft4Validator
) -> None:
    log = json.loads(REPORTER.render(request.getfixturevalue(fixture)))
    errors = [
        f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)
    ]
    assert errors == []


def test_rendering_is_byte_identical(report: ScanReport) -> None:
    first = REPORTER.render(report)
    assert first == REPORTER.render(dataclasses.replace(report))
    assert first.endswith("}\n")
    assert first == json.dumps(json.loads(first), indent=2) + "\n"


def test_log_header_and_driver(report: ScanReport) -> None:
    log = json.loads(REPORTER.render(report))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "policyguard"
    assert driver["version"] == driver["semanticVersion"] == policyguard.__version__
    assert driver["informationUri"] == "https://github.com/policyguard/policyguard"
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in report.rules]


def test_rules_carry_the_rule_document(report: ScanReport) -> None:
    rules = {rule["id"]: rule for rule in render(report)["tool"]["driver"]["rules"]}
    iam = rules["IAM-001"]
    check = next(rule for rule in report.rules if rule.id == "IAM-001")
    assert iam["name"] == "wildcard-action"
    assert iam["shortDescription"]["text"] == "Checks for `Allow` statements whose `Action` is `*`."
    assert iam["fullDescription"]["text"].endswith("can do anything in the account.")
    assert iam["help"] == {"text": check.markdown(), "markdown": check.markdown()}
    assert iam["help"]["markdown"].startswith("# wildcard-action (IAM-001) · high")
    assert iam["helpUri"] == check.help_uri
    assert iam["properties"]["tags"] == [
        "security",
        "iam",
        "least-privilege",
        "external/cwe/cwe-732",
    ]
    assert iam["properties"]["precision"] == "very-high"
    assert rules["AUTH-002"]["properties"]["tags"][-2:] == [
        "external/cwe/cwe-798",
        "external/cwe/cwe-259",
    ]
    assert rules["S3-003"]["properties"]["precision"] == "high"


def test_rule_without_why_section_still_has_a_full_description(report: ScanReport) -> None:
    rules = {rule["id"]: rule for rule in render(report)["tool"]["driver"]["rules"]}
    assert rules["S3-004"]["fullDescription"]["text"] == "Flags low things."


def test_levels_and_security_severity_bands(report: ScanReport) -> None:
    run = render(report)
    for rule, check in zip(run["tool"]["driver"]["rules"], report.rules, strict=True):
        severity = check.severity.value
        assert rule["defaultConfiguration"]["level"] == LEVELS[severity]
        if severity == "info":
            assert "security-severity" not in rule["properties"]
            continue
        score = rule["properties"]["security-severity"]
        assert isinstance(score, str)
        low, high = BANDS[severity]
        assert low <= float(score) <= high
    for result in run["results"]:
        check = next(r for r in report.results if r.rule_id == result["ruleId"]).check
        assert result["level"] == LEVELS[check.severity.value]


def test_rule_index_points_at_the_rule(report: ScanReport) -> None:
    run = render(report)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.results)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_result_of_a_rule_not_listed_still_gets_a_descriptor(report: ScanReport) -> None:
    partial = dataclasses.replace(report, rules=report.rules[:1])
    run = render(partial)
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == {r.rule_id for r in report.results}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_follow_the_report_with_fingerprints_and_confidence(report: ScanReport) -> None:
    run = render(report)
    for result, expected in zip(run["results"], report.results, strict=True):
        assert result["ruleId"] == expected.rule_id
        assert result["message"]["text"] == expected.finding.message
        assert result["partialFingerprints"] == {"policyguard/v1": expected.fingerprint()}
        assert result["properties"] == {"confidence": expected.finding.confidence.value}
    confidences = {
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r["properties"][
            "confidence"
        ]
        for r in run["results"]
    }
    assert confidences["Resources/Database"] == "low"
    assert confidences["module.db.aws_db_instance.main"] == "high"


def test_physical_location_is_relative_to_srcroot(report: ScanReport, source_root: Path) -> None:
    run = render(report)
    root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root_uri == source_root.as_uri() + "/"
    assert root_uri.startswith("file:///") and root_uri.endswith("/scan%20root%20%C3%A9/")
    (odd,) = [
        r for r in run["results"] if r["ruleId"] == "AUTH-002" and "module" in r["message"]["text"]
    ]
    artifact = odd["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "modules/my%20db/p%C3%A4ssw%C3%B6rd.tf", "uriBaseId": "%SRCROOT%"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_region_with_columns_and_snippets(report: ScanReport) -> None:
    (iam,) = results_by_rule(render(report), "IAM-001")
    physical = iam["locations"][0]["physicalLocation"]
    assert physical["region"] == {
        "startLine": 8,
        "startColumn": 17,
        "endLine": 8,
        "endColumn": 22,
        "snippet": {"text": '["*"]'},
    }
    assert physical["contextRegion"] == {
        "startLine": 8,
        "endLine": 8,
        "snippet": {"text": '    actions   = ["*"]'},
    }


def test_whole_line_region_has_no_columns(report: ScanReport) -> None:
    (info,) = results_by_rule(render(report), "LOG-005")
    physical = info["locations"][0]["physicalLocation"]
    assert physical["region"] == {
        "startLine": 1,
        "snippet": {"text": 'resource "aws_iam_policy" "admin" {'},
    }
    assert "contextRegion" not in physical


def test_no_snippet_without_source_lines(report: ScanReport) -> None:
    run = render(dataclasses.replace(report, source_lines={}))
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert "snippet" not in physical["region"]
        assert "contextRegion" not in physical


def test_snippets_mask_literal_passwords(report: ScanReport) -> None:
    text = REPORTER.render(report)
    assert "hunter2" not in text
    assert "s3cr3t" not in text
    passwords = results_by_rule(json.loads(text)["runs"][0], "AUTH-002")
    regions = [r["locations"][0]["physicalLocation"] for r in passwords]
    assert regions[0]["region"]["snippet"]["text"] == 'password = "********"'
    assert regions[0]["contextRegion"]["snippet"]["text"] == '  password = "********"'
    assert regions[1]["region"]["snippet"]["text"] == "********"
    assert regions[1]["contextRegion"]["snippet"]["text"] == "      MasterUserPassword: ********"


@pytest.mark.parametrize(
    ("logical_name", "name"),
    [
        ('module.net.aws_s3_bucket.logs["eu"]', 'logs["eu"]'),
        ("Resources/LogicalId", "LogicalId"),
        ("aws_s3_bucket.logs", "logs"),
        ('aws_s3_bucket.logs["a.b/c"]', 'logs["a.b/c"]'),
        ('module.x["k"].aws_iam_role.r[0]', "r[0]"),
        ("Bucket", "Bucket"),
    ],
)
def test_short_name_is_the_last_segment(logical_name: str, name: str) -> None:
    assert _short_name(logical_name) == name


def test_logical_locations(report: ScanReport) -> None:
    logical = [r["locations"][0]["logicalLocations"] for r in render(report)["results"]]
    assert {
        "name": 'logs["eu"]',
        "fullyQualifiedName": 'module.net.aws_s3_bucket.logs["eu"]',
        "kind": "resource",
    } in [entry[0] for entry in logical]
    assert {"name": "Database", "fullyQualifiedName": "Resources/Database", "kind": "resource"} in [
        entry[0] for entry in logical
    ]
    assert all(len(entry) == 1 for entry in logical)


def test_related_locations(report: ScanReport) -> None:
    run = render(report)
    (iam,) = results_by_rule(run, "IAM-001")
    (related,) = iam["relatedLocations"]
    assert related["id"] == 1
    assert related["message"] == {"text": "The document is used by aws_iam_policy.admin."}
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "main.tf"
    assert related["physicalLocation"]["region"]["startLine"] == 3
    assert related["logicalLocations"][0]["fullyQualifiedName"] == "aws_iam_policy.admin"
    (info,) = results_by_rule(run, "LOG-005")
    assert "relatedLocations" not in info


def test_automation_details_and_invocation(report: ScanReport) -> None:
    run = render(report)
    assert run["automationDetails"] == {"id": "policyguard/"}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["exitCode"] == 1
    crashed = render(dataclasses.replace(report, exit_code=3, category="iac/prod"))
    assert crashed["invocations"][0]["executionSuccessful"] is False
    assert crashed["automationDetails"] == {"id": "iac/prod"}


def test_diagnostics_become_tool_execution_notifications(report: ScanReport) -> None:
    run = render(report)
    descriptors = run["tool"]["driver"]["notifications"]
    assert [d["id"] for d in descriptors] == [d.value for d in DiagnosticId]
    for descriptor in descriptors:
        assert descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"]
    notifications = {
        n["descriptor"]["id"]: n for n in run["invocations"][0]["toolExecutionNotifications"]
    }
    assert set(notifications) == {"PG-001", "PG-003", "PG-005"}
    for notification in notifications.values():
        assert (
            descriptors[notification["descriptor"]["index"]]["id"]
            == notification["descriptor"]["id"]
        )
    parse = notifications["PG-001"]
    assert parse["level"] == "error"
    assert parse["message"] == {"text": "could not parse"}
    (location,) = parse["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "broken.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 3,
        "endLine": 4,
        "endColumn": 9,
    }
    unreadable = notifications["PG-003"]
    assert unreadable["level"] == "warning"
    assert unreadable["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "private%20dir", "uriBaseId": "%SRCROOT%"}
    }
    assert "locations" not in notifications["PG-005"]


def test_empty_report_keeps_results_and_omits_empty_fields(empty_report: ScanReport) -> None:
    run = render(empty_report)
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 0}]
    assert len(run["tool"]["driver"]["rules"]) == len(empty_report.rules)
    no_category = render(dataclasses.replace(empty_report, category=""))
    assert "automationDetails" not in no_category


def leaves(value: object) -> list[object]:
    """Every value nested in a JSON document, containers included."""
    if isinstance(value, dict):
        return [value, *(leaf for item in value.values() for leaf in leaves(item))]
    if isinstance(value, list):
        return [value, *(leaf for item in value for leaf in leaves(item))]
    return [value]


@pytest.mark.parametrize("fixture", ["report", "empty_report"])
def test_no_nulls_or_empty_fields(fixture: str, request: pytest.FixtureRequest) -> None:
    log = json.loads(REPORTER.render(request.getfixturevalue(fixture)))
    run = log["runs"][0]
    found = [
        v
        for v in leaves(log)
        if v is None or v in ("", {}) or (v == [] and v is not run["results"])
    ]
    assert found == []
