"""Loading plugins: the core's own, the built-in checks, and third parties' entry points."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import EntryPoint, entry_points
from typing import TypeGuard, TypeVar, cast

import pluggy

from policyguard import hookspecs
from policyguard.checks import Check
from policyguard.report.base import Reporter

T = TypeVar("T")

ENTRY_POINT_GROUP = "policyguard"
DISABLE_AUTOLOAD_VARIABLE = "POLICYGUARD_DISABLE_PLUGIN_AUTOLOAD"

CORE_PLUGINS = (
    "policyguard.parse.formats",
    "policyguard.extract.hooks",
    "policyguard.runner",
    "policyguard.report.builtin",
)
"""Modules that make the pipeline work; they cannot be blocked."""

BUILTIN_PLUGINS = (
    "policyguard_auth",
    "policyguard_iam",
    "policyguard_kms",
    "policyguard_res",
    "policyguard_s3",
    "policyguard_scp",
    "policyguard_trust",
)
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
    checks = _provided(manager, "policyguard_checks", _is_check, lambda c: c.id, "rule id")
    return tuple(sorted(checks.values(), key=lambda c: c.id))


def _reporters(manager: pluggy.PluginManager) -> dict[str, Reporter]:
    return _provided(manager, "policyguard_reporters", _is_reporter, lambda r: r.name, "format")


def _is_check(item: object) -> TypeGuard[Check]:
    return isinstance(item, Check)


def _is_reporter(item: object) -> TypeGuard[Reporter]:
    return isinstance(item, Reporter)


def _provided(
    manager: pluggy.PluginManager,
    hook: str,
    accepts: Callable[[object], TypeGuard[T]],
    key: Callable[[T], str],
    what: str,
) -> dict[str, T]:
    """What every plugin's ``hook`` returns, by ``key``; a key two plugins share is an error."""
    owners: dict[str, str] = {}
    provided: dict[str, T] = {}
    for implementation in getattr(manager.hook, hook).get_hookimpls():
        plugin = implementation.plugin_name
        for item in _call(implementation, hook):
            if not accepts(item):
                raise PluginError(f"plugin {plugin!r} returned {item!r} from {hook}")
            name = key(item)
            if name in owners:
                raise PluginError(
                    f"{what} {name!r} is declared by both plugin {owners[name]!r} "
                    f"and plugin {plugin!r}"
                )
            owners[name] = plugin
            provided[name] = item
    return provided


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
