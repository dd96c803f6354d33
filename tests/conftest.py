"""Fixtures shared by the test modules: paths, loaded plugins, and a scan runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from policyguard.model import Inventory
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins, load_plugins
from policyguard.report.base import ScanReport
from policyguard.scan import ScanOptions, run_scan
from policyguard.source import SourceFile

Scan = Callable[..., ScanReport]


@pytest.fixture(scope="session")
def plugins() -> Plugins:
    """The core and built-in plugins, without third-party autoload."""
    return load_plugins(autoload=False)


@pytest.fixture
def scan(plugins: Plugins) -> Scan:
    """Scan paths with every built-in check; the source root is the first path's directory."""

    def run(*paths: Path, select: Sequence[str] = (), root: Path | None = None) -> ScanReport:
        checks = tuple(c for c in plugins.checks if not select or c.id in select)
        source_root = root or (paths[0] if paths[0].is_dir() else paths[0].parent)
        return run_scan(ScanOptions(tuple(paths), source_root, checks), plugins)

    return run


Extract = Callable[[Path], Inventory]


@pytest.fixture(scope="session")
def extract(plugins: Plugins) -> Extract:
    """The inventory of the files in a directory, through the parse and extract hooks."""

    def run(directory: Path) -> Inventory:
        hook = plugins.manager.hook
        parsed = [
            hook.policyguard_parse_file(source=SourceFile(path, path.name))
            for path in sorted(directory.iterdir())
        ]
        files = [p for p in parsed if p is not None]
        extractions = hook.policyguard_extract(files=files, context=ExtractContext())
        return Inventory.of(o for e in extractions if e is not None for o in e.objects)

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite expected_*.json snapshots from the current output (review the diff)",
    )


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))
