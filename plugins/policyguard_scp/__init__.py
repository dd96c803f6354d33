"""Built-in checks of Organizations policies (``SCP-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_scp.principal import scp_principal


@hookimpl
def policyguard_checks() -> list[Check]:
    return [scp_principal]
