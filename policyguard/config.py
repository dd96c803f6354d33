"""Configuration from ``.policyguard.toml`` or ``[tool.policyguard]`` in ``pyproject.toml``.

The file is searched upward from the scanned path; in one directory ``.policyguard.toml`` wins.
Command-line options override what the file says.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policyguard.model.accounts import (
    ACCOUNT_ID,
    DEPLOYMENT_TARGET,
    ORGANIZATION_ID,
    AccountSettings,
)
from policyguard.model.requirements import (
    AWS_MAXIMUM_DELETION_WINDOW,
    AWS_MINIMUM_DELETION_WINDOW,
    Requirements,
)
from policyguard.severity import Severity

CONFIG_FILE = ".policyguard.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings of a scan; ``path`` is the file they came from (``None`` for defaults)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.LOW
    fail_on_parse_error: bool = True
    exclude: tuple[str, ...] = ()
    plugin_autoload: bool = True
    disable_plugins: tuple[str, ...] = ()
    accounts: AccountSettings = field(default_factory=AccountSettings)
    requirements: Requirements = field(default_factory=Requirements)
    path: Path | None = field(default=None, compare=False)


def _strings(value: Any) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise TypeError("expected a list of strings")
    return tuple(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise TypeError("expected a severity name")
    return Severity.parse(value)


def _accounts(value: Any) -> AccountSettings:
    """The ``[accounts]`` table: ``organization-id``, ``trusted-accounts``, ``deployments``."""
    if not isinstance(value, dict):
        raise TypeError("expected a table")
    unknown = set(value) - {"organization-id", "trusted-accounts", "deployments"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r} in accounts")
    organization = value.get("organization-id")
    if organization is not None and not (
        isinstance(organization, str) and ORGANIZATION_ID.match(organization)
    ):
        raise ValueError(f"organization-id {organization!r} is not of the form o-xxxxxxxxxx")
    trusted = _strings(value.get("trusted-accounts", []))
    if bad := [a for a in trusted if not ACCOUNT_ID.match(a)]:
        raise ValueError(f"trusted account {bad[0]!r} is not a 12-digit account id")
    deployments = value.get("deployments", {})
    if not isinstance(deployments, dict) or not all(
        isinstance(t, str) and DEPLOYMENT_TARGET.match(t) for t in deployments.values()
    ):
        raise ValueError("deployments maps paths to account ids, OU ids or root ids")
    return AccountSettings(organization, frozenset(trusted), tuple(deployments.items()))


def _requirements(value: Any) -> Requirements:
    """The ``[requirements]`` table: ``kms-minimum-deletion-window``, ``s3-object-lock``,
    ``s3-kms``, ``s3-kms-keys`` (the last implies ``s3-kms``)."""
    if not isinstance(value, dict):
        raise TypeError("expected a table")
    known = {"kms-minimum-deletion-window", "s3-object-lock", "s3-kms", "s3-kms-keys"}
    if unknown := set(value) - known:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r} in requirements")
    window = value.get("kms-minimum-deletion-window", AWS_MINIMUM_DELETION_WINDOW)
    if not (
        isinstance(window, int)
        and not isinstance(window, bool)
        and AWS_MINIMUM_DELETION_WINDOW <= window <= AWS_MAXIMUM_DELETION_WINDOW
    ):
        raise ValueError(
            f"kms-minimum-deletion-window must be a number of days from "
            f"{AWS_MINIMUM_DELETION_WINDOW} to {AWS_MAXIMUM_DELETION_WINDOW}"
        )
    keys = frozenset(_strings(value.get("s3-kms-keys", [])))
    return Requirements(
        window,
        _boolean(value.get("s3-object-lock", False)),
        _boolean(value.get("s3-kms", False)) or bool(keys),
        keys,
    )


_KEYS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "fail-on": ("fail_on", _severity),
    "fail-on-parse-error": ("fail_on_parse_error", _boolean),
    "exclude": ("exclude", _strings),
    "plugin-autoload": ("plugin_autoload", _boolean),
    "disable-plugins": ("disable_plugins", _strings),
    "accounts": ("accounts", _accounts),
    "requirements": ("requirements", _requirements),
}


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``, or ``None``."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _policyguard_table(pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path) -> Config:
    """The configuration in ``path``; :class:`ConfigError` for unknown keys or bad values."""
    table = _policyguard_table(path) if path.name == PYPROJECT else _read(path)
    values: dict[str, Any] = {}
    for key, value in (table or {}).items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{path}: unknown key {key!r} (known keys: {known})")
        attribute, convert = _KEYS[key]
        try:
            values[attribute] = convert(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"{path}: bad value for {key!r}: {error}") from None
    return replace(Config(path=path), **values)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None


def _policyguard_table(pyproject: Path) -> dict[str, Any] | None:
    table = _read(pyproject).get("tool", {}).get("policyguard")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.policyguard] must be a table")
    return table
