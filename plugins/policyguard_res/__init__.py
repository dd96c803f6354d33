"""Built-in checks of resource policies of every service (``RES-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_res.allow_negation import resource_policy_allow_negation
from policyguard_res.cross_account import resource_policy_cross_account
from policyguard_res.missing_principal import resource_policy_missing_principal
from policyguard_res.public import resource_policy_public
from policyguard_res.wildcard_action import resource_policy_wildcard_action

CHECKS: tuple[Check, ...] = (
    resource_policy_public,
    resource_policy_cross_account,
    resource_policy_wildcard_action,
    resource_policy_allow_negation,
    resource_policy_missing_principal,
)


@hookimpl
def policyguard_checks() -> list[Check]:
    return list(CHECKS)
