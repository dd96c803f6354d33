"""Whether AWS allows one request, following AWS's documented policy evaluation logic.

Sources (IAM User Guide unless noted): "Policy evaluation logic", "How AWS enforcement code logic
evaluates requests to allow or deny access", "Policy evaluation for requests within a single
account", "Cross-account policy evaluation logic", "Permissions boundaries for IAM entities",
"Session policies", "AWS JSON policy elements: NotPrincipal"; AWS Organizations User Guide:
"Service control policies (SCPs)", "SCP evaluation", "Resource control policies (RCPs)",
"RCP evaluation"; AWS Security Blog, September 2025: "AWS Organizations service control policy
now supports full IAM language".

The logic, in the order AWS documents it:

1. **Explicit deny.** A ``Deny`` that applies in any applicable policy (SCPs, RCPs,
   resource-based, identity-based, permissions boundary, session policy) decides: denied.
2. **RCPs** cap access to resources of member accounts: every level of the OU path from the root
   to the resource's account must hold an ``Allow`` that applies. They apply to every caller,
   AWS service principals and anonymous callers included, but not to resources of the management
   account and not to calls made by service-linked roles.
3. **SCPs** cap the IAM principals of member accounts (root users included) the same way, level
   by level. They do not apply to the management account, to service-linked roles, or to callers
   that are not IAM principals of an account (AWS services, anonymous callers). SCPs accept the
   full policy language except ``Principal``/``NotPrincipal`` (ignored here), so an ``Allow``
   with ``Resource``, ``NotAction`` or a ``Condition`` is evaluated like any other.
4. **Same account**: an ``Allow`` in the identity-based *or* the resource-based policies grants.
   Within one account a resource-based grant is worth what its principal names (see
   :class:`~policyguard.iam.principals.Via`): a grant to the calling user, role session or
   federated user session, or to everyone (``*``), is not limited by implicit denies in
   identity-based policies, boundaries or session policies; a grant to the role of a session (or
   the IAM user behind a federated user) needs no identity-based allow but is limited by the
   boundary and session policies; a grant to the account delegates to the account's IAM policies,
   which must then allow. IAM role trust policies and KMS key policies must allow explicitly even
   within one account (identity-based policies alone do not grant).
5. **Cross-account**: the identity-based policies of the caller's account (capped by its boundary
   and session policies) *and* the resource-based policy of the resource's account must both
   allow.
6. **Permissions boundary** (when the user or role has one) caps identity-based permissions;
   **session policies** (when the session was given any) cap a session's.
7. The root user of an account has full access to its own account's resources without
   identity-based policies (explicit denies, SCPs and RCPs still apply).

Unknowns are never guessed. A statement whose match depends on something that cannot be known
(an :class:`~policyguard.model.values.Unresolved` value, a context key the request context does
not know, an unreadable document) matches ``UNKNOWN``. A ``Deny`` that may apply does not deny,
and an ``Allow`` that may apply does not grant outright: when access is possible but not certain
the result is an ``ALLOW`` marked ``conditional`` ("allowed under conditions"), never a deny and
never dropped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from policyguard.iam.arn import Variables, match_resource_unresolved, parse_arn
from policyguard.iam.conditions import Context, KeyState, evaluate_statement_conditions
from policyguard.iam.principals import (
    Principal,
    PrincipalKind,
    PrincipalMatch,
    match_principal,
    not_principal_applies,
)
from policyguard.iam.tristate import Tri, all_, any_, either
from policyguard.model.iam import Effect, PolicyDocument, PolicyKind, Statement
from policyguard.model.values import Located, Unresolved

__all__ = [
    "AccountContext",
    "Decision",
    "Evaluation",
    "Matcher",
    "PolicySet",
    "Principal",
    "PrincipalKind",
    "Request",
    "evaluate",
    "statement_applies",
]


class Matcher(Protocol):
    """Matches ``Action`` patterns: :class:`policyguard.iam.catalog.Catalog` is one."""

    def matches(self, pattern: str, action: str) -> bool:
        """Whether the IAM action pattern (``*``, ``?``, any letter case) matches ``action``."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """One request: who calls which action on which resource, with what context.

    ``resource`` is an ARN, or ``*`` for actions that name no resource. ``resource_account`` is
    the account that owns the resource when the ARN does not say (S3 bucket ARNs hold no account).
    """

    principal: Principal
    action: str
    resource: str
    context: Context = field(default_factory=Context)
    resource_account: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicySet:
    """The policies that apply to one request.

    - ``identity``: the caller's identity-based policies (for a user, its groups' too).
    - ``resource``: the resource's resource-based policies (bucket, key, trust, queue policy…).
    - ``boundaries``: the caller's permissions boundary. ``None``: the caller has none (no cap).
      A sequence, even an empty one, means a boundary is attached and only what its documents
      allow passes (an empty sequence allows nothing).
    - ``scps``: the SCPs of the caller's account, one sequence per level of the OU path from the
      organization root down to the account itself. ``None`` or empty: no SCPs apply (the account
      is in no organization). A level with no documents allows nothing.
    - ``rcps``: the RCPs of the resource's account, likewise.
    - ``session``: the session policies passed when the caller's session was created. ``None`` or
      empty: none were passed (no cap). Applies only to session principals.
    - ``resource_must_allow``: the resource-based policy must allow even within one account, as
      IAM role trust policies and KMS key policies do. Also true when ``resource`` holds a
      document of kind ``TRUST`` or ``KEY``.
    """

    identity: Sequence[PolicyDocument] = ()
    resource: Sequence[PolicyDocument] = ()
    boundaries: Sequence[PolicyDocument] | None = None
    scps: Sequence[Sequence[PolicyDocument]] | None = None
    rcps: Sequence[Sequence[PolicyDocument]] | None = None
    session: Sequence[PolicyDocument] | None = None
    resource_must_allow: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountContext:
    """Where the caller and the resource live in AWS Organizations.

    ``principal_account`` and ``resource_account`` override what the request says (the caller's
    ARN, the resource's ARN, ``Request.resource_account``). ``is_management_account``: the
    caller's account is the organization's management account (SCPs do not apply to it).
    ``resource_in_management_account``: the resource's account is (RCPs do not apply to it).
    """

    principal_account: str | None = None
    resource_account: str | None = None
    is_management_account: bool = False
    resource_in_management_account: bool = False


class Decision(enum.Enum):
    ALLOW = "allow"
    IMPLICIT_DENY = "implicit-deny"
    EXPLICIT_DENY = "explicit-deny"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of :func:`evaluate`.

    ``conditional`` marks an ``ALLOW`` that holds only under conditions or values nobody can know
    statically ("allowed under conditions"); it is ``False`` for the denies. ``deciding`` are the
    statements that decided, in a fixed order (SCPs, RCPs, resource-based, identity-based,
    boundary, session): for an explicit deny the denying statements; for an allow the granting
    statements, then every statement whose unknown match made the allow conditional (an
    allow in a cap, a deny that may apply); nothing for an implicit deny, where ``reason`` names
    the policy type that does not allow. ``unreadable`` are documents that could not be read and
    took part in the decision.
    """

    decision: Decision
    conditional: bool
    deciding: tuple[Statement, ...]
    reason: str
    unreadable: tuple[PolicyDocument, ...] = ()

    @property
    def allowed(self) -> bool:
        """Allowed, perhaps only under conditions."""
        return self.decision is Decision.ALLOW

    @property
    def certainly_allowed(self) -> bool:
        return self.decision is Decision.ALLOW and not self.conditional


# ---------------------------------------------------------------------------------------------
# Statements


class _Role(enum.Enum):
    """The part a document plays in an evaluation, which decides how its elements are read."""

    SCP = "SCP"
    RCP = "RCP"
    RESOURCE = "resource-based policy"
    IDENTITY = "identity-based policy"
    BOUNDARY = "permissions boundary"
    SESSION = "session policy"

    @property
    def reads_principal(self) -> bool:
        return self in (_Role.RESOURCE, _Role.RCP)

    @property
    def resource_optional(self) -> bool:
        """Without ``Resource``, the statement is about the resource it is attached to (trust
        policies) or every resource (organization policies)."""
        return self in (_Role.RESOURCE, _Role.RCP, _Role.SCP)


def _match_action(pattern: str | Unresolved, action: str, matcher: Matcher) -> Tri:
    if not isinstance(pattern, Unresolved):
        return Tri.of(matcher.matches(pattern, action))
    # Unknown pieces may hold any wildcard: the widest reading decides only a "no".
    widest = "".join("*" if part is None else part for part in pattern.parts)
    return Tri.UNKNOWN if matcher.matches(widest, action) else Tri.FALSE


def _match_elements(
    positive: Sequence[Located[str]] | None,
    negative: Sequence[Located[str]] | None,
    match: _ElementMatch,
    *,
    when_absent: Tri,
) -> Tri:
    """An ``X``/``NotX`` pair: ``X`` matches when one element does, ``NotX`` when none does."""
    if positive is not None:
        return any_(match(element.value) for element in positive)
    if negative is not None:
        return any_(match(element.value) for element in negative).not_()
    return when_absent


class _ElementMatch(Protocol):
    def __call__(self, value: str | Unresolved, /) -> Tri: ...


@dataclass(frozen=True, slots=True)
class _Env:
    """What every statement of one evaluation is matched against."""

    request: Request
    principal: Principal
    context: Context
    variables: Variables
    matcher: Matcher
    has_boundary: bool


def _core(statement: Statement, role: _Role, env: _Env) -> Tri:
    """Action, resource and condition match (not principal, not effect)."""
    absent = Tri.UNKNOWN if statement.unresolved else Tri.FALSE
    action = _match_elements(
        statement.actions,
        statement.not_actions,
        lambda value: _match_action(value, env.request.action, env.matcher),
        when_absent=absent,
    )
    if action is Tri.FALSE:
        return Tri.FALSE
    resource = _match_elements(
        statement.resources,
        statement.not_resources,
        lambda value: match_resource_unresolved(value, env.request.resource, env.variables),
        when_absent=Tri.TRUE if role.resource_optional else absent,
    )
    if resource is Tri.FALSE:
        return Tri.FALSE
    return action.and_(resource).and_(evaluate_statement_conditions(statement, env.context))


def _effects(statement: Statement) -> tuple[Tri, Tri]:
    """Whether the statement is an ``Allow``, and whether it is a ``Deny``."""
    effect = statement.effect.value
    if isinstance(effect, Unresolved):
        return Tri.UNKNOWN, Tri.UNKNOWN
    return Tri.of(effect is Effect.ALLOW), Tri.of(effect is Effect.DENY)


def _principal_match(statement: Statement, role: _Role, env: _Env, *, deny: bool) -> PrincipalMatch:
    """How the statement's ``Principal``/``NotPrincipal`` names the caller."""
    if not role.reads_principal:
        return PrincipalMatch(everyone=Tri.TRUE)
    if statement.principals is not None:
        return match_principal(statement.principals, env.principal)
    if statement.not_principals is not None:
        applies = not_principal_applies(
            statement.not_principals, env.principal, deny=deny, has_boundary=env.has_boundary
        )
        return PrincipalMatch(everyone=applies)
    if role is _Role.RCP:
        return PrincipalMatch(everyone=Tri.TRUE)  # RCPs name "*" anyway
    return PrincipalMatch(everyone=Tri.UNKNOWN if statement.unresolved else Tri.FALSE)


def statement_applies(
    statement: Statement,
    request: Request,
    matcher: Matcher,
    *,
    resource_based: bool = False,
    has_boundary: bool = False,
) -> Tri:
    """Whether ``statement`` applies to ``request`` (its effect aside).

    ``resource_based`` reads its ``Principal``/``NotPrincipal`` as a resource-based policy does
    (``has_boundary``: the caller has a permissions boundary, which a ``Deny`` with
    ``NotPrincipal`` always applies to); otherwise they are ignored, as in identity-based
    policies and SCPs.
    """
    env = _environment(request, matcher, has_boundary=has_boundary)
    role = _Role.RESOURCE if resource_based else _Role.IDENTITY
    _, deny = _effects(statement)
    principal = _principal_match(statement, role, env, deny=deny is not Tri.FALSE)
    return principal.any.and_(_core(statement, role, env))


# ---------------------------------------------------------------------------------------------
# Documents


@dataclass(frozen=True, slots=True)
class _Hit:
    """A statement that applies, or may."""

    statement: Statement
    result: Tri
    role: _Role
    document: PolicyDocument

    def describe(self) -> str:
        return f"{self.role.value} {self.document.describe()} {self.statement.describe()}"


@dataclass(slots=True)
class _Found:
    """What a group of documents says: how it allows (by :class:`Via`), whether it denies, and
    the statements that do."""

    allow: PrincipalMatch = field(default_factory=PrincipalMatch)
    deny: Tri = Tri.FALSE
    allows: list[_Hit] = field(default_factory=list)
    denies: list[_Hit] = field(default_factory=list)
    unreadable: list[PolicyDocument] = field(default_factory=list)


def _read(documents: Iterable[PolicyDocument], role: _Role, env: _Env) -> _Found:
    found = _Found()
    for document in documents:
        if document.unresolved is not None:
            unknown = Tri.UNKNOWN
            found.allow = found.allow.or_(
                PrincipalMatch(unknown, unknown, unknown, unknown)
                if role.reads_principal
                else PrincipalMatch(everyone=unknown)
            )
            found.deny = found.deny.or_(unknown)
            found.unreadable.append(document)
            continue
        for statement in document.statements:
            is_allow, is_deny = _effects(statement)
            core = _core(statement, role, env)
            if core is Tri.FALSE:
                continue
            if is_allow is not Tri.FALSE:
                granted = _principal_match(statement, role, env, deny=False).and_(
                    core.and_(is_allow)
                )
                if granted.any is not Tri.FALSE:
                    found.allow = found.allow.or_(granted)
                    found.allows.append(_Hit(statement, granted.any, role, document))
            if is_deny is not Tri.FALSE:
                denied = _principal_match(statement, role, env, deny=True).any
                denied = denied.and_(core).and_(is_deny)
                if denied is not Tri.FALSE:
                    found.deny = found.deny.or_(denied)
                    found.denies.append(_Hit(statement, denied, role, document))
    return found


@dataclass(slots=True)
class _Levels:
    """Organization policies along an OU path: each level must allow."""

    allow: Tri = Tri.TRUE
    failing_level: int | None = None
    found: _Found = field(default_factory=_Found)
    uncertain: list[_Hit] = field(default_factory=list)
    """The allows that may apply on levels where none certainly does."""


def _read_levels(levels: Sequence[Sequence[PolicyDocument]], role: _Role, env: _Env) -> _Levels:
    result = _Levels()
    for number, documents in enumerate(levels):
        level = _read(documents, role, env)
        allow = level.allow.any
        if allow is Tri.FALSE and result.failing_level is None:
            result.failing_level = number
        result.allow = result.allow.and_(allow)
        if allow is Tri.UNKNOWN:
            result.uncertain += level.allows
        result.found.allows += level.allows
        result.found.denies += level.denies
        result.found.unreadable += level.unreadable
        result.found.deny = result.found.deny.or_(level.deny)
    return result


# ---------------------------------------------------------------------------------------------
# The request context


def _principal_keys(principal: Principal) -> dict[str, str | None]:
    """Global condition keys the caller alone decides (``None``: the key is absent).

    IAM User Guide, "AWS global condition context keys": ``aws:PrincipalArn`` of a role session
    is the role's ARN; ``aws:username`` is present for IAM users only;
    ``aws:PrincipalServiceName`` only for AWS service principals; ``aws:PrincipalIsAWSService``
    for every signed request. Keys whose presence is not certain stay unknown.
    """
    keys: dict[str, str | None] = {}
    kind = principal.kind
    if kind is PrincipalKind.ANONYMOUS:
        return keys
    keys["aws:PrincipalIsAWSService"] = "true" if kind is PrincipalKind.SERVICE else "false"
    if kind is PrincipalKind.SERVICE:
        if principal.arn is not None:
            keys["aws:PrincipalServiceName"] = principal.arn
        return keys
    if not kind.is_iam:
        return keys
    keys["aws:PrincipalServiceName"] = None
    keys["aws:PrincipalType"] = {
        PrincipalKind.ROOT: "Account",
        PrincipalKind.USER: "User",
        PrincipalKind.ROLE: "AssumedRole",
        PrincipalKind.ASSUMED_ROLE: "AssumedRole",
        PrincipalKind.FEDERATED_USER: "FederatedUser",
    }[kind]
    if principal.account is not None:
        keys["aws:PrincipalAccount"] = principal.account
    # A role session's aws:PrincipalArn is the role's ARN, not the session's.
    arn = principal.issuer_arn if kind is PrincipalKind.ASSUMED_ROLE else principal.arn
    if arn is not None:
        keys["aws:PrincipalArn"] = arn
    if kind is PrincipalKind.USER and principal.arn is not None:
        keys["aws:username"] = principal.arn.rsplit("/", 1)[-1]
    elif kind is not PrincipalKind.USER:
        keys["aws:username"] = None
    for name, value in principal.tags:
        keys[f"aws:PrincipalTag/{name}"] = value
    return keys


def _context(request: Request) -> Context:
    """The request's context, with the keys the caller decides added where it says nothing."""
    context = request.context
    added = {
        key: value
        for key, value in _principal_keys(request.principal).items()
        if context.lookup(key)[0] is KeyState.UNKNOWN
    }
    if not added:
        return context
    values: dict[str, str | tuple[str, ...]] = dict(context.values)
    values.update({key: value for key, value in added.items() if value is not None})
    absent = context.absent | {key for key, value in added.items() if value is None}
    return Context(values, absent=absent, present=context.present, complete=context.complete)


def _environment(request: Request, matcher: Matcher, *, has_boundary: bool) -> _Env:
    context = _context(request)
    return _Env(request, request.principal, context, context.variables(), matcher, has_boundary)


# ---------------------------------------------------------------------------------------------
# Evaluation


def _resource_account(request: Request, account: AccountContext) -> str | None:
    if account.resource_account is not None:
        return account.resource_account
    if request.resource_account is not None:
        return request.resource_account
    if request.resource == "*":
        return account.principal_account or request.principal.account
    arn = parse_arn(request.resource)
    return arn.account if arn is not None and arn.account else None


def _cross_account(request: Request, account: AccountContext) -> Tri:
    caller = account.principal_account or request.principal.account
    owner = _resource_account(request, account)
    if caller is None or owner is None:
        return Tri.UNKNOWN
    return Tri.of(caller != owner)


@dataclass(slots=True)
class _Reading:
    """Every applicable policy type read for one request."""

    principal: Principal
    scps: _Levels
    rcps: _Levels
    resource: _Found
    identity: _Found
    boundary: _Found | None
    session: _Found | None
    resource_must_allow: bool

    @property
    def groups(self) -> list[_Found]:
        groups = [self.scps.found, self.rcps.found, self.resource, self.identity]
        return groups + [found for found in (self.boundary, self.session) if found is not None]

    @property
    def identity_allow(self) -> Tri:
        if self.principal.kind is PrincipalKind.ROOT:
            return Tri.TRUE  # the root user has full access to its own account
        return self.identity.allow.any

    @property
    def boundary_allow(self) -> Tri:
        return self.boundary.allow.any if self.boundary is not None else Tri.TRUE

    @property
    def session_allow(self) -> Tri:
        return self.session.allow.any if self.session is not None else Tri.TRUE


def _read_all(
    request: Request, policies: PolicySet, account: AccountContext, env: _Env
) -> _Reading:
    principal = request.principal
    kind = principal.kind
    scps_apply = (
        bool(policies.scps)
        and kind.is_iam
        and not account.is_management_account
        and not principal.is_service_linked_role
    )
    rcps_apply = (
        bool(policies.rcps)
        and not account.resource_in_management_account
        and not principal.is_service_linked_role
    )
    capped_by_boundary = env.has_boundary and kind.is_iam and kind is not PrincipalKind.ROOT
    capped_by_session = bool(policies.session) and kind.is_session
    return _Reading(
        principal=principal,
        scps=_read_levels(policies.scps or (), _Role.SCP, env) if scps_apply else _Levels(),
        rcps=_read_levels(policies.rcps or (), _Role.RCP, env) if rcps_apply else _Levels(),
        resource=_read(policies.resource, _Role.RESOURCE, env),
        identity=_read(policies.identity, _Role.IDENTITY, env) if kind.is_iam else _Found(),
        boundary=_read(policies.boundaries or (), _Role.BOUNDARY, env)
        if capped_by_boundary
        else None,
        session=_read(policies.session or (), _Role.SESSION, env) if capped_by_session else None,
        resource_must_allow=policies.resource_must_allow
        or any(
            document.kind in (PolicyKind.TRUST, PolicyKind.KEY) for document in policies.resource
        ),
    )


def _grant(reading: _Reading, cross: Tri) -> tuple[Tri, str]:
    """Whether the identity-based and resource-based policies grant (before the organization
    policies), and what to say when they do not."""
    resource = reading.resource.allow
    if not reading.principal.kind.is_iam:
        # AWS services and anonymous callers have no identity-based policies: only a
        # resource-based policy naming them (or everyone) grants.
        return resource.any, "no resource-based policy allows the caller"
    identity = reading.identity_allow
    caps = reading.boundary_allow.and_(reading.session_allow)
    by_identity = identity.and_(caps)
    if reading.resource_must_allow:
        by_identity = by_identity.and_(resource.any)
    same_account = any_((resource.direct, resource.issuer.and_(caps), by_identity))
    cross_account = resource.any.and_(identity).and_(caps)
    if cross is Tri.TRUE:
        grant = cross_account
    elif cross is Tri.FALSE:
        grant = same_account
    else:
        grant = either(same_account, cross_account)

    if cross is Tri.TRUE and resource.any is Tri.FALSE:
        reason = "cross-account request and no resource-based policy allows the caller"
    elif reading.resource_must_allow and resource.any is Tri.FALSE:
        reason = "the trust or key policy does not allow the caller"
    elif identity is Tri.FALSE and resource.issuer is Tri.FALSE:
        reason = "no identity-based policy allows the request"
    elif reading.boundary_allow is Tri.FALSE:
        reason = "the permissions boundary does not allow the request"
    elif reading.session_allow is Tri.FALSE:
        reason = "the session policies do not allow the request"
    elif identity is Tri.FALSE:
        reason = "no identity-based policy allows the request"
    else:
        reason = "no policy allows the request"
    return grant, reason


def evaluate(
    request: Request, policies: PolicySet, account: AccountContext, matcher: Matcher
) -> Evaluation:
    """Whether AWS allows ``request`` under ``policies`` (see the module documentation)."""
    env = _environment(request, matcher, has_boundary=policies.boundaries is not None)
    reading = _read_all(request, policies, account, env)
    groups = reading.groups
    deny = any_(found.deny for found in groups)
    unreadable = tuple(document for found in groups for document in found.unreadable)

    if deny is Tri.TRUE:
        hits = [hit for found in groups for hit in found.denies if hit.result is Tri.TRUE]
        return Evaluation(
            Decision.EXPLICIT_DENY,
            conditional=False,
            deciding=_statements(hits),
            reason="explicitly denied by " + "; ".join(hit.describe() for hit in hits),
            unreadable=unreadable,
        )

    grant, grant_reason = _grant(reading, _cross_account(request, account))
    gates = (
        (reading.rcps.allow, _level_reason("RCP", reading.rcps.failing_level)),
        (reading.scps.allow, _level_reason("SCP", reading.scps.failing_level)),
        (grant, grant_reason),
    )
    allow = all_(gate for gate, _ in gates)
    if allow is Tri.FALSE:
        reason = next(reason for gate, reason in gates if gate is Tri.FALSE)
        return Evaluation(
            Decision.IMPLICIT_DENY,
            conditional=False,
            deciding=(),
            reason=f"implicitly denied: {reason}",
            unreadable=unreadable,
        )

    conditional = allow is Tri.UNKNOWN or deny is Tri.UNKNOWN
    grants = reading.resource.allows + reading.identity.allows
    uncertain = reading.scps.uncertain + reading.rcps.uncertain
    for cap in (reading.boundary, reading.session):
        if cap is not None and cap.allow.any is Tri.UNKNOWN:
            uncertain += cap.allows
    if conditional:
        uncertain += [hit for found in groups for hit in found.denies]
    return Evaluation(
        Decision.ALLOW,
        conditional=conditional,
        deciding=_statements(_ordered(grants + uncertain)),
        reason=_allow_reason(reading, grants, uncertain, unreadable, conditional=conditional),
        unreadable=unreadable,
    )


_ORDER = (_Role.SCP, _Role.RCP, _Role.RESOURCE, _Role.IDENTITY, _Role.BOUNDARY, _Role.SESSION)


def _ordered(hits: list[_Hit]) -> list[_Hit]:
    return sorted(hits, key=lambda hit: _ORDER.index(hit.role))


def _statements(hits: Iterable[_Hit]) -> tuple[Statement, ...]:
    seen: list[Statement] = []
    for hit in hits:
        if not any(hit.statement is known for known in seen):
            seen.append(hit.statement)
    return tuple(seen)


def _level_reason(kind: str, level: int | None) -> str:
    where = "on the OU path" if level is None else f"at level {level} of the OU path"
    return f"no {kind} {where} allows the request"


def _allow_reason(
    reading: _Reading,
    grants: list[_Hit],
    uncertain: list[_Hit],
    unreadable: tuple[PolicyDocument, ...],
    *,
    conditional: bool,
) -> str:
    if grants:
        text = "allowed by " + "; ".join(hit.describe() for hit in grants)
    elif reading.principal.kind is PrincipalKind.ROOT:
        text = "allowed: the root user has full access to its own account"
    else:
        text = "allowed"
    if not conditional:
        return text
    denies = [hit for found in reading.groups for hit in found.denies]
    unknowns = [
        f"{'may be denied by' if hit in denies else 'may be capped by'} {hit.describe()}"
        for hit in uncertain
    ]
    unknowns += [f"{document.describe()} could not be read" for document in unreadable]
    if any(hit.result is Tri.UNKNOWN for hit in grants):
        unknowns.insert(0, "the grant depends on values not known statically")
    return f"{text}, under conditions: " + "; ".join(unknowns or ["values not known statically"])
