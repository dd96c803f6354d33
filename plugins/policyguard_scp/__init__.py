"""Built-in checks of Organizations policies (``SCP-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_scp.allowlist import scp_allow_list_gaps
from policyguard_scp.features import organization_all_features_disabled
from policyguard_scp.guardrails import organization_guardrail_missing
from policyguard_scp.principal import scp_principal
from policyguard_scp.size import organization_policy_too_large


@hookimpl
def policyguard_checks() -> list[Check]:
    return [
        scp_principal,
        organization_all_features_disabled,
        organization_policy_too_large,
        organization_guardrail_missing,
        scp_allow_list_gaps,
    ]
