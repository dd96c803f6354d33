"""Time policyguard on the labeled corpus and on a fixed synthetic repository.

Usage::

    python benchmarks/run.py [--corpus DIR | --no-corpus] [--synthetic N] [--scale F]
                             [--json FILE]

Each target is scanned by a child process, ``python -m policyguard scan DIR --format sarif
--output FILE``, one child at a time. Wall time is measured around the child; peak memory is
the child's maximum resident set size as reported by ``os.wait4``. Findings are the results in
the SARIF file. The corpus is scanned once. The synthetic repository is described in
``benchmarks/synthetic.py``; it is written to a temporary directory (or, with ``--keep DIR``,
to DIR, e.g. the git-ignored ``benchmarks/out/``), regenerated on every run and scanned ``N``
times (``--synthetic N``, default 1, 0 skips it); the table then shows the median wall time
and the largest peak of those runs. Unix only (``os.wait4``).

The command exits 1 when a scan did not complete (exit code 2 or 3, or no readable SARIF),
0 otherwise. A scan that exits 1 because it found something is a completed scan.
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

import synthetic  # the script's own directory is on sys.path

if TYPE_CHECKING:
    import resource

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "cases"
IAC_SUFFIXES = frozenset({".tf", ".tofu", ".json", ".yaml", ".yml", ".template"})
COMPLETED_EXIT_CODES = frozenset({0, 1})


@dataclass(frozen=True, slots=True)
class Measurement:
    """One child run: its exit code, wall time, peak RSS and the findings in its SARIF."""

    exit_code: int
    wall_seconds: float
    peak_bytes: int
    findings: int | None
    stderr_tail: str

    @property
    def completed(self) -> bool:
        return self.exit_code in COMPLETED_EXIT_CODES and self.findings is not None


@dataclass(frozen=True, slots=True)
class Result:
    """A target's line in the table: the median wall time and the largest peak of its runs."""

    target: str
    files: int
    runs: tuple[Measurement, ...]
    planted: int | None = None

    @property
    def completed(self) -> bool:
        return bool(self.runs) and all(run.completed for run in self.runs)

    @property
    def wall_seconds(self) -> float:
        return statistics.median(run.wall_seconds for run in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(run.peak_bytes for run in self.runs) / (1024 * 1024)

    @property
    def findings(self) -> int | None:
        return self.runs[-1].findings if self.runs else None

    def to_json(self) -> dict[str, object]:
        return {
            "target": self.target,
            "files": self.files,
            "completed": self.completed,
            "wall_seconds": round(self.wall_seconds, 3),
            "peak_mib": round(self.peak_mib, 1),
            "findings": self.findings,
            "planted": self.planted,
            "runs": [
                {
                    "exit_code": run.exit_code,
                    "wall_seconds": round(run.wall_seconds, 3),
                    "peak_bytes": run.peak_bytes,
                    "findings": run.findings,
                }
                for run in self.runs
            ],
        }


def count_iac_files(root: Path) -> int:
    """Files a scan may read: by suffix, outside hidden directories."""
    count = 0
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix in IAC_SUFFIXES:
            count += 1
    return count


def count_results(sarif_path: Path) -> int | None:
    """Results over all runs of a SARIF file, or ``None`` when it is missing or unreadable."""
    try:
        document = json.loads(sarif_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    runs = document.get("runs") if isinstance(document, dict) else None
    if not isinstance(runs, list):
        return None
    return sum(len(run.get("results") or []) for run in runs if isinstance(run, dict))


def peak_rss_bytes(rusage: resource.struct_rusage) -> int:
    """``ru_maxrss`` in bytes: Linux reports KiB, macOS bytes."""
    return rusage.ru_maxrss if sys.platform == "darwin" else rusage.ru_maxrss * 1024


def scan(target: Path, workdir: Path) -> Measurement:
    """Run one ``policyguard scan`` child on ``target`` and measure it."""
    sarif_path = workdir / "result.sarif"
    sarif_path.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "policyguard",
        "scan",
        str(target),
        "--format",
        "sarif",
        "--output",
        str(sarif_path),
    ]
    with (workdir / "stdout.txt").open("wb") as out, (workdir / "stderr.txt").open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=out, stderr=err)
        _, status, rusage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = (workdir / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    return Measurement(
        exit_code=child.returncode,
        wall_seconds=wall,
        peak_bytes=peak_rss_bytes(rusage),
        findings=count_results(sarif_path),
        stderr_tail="\n".join(stderr.strip().splitlines()[-5:]),
    )


def measure(name: str, target: Path, runs: int, planted: int | None = None) -> Result:
    with tempfile.TemporaryDirectory(prefix="policyguard-bench-") as tmp:
        measurements = tuple(scan(target, Path(tmp)) for _ in range(runs))
    return Result(target=name, files=count_iac_files(target), runs=measurements, planted=planted)


def format_table(results: list[Result]) -> str:
    header = ("target", "files", "wall s", "peak MiB", "findings", "planted", "status")
    rows = [header]
    for result in results:
        rows.append(
            (
                result.target,
                str(result.files),
                f"{result.wall_seconds:.2f}",
                f"{result.peak_mib:.1f}",
                "-" if result.findings is None else str(result.findings),
                "-" if result.planted is None else str(result.planted),
                "ok" if result.completed else f"FAILED (exit {result.runs[-1].exit_code})",
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


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Time policyguard on the labeled corpus and a fixed synthetic repository.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help=f"corpus directory to scan (default: {DEFAULT_CORPUS}, skipped if missing)",
    )
    parser.add_argument(
        "--no-corpus", action="store_true", help="scan only the synthetic repository"
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        default=1,
        metavar="N",
        help="timed scans of the synthetic repository; the table shows the median wall time "
        "and the largest peak (default: 1; 0 skips it)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="F",
        help="multiplies the synthetic repository's module and template counts; for quick "
        "local smoke runs only, numbers are comparable only at 1.0 (default: 1.0)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the synthetic repository to DIR and keep it (DIR must be empty, missing or "
        "a previous synthetic repository; default: a temporary directory)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE"
    )
    args = parser.parse_args(argv)
    if args.synthetic < 0:
        parser.error("--synthetic must be 0 or more")
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.corpus is not None and args.no_corpus:
        parser.error("--corpus and --no-corpus exclude each other")
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus}: not a directory")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results: list[Result] = []

    corpus: Path = (args.corpus or DEFAULT_CORPUS).resolve()
    if args.no_corpus:
        pass
    elif corpus.is_dir():
        print(f"scanning corpus {corpus} ...", file=sys.stderr)
        results.append(measure("corpus", corpus, 1))
    else:
        print(f"corpus {corpus} not found, skipped", file=sys.stderr)

    stats: synthetic.Stats | None = None
    if args.synthetic > 0:
        with tempfile.TemporaryDirectory(prefix="policyguard-synthetic-") as tmp:
            root = args.keep.resolve() if args.keep is not None else Path(tmp) / "synthetic"
            print(f"generating synthetic repository in {root} ...", file=sys.stderr)
            try:
                stats = synthetic.generate(root, scale=args.scale)
            except ValueError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            print(f"scanning synthetic repository ({stats.files} files) ...", file=sys.stderr)
            name = "synthetic" if args.scale == 1.0 else f"synthetic x{args.scale:g}"
            planted = sum(stats.planted.values())
            results.append(measure(name, root, args.synthetic, planted=planted))

    if not results:
        print("nothing to scan", file=sys.stderr)
        return 1

    print(format_table(results))
    for result in results:
        for run in result.runs:
            if not run.completed:
                print(
                    f"\n{result.target}: exit {run.exit_code}\n{run.stderr_tail}", file=sys.stderr
                )
                break

    if args.json is not None:
        report = {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "synthetic": None if stats is None else stats.to_json(),
            "results": [result.to_json() for result in results],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    return 0 if all(result.completed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
