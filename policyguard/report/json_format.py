"""JSON for scripts: a versioned schema, documented in ``docs/json-output.md``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from policyguard.report._shared import TOOL_NAME, TOOL_VERSION, severity_counts

if TYPE_CHECKING:
    from policyguard.diagnostics import Diagnostic
    from policyguard.findings import Related, Result
    from policyguard.location import Span
    from policyguard.report.base import ScanReport

SCHEMA_VERSION = 1
"""Raised when a field changes meaning or goes away; new fields do not raise it."""

Json = dict[str, Any]


class JsonReporter:
    """Renders a scan as one JSON document."""

    name = "json"

    def render(self, report: ScanReport, *, color: bool = False) -> str:
        """The document as indented JSON; ``color`` does not apply."""
        document = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": TOOL_NAME, "version": TOOL_VERSION},
            "source_root": str(report.source_root),
            "category": report.category,
            "exit_code": report.exit_code,
            "execution_successful": report.execution_successful,
            "files_scanned": report.files_scanned,
            "results": [_result(result) for result in report.results],
            "diagnostics": [_diagnostic(diagnostic) for diagnostic in report.diagnostics],
            "summary": _summary(report),
        }
        return json.dumps(document, indent=2) + "\n"


REPORTER = JsonReporter()


def _result(result: Result) -> Json:
    finding = result.finding
    return {
        "rule_id": result.rule_id,
        "rule_name": result.check.name,
        "severity": result.check.severity.value,
        "message": finding.message,
        **_position(finding.location.path, finding.location.span),
        "logical_name": finding.location.logical_name,
        "confidence": finding.confidence.value,
        "fingerprint": result.fingerprint(),
        "related": [_related(related) for related in finding.related],
    }


def _related(related: Related) -> Json:
    location = related.location
    return {
        **_position(location.path, location.span),
        "logical_name": location.logical_name,
        "message": related.message,
    }


def _diagnostic(diagnostic: Diagnostic) -> Json:
    return {
        "id": diagnostic.id.value,
        "level": diagnostic.level.value,
        **_position(diagnostic.path or None, diagnostic.span),
        "message": diagnostic.message,
    }


def _position(path: str | None, span: Span | None) -> Json:
    """A path and a span as flat fields, ``None`` where there is none."""
    return {
        "path": path,
        "start_line": span.start_line if span else None,
        "start_column": span.start_column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
    }


def _summary(report: ScanReport) -> Json:
    counts = severity_counts(report.results)
    return {
        "by_severity": {severity.value: count for severity, count in counts.items()},
        "results": len(report.results),
        "diagnostics": len(report.diagnostics),
    }
