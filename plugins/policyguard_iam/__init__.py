"""Built-in checks of identity policies and principals (``IAM-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_iam import policies, principals


@hookimpl
def policyguard_checks() -> list[Check]:
    return [*policies.CHECKS, *principals.CHECKS]
