"""One scan, end to end: discover, parse, extract, check, decide the exit code.

Every stage is reached through the plugin hooks; this module only connects them, collects
diagnostics on the way and keeps the order deterministic.
"""

from __future__ import annotations

import gc
import subprocess
import traceback
from collections.abc import Iterator, Sequence
from collections.abc import Mapping as AbcMapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from policyguard.checks import Check
from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel, InputError
from policyguard.discover import discover
from policyguard.findings import Confidence, Finding, Related, Result
from policyguard.location import BUILTIN, SourceLocation, outside_scanned_code
from policyguard.model.accounts import AccountSettings
from policyguard.model.inventory import Inventory
from policyguard.model.requirements import Requirements
from policyguard.model.resources import Resource
from policyguard.parse.parsed import ExtractContext, Extraction, ParsedFile
from policyguard.plugins import Plugins
from policyguard.report.base import ScanReport
from policyguard.severity import Severity
from policyguard.source import SourceFile

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_CATEGORY = "policyguard/"


@dataclass(frozen=True)
class ScanOptions:
    """What to scan and how to judge it."""

    paths: tuple[Path, ...]
    source_root: Path
    checks: tuple[Check, ...]
    fail_on: Severity = Severity.LOW
    fail_on_parse_error: bool = True
    exclude: tuple[str, ...] = ()
    category: str = DEFAULT_CATEGORY
    variable_files: tuple[Path, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()
    environment: AbcMapping[str, str] = field(default_factory=dict)
    accounts: AccountSettings = field(default_factory=AccountSettings)
    requirements: Requirements = field(default_factory=Requirements)


def default_source_root(path: Path) -> Path:
    """The git top-level of ``path``, else the current directory when it holds ``path``, else
    ``path`` itself (its directory for a file)."""
    directory = path.resolve() if path.resolve().is_dir() else path.resolve().parent
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=directory,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        if top.returncode == 0 and top.stdout.strip():
            return Path(top.stdout.strip()).resolve()
    except (OSError, subprocess.SubprocessError):
        pass
    cwd = Path.cwd().resolve()
    return cwd if directory.is_relative_to(cwd) else directory


def select_checks(
    checks: Sequence[Check], select: Sequence[str], ignore: Sequence[str]
) -> tuple[Check, ...]:
    """The checks enabled by ``select`` (all when empty) and not named by ``ignore``.

    Each entry is a rule id (``IAM-001``), a domain prefix (``IAM``), a compliance framework
    (``cis-aws``) or one of its controls (``cis-aws:1.16``), case-insensitive.
    """

    def named(check: Check, entries: Sequence[str]) -> bool:
        return any(check.selected_by(entry) for entry in entries)

    return tuple(
        check
        for check in checks
        if (not select or named(check, select)) and not named(check, ignore)
    )


def run_scan(options: ScanOptions, plugins: Plugins) -> ScanReport:
    """Scan ``options.paths`` with ``plugins`` and judge the result."""
    with _cyclic_gc_paused():
        return _run_scan(options, plugins)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a scan builds its trees and model.

    They are large, acyclic and live until the scan ends, so the collector would only rescan
    them again and again (measured: a quarter of the scan time, with the same peak memory);
    reference counting still frees everything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_scan(options: ScanOptions, plugins: Plugins) -> ScanReport:
    state = _Scan(plugins)
    discovery = discover(options.paths, options.source_root, options.exclude)
    state.diagnostics.extend(discovery.diagnostics)
    parsed = [p for source in discovery.files if (p := state.parse(source)) is not None]
    context = ExtractContext(
        tuple(p for path in options.variable_files if (p := state.parse(_source(path, options)))),
        options.variables,
        options.environment,
        tuple(
            description
            for provided in state.hook.policyguard_module_descriptions()
            for description in provided
        ),
    )
    settings = Inventory(accounts=options.accounts, requirements=options.requirements)
    inventory = state.extract(parsed, context, settings)
    resources = _resources(inventory)
    results = sorted(
        (r for check in options.checks for r in state.run(check, inventory, resources)),
        key=Result.sort_key,
    )
    exit_code = _exit_code(results, state, options)
    shown = {r.location.path for r in results}
    return ScanReport(
        results=tuple(results),
        diagnostics=tuple(sorted(state.diagnostics, key=_diagnostic_order)),
        rules=options.checks,
        source_root=options.source_root,
        category=options.category,
        exit_code=exit_code,
        files_scanned=len(parsed),
        source_lines={p.relpath: _lines(p.source) for p in parsed if p.relpath in shown},
    )


class _Scan:
    """Diagnostics and internal errors gathered while the stages run."""

    def __init__(self, plugins: Plugins) -> None:
        self.hook = plugins.manager.hook
        self.diagnostics: list[Diagnostic] = []
        self.internal_error = False

    def parse(self, source: SourceFile) -> ParsedFile | None:
        try:
            parsed: ParsedFile | None = self.hook.policyguard_parse_file(source=source)
        except InputError as error:
            self.diagnostics.append(
                Diagnostic(source.relpath, error.span, error.diagnostic_id, error.message)
            )
            return None
        except OSError as error:
            self.diagnostics.append(
                Diagnostic(
                    source.relpath,
                    None,
                    DiagnosticId.UNREADABLE,
                    f"cannot be read: {error.strerror or error}",
                )
            )
            return None
        except Exception as error:  # a parser bug must not hide the other files' findings
            self.crash(source.relpath, "parsing", error)
            return None
        return parsed

    def extract(
        self, parsed: Sequence[ParsedFile], context: ExtractContext, settings: Inventory
    ) -> Inventory:
        """The inventory of ``parsed``, with the configured ``settings`` (an empty inventory)."""
        objects: list[object] = []
        try:
            extractions: list[Extraction | None] = self.hook.policyguard_extract(
                files=parsed, context=context
            )
        except Exception as error:  # reported as an internal error
            self.crash("", "extraction", error)
            return settings
        for extraction in extractions:
            if extraction is not None:
                objects.extend(extraction.objects)
                self.diagnostics.extend(extraction.diagnostics)
        return settings.holding(objects)

    def run(
        self, check: Check, inventory: Inventory, resources: dict[tuple[str, str], Resource]
    ) -> list[Result]:
        try:
            findings = self.hook.policyguard_run_check(check=check, inventory=inventory)
        except Exception as error:  # a crashed check is an error, never a pass
            self.crash("", f"check {check.id} ({check.name})", error)
            return []
        return [
            Result(check, _in_context(finding, resources.get(_resource_key(finding.location))))
            for finding in findings or ()
        ]

    def crash(self, path: str, stage: str, error: Exception) -> None:
        self.internal_error = True
        frame = traceback.extract_tb(error.__traceback__)[-1:]
        where = f" at {frame[0].filename}:{frame[0].lineno}" if frame else ""
        self.diagnostics.append(
            Diagnostic(
                path,
                None,
                DiagnosticId.CHECK_FAILED,
                f"internal error in {stage}: {type(error).__name__}: {error}{where}",
            )
        )


def _resources(inventory: Inventory) -> dict[tuple[str, str], Resource]:
    """The resources of the scan by unit and address (addresses repeat across units)."""
    return {(r.location.unit, r.address): r for r in inventory.of_type(Resource)}


def _resource_key(location: SourceLocation) -> tuple[str, str]:
    return (location.unit, location.logical_name)


def _in_context(finding: Finding, resource: Resource | None) -> Finding:
    """``finding`` with what the engine knows about its resource added: the resource itself
    when the deciding value is written elsewhere, the module calls that lead to it, and low
    confidence when its instances are not known."""
    if resource is None:
        return finding
    finding = _in_scanned_code(finding, resource)
    related = list(finding.related)
    location = finding.location
    extent = resource.extent
    outside = location.path != resource.location.path or (
        extent is not None and not extent.start_line <= location.start_line <= extent.end_line
    )
    if outside and all(r.location != resource.location for r in related):
        related.append(Related(resource.location, f"used by {resource.address}"))
    related += [Related(call, f"module call {call.logical_name}") for call in resource.module_calls]
    related = [r for r in related if not r.location.path.startswith(BUILTIN)]
    unknown = resource.unknown_instances
    if unknown is None:
        return replace(finding, related=tuple(related))
    return replace(
        finding,
        related=tuple(related),
        confidence=Confidence.LOW,
        message=f"{finding.message} (Its instances are not known statically: {unknown.reason}.)",
    )


def _in_scanned_code(finding: Finding, resource: Resource) -> Finding:
    """A finding whose deciding value is written in a downloaded module or a built-in module
    description, moved to the innermost module call in the user's code that leads to it."""
    if not outside_scanned_code(finding.location.path):
        return finding
    calls = [c for c in resource.module_calls if not outside_scanned_code(c.path)]
    if not calls:
        return finding
    written = finding.location
    related = finding.related
    if not written.path.startswith(BUILTIN):
        related = (Related(written, "where the module sets the value"), *related)
    return replace(
        finding,
        location=replace(calls[-1], logical_name=written.logical_name),
        related=related,
    )


def _source(path: Path, options: ScanOptions) -> SourceFile:
    absolute = path.resolve()
    relative = (
        absolute.relative_to(options.source_root).as_posix()
        if absolute.is_relative_to(options.source_root)
        else absolute.as_posix()
    )
    return SourceFile(absolute, relative)


def _exit_code(results: Sequence[Result], state: _Scan, options: ScanOptions) -> int:
    if state.internal_error:
        return EXIT_INTERNAL
    if any(r.check.severity >= options.fail_on for r in results):
        return EXIT_FINDINGS
    parse_failed = any(
        d.id in (DiagnosticId.PARSE_ERROR, DiagnosticId.LIMIT_EXCEEDED, DiagnosticId.UNREADABLE)
        and d.level is DiagnosticLevel.ERROR
        for d in state.diagnostics
    )
    return EXIT_FINDINGS if parse_failed and options.fail_on_parse_error else EXIT_CLEAN


def _diagnostic_order(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    span = diagnostic.span
    return (
        diagnostic.path,
        span.start_line if span else 0,
        span.start_column if span else 0,
        diagnostic.id.value,
        diagnostic.message,
    )


def _lines(source: SourceFile) -> tuple[str, ...]:
    return tuple(source.text.splitlines())
