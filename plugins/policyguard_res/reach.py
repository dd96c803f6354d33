"""Who one statement of a resource-based policy lets in, by the engine's exposure verdict."""

from __future__ import annotations

import dataclasses

from policyguard.iam.exposure import Exposure, ExposureContext, policy_exposure
from policyguard.model import Effect, Inventory, PolicyDocument, Statement
from policyguard.model.accounts import ACCOUNT_ID
from policyguard.model.values import Unresolved


def exposure_context(document: PolicyDocument, inventory: Inventory) -> ExposureContext:
    """The zone of trust of the account the document is deployed to, from the configuration
    (``[accounts]``: organization, trusted accounts, and deployments mapping paths to accounts)."""
    accounts = inventory.accounts
    target = accounts.deployment_of(document.location.path)
    return ExposureContext(
        account_id=target if target is not None and ACCOUNT_ID.match(target) else None,
        trusted_accounts=accounts.trusted_accounts,
        organization_id=accounts.organization_id,
    )


def statement_exposure(
    document: PolicyDocument, statement: Statement, context: ExposureContext
) -> Exposure:
    """The exposure ``statement`` grants, after the document's ``Deny`` statements."""
    others = tuple(
        s for s in document.statements if s is not statement and s.effect.value is not Effect.ALLOW
    )
    alone = dataclasses.replace(document, statements=(statement, *others))
    return policy_exposure(alone, context)


def grants(document: PolicyDocument) -> tuple[Statement, ...]:
    """The statements that may allow: ``Allow``, or an effect not resolved statically."""
    return tuple(s for s in document.statements if s.effect.value is not Effect.DENY)


def everyone_subject(statement: Statement) -> object | None:
    """What makes a statement name everyone: a ``*`` principal, ``NotPrincipal``, or a
    principal not resolved statically that may be ``*``; ``None`` otherwise."""
    for element in statement.principals or ():
        if element.is_everyone:
            return element
    if statement.not_principals is not None:
        return statement
    for element in statement.principals or ():
        value = element.value
        if element.kind in ("AWS", "*") and isinstance(value, Unresolved) and value.may_equal("*"):
            return element
    return None
