"""The reporter protocol and the finished scan that reporters render."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from policyguard.checks import Check
from policyguard.diagnostics import Diagnostic
from policyguard.findings import Result


@dataclass(frozen=True)
class ScanReport:
    """Everything a reporter may show.

    ``results`` and ``diagnostics`` are sorted; ``rules`` are the enabled checks sorted by id;
    ``source_root`` is absolute and every path in results is relative to it; ``lines(path)``
    gives a file's lines for snippets. ``execution_successful`` is false only with exit 3.
    """

    results: tuple[Result, ...]
    diagnostics: tuple[Diagnostic, ...]
    rules: tuple[Check, ...]
    source_root: Path
    category: str
    exit_code: int
    files_scanned: int
    source_lines: dict[str, tuple[str, ...]]

    @property
    def execution_successful(self) -> bool:
        return self.exit_code != 3

    def lines(self, path: str) -> Sequence[str]:
        """The lines of a scanned file (empty when it was not read)."""
        return self.source_lines.get(path, ())


@runtime_checkable
class Reporter(Protocol):
    """An output format: ``name`` is what ``--format`` and ``--report`` take."""

    @property
    def name(self) -> str: ...

    def render(self, report: ScanReport, *, color: bool = False) -> str:
        """The whole output as text; ``color`` is true only when writing to a terminal."""
        ...
