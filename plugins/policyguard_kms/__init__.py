"""Built-in checks of KMS keys (``KMS-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_kms.rotation import key_rotation_disabled


@hookimpl
def policyguard_checks() -> list[Check]:
    return [key_rotation_disabled]
