"""Discovery: which files a scan reads, and which it never opens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policyguard.diagnostics import DiagnosticId
from policyguard.discover import discover


def touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_finds_candidates_sorted_and_skips_tool_directories(tmp_path: Path) -> None:
    for name in [
        "b/main.tf",
        "a/template.yaml",
        "a/stack.template.json",
        "c/vars.tofu",
        "README.md",
        "script.py",
        ".git/config.json",
        ".terraform/modules/m/main.tf",
        ".terragrunt-cache/x/main.tf",
        "node_modules/pkg/index.json",
        "cdk.out/asset.123/template.json",
        "cdk.out/App.template.json",
    ]:
        touch(tmp_path / name)
    found = discover([tmp_path], tmp_path)
    assert [f.relpath for f in found.files] == [
        "a/stack.template.json",
        "a/template.yaml",
        "b/main.tf",
        "c/vars.tofu",
        "cdk.out/App.template.json",
    ]
    assert found.diagnostics == []


def test_excludes_match_paths_and_directory_names(tmp_path: Path) -> None:
    for name in ["keep/main.tf", "vendor/main.tf", "envs/dev/main.tf", "envs/prod/main.tf"]:
        touch(tmp_path / name)
    found = discover([tmp_path], tmp_path, exclude=["vendor", "envs/dev/*"])
    assert [f.relpath for f in found.files] == ["envs/prod/main.tf", "keep/main.tf"]


def test_paths_are_relative_to_the_source_root(tmp_path: Path) -> None:
    touch(tmp_path / "infra" / "main.tf")
    found = discover([tmp_path / "infra"], tmp_path)
    assert [f.relpath for f in found.files] == ["infra/main.tf"]


def test_explicit_file_is_scanned_once(tmp_path: Path) -> None:
    main = touch(tmp_path / "main.tf")
    found = discover([main, tmp_path], tmp_path)
    assert [f.relpath for f in found.files] == ["main.tf"]


def test_links_out_of_the_scan_root_are_not_followed(tmp_path: Path) -> None:
    outside = touch(tmp_path / "outside" / "secret.tf")
    touch(outside.parent / "nested" / "other.tf")
    root = tmp_path / "repo"
    touch(root / "main.tf")
    (root / "linked.tf").symlink_to(outside)
    (root / "linked_dir").symlink_to(outside.parent, target_is_directory=True)
    (root / "inside.tf").symlink_to(root / "main.tf")
    found = discover([root], root)
    assert [f.relpath for f in found.files] == ["inside.tf", "main.tf"]
    [diagnostic] = found.diagnostics
    assert (
        diagnostic.path == "linked.tf" and "link out of the scanned directory" in diagnostic.message
    )


def test_fifos_are_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tf")
    touch(tmp_path / "main.tf")
    found = discover([tmp_path], tmp_path)
    assert [f.relpath for f in found.files] == ["main.tf"]
    assert "not a regular file" in found.diagnostics[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_directory_is_a_diagnostic(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    touch(locked / "main.tf")
    locked.chmod(0)
    try:
        found = discover([tmp_path], tmp_path)
    finally:
        locked.chmod(0o755)
    assert [d.id for d in found.diagnostics] == [DiagnosticId.UNREADABLE]


def test_dangling_link_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "gone.tf").symlink_to(tmp_path / "missing.tf")
    found = discover([tmp_path], tmp_path)
    assert found.files == []
    assert [(d.path, d.id) for d in found.diagnostics] == [("gone.tf", DiagnosticId.UNREADABLE)]
