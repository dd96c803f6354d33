"""Loading plugins: the core's own, the built-in checks, and third parties' entry points."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import EntryPoint, entry_points
from typing import cast

import pluggy

from policyguard import hookspecs
from policyguard.checks import Check
from policyguard.report.base import Reporter

ENTRY_POINT_GROUP = "policyguard"
DISABLE_AUTOLOAD_VARIABLE = "POLICYGUARD_DISABLE_PLUGIN_AUTOLOAD"

CORE_PLUGINS = (
    "policyguard.parse.formats",
    "policyguard.extract.terraform",
    "policyguard.extract.cloudformation",
    "policyguard.runner",
    "policyguard.report.builtin",
)
"""Modules that make the pipeline work; they cannot be blocked."""

BUILTIN_PLUGINS = ("policyguard_iam", "policyguard_kms", "policyguard_s3", "policyguard_scp")
"""The built-in checks, registered by these names; ``-p no:NAME`` blocks one."""


class PluginError(Exception):
    """A plugin could not be used; ``exit_code`` is 2 for configuration, 3 for a crash."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Plugins:
    """The loaded plugin manager, with the checks (sorted by id) and reporters it provides."""

    manager: pluggy.PluginManager
    checks: tuple[Check, ...]
    reporters: dict[str, Reporter]

    def check(self, rule_id: str) -> Check | None:
        """The check with ``rule_id`` (case-insensitive), or ``None``."""
        return next((c for c in self.checks if c.id == rule_id.upper()), None)


def load_plugins(*, autoload: bool = True, blocked: Iterable[str] = ()) -> Plugins:
    """Register the core, the built-in checks and (with ``autoload``) third-party plugins.

    Raises :class:`PluginError` naming the plugin for a plugin that fails to load, a blocked
    core plugin, a duplicate rule id or reporter name, or a hook the specification lacks.
    """
    blocked = frozenset(blocked)
    for name in blocked & set(CORE_PLUGINS):
        raise PluginError(f"plugin {name!r} is part of the core and cannot be blocked")
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    for name in (*CORE_PLUGINS, *BUILTIN_PLUGINS):
        if name not in blocked:
            _register(manager, name, partial(importlib.import_module, name))
    if autoload:
        for entry_point in discover_entry_points():
            if entry_point.name not in blocked and manager.get_plugin(entry_point.name) is None:
                _register(manager, entry_point.name, entry_point.load)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"plugin {error.plugin!r} implements an unknown hook: {error}") from None
    return Plugins(manager, _checks(manager), _reporters(manager))


def discover_entry_points() -> Sequence[EntryPoint]:
    """Third-party plugins installed under the ``policyguard`` entry-point group, by name."""
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _register(manager: pluggy.PluginManager, name: str, load: Callable[[], object]) -> None:
    try:
        plugin = load()
        manager.register(plugin, name=name)
    except Exception as error:  # a plugin's import may raise anything
        raise PluginError(
            f"plugin {name!r} failed to load: {type(error).__name__}: {error}", exit_code=3
        ) from error


def _checks(manager: pluggy.PluginManager) -> tuple[Check, ...]:
    owners: dict[str, str] = {}
    checks: list[Check] = []
    for implementation in manager.hook.policyguard_checks.get_hookimpls():
        plugin = implementation.plugin_name
        for item in _call(implementation, "policyguard_checks"):
            if not isinstance(item, Check):
                raise PluginError(f"plugin {plugin!r} returned {item!r}, which is not a Check")
            if item.id in owners:
                raise PluginError(
                    f"rule id {item.id} is declared by both plugin {owners[item.id]!r} "
                    f"and plugin {plugin!r}"
                )
            owners[item.id] = plugin
            checks.append(item)
    return tuple(sorted(checks, key=lambda c: c.id))


def _reporters(manager: pluggy.PluginManager) -> dict[str, Reporter]:
    owners: dict[str, str] = {}
    reporters: dict[str, Reporter] = {}
    for implementation in manager.hook.policyguard_reporters.get_hookimpls():
        plugin = implementation.plugin_name
        for reporter in _call(implementation, "policyguard_reporters"):
            if not isinstance(reporter, Reporter):
                raise PluginError(f"plugin {plugin!r} returned {reporter!r}, which is no Reporter")
            if reporter.name in owners:
                raise PluginError(
                    f"output format {reporter.name!r} is provided by both plugin "
                    f"{owners[reporter.name]!r} and plugin {plugin!r}"
                )
            owners[reporter.name] = plugin
            reporters[reporter.name] = reporter
    return reporters


def _call(implementation: pluggy.HookImpl, hook: str) -> Sequence[object]:
    try:
        result = cast("Iterable[object] | None", implementation.function())
    except Exception as error:  # a plugin's hook may raise anything
        raise PluginError(
            f"plugin {implementation.plugin_name!r} failed in {hook}: "
            f"{type(error).__name__}: {error}",
            exit_code=3,
        ) from error
    return list(result or ())
