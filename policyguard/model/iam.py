"""IAM policy documents of every kind, down to the element."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from policyguard.location import SourceLocation
from policyguard.model.values import Located, Unresolved


class Effect(enum.Enum):
    ALLOW = "Allow"
    DENY = "Deny"


class PolicyKind(enum.Enum):
    """What a policy document is for; it decides which elements it may hold."""

    IDENTITY = "identity"
    TRUST = "trust"
    RESOURCE = "resource"
    PERMISSIONS_BOUNDARY = "permissions-boundary"
    SCP = "scp"
    RCP = "rcp"
    KEY = "key"
    BUCKET = "bucket"

    @property
    def is_resource_based(self) -> bool:
        """Resource-based policies name a ``Principal``."""
        return self in (PolicyKind.RESOURCE, PolicyKind.KEY, PolicyKind.BUCKET, PolicyKind.TRUST)


Element = Located[str]
"""One string of ``Action``, ``Resource`` or a condition value, with its position."""


@dataclass(frozen=True, slots=True)
class PrincipalElement:
    """One principal: ``kind`` is ``AWS``, ``Service``, ``Federated``, ``CanonicalUser`` or ``*``.

    ``Principal: "*"`` is one element of kind ``*`` and value ``*``.
    """

    kind: str
    value: str | Unresolved
    location: SourceLocation

    @property
    def is_everyone(self) -> bool:
        return self.value == "*" and self.kind in ("*", "AWS")


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition test: ``operator`` (``StringEquals``), ``key`` (``aws:SourceArn``), values."""

    operator: str
    key: str
    values: tuple[Element, ...]
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class Statement:
    """One policy statement.

    Each of the paired elements is ``None`` when absent from the statement, so a statement
    written with ``NotAction`` has ``actions is None`` and ``not_actions`` set.
    ``unresolved`` names a part that could not be read, such as a condition block built from a
    variable; checks lower their confidence when it is set.
    """

    location: SourceLocation
    index: int
    sid: str | None
    effect: Located[Effect]
    actions: tuple[Element, ...] | None = None
    not_actions: tuple[Element, ...] | None = None
    resources: tuple[Element, ...] | None = None
    not_resources: tuple[Element, ...] | None = None
    principals: tuple[PrincipalElement, ...] | None = None
    not_principals: tuple[PrincipalElement, ...] | None = None
    conditions: tuple[Condition, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()

    @property
    def is_allow(self) -> bool:
        return self.effect.value is Effect.ALLOW

    def describe(self) -> str:
        """``Sid`` or the position in the document, for messages and fingerprints."""
        return self.sid if self.sid else f"Statement[{self.index}]"


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    """A policy document as written for one owner.

    ``owner`` is the logical name of the resource that holds the document (the policy, role,
    bucket policy, key). ``name`` tells several documents of one owner apart (an inline policy
    name, ``assume_role_policy``). When the whole document cannot be read, ``unresolved`` says why
    and ``statements`` is empty.
    """

    kind: PolicyKind
    owner: str
    name: str
    location: SourceLocation
    version: Located[str] | None = None
    statements: tuple[Statement, ...] = ()
    unresolved: Unresolved | None = None

    def describe(self) -> str:
        return f"{self.owner} ({self.name})" if self.name else self.owner
