"""Plugin loading: third parties through entry points, blocking, and loud failures."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from policyguard import plugins as plugin_loading
from policyguard.cli import main
from policyguard.plugins import PluginError, load_plugins

THIRD_PARTY = '''
from policyguard import Finding, Severity, check, hookimpl
from policyguard.model import KmsKey


@check(id="ACME-001", name="acme-key-description", severity=Severity.LOW, targets=(KmsKey,))
def key_description(key):
    """## What it does
    Flags keys. For a test.
    """
    yield Finding.at(key, f"{key.describe()} is described by ACME.")


@hookimpl
def policyguard_checks():
    return [key_description]
'''

InstallPlugin = Callable[[str, str], None]


@pytest.fixture
def install_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> InstallPlugin:
    """Write a plugin module and announce it as an in-memory ``policyguard`` entry point."""
    installed: list[EntryPoint] = []
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(plugin_loading, "entry_points", lambda group: tuple(installed))
    monkeypatch.delenv("POLICYGUARD_DISABLE_PLUGIN_AUTOLOAD", raising=False)

    def install(name: str, source: str) -> None:
        module = f"{name}_plugin"
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
        monkeypatch.delitem(sys.modules, module, raising=False)
        installed.append(EntryPoint(name=name, value=module, group="policyguard"))

    return install


@pytest.fixture
def terraform(tmp_path: Path) -> Path:
    directory = tmp_path / "iac"
    directory.mkdir()
    (directory / "kms.tf").write_text('resource "aws_kms_key" "fail_rotation" {}\n')
    return directory


def scan_rule_ids(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["scan", *args, "--format", "json"])
    out = capsys.readouterr().out
    return code, sorted(r["rule_id"] for r in json.loads(out)["results"]) if out else []


def test_entry_point_plugin_runs_end_to_end(
    install_plugin: InstallPlugin, terraform: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_plugin("acme", THIRD_PARTY)
    assert scan_rule_ids(capsys, str(terraform)) == (1, ["ACME-001", "KMS-001"])


@pytest.mark.parametrize("switch", [["--no-plugin-autoload"], ["-p", "no:acme"]])
def test_third_party_plugin_can_be_turned_off(
    install_plugin: InstallPlugin,
    terraform: Path,
    capsys: pytest.CaptureFixture[str],
    switch: list[str],
) -> None:
    install_plugin("acme", THIRD_PARTY)
    assert scan_rule_ids(capsys, str(terraform), *switch) == (1, ["KMS-001"])


def test_environment_variable_turns_autoload_off(
    install_plugin: InstallPlugin,
    terraform: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install_plugin("acme", THIRD_PARTY)
    monkeypatch.setenv("POLICYGUARD_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert scan_rule_ids(capsys, str(terraform)) == (1, ["KMS-001"])


def test_builtin_plugin_can_be_blocked() -> None:
    loaded = load_plugins(autoload=False, blocked=["policyguard_kms"])
    assert "KMS-001" not in {c.id for c in loaded.checks}
    assert "IAM-001" in {c.id for c in loaded.checks}


def test_duplicate_rule_id_names_both_plugins(
    install_plugin: InstallPlugin, capsys: pytest.CaptureFixture[str]
) -> None:
    install_plugin("copycat", THIRD_PARTY.replace("ACME-001", "KMS-001"))
    with pytest.raises(PluginError) as error:
        load_plugins()
    assert error.value.exit_code == 2
    assert "KMS-001" in str(error.value)
    assert "'policyguard_kms'" in str(error.value) and "'copycat'" in str(error.value)
    assert main(["rules"]) == 2
    assert "copycat" in capsys.readouterr().err


def test_plugin_that_fails_to_import_is_named(
    install_plugin: InstallPlugin, capsys: pytest.CaptureFixture[str]
) -> None:
    install_plugin("broken", "raise RuntimeError('missing licence key')\n")
    with pytest.raises(PluginError) as error:
        load_plugins()
    assert error.value.exit_code == 3
    assert "plugin 'broken' failed to load: RuntimeError: missing licence key" in str(error.value)
    assert main(["rules"]) == 3


def test_crashing_check_is_an_internal_error_not_a_pass(
    install_plugin: InstallPlugin, terraform: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_plugin("crashy", THIRD_PARTY.replace("yield Finding", "1 / 0\n    yield Finding"))
    code = main(["scan", str(terraform), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    invocation = log["runs"][0]["invocations"][0]
    assert code == 3
    assert invocation["executionSuccessful"] is False
    messages = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert any("ACME-001" in m and "ZeroDivisionError" in m for m in messages)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["KMS-001"]
