"""Rules about identity policy documents: what their statements grant."""

from __future__ import annotations

from policyguard import Check
from policyguard_iam.policies.admin import admin_access
from policyguard_iam.policies.assume_role_mfa import assume_role_without_mfa
from policyguard_iam.policies.credentials_exposure import credentials_exposure
from policyguard_iam.policies.data_exfiltration import data_exfiltration
from policyguard_iam.policies.effective_admin import effective_admin
from policyguard_iam.policies.invalid_policy import invalid_policy
from policyguard_iam.policies.not_action import allow_not_action
from policyguard_iam.policies.not_resource import allow_not_resource
from policyguard_iam.policies.pass_role import pass_role_unconstrained
from policyguard_iam.policies.permissions_management import (
    permissions_management_unconstrained,
)
from policyguard_iam.policies.policy_warnings import policy_validation_warning
from policyguard_iam.policies.privilege_escalation import privilege_escalation
from policyguard_iam.policies.wildcard_action import wildcard_action
from policyguard_iam.policies.wildcard_resource import wildcard_resource
from policyguard_iam.policies.write_access import write_access_unconstrained

CHECKS: tuple[Check, ...] = (
    admin_access,
    wildcard_action,
    wildcard_resource,
    permissions_management_unconstrained,
    write_access_unconstrained,
    credentials_exposure,
    data_exfiltration,
    pass_role_unconstrained,
    allow_not_action,
    allow_not_resource,
    privilege_escalation,
    assume_role_without_mfa,
    effective_admin,
    invalid_policy,
    policy_validation_warning,
)
