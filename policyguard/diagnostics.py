"""Diagnostics: what policyguard itself has to say about the scan (``PG-`` ids)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from policyguard.location import Span


class DiagnosticLevel(enum.Enum):
    """SARIF notification levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class DiagnosticId(enum.Enum):
    """The ``PG`` descriptors: stable ids of what the tool can report about itself."""

    PARSE_ERROR = "PG-001"
    LIMIT_EXCEEDED = "PG-002"
    UNREADABLE = "PG-003"
    NOT_RESOLVED = "PG-004"
    CHECK_FAILED = "PG-005"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    DiagnosticId.PARSE_ERROR: "An IaC file could not be parsed.",
    DiagnosticId.LIMIT_EXCEEDED: "An input exceeded a bound (size, nesting, expansion).",
    DiagnosticId.UNREADABLE: "A path could not be read.",
    DiagnosticId.NOT_RESOLVED: "A construct could not be resolved statically and was not scanned.",
    DiagnosticId.CHECK_FAILED: "A check or plugin raised an exception.",
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A message about the scan: ``path`` is relative to the source root ("" for none)."""

    path: str
    span: Span | None
    id: DiagnosticId
    message: str
    level: DiagnosticLevel = DiagnosticLevel.ERROR

    def __str__(self) -> str:
        where = self.path or "policyguard"
        if self.span is not None:
            where += f":{self.span.start_line}:{self.span.start_column}"
        return f"{where}: {self.id.value} {self.message}"


class InputError(Exception):
    """Raised by a parser for input it cannot read; becomes a diagnostic for that file."""

    diagnostic_id = DiagnosticId.PARSE_ERROR

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class LimitExceeded(InputError):
    """Raised when an input exceeds a bound (size, nesting depth, alias expansion)."""

    diagnostic_id = DiagnosticId.LIMIT_EXCEEDED
