"""Statements that ``Allow`` with ``NotAction`` or ``NotPrincipal``, for every policy kind."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding
from policyguard.model import Effect, PolicyDocument

_MEANING = {
    "NotAction": "every action but the ones it lists, including actions added to AWS later",
    "NotPrincipal": "everyone but the principals it lists, anonymous callers included",
}


def allow_negations(policy: PolicyDocument) -> Iterator[Finding]:
    """A finding per ``Allow`` statement that uses ``NotAction`` or ``NotPrincipal``."""
    for statement in policy.statements:
        if statement.effect.value is not Effect.ALLOW:
            continue
        for name, elements in (
            ("NotAction", statement.not_actions),
            ("NotPrincipal", statement.not_principals),
        ):
            if elements is None:
                continue
            yield Finding.at(
                elements[0] if elements else statement,
                f"{policy.describe()}: {statement.describe()} uses Allow with {name}, which "
                f"grants {_MEANING[name]}.",
                evidence=f"{statement.describe()}:{name}",
            )
