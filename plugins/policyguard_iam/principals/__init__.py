"""Rules about IAM users, groups and roles: how permissions reach them."""

from __future__ import annotations

from policyguard import Check

CHECKS: tuple[Check, ...] = ()
