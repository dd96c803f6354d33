"""Text for people: findings grouped by file, with the masked source lines they point at."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from policyguard.findings import Confidence, Result
from policyguard.report._shared import severity_counts
from policyguard.report.snippet import excerpt, underline
from policyguard.severity import Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from policyguard.location import Span
    from policyguard.report.base import ScanReport

MAX_SNIPPET_LINES = 3

_SEVERITY_COLORS = {
    Severity.CRITICAL: "1;35",
    Severity.HIGH: "1;31",
    Severity.MEDIUM: "33",
    Severity.LOW: "36",
    Severity.INFO: "2",
}
_LEVEL_COLORS = {"error": "31", "warning": "33", "note": "36"}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


class TextReporter:
    """Renders a scan for a terminal or a log."""

    name = "text"

    def render(self, report: ScanReport, *, color: bool = False) -> str:
        """Findings by file and line, then problems, then a summary; ANSI colour if asked."""
        lines = _findings(report, color) or [_paint("No findings.", "32", color)]
        lines += _problems(report, color)
        lines += ["", _summary(report)]
        return "\n".join(lines) + "\n"


REPORTER = TextReporter()


def _findings(report: ScanReport, color: bool) -> list[str]:
    """The findings, one block of lines per file, files apart by a blank line."""
    results = sorted(report.results, key=Result.sort_key)
    lines: list[str] = []
    for _, group in itertools.groupby(results, key=lambda result: result.location.path):
        lines += [""] if lines else []
        for result in group:
            lines += _finding(report, result, color)
    return lines


def _finding(report: ScanReport, result: Result, color: bool) -> list[str]:
    finding = result.finding
    severity = result.check.severity
    head = "  ".join(
        (
            _where(finding.location.path, finding.location.span),
            _paint(severity.value.upper(), _SEVERITY_COLORS[severity], color),
            result.rule_id,
            _printable(finding.message),
        )
    )
    lines = [head, *_snippet(report.lines(finding.location.path), finding.location.span)]
    if finding.confidence is Confidence.LOW:
        lines.append("    confidence: low")
    for related in finding.related:
        where = _where(related.location.path, related.location.span)
        lines.append(f"    related: {where}  {_printable(related.message)}")
    return lines


def _problems(report: ScanReport, color: bool) -> list[str]:
    """The diagnostics under a header, or nothing when there are none."""
    if not report.diagnostics:
        return []
    lines = ["", f"Problems ({len(report.diagnostics)}):"]
    for diagnostic in report.diagnostics:
        level = diagnostic.level.value
        painted = _paint(level, _LEVEL_COLORS[level], color)
        lines.append(f"  {painted}  {_printable(str(diagnostic))}")
    return lines


def _snippet(lines: Sequence[str], span: Span) -> list[str]:
    """Up to three masked lines of the region, with carets under a one-line region."""
    shown = excerpt(lines, span)
    if shown is None:
        return []
    visible = shown.lines[:MAX_SNIPPET_LINES]
    width = max(4, len(str(shown.start_line + len(visible) - 1)))
    gutter = " " * width
    snippet = [
        f"  {number:>{width}} | {_printable(text)}"
        for number, text in enumerate(visible, start=shown.start_line)
    ]
    if len(shown.lines) > len(visible):
        snippet.append(f"  {gutter} | ...")
    if carets := underline(shown):
        snippet.append(f"  {gutter} | {carets}")
    return snippet


def _summary(report: ScanReport) -> str:
    counts = ", ".join(
        f"{count} {severity.value}" for severity, count in severity_counts(report.results).items()
    )
    return (
        f"Summary: {_plural(len(report.results), 'finding')} ({counts}), "
        f"{_plural(report.files_scanned, 'file')} scanned, "
        f"{_plural(len(report.diagnostics), 'diagnostic')}"
    )


def _where(path: str, span: Span) -> str:
    return f"{_printable(path)}:{span.start_line}:{span.start_column}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _printable(text: str) -> str:
    """``text`` with control characters escaped, so scanned files cannot drive the terminal."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), text)
