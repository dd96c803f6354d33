"""Built-in checks of resource policies of every service (``RES-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl

CHECKS: tuple[Check, ...] = ()


@hookimpl
def policyguard_checks() -> list[Check]:
    return list(CHECKS)
