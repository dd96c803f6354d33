"""Start-up stays light: parser libraries load only when a file of their format is found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from policyguard.cli import main
code = main(sys.argv[1:])
heavy = sorted(
    m for m in ("cfnlint", "hcl2", "lark", "policyguard.iam.catalog") if m in sys.modules
)
print("LOADED", ",".join(heavy))
"""


def loaded_modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    return set(filter(None, line.removeprefix("LOADED ").split(",")))


def test_rules_loads_no_parser() -> None:
    assert loaded_modules("rules") == set()


def test_terraform_scan_does_not_load_cfn_lint(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_kms_key" "k" {}\n')
    assert loaded_modules("scan", str(tmp_path), "--format", "json") == {"hcl2", "lark"}


def test_cloudformation_scan_loads_cfn_lint(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Key:\n    Type: AWS::KMS::Key\n"
    )
    assert "cfnlint" in loaded_modules("scan", str(tmp_path), "--format", "json")
