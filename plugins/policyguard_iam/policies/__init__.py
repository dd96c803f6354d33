"""Rules about identity policy documents: what their statements grant."""

from __future__ import annotations

from policyguard import Check
from policyguard_iam.policies.admin import admin_access

CHECKS: tuple[Check, ...] = (admin_access,)
