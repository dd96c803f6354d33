"""Rules about IAM users, groups and roles: how permissions reach them."""

from __future__ import annotations

from policyguard import Check
from policyguard_iam.principals.access_keys import user_multiple_access_keys
from policyguard_iam.principals.direct import policy_attached_to_user, user_or_group_inline_policy
from policyguard_iam.principals.managed import (
    admin_managed_policy_attached,
    elevated_managed_policy_attached,
)
from policyguard_iam.principals.membership import group_without_users, user_without_group
from policyguard_iam.principals.users import iam_user_defined, user_console_access
from policyguard_iam.principals.workloads import workload_role_privileged

CHECKS: tuple[Check, ...] = (
    admin_managed_policy_attached,
    elevated_managed_policy_attached,
    policy_attached_to_user,
    user_or_group_inline_policy,
    user_without_group,
    group_without_users,
    iam_user_defined,
    user_console_access,
    user_multiple_access_keys,
    workload_role_privileged,
)
