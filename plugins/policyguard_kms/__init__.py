"""Built-in checks of KMS keys (``KMS-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_kms.access import key_policy_cross_account, key_policy_public
from policyguard_kms.administration import key_policy_administration
from policyguard_kms.deletion import key_deletion_window
from policyguard_kms.disabled import disabled_key_in_use, key_disabled
from policyguard_kms.lockout import key_policy_lockout
from policyguard_kms.rotation import key_rotation_disabled


@hookimpl
def policyguard_checks() -> list[Check]:
    return [
        key_rotation_disabled,
        key_policy_public,
        key_policy_cross_account,
        key_policy_administration,
        key_policy_lockout,
        key_deletion_window,
        key_disabled,
        disabled_key_in_use,
    ]
