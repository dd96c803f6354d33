"""Built-in checks of role trust policies (``TRUST-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_trust.account_principal import trust_account_without_external_id_or_mfa
from policyguard_trust.allow_negation import trust_allow_negation
from policyguard_trust.any_principal import trust_any_principal
from policyguard_trust.confused_deputy import trust_service_without_source_condition
from policyguard_trust.oidc import trust_oidc_unrestricted
from policyguard_trust.untrusted_account import trust_untrusted_account
from policyguard_trust.wildcard_action import trust_wildcard_action

CHECKS: tuple[Check, ...] = (
    trust_any_principal,
    trust_account_without_external_id_or_mfa,
    trust_untrusted_account,
    trust_oidc_unrestricted,
    trust_allow_negation,
    trust_wildcard_action,
    trust_service_without_source_condition,
)


@hookimpl
def policyguard_checks() -> list[Check]:
    return list(CHECKS)
