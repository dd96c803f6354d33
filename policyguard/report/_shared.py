"""What the built-in reporters share."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from policyguard._version import __version__
from policyguard.severity import Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from policyguard.findings import Result

TOOL_NAME = "policyguard"
TOOL_VERSION = __version__


def severity_counts(results: Iterable[Result]) -> dict[Severity, int]:
    """The number of results of each severity, every severity from critical down to info."""
    counts = Counter(result.check.severity for result in results)
    return {severity: counts[severity] for severity in sorted(Severity, reverse=True)}
