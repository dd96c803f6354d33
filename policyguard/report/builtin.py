"""The built-in output formats, provided through the same hook as third parties'."""

from __future__ import annotations

from policyguard.hookspecs import hookimpl
from policyguard.report.base import Reporter


@hookimpl
def policyguard_reporters() -> list[Reporter]:
    """SARIF, text and JSON."""
    from policyguard.report import json_format, sarif, text

    return [sarif.REPORTER, text.REPORTER, json_format.REPORTER]
