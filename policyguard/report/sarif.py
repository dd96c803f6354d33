"""SARIF 2.1.0, the primary output: one run for GitHub code scanning and other consumers.

Columns are written as the scan counts them, in Unicode code points, and the run says so with
``columnKind: "unicodeCodePoints"`` (SARIF's default would be UTF-16 code units). A region's
``snippet`` is the masked text of the region itself; when the region covers only part of its
lines, ``contextRegion`` carries the masked whole lines.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from policyguard.diagnostics import DiagnosticId
from policyguard.report._shared import TOOL_NAME, TOOL_VERSION
from policyguard.report.snippet import Excerpt, excerpt, is_whole_line

if TYPE_CHECKING:
    from pathlib import Path

    from policyguard.checks import Check
    from policyguard.diagnostics import Diagnostic
    from policyguard.findings import Result
    from policyguard.location import SourceLocation, Span
    from policyguard.report.base import ScanReport

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/policyguard/policyguard"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "policyguard/v1"

_DESCRIPTORS = tuple(DiagnosticId)
_SEGMENT = re.compile(r"""(?:[^./\[]|\[(?:"(?:[^"\\]|\\.)*"|[^\]"])*\])+""")

Json = dict[str, Any]


class SarifReporter:
    """Renders a scan as a SARIF 2.1.0 log."""

    name = "sarif"

    def render(self, report: ScanReport, *, color: bool = False) -> str:
        """The SARIF log as indented JSON; ``color`` does not apply."""
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [_run(report)]}
        return json.dumps(log, indent=2) + "\n"


REPORTER = SarifReporter()


def _run(report: ScanReport) -> Json:
    rules = _rules(report)
    index = {rule.id: position for position, rule in enumerate(rules)}
    return _compact(
        {
            "tool": {"driver": _driver(rules)},
            "automationDetails": _compact({"id": report.category}),
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(report.source_root)}},
            "columnKind": "unicodeCodePoints",
            "invocations": [_invocation(report)],
            "results": [_result(report, result, index) for result in report.results],
        },
        keep=("results",),
    )


def _rules(report: ScanReport) -> list[Check]:
    """The enabled rules, with any rule a result names, sorted by id."""
    by_id = {check.id: check for check in report.rules}
    for result in report.results:
        by_id.setdefault(result.rule_id, result.check)
    return sorted(by_id.values(), key=lambda check: check.id)


def _driver(rules: list[Check]) -> Json:
    return {
        "name": TOOL_NAME,
        "version": TOOL_VERSION,
        "semanticVersion": TOOL_VERSION,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(check) for check in rules],
        "notifications": [_descriptor(diagnostic_id) for diagnostic_id in _DESCRIPTORS],
    }


def _rule(check: Check) -> Json:
    document = check.markdown()
    return {
        "id": check.id,
        "name": check.name,
        "shortDescription": {"text": check.short_description},
        "fullDescription": {"text": check.full_description or check.short_description},
        "defaultConfiguration": {"level": check.severity.sarif_level},
        "help": {"text": document, "markdown": document},
        "helpUri": check.help_uri,
        "properties": _compact(
            {
                "tags": _tags(check),
                "precision": check.precision,
                "security-severity": check.severity.security_severity,
            }
        ),
    }


def _tags(check: Check) -> list[str]:
    cwes = (f"external/cwe/cwe-{number:03d}" for number in check.cwe)
    controls = (control.replace(":", "/", 1) for control in check.compliance)
    return list(dict.fromkeys(("security", *check.tags, *cwes, *controls)))


def _descriptor(diagnostic_id: DiagnosticId) -> Json:
    """A notification descriptor; GitHub wants a full description and help on these too."""
    description = {"text": diagnostic_id.description}
    return {
        "id": diagnostic_id.value,
        "name": diagnostic_id.name.lower().replace("_", "-"),
        "shortDescription": description,
        "fullDescription": description,
        "help": description,
    }


def _invocation(report: ScanReport) -> Json:
    return _compact(
        {
            "executionSuccessful": report.execution_successful,
            "exitCode": report.exit_code,
            "toolExecutionNotifications": [
                _notification(report, diagnostic) for diagnostic in report.diagnostics
            ],
        }
    )


def _notification(report: ScanReport, diagnostic: Diagnostic) -> Json:
    locations = []
    if diagnostic.path:
        locations.append({"physicalLocation": _physical(report, diagnostic.path, diagnostic.span)})
    return _compact(
        {
            "level": diagnostic.level.value,
            "message": {"text": diagnostic.message},
            "descriptor": {"id": diagnostic.id.value, "index": _DESCRIPTORS.index(diagnostic.id)},
            "locations": locations,
        }
    )


def _result(report: ScanReport, result: Result, index: dict[str, int]) -> Json:
    finding = result.finding
    related = [
        {"id": number, **_location(report, item.location), "message": {"text": item.message}}
        for number, item in enumerate(finding.related, start=1)
    ]
    return _compact(
        {
            "ruleId": result.rule_id,
            "ruleIndex": index[result.rule_id],
            "level": result.check.severity.sarif_level,
            "message": {"text": finding.message},
            "locations": [_location(report, finding.location)],
            "relatedLocations": related,
            "partialFingerprints": {FINGERPRINT: result.fingerprint()},
            "properties": {"confidence": finding.confidence.value},
        }
    )


def _location(report: ScanReport, location: SourceLocation) -> Json:
    logical = []
    if location.logical_name:
        logical.append(
            {
                "name": _short_name(location.logical_name),
                "fullyQualifiedName": location.logical_name,
                "kind": "resource",
            }
        )
    return _compact(
        {
            "physicalLocation": _physical(report, location.path, location.span),
            "logicalLocations": logical,
        }
    )


def _physical(report: ScanReport, path: str, span: Span | None) -> Json:
    physical: Json = {"artifactLocation": {"uri": quote(path), "uriBaseId": SRCROOT}}
    if span is None:
        return physical
    shown = excerpt(report.lines(path), span)
    physical["region"] = _region(span, shown)
    if shown is not None and not shown.whole_lines:
        physical["contextRegion"] = {
            "startLine": shown.start_line,
            "endLine": shown.end_line,
            "snippet": {"text": "\n".join(shown.lines)},
        }
    return physical


def _region(span: Span, shown: Excerpt | None) -> Json:
    """A region of 1-based lines and columns, end column exclusive; whole lines without columns."""
    region: Json = {"startLine": span.start_line}
    if not is_whole_line(span):
        region |= {
            "startColumn": span.start_column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        }
    if shown is not None:
        region["snippet"] = {"text": shown.text}
    return region


def _short_name(logical_name: str) -> str:
    """The last segment of a logical name, ``LogicalId`` of ``Resources/LogicalId``.

    Dots and slashes inside an index do not separate: ``module.net.aws_s3_bucket.logs["a.b"]``
    ends in ``logs["a.b"]``.
    """
    segments = _SEGMENT.findall(logical_name)
    return segments[-1] if segments else logical_name


def _directory_uri(directory: Path) -> str:
    """The absolute ``file:`` URI of a directory, with the trailing slash SARIF requires."""
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _compact(properties: Json, *, keep: tuple[str, ...] = ()) -> Json:
    """``properties`` without the ones that are None or empty (except those in ``keep``)."""
    return {
        key: value
        for key, value in properties.items()
        if key in keep or value not in (None, "", [], {})
    }
