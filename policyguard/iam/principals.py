"""Who makes a request, and whether a policy's ``Principal`` or ``NotPrincipal`` names them.

AWS semantics this module implements (IAM User Guide: "AWS JSON policy elements: Principal",
"AWS JSON policy elements: NotPrincipal", "Permissions boundaries for IAM entities"):

- ``"Principal": "*"`` and ``{"AWS": "*"}`` name everyone, anonymous callers and AWS services
  included. No other wildcard exists in principals: ``arn:aws:iam::111122223333:role/*`` names
  nothing, and so does a unique id (``AROA…``) left behind by a deleted role.
- An account (``111122223333`` or ``arn:aws:iam::111122223333:root``) names every IAM identity of
  that account (its root user, users, roles, role sessions, federated user sessions): the account
  *delegates* to its own IAM policies, it does not grant by itself.
- A user, a role session (``arn:aws:sts::…:assumed-role/role/session``) or a federated user
  (``arn:aws:sts::…:federated-user/name``) ARN names exactly that identity. A role ARN names
  every session of the role; the ARN of an IAM user names the federated user sessions that user
  created. User and role names are unique in their account whatever their path, so a role ARN
  with a path names the sessions of that role (whose ARNs have no path).
- ``Service``, ``Federated`` and ``CanonicalUser`` name an AWS service principal, an identity
  provider, and an S3 canonical user id.
- ``NotPrincipal`` names the principals a statement does *not* apply to. AWS may check the
  account, then the role, then the session of a request, so a principal escapes only when every
  one of those is listed (the account alone does not exempt a user; account, role and session are
  all needed for a role session). A ``Deny`` with ``NotPrincipal`` denies every IAM principal
  that has a permissions boundary, whatever it lists.

Every answer is three-valued: an :class:`~policyguard.model.values.Unresolved` principal makes it
``UNKNOWN`` unless its known characters already rule the requester out.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from policyguard.iam.tristate import Tri, all_, any_
from policyguard.model.iam import PrincipalElement
from policyguard.model.values import Unresolved

__all__ = [
    "Principal",
    "PrincipalKind",
    "PrincipalMatch",
    "Via",
    "match_not_principal",
    "match_principal",
    "match_principal_element",
    "not_principal_applies",
]


class PrincipalKind(enum.Enum):
    """What kind of caller makes a request."""

    ROOT = "root"
    """The root user of an account (``arn:aws:iam::111122223333:root``)."""
    USER = "user"
    """An IAM user."""
    ROLE = "role"
    """Some session of an IAM role, its session name not known (``arn`` is the role's ARN)."""
    ASSUMED_ROLE = "assumed-role"
    """A role session (``arn:aws:sts::111122223333:assumed-role/name/session``)."""
    FEDERATED_USER = "federated-user"
    """An AWS STS federated user session (``GetFederationToken``)."""
    FEDERATED = "federated"
    """A web identity or SAML identity before it assumes a role (``arn`` names the provider)."""
    SERVICE = "service"
    """An AWS service principal (``arn`` is its name, ``cloudtrail.amazonaws.com``)."""
    ANONYMOUS = "anonymous"
    """An unauthenticated caller."""

    @property
    def is_iam(self) -> bool:
        """An identity that belongs to an account and is subject to its IAM policies."""
        return self in _IAM_KINDS

    @property
    def is_session(self) -> bool:
        """A session principal, which session policies may restrict."""
        return self in (
            PrincipalKind.ROLE,
            PrincipalKind.ASSUMED_ROLE,
            PrincipalKind.FEDERATED_USER,
        )


_IAM_KINDS = frozenset(
    {
        PrincipalKind.ROOT,
        PrincipalKind.USER,
        PrincipalKind.ROLE,
        PrincipalKind.ASSUMED_ROLE,
        PrincipalKind.FEDERATED_USER,
    }
)


class Via(enum.Enum):
    """How a principal element names a requester; it decides what a resource-based grant is
    worth (IAM User Guide, "How AWS enforcement code logic evaluates requests")."""

    EVERYONE = "everyone"
    """``*``: granted directly, like a grant to the requester itself."""
    IDENTITY = "identity"
    """The requester itself: its user, session or federated user ARN, its service, provider or
    canonical user id. Within one account such a grant is not limited by an implicit deny in
    identity-based policies, permissions boundaries or session policies."""
    ISSUER = "issuer"
    """The role of a role session, or the IAM user behind a federated user session. Such a grant
    needs no identity-based allow but is limited by permissions boundaries and session
    policies."""
    ACCOUNT = "account"
    """The requester's account: a delegation to the account's own IAM policies."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Principal:
    """The caller of a request.

    ``arn`` is the caller's ARN (for ``SERVICE`` the service principal's name, for
    ``FEDERATED`` the identity provider; ``None`` for ``ANONYMOUS`` or when unknown).
    ``account`` is read from ``arn`` when not given. ``issuer_arn`` is, for a role session, the
    role's ARN (with its path), and for a federated user session, the IAM user that created it;
    for a role session it is derived from ``arn`` when not given. ``canonical_user`` is the S3
    canonical user id of the caller's account, when known. ``tags`` are the principal's tags.
    """

    kind: PrincipalKind
    arn: str | None = None
    account: str | None = None
    issuer_arn: str | None = None
    is_service_linked_role: bool = False
    canonical_user: str | None = None
    tags: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        key = _arn_key(self.arn) if self.arn and self.kind.is_iam else None
        if self.account is None and key is not None:
            object.__setattr__(self, "account", key.account)
        if self.issuer_arn is None and key is not None and key.type == "assumed-role":
            role = f"arn:{key.partition}:iam::{key.account}:role/{key.name}"
            object.__setattr__(self, "issuer_arn", role)

    @classmethod
    def of_arn(cls, arn: str, *, is_service_linked_role: bool = False) -> Principal:
        """The principal an IAM or STS ARN (or a bare account id, meaning its root) names."""
        key = _arn_key(arn)
        kind = _KIND_OF_TYPE.get(key.type) if key else None
        if key is None or kind is None:
            raise ValueError(f"not the ARN of an IAM principal: {arn!r}")
        if key.type == "root" and not arn.startswith("arn:"):
            arn = f"arn:aws:iam::{key.account}:root"
        return cls(kind=kind, arn=arn, is_service_linked_role=is_service_linked_role)

    @classmethod
    def service(cls, name: str) -> Principal:
        return cls(kind=PrincipalKind.SERVICE, arn=name)

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(kind=PrincipalKind.ANONYMOUS)

    @property
    def facets(self) -> frozenset[Via]:
        """The ways a policy can name this principal, each of which ``NotPrincipal`` must list
        for the principal to escape it."""
        if self.kind is PrincipalKind.ROOT:
            return frozenset({Via.ACCOUNT})
        if self.kind in (PrincipalKind.USER, PrincipalKind.FEDERATED_USER):
            return frozenset({Via.ACCOUNT, Via.IDENTITY})
        if self.kind in (PrincipalKind.ROLE, PrincipalKind.ASSUMED_ROLE):
            return frozenset({Via.ACCOUNT, Via.ISSUER, Via.IDENTITY})
        if self.kind is PrincipalKind.ANONYMOUS:
            return frozenset()
        return frozenset({Via.IDENTITY})

    def describe(self) -> str:
        return self.arn or self.kind.value


# ---------------------------------------------------------------------------------------------
# IAM and STS ARNs of principals


@dataclass(frozen=True, slots=True)
class _ArnKey:
    """What identifies a principal ARN: type (``root``, ``user``, ``role``, ``assumed-role``,
    ``federated-user``), account, name (without path) and, for a session, its session name."""

    partition: str
    account: str
    type: str
    name: str = ""
    session: str = ""


_ACCOUNT_ID = re.compile(r"\d{12}")
_PRINCIPAL_ARN = re.compile(
    r"arn:(?P<partition>[a-z][a-z0-9-]*):(?P<service>iam|sts)::(?P<account>\d{12}):(?P<rest>.+)"
)
_KIND_OF_TYPE = {
    "root": PrincipalKind.ROOT,
    "user": PrincipalKind.USER,
    "role": PrincipalKind.ROLE,
    "assumed-role": PrincipalKind.ASSUMED_ROLE,
    "federated-user": PrincipalKind.FEDERATED_USER,
}


def _arn_key(text: str) -> _ArnKey | None:
    """The identifying parts of a principal ARN or account id, or ``None`` for anything else."""
    if _ACCOUNT_ID.fullmatch(text):
        return _ArnKey("aws", text, "root")
    match = _PRINCIPAL_ARN.fullmatch(text)
    if match is None:
        return None
    partition, service, account = match["partition"], match["service"], match["account"]
    kind, _, rest = match["rest"].partition("/")
    if service == "iam" and match["rest"] == "root":
        return _ArnKey(partition, account, "root")
    if service == "iam" and kind in ("user", "role") and rest and not rest.endswith("/"):
        return _ArnKey(partition, account, kind, rest.rsplit("/", 1)[-1])
    if service == "sts" and kind == "assumed-role":
        role, _, session = rest.partition("/")
        if role and session and "/" not in session:
            return _ArnKey(partition, account, kind, role, session)
    if service == "sts" and kind == "federated-user" and rest and "/" not in rest:
        return _ArnKey(partition, account, kind, rest)
    return None


def _same(first: _ArnKey, second: _ArnKey) -> bool:
    """The same principal; the partition is left out (an account id names one partition)."""
    return (first.account, first.type, first.name, first.session) == (
        second.account,
        second.type,
        second.name,
        second.session,
    )


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True, slots=True)
class PrincipalMatch:
    """Whether principal elements name a requester, separately for each :class:`Via`."""

    everyone: Tri = Tri.FALSE
    identity: Tri = Tri.FALSE
    issuer: Tri = Tri.FALSE
    account: Tri = Tri.FALSE

    def by(self, via: Via) -> Tri:
        return {
            Via.EVERYONE: self.everyone,
            Via.IDENTITY: self.identity,
            Via.ISSUER: self.issuer,
            Via.ACCOUNT: self.account,
        }[via]

    @property
    def any(self) -> Tri:
        """Named in some way."""
        return any_((self.everyone, self.identity, self.issuer, self.account))

    @property
    def direct(self) -> Tri:
        """Named as itself or as everyone: a grant not limited by other policies' implicit
        denies within one account."""
        return self.everyone.or_(self.identity)

    def or_(self, other: PrincipalMatch) -> PrincipalMatch:
        return PrincipalMatch(
            self.everyone.or_(other.everyone),
            self.identity.or_(other.identity),
            self.issuer.or_(other.issuer),
            self.account.or_(other.account),
        )

    def and_(self, condition: Tri) -> PrincipalMatch:
        """Each way of naming, only when ``condition`` also holds."""
        return PrincipalMatch(
            self.everyone.and_(condition),
            self.identity.and_(condition),
            self.issuer.and_(condition),
            self.account.and_(condition),
        )


NO_MATCH = PrincipalMatch()
EVERYONE = PrincipalMatch(everyone=Tri.TRUE)


def match_principal_element(element: PrincipalElement, principal: Principal) -> PrincipalMatch:
    """How one principal element names ``principal``."""
    if element.kind in ("*", "AWS") and element.value == "*":
        return EVERYONE
    if isinstance(element.value, Unresolved):
        return _match_unresolved(element.kind, element.value, principal)
    value = element.value
    if element.kind == "AWS":
        return _match_aws(value, principal)
    if element.kind == "Service":
        return _identity_if(
            principal.kind is PrincipalKind.SERVICE
            and principal.arn is not None
            and principal.arn.casefold() == value.casefold()
        )
    if element.kind == "Federated":
        return _identity_if(principal.kind is PrincipalKind.FEDERATED and principal.arn == value)
    if element.kind == "CanonicalUser" and principal.canonical_user == value:
        if principal.kind.is_iam:
            return PrincipalMatch(account=Tri.TRUE)
        return PrincipalMatch(identity=Tri.TRUE)
    return NO_MATCH


def _identity_if(condition: bool) -> PrincipalMatch:
    return PrincipalMatch(identity=Tri.TRUE) if condition else NO_MATCH


def _match_aws(value: str, principal: Principal) -> PrincipalMatch:
    named = _arn_key(value)
    if named is None or not principal.kind.is_iam:
        return NO_MATCH
    if named.type == "root":
        if principal.account is None:
            return PrincipalMatch(account=Tri.UNKNOWN)
        return PrincipalMatch(account=Tri.of(principal.account == named.account))
    own = _arn_key(principal.arn) if principal.arn else None
    issuer = _arn_key(principal.issuer_arn) if principal.issuer_arn else None
    if own is None:
        # An IAM principal whose ARN is not known: any ARN of its account may name it.
        if principal.account is not None and principal.account != named.account:
            return NO_MATCH
        return PrincipalMatch(identity=Tri.UNKNOWN, issuer=Tri.UNKNOWN)
    identity = Tri.of(_same(named, own))
    if principal.kind is PrincipalKind.ROLE and named.type == "assumed-role":
        # Some session of the role: any session ARN of it may be this one.
        as_role = _ArnKey(named.partition, named.account, "role", named.name)
        identity = Tri.UNKNOWN if _same(as_role, own) else Tri.FALSE
        return PrincipalMatch(identity=identity)
    if principal.kind is PrincipalKind.ROLE:
        return PrincipalMatch(issuer=identity)
    issued = Tri.of(issuer is not None and _same(named, issuer))
    return PrincipalMatch(identity=identity, issuer=issued)


def _candidates(kind: str, principal: Principal) -> dict[Via, list[str]]:
    """The texts that would name ``principal`` in an element of ``kind``, by :class:`Via`."""
    candidates: dict[Via, list[str]] = {via: [] for via in Via}
    if kind in ("*", "AWS"):
        candidates[Via.EVERYONE].append("*")
    if kind == "AWS" and principal.kind.is_iam:
        if principal.account is not None:
            own_key = _arn_key(principal.arn) if principal.arn else None
            partition = own_key.partition if own_key else "aws"
            candidates[Via.ACCOUNT] += [
                principal.account,
                f"arn:{partition}:iam::{principal.account}:root",
            ]
        own = principal.arn if principal.kind is not PrincipalKind.ROOT else None
        if principal.kind is PrincipalKind.ROLE:
            if own is not None:
                candidates[Via.ISSUER].append(own)
                key = _arn_key(own)
                if key is not None:
                    candidates[Via.IDENTITY].append(
                        f"arn:{key.partition}:sts::{key.account}:assumed-role/{key.name}/session"
                    )
        elif own is not None:
            candidates[Via.IDENTITY].append(own)
        if principal.issuer_arn is not None:
            candidates[Via.ISSUER].append(principal.issuer_arn)
    elif kind == "Service" and principal.kind is PrincipalKind.SERVICE and principal.arn:
        candidates[Via.IDENTITY] += [principal.arn, principal.arn.casefold()]
    elif kind == "Federated" and principal.kind is PrincipalKind.FEDERATED and principal.arn:
        candidates[Via.IDENTITY].append(principal.arn)
    elif kind == "CanonicalUser" and principal.canonical_user is not None:
        via = Via.ACCOUNT if principal.kind.is_iam else Via.IDENTITY
        candidates[via].append(principal.canonical_user)
    return candidates


def _match_unresolved(kind: str, value: Unresolved, principal: Principal) -> PrincipalMatch:
    """An unresolved element may name the requester in each way one of its texts fits."""
    candidates = _candidates(kind, principal)
    unknown_arn = kind == "AWS" and principal.kind.is_iam and principal.arn is None

    def tri(via: Via) -> Tri:
        if unknown_arn and via in (Via.IDENTITY, Via.ISSUER):
            return Tri.UNKNOWN
        fits = any(value.may_equal(text) for text in candidates[via])
        return Tri.UNKNOWN if fits else Tri.FALSE

    return PrincipalMatch(tri(Via.EVERYONE), tri(Via.IDENTITY), tri(Via.ISSUER), tri(Via.ACCOUNT))


def match_principal(elements: Iterable[PrincipalElement], principal: Principal) -> PrincipalMatch:
    """How a ``Principal`` element (its list of principals) names ``principal``."""
    result = NO_MATCH
    for element in elements:
        result = result.or_(match_principal_element(element, principal))
    return result


def match_not_principal(elements: Iterable[PrincipalElement], principal: Principal) -> Tri:
    """Whether a ``NotPrincipal`` element exempts ``principal``: it lists everyone, or every way
    of naming the principal (account, role and session for a role session)."""
    listed = match_principal(elements, principal)
    facets = principal.facets
    every_facet = all_(listed.by(via) for via in facets) if facets else Tri.FALSE
    return listed.everyone.or_(every_facet)


def not_principal_applies(
    elements: Iterable[PrincipalElement],
    principal: Principal,
    *,
    deny: bool,
    has_boundary: bool = False,
) -> Tri:
    """Whether a statement with this ``NotPrincipal`` applies to ``principal``.

    A ``Deny`` applies to every IAM user or role (session) that has a permissions boundary,
    whatever the element lists.
    """
    if deny and has_boundary and principal.kind.is_iam and principal.kind is not PrincipalKind.ROOT:
        return Tri.TRUE
    return match_not_principal(elements, principal).not_()
