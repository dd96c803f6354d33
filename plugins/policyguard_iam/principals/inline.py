"""The users and groups that inline policy resources are written for."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.model import PolicyResource, PolicyTarget, PrincipalType


def inline_policy_targets(
    policy: PolicyResource, kinds: tuple[PrincipalType, ...]
) -> Iterator[PolicyTarget]:
    """The principals of one of ``kinds`` that an inline policy resource names."""
    if not policy.managed:
        yield from (target for target in policy.attached_to if target.type in kinds)
