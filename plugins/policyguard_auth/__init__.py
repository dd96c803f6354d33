"""Built-in checks of the root user and console sign-in of IAM users (``AUTH-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl

CHECKS: tuple[Check, ...] = ()


@hookimpl
def policyguard_checks() -> list[Check]:
    return list(CHECKS)
