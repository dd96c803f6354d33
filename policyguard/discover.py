"""Finding the files of a scan: walk the given paths, skip what is never IaC source.

Links are followed only when they stay inside the scanned path; FIFOs, sockets and devices are
never opened. Which files a format claims is the parsers' decision (``policyguard_parse_file``).
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel
from policyguard.source import SourceFile

SKIPPED_DIRECTORIES = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules"})
MODULE_MANIFEST = "modules.json"
CANDIDATE_SUFFIXES = (".tf", ".tofu", ".tfvars", ".json", ".yaml", ".yml", ".template")


@dataclass
class Discovery:
    """The files found, sorted by relative path, and what could not be read."""

    files: list[SourceFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def discover(paths: Iterable[Path], source_root: Path, exclude: Iterable[str] = ()) -> Discovery:
    """Every candidate file under ``paths``; paths in the result are relative to ``source_root``."""
    walker = _Walker(source_root.resolve(), tuple(exclude))
    found: dict[str, SourceFile] = {}
    for path in paths:
        for file in walker.walk(path):
            found.setdefault(file.relpath, file)
    walker.discovery.files = [found[key] for key in sorted(found)]
    return walker.discovery


@dataclass
class _Walker:
    root: Path
    exclude: tuple[str, ...]
    discovery: Discovery = field(default_factory=Discovery)

    def walk(self, path: Path) -> Iterator[SourceFile]:
        scan_root = path.resolve()
        if scan_root.is_file():
            if not self.excluded(self.relative(scan_root)):
                yield SourceFile(scan_root, self.relative(scan_root))
            return
        for directory, subdirectories, names in os.walk(
            scan_root, onerror=self.unreadable, followlinks=False
        ):
            current = Path(directory)
            subdirectories[:] = sorted(
                name for name in subdirectories if self.enter(current / name)
            )
            for name in sorted(names):
                file = self.candidate(current / name, scan_root)
                if file is not None:
                    yield file
            yield from self.installed_modules(current, scan_root)

    def installed_modules(self, directory: Path, scan_root: Path) -> Iterator[SourceFile]:
        """The modules ``terraform init`` downloaded for the root module in ``directory``:
        its ``.terraform/modules/modules.json`` and the Terraform files below it. They are
        read to instantiate the calls that use them, never as root modules of their own."""
        modules = directory / ".terraform" / "modules"
        if not (modules / MODULE_MANIFEST).is_file() or modules.is_symlink():
            return
        for current, subdirectories, names in os.walk(modules, onerror=self.unreadable):
            subdirectories[:] = sorted(d for d in subdirectories if d != ".git")
            for name in sorted(names):
                if name == MODULE_MANIFEST or name.lower().endswith((".tf", ".tofu", ".tf.json")):
                    file = self.candidate(Path(current) / name, scan_root, suffixes=False)
                    if file is not None:
                        yield file

    def enter(self, directory: Path) -> bool:
        name = directory.name
        if name in SKIPPED_DIRECTORIES or directory.is_symlink():
            return False
        if directory.parent.name == "cdk.out" and name.startswith("asset."):
            return False
        return not self.excluded(self.relative(directory))

    def candidate(self, path: Path, scan_root: Path, *, suffixes: bool = True) -> SourceFile | None:
        if suffixes and not path.name.lower().endswith(CANDIDATE_SUFFIXES):
            return None
        relative = self.relative(path)
        if self.excluded(relative):
            return None
        try:
            target = path.resolve(strict=True)
            mode = target.stat().st_mode
        except OSError as error:
            self.note(relative, f"cannot be read: {error.strerror or error}")
            return None
        if not target.is_relative_to(scan_root):
            self.note(
                relative,
                "is a link out of the scanned directory; not followed",
                DiagnosticLevel.WARNING,
            )
            return None
        if not stat.S_ISREG(mode):
            self.note(relative, "is not a regular file; not read", DiagnosticLevel.WARNING)
            return None
        return SourceFile(path, relative)

    def relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        if absolute.is_relative_to(self.root):
            return PurePosixPath(absolute.relative_to(self.root)).as_posix()
        return PurePosixPath(os.path.relpath(absolute, self.root)).as_posix()

    def excluded(self, relative: str) -> bool:
        parts = PurePosixPath(relative).parts
        return any(
            fnmatch.fnmatch(relative, pattern) or any(fnmatch.fnmatch(p, pattern) for p in parts)
            for pattern in self.exclude
        )

    def unreadable(self, error: OSError) -> None:
        where = self.relative(Path(error.filename)) if error.filename else ""
        self.note(where, f"cannot be read: {error.strerror or error}")

    def note(
        self, relative: str, message: str, level: DiagnosticLevel = DiagnosticLevel.ERROR
    ) -> None:
        self.discovery.diagnostics.append(
            Diagnostic(relative, None, DiagnosticId.UNREADABLE, f"{relative} {message}", level)
        )
