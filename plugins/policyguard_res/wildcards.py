"""``Allow`` statements whose ``Action`` is every action, of all services or of one.

Shared by RES-003 and TRUST-006, which differ only in the policies they look at and wording.
"""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding
from policyguard.model import Element, PolicyDocument


def wildcard_action_findings(policy: PolicyDocument, *, on: str = "") -> Iterator[Finding]:
    """A finding per ``Action`` value of an ``Allow`` statement that is ``*`` or ``service:*``;
    ``on`` is added after what it allows (``" on the role"``)."""
    for statement in policy.statements:
        if not statement.is_allow:
            continue
        for action in statement.actions or ():
            scope = wildcard_scope(action)
            if scope is not None:
                yield Finding.at(
                    action,
                    f"{policy.describe()}: {statement.describe()} allows {scope}{on}.",
                    evidence=f"{statement.describe()}:{action.describe()}",
                )


def wildcard_scope(action: Element) -> str | None:
    """``every action`` for ``*``, ``every action of X`` for ``X:*``, else ``None``."""
    value = action.known()
    if value is None:
        return None
    if value.strip() == "*":
        return "every action ('*')"
    service, _, name = value.partition(":")
    if name == "*":
        return f"every action of {service.lower()} ('{value}')"
    return None
