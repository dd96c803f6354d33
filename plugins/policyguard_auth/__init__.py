"""Built-in checks of the root user and console sign-in of IAM users (``AUTH-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_auth.mfa import console_user_without_mfa_policy
from policyguard_auth.passwords import login_profile_plaintext_password, login_profile_weak_password
from policyguard_auth.root import root_access_key

CHECKS: tuple[Check, ...] = (
    root_access_key,
    login_profile_plaintext_password,
    login_profile_weak_password,
    console_user_without_mfa_policy,
)


@hookimpl
def policyguard_checks() -> list[Check]:
    return list(CHECKS)
