"""The text reporter: grouping, snippets with carets, masking, colour, problems, summary."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from policyguard import Diagnostic, DiagnosticId, Span
from policyguard.report.text import REPORTER

if TYPE_CHECKING:
    from policyguard.report.base import Reporter, ScanReport

ESC = "\x1b["


def blocks(text: str) -> list[list[str]]:
    """The output split at blank lines."""
    return [block.splitlines() for block in text.rstrip("\n").split("\n\n")]


def test_reporter_satisfies_the_protocol() -> None:
    reporter: Reporter = REPORTER
    assert reporter.name == "text"


def test_findings_are_grouped_by_file_then_line(report: ScanReport) -> None:
    shuffled = dataclasses.replace(report, results=report.results[::-1])
    groups = blocks(REPORTER.render(shuffled))[:4]
    heads = [
        [line.split("  ")[0] for line in group if not line.startswith(" ")] for group in groups
    ]
    assert heads == [
        ["main.tf:1:1", "main.tf:8:17"],
        ["modules/my db/pässwörd.tf:3:3"],
        ["modules/net/main.tf:1:1"],
        ["template.yaml:5:27"],
    ]


def test_finding_line_snippet_and_carets(report: ScanReport) -> None:
    (main,) = [group for group in blocks(REPORTER.render(report)) if group[0].startswith("main.tf")]
    assert main[2] == (
        "main.tf:8:17  HIGH  IAM-001  "
        "Statement allows every action ('*') in data.aws_iam_policy_document.admin."
    )
    assert main[3] == '     8 |     actions   = ["*"]'
    assert main[4] == "       |                 ^^^^^"
    assert main[5] == "    related: main.tf:3:3  The document is used by aws_iam_policy.admin."


def test_whole_line_finding_has_no_carets(report: ScanReport) -> None:
    (main,) = [group for group in blocks(REPORTER.render(report)) if group[0].startswith("main.tf")]
    assert main[:2] == [
        "main.tf:1:1  INFO  LOG-005  aws_iam_policy.admin has no description.",
        '     1 | resource "aws_iam_policy" "admin" {',
    ]


def test_multi_line_region_shows_at_most_three_lines(report: ScanReport) -> None:
    result = report.results[0]
    long = dataclasses.replace(
        result,
        finding=dataclasses.replace(
            result.finding, location=result.location.with_span(Span(1, 1, 4, 2))
        ),
    )
    text = REPORTER.render(dataclasses.replace(report, results=(long,)))
    assert text.splitlines()[1:5] == [
        '     1 | resource "aws_iam_policy" "admin" {',
        '     2 |   name   = "admin"',
        "     3 |   policy = data.aws_iam_policy_document.admin.json",
        "       | ...",
    ]


def test_secrets_are_masked(report: ScanReport) -> None:
    text = REPORTER.render(report)
    assert "hunter2" not in text
    assert "s3cr3t" not in text
    assert '     3 |   password = "********"' in text.splitlines()
    assert "       |   ^^^^^^^^^^^^^^^^^^^^^" in text.splitlines()
    assert "     5 |       MasterUserPassword: ********" in text.splitlines()


def test_low_confidence_is_noted(report: ScanReport) -> None:
    text = REPORTER.render(report)
    assert text.count("    confidence: low\n") == 2
    (net,) = [group for group in blocks(text) if group[0].startswith("modules/net/")]
    assert "    confidence: low" in net


def test_no_colour_unless_asked(report: ScanReport) -> None:
    assert ESC not in REPORTER.render(report)
    coloured = REPORTER.render(report, color=True)
    assert f"{ESC}1;35mCRITICAL{ESC}0m" in coloured
    assert f"{ESC}1;31mHIGH{ESC}0m" in coloured
    assert f"{ESC}31merror{ESC}0m" in coloured


def test_problems_list_diagnostics(report: ScanReport) -> None:
    groups = blocks(REPORTER.render(report))
    (problems,) = [group for group in groups if group[0].startswith("Problems")]
    assert problems == [
        "Problems (3):",
        "  error  policyguard: PG-005 check S3-009 raised KeyError: 'x'",
        "  error  broken.yaml:4:3: PG-001 could not parse",
        "  warning  private dir: PG-003 permission denied",
    ]


def test_summary_is_the_last_line(report: ScanReport) -> None:
    assert REPORTER.render(report).splitlines()[-1] == (
        "Summary: 5 findings (2 critical, 1 high, 1 medium, 0 low, 1 info), "
        "5 files scanned, 3 diagnostics"
    )


def test_empty_report(empty_report: ScanReport) -> None:
    assert REPORTER.render(empty_report) == (
        "No findings.\n"
        "\n"
        "Summary: 0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info), "
        "2 files scanned, 0 diagnostics\n"
    )


def test_control_characters_from_scanned_files_are_escaped(empty_report: ScanReport) -> None:
    diagnostic = Diagnostic("evil\x1b[2J.tf", None, DiagnosticId.PARSE_ERROR, "bad \x07 byte")
    text = REPORTER.render(
        dataclasses.replace(empty_report, diagnostics=(diagnostic,), files_scanned=1)
    )
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "  error  evil\\x1b[2J.tf: PG-001 bad \\x07 byte" in text.splitlines()


def test_rendering_is_deterministic(report: ScanReport) -> None:
    assert REPORTER.render(report) == REPORTER.render(dataclasses.replace(report))
