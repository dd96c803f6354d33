"""What the KMS checks ask of a key policy: who a statement names, what it grants, who it exposes
the key to."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Final

from policyguard.iam.catalog import wildcard_match
from policyguard.iam.exposure import Exposure, ExposureContext, ExposureKind, policy_exposure
from policyguard.model import Inventory, KmsKey
from policyguard.model.accounts import ACCOUNT_ID
from policyguard.model.iam import Effect, Element, PolicyDocument, PrincipalElement, Statement
from policyguard.model.values import Unresolved

_ROOT_ARN: Final = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:root")
_OWNER_ACCOUNT_MARKERS: Final = ("AWS::AccountId", "account_id")


def exposure_context(key: KmsKey, inventory: Inventory) -> ExposureContext:
    """The zone of trust of ``key``: the account its file deploys to, and the configured
    trusted accounts and organization."""
    settings = inventory.accounts
    target = settings.deployment_of(key.resource.location.path)
    return ExposureContext(
        account_id=target if target is not None and ACCOUNT_ID.match(target) else None,
        trusted_accounts=settings.trusted_accounts,
        organization_id=settings.organization_id,
    )


def allow_statements(policy: PolicyDocument) -> Iterator[Statement]:
    """The ``Allow`` statements of a key policy (an unresolved effect counts as ``Allow``)."""
    for statement in policy.statements:
        if statement.effect.value is not Effect.DENY:
            yield statement


def statement_exposure(
    policy: PolicyDocument, statement: Statement, context: ExposureContext
) -> Exposure:
    """Who the one ``Allow`` ``statement`` lets in, with the policy's ``Deny`` statements."""
    denies = tuple(s for s in policy.statements if s.effect.value is Effect.DENY)
    return policy_exposure(replace(policy, statements=(statement, *denies)), context)


def exposing_statements(
    policy: PolicyDocument, context: ExposureContext, kind: ExposureKind
) -> Iterator[tuple[Statement, Exposure]]:
    """The ``Allow`` statements of a key policy that may, at worst, expose the key as ``kind``,
    each with its exposure (whose ``kind`` is ``kind`` too when that is certain)."""
    for statement in allow_statements(policy):
        exposure = statement_exposure(policy, statement, context)
        if exposure.worst is kind:
            yield statement, exposure


def is_account_root(element: PrincipalElement) -> bool:
    """Whether a principal names a whole account (``arn:aws:iam::111122223333:root``, the bare
    id, or the deploying account computed by ``AWS::AccountId`` or ``aws_caller_identity``)."""
    if element.kind != "AWS":
        return False
    value = element.value
    if isinstance(value, Unresolved):
        known = "".join(part for part in value.parts if part is not None)
        computed = any(marker in value.expression for marker in _OWNER_ACCOUNT_MARKERS)
        return known.endswith(":root") or (computed and value.parts == (None,))
    return ACCOUNT_ID.fullmatch(value) is not None or _ROOT_ARN.fullmatch(value) is not None


def is_computed_owner(element: PrincipalElement) -> bool:
    """Whether an unresolved principal is computed from the deploying account."""
    value = element.value
    return isinstance(value, Unresolved) and any(
        marker in value.expression for marker in _OWNER_ACCOUNT_MARKERS
    )


def granted(statement: Statement, actions: Iterable[str]) -> tuple[list[str], list[Element]]:
    """The ``actions`` an ``Allow`` statement grants, and the unresolved action elements that
    may grant more of them."""
    wanted = list(actions)
    if statement.actions is not None:
        patterns, unknown = _split_resolved(statement.actions)
        found: list[str] = []
        for pattern in patterns:
            found += [a for a in wanted if a not in found and wildcard_match(pattern, a)]
        return found, unknown
    patterns, unknown = _split_resolved(statement.not_actions or ())
    excluded = {a for a in wanted for pattern in patterns if wildcard_match(pattern, a)}
    return [a for a in wanted if a not in excluded], unknown


def _split_resolved(elements: Iterable[Element]) -> tuple[list[str], list[Element]]:
    """The action patterns written in ``elements``, and the elements not resolved statically."""
    patterns: list[str] = []
    unknown: list[Element] = []
    for element in elements:
        if isinstance(element.value, Unresolved):
            unknown.append(element)
        else:
            patterns.append(element.value)
    return patterns, unknown


def covering_element(statement: Statement, action: str) -> Element | None:
    """The ``Action`` element that grants ``action``, if one does."""
    for element in statement.actions or ():
        if isinstance(element.value, str) and wildcard_match(element.value, action):
            return element
    return None
