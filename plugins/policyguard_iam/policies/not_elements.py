"""What IAM-009 and IAM-010 share: an ``Allow`` statement written with a negated element."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding
from policyguard.model import Element, PolicyDocument, PolicyKind, Statement
from policyguard_iam.policies.grants import allows


def negated_allow_findings(
    policy: PolicyDocument, element_name: str, grants: str
) -> Iterator[Finding]:
    """One finding per ``Allow`` statement of an identity policy that has ``element_name``
    (``NotAction`` or ``NotResource``), at its first value; ``grants`` says what it grants."""
    if policy.kind is not PolicyKind.IDENTITY:
        return
    for statement in policy.statements:
        elements = _elements(statement, element_name)
        if elements is None or not allows(statement):
            continue
        subject: Element | Statement = elements[0] if elements else statement
        listed = ", ".join(e.describe() for e in elements[:5])
        low = statement.effect.is_unresolved or any(e.is_unresolved for e in elements)
        message = (
            f"{policy.describe()}: {statement.describe()} allows {element_name} ({listed}): "
            f"it grants {grants} it does not list."
        )
        if low:
            message += " It depends on values not resolved statically."
        yield Finding.at(
            subject,
            message,
            evidence=f"{policy.name}:{statement.describe()}:{element_name}",
            confidence=Confidence.LOW if low else Confidence.HIGH,
        )


def _elements(statement: Statement, element_name: str) -> tuple[Element, ...] | None:
    return statement.not_actions if element_name == "NotAction" else statement.not_resources
