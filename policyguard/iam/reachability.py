"""Reachability: which roles a principal can reach, as paths such as
``user dev → role ci-deployer → AdministratorAccess``.

Two kinds of edges, each decided by :func:`policyguard.iam.evaluate.evaluate` (never
re-implemented here):

- **assume** (:func:`assume_edges`): principal P can assume role R when a request by P for
  ``sts:AssumeRole`` on R's ARN is allowed with R's trust policy as the resource-based policy and
  P's identity policies, permissions boundary and SCPs as its own. Within one account a trust
  policy that names P's ARN grants by itself; one that names the account needs P's identity
  policies to allow too (``evaluate`` knows). AWS services (``lambda.amazonaws.com``) and
  identity providers named in trust policies become nodes of their own, with an edge to each role
  that trusts them (``sts:AssumeRoleWithWebIdentity``/``sts:AssumeRoleWithSAML`` for
  providers).
- **pass-role** (:func:`pass_role_edges`): P can pass role R to service S when P is allowed
  ``iam:PassRole`` on R with ``iam:PassedToService`` set to S, and R's trust policy lets S
  assume it.

ARNs are built from the known names and the account: the ``account`` argument, else the account
the principal's placement names, else the account ``inventory.accounts`` says the principal's
file deploys to. Trust and identity policies that refer to a declared user or role
(``aws_iam_user.dev.arn``, ``{"Fn::GetAtt": ["Dev", "Arn"]}``) are read with that principal's
ARN. When an account is not known, each account the trust policy names is tried (and otherwise
one account shared by caller and role); when a name is not known, the role's ARN has a wildcard
where the name is unknown. Either way the edge is kept as conditional (``Tri.UNKNOWN``) and its
``reasons`` say what was assumed.

Known limits: role and user paths (``path = "/ci/"``) are not in the model, so ARNs have none;
principals whose policies are incomplete (:attr:`PrincipalPolicies.complete`) are judged on the
known policies; groups are not callers.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from policyguard.iam.catalog import Catalog
from policyguard.iam.conditions import Context
from policyguard.iam.effective import (
    AccountPlacement,
    PrincipalPolicies,
    allowed_actions,
    boundary_documents,
    principal_policies,
    referenced_address,
)
from policyguard.iam.evaluate import (
    AccountContext,
    Evaluation,
    PolicySet,
    Principal,
    PrincipalKind,
    Request,
    evaluate,
)
from policyguard.iam.tristate import Tri
from policyguard.model.iam import PolicyDocument, Statement
from policyguard.model.inventory import Inventory
from policyguard.model.principals import PolicyResource, PrincipalType
from policyguard.model.principals import Principal as ModelPrincipal
from policyguard.model.resources import Resource
from policyguard.model.values import Located, Unresolved

__all__ = [
    "ASSUME_ROLE",
    "PASS_ROLE",
    "Edge",
    "EdgeKind",
    "Node",
    "NodeKind",
    "Path",
    "Reachability",
    "assume_edges",
    "pass_role_edges",
    "paths",
]

ASSUME_ROLE: Final = "sts:AssumeRole"
ASSUME_ROLE_WITH_WEB_IDENTITY: Final = "sts:AssumeRoleWithWebIdentity"
ASSUME_ROLE_WITH_SAML: Final = "sts:AssumeRoleWithSAML"
PASS_ROLE: Final = "iam:PassRole"

_SHARED_ACCOUNT: Final = "000000000000"
"""Stands for the one account of caller and role when neither account is known."""
_ACCOUNT_ID: Final = re.compile(r"\d{12}")
_NOT_IN_NAMES: Final = re.compile(r"[^\w+=,.@-]")
_ARN_ACCOUNT: Final = re.compile(r"^arn:[^:]*:[^:]*:[^:]*:(\d{12}):|^(\d{12})$")


# ---------------------------------------------------------------------------------------------
# Graph


class NodeKind(enum.Enum):
    USER = "user"
    ROLE = "role"
    SERVICE = "service"
    FEDERATED = "federated"


@dataclass(frozen=True, slots=True)
class Node:
    """One node: ``key`` is the principal's address, or the service or identity provider as
    written; ``name`` is what paths show (the known name, else the key)."""

    kind: NodeKind
    key: str
    name: str

    def describe(self) -> str:
        return f"{self.kind.value} {self.name}"


class EdgeKind(enum.Enum):
    ASSUME = "assume"
    PASS_ROLE = "pass-role"


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` can assume ``target`` (``ASSUME``), or pass it to ``service``
    (``PASS_ROLE``). ``allowed`` is ``TRUE``, or ``UNKNOWN`` when it holds only under
    conditions or assumptions that ``reasons`` state. ``deciding`` are the statements that grant
    (trust and identity policies, as written: their locations point at the code)."""

    kind: EdgeKind
    source: Node
    target: Node
    action: str
    allowed: Tri
    deciding: tuple[Statement, ...] = ()
    reasons: tuple[str, ...] = ()
    service: str | None = None

    @property
    def conditional(self) -> bool:
        return self.allowed is not Tri.TRUE

    def describe(self) -> str:
        hop = self.target.describe()
        return hop if self.service is None else f"{hop} (passed to {self.service})"


@dataclass(frozen=True, slots=True)
class Path:
    """A chain of edges from ``start``; ``grants`` names what the last node holds (its most
    powerful policy, or ``administrator access``), when known."""

    start: Node
    edges: tuple[Edge, ...]
    grants: str | None = None

    @property
    def end(self) -> Node:
        return self.edges[-1].target if self.edges else self.start

    @property
    def conditional(self) -> bool:
        return any(edge.conditional for edge in self.edges)

    def render(self) -> str:
        hops = [self.start.describe(), *(edge.describe() for edge in self.edges)]
        if self.grants is not None:
            hops.append(self.grants)
        text = " → ".join(hops)
        return f"{text} (under conditions)" if self.conditional else text


def paths(edges: Iterable[Edge], start: Node | str, *, max_depth: int = 5) -> list[Path]:
    """Every path of 1 to ``max_depth`` edges from ``start`` (a node or its key) that visits no
    node twice, shortest first. Edges that are not allowed (``Tri.FALSE``) are ignored."""
    out: dict[str, list[Edge]] = defaultdict(list)
    nodes: dict[str, Node] = {}
    for edge in edges:
        if edge.allowed is not Tri.FALSE:
            out[edge.source.key].append(edge)
        nodes[edge.source.key] = edge.source
        nodes[edge.target.key] = edge.target
    key = start if isinstance(start, str) else start.key
    first = start if isinstance(start, Node) else nodes.get(key)
    if first is None:
        return []
    found: list[Path] = []

    def walk(chain: tuple[Edge, ...], seen: frozenset[str]) -> None:
        if len(chain) >= max_depth:
            return
        for edge in out.get(chain[-1].target.key if chain else key, ()):
            if edge.target.key in seen:
                continue
            longer = (*chain, edge)
            found.append(Path(first, longer))
            walk(longer, seen | {edge.target.key})

    walk((), frozenset({key}))
    found.sort(key=lambda path: (len(path.edges), path.render()))
    return found


# ---------------------------------------------------------------------------------------------
# Names, accounts and ARNs


@dataclass(frozen=True, slots=True)
class _Who:
    """A declared user or role: its node, known name and account."""

    principal: ModelPrincipal
    node: Node
    name: str | Unresolved | None
    account: str | None

    def arn(self, account: str | None) -> str | None:
        """The ARN in ``account`` (default: its own), when the name is known."""
        account = account or self.account
        if account is None or not isinstance(self.name, str):
            return None
        return f"arn:aws:iam::{account}:{self.node.kind.value}/{self.name}"

    def caller_arn(self, account: str | None) -> str | None:
        """The ARN its requests carry: :meth:`arn`, or, when no name is written, an ARN standing
        for the unique name the deployment tool generates (``stack-LogicalId-RANDOM``,
        ``terraform-2024...``), which a policy can name only by referring to this principal."""
        arn = self.arn(account)
        account = account or self.account
        if arn is not None or self.name is not None or account is None:
            return arn
        generated = "generated." + _NOT_IN_NAMES.sub("-", self.node.key)
        return f"arn:aws:iam::{account}:{self.node.kind.value}/{generated}"

    def resource_arn(self, account: str) -> str:
        """Its ARN as a request's resource: unknown pieces of the name become ``*``."""
        name = self.name
        if isinstance(name, Unresolved):
            text = "".join("*" if part is None else part for part in name.parts)
        else:
            text = name or "*"
        return f"arn:aws:iam::{account}:{self.node.kind.value}/{text}"


def _who(
    principal: ModelPrincipal,
    policies: Mapping[str, PrincipalPolicies],
    inventory: Inventory,
    account: str | None,
) -> _Who:
    located: Located[str] | None = principal.name
    name = located.value if located is not None else None
    address = principal.resource.address
    kind = NodeKind.USER if principal.type is PrincipalType.USER else NodeKind.ROLE
    chosen = account
    if chosen is None and address in policies:
        chosen = policies[address].account
    if chosen is None:
        deployed = inventory.accounts.deployment_of(principal.resource.location.path)
        chosen = deployed if deployed is not None and _ACCOUNT_ID.fullmatch(deployed) else None
    shown = name if isinstance(name, str) else address
    return _Who(principal, Node(kind, address, shown), name, chosen)


def _trust_accounts(document: PolicyDocument) -> list[str]:
    """The account ids that the trust policy's principals name, in order."""
    accounts: list[str] = []
    for statement in document.statements:
        for element in statement.principals or ():
            if isinstance(element.value, str):
                match = _ARN_ACCOUNT.match(element.value)
                account = match and (match[1] or match[2])
                if account and account not in accounts:
                    accounts.append(account)
    return accounts


class _Reader:
    """Reads documents with references to declared principals replaced by their ARNs; keeps
    the written statement of each rewritten one."""

    def __init__(self, who: Mapping[str, _Who], referrers: Mapping[str, Resource]) -> None:
        self.who = who
        self.referrers = referrers
        self.written: dict[int, Statement] = {}
        self._cache: dict[tuple[int, str | None], PolicyDocument] = {}

    def read(self, document: PolicyDocument, account: str | None) -> PolicyDocument:
        key = (id(document), account)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        referrer = self.referrers.get(document.owner)
        result = document
        if referrer is not None and document.unresolved is None:
            statements = tuple(self._statement(s, referrer, account) for s in document.statements)
            if any(
                new is not old for new, old in zip(statements, document.statements, strict=True)
            ):
                result = replace(document, statements=statements)
        self._cache[key] = result
        return result

    def _arn(
        self,
        value: str | Unresolved,
        referrer: Resource,
        account: str | None,
        *,
        principal: bool = False,
    ) -> str | None:
        """The ARN of the declared principal ``value`` refers to; as a ``Principal``, the ARN
        its requests carry (see :meth:`_Who.caller_arn`)."""
        if not isinstance(value, Unresolved):
            return None
        address = referenced_address(value, referrer)
        who = self.who.get(address) if address is not None else None
        if who is None:
            return None
        return who.caller_arn(account) if principal else who.arn(account)

    def _statement(
        self, statement: Statement, referrer: Resource, account: str | None
    ) -> Statement:
        changes: dict[str, object] = {}
        if statement.principals:
            principals = tuple(
                replace(element, value=arn)
                if (arn := self._arn(element.value, referrer, account, principal=True)) is not None
                else element
                for element in statement.principals
            )
            if principals != statement.principals:
                changes["principals"] = principals
        for name in ("resources", "not_resources"):
            elements: tuple[Located[str], ...] | None = getattr(statement, name)
            if elements:
                resolved = tuple(
                    Located(arn, element.location)
                    if (arn := self._arn(element.value, referrer, account)) is not None
                    else element
                    for element in elements
                )
                if resolved != elements:
                    changes[name] = resolved
        if not changes:
            return statement
        rewritten = replace(statement, **changes)  # type: ignore[arg-type]
        self.written[id(rewritten)] = statement
        return rewritten

    def deciding(self, evaluation: Evaluation) -> tuple[Statement, ...]:
        return tuple(self.written.get(id(s), s) for s in evaluation.deciding)


def _tri(evaluation: Evaluation) -> Tri:
    if not evaluation.allowed:
        return Tri.FALSE
    return Tri.UNKNOWN if evaluation.conditional else Tri.TRUE


# ---------------------------------------------------------------------------------------------
# Edges


class _Graph:
    """What edge building shares: the declared users and roles and how to read documents."""

    def __init__(
        self,
        inventory: Inventory,
        policies: Mapping[str, PrincipalPolicies],
        catalog: Catalog,
        account: str | None,
    ) -> None:
        self.policies = policies
        self.catalog = catalog
        principals = inventory.of_type(ModelPrincipal)
        self.who = {
            p.resource.address: _who(p, policies, inventory, account)
            for p in principals
            if p.type is not PrincipalType.GROUP
        }
        referrers = {p.resource.address: p.resource for p in principals}
        referrers |= {p.resource.address: p.resource for p in inventory.of_type(PolicyResource)}
        self.reader = _Reader(self.who, referrers)
        self.roles = [
            who
            for who in self.who.values()
            if who.node.kind is NodeKind.ROLE and who.principal.trust_policy is not None
        ]

    def callers(self) -> list[tuple[_Who, PrincipalPolicies]]:
        return [
            (who, self.policies[address])
            for address, who in self.who.items()
            if address in self.policies
        ]

    def settings(
        self, caller: _Who | None, role: _Who, trust: PolicyDocument
    ) -> list[tuple[str | None, str, list[str]]]:
        """The (caller account, role account, assumptions) to evaluate under, in order."""
        notes: list[str] = []
        mine = caller.account if caller is not None else None
        theirs = role.account
        if caller is None:
            if theirs is not None:
                return [(None, theirs, notes)]
            return [
                (None, candidate, [f"the account of {role.node.describe()} is not known"])
                for candidate in _trust_accounts(trust) or [_SHARED_ACCOUNT]
            ]
        if mine is not None and theirs is not None:
            return [(mine, theirs, notes)]
        if mine is not None or theirs is not None:
            known = mine or theirs
            assert known is not None
            unknown = caller if mine is None else role
            note = (
                f"the account of {unknown.node.describe()} is not known: "
                f"taken to be {known}, the other's"
            )
            return [(known, known, [note])]
        options: list[tuple[str | None, str, list[str]]] = []
        for candidate in _trust_accounts(trust):
            note = f"the accounts are not known: holds if both are account {candidate}"
            options.append((candidate, candidate, [note]))
        note = "the accounts are not known: holds if both are in one account"
        options.append((_SHARED_ACCOUNT, _SHARED_ACCOUNT, [note]))
        return options

    def principal(self, who: _Who, account: str | None) -> tuple[Principal, list[str]]:
        kind = PrincipalKind.USER if who.node.kind is NodeKind.USER else PrincipalKind.ROLE
        arn = who.caller_arn(account)
        notes = [] if arn is not None else [f"the name of {who.node.describe()} is not known"]
        return Principal(kind=kind, arn=arn, account=account), notes

    def identity(self, policies: PrincipalPolicies, account: str | None) -> PolicySet:
        return PolicySet(
            identity=[self.reader.read(document, account) for document in policies.identity],
            boundaries=boundary_documents(policies),
            scps=policies.scps,
        )

    def role_resource(self, role: _Who, account: str) -> tuple[str, list[str]]:
        arn = role.arn(account)
        if arn is not None:
            return arn, []
        return role.resource_arn(account), [f"the name of {role.node.describe()} is not known"]

    def assume(
        self, caller: _Who, policies: PrincipalPolicies, role: _Who
    ) -> tuple[Tri, tuple[Statement, ...], tuple[str, ...]]:
        """Whether ``caller`` can assume ``role``, the deciding statements and the reasons."""
        trust = role.principal.trust_policy
        assert trust is not None
        for mine, theirs, notes in self.settings(caller, role, trust):
            principal, named = self.principal(caller, mine)
            resource, unnamed = self.role_resource(role, theirs)
            own = self.identity(policies, mine)
            evaluation = evaluate(
                Request(principal=principal, action=ASSUME_ROLE, resource=resource),
                replace(own, resource=(self.reader.read(trust, theirs),)),
                AccountContext(
                    principal_account=mine,
                    resource_account=theirs,
                    is_management_account=policies.management_account,
                ),
                self.catalog,
            )
            result = _tri(evaluation)
            if result is Tri.FALSE:
                continue
            reasons = [*notes, *named, *unnamed]
            if evaluation.conditional:
                reasons.append(evaluation.reason)
            if reasons:
                result = Tri.UNKNOWN
            return result, self.reader.deciding(evaluation), tuple(reasons)
        return Tri.FALSE, (), ()

    def trusted(self, role: _Who) -> list[tuple[Node, str, Principal]]:
        """The services and identity providers the role's trust policy names."""
        trust = role.principal.trust_policy
        assert trust is not None
        found: dict[str, tuple[Node, str, Principal]] = {}
        for statement in trust.statements:
            for element in statement.principals or ():
                value = element.value
                key = value if isinstance(value, str) else value.expression
                if element.kind == "Service" and isinstance(value, str):
                    node = Node(NodeKind.SERVICE, key, key)
                    found.setdefault(
                        key, (node, ASSUME_ROLE, Principal(kind=PrincipalKind.SERVICE, arn=value))
                    )
                elif element.kind == "Federated":
                    action = (
                        ASSUME_ROLE_WITH_SAML
                        if "saml-provider/" in key
                        else ASSUME_ROLE_WITH_WEB_IDENTITY
                    )
                    node = Node(NodeKind.FEDERATED, key, key)
                    arn = value if isinstance(value, str) else None
                    found.setdefault(
                        key, (node, action, Principal(kind=PrincipalKind.FEDERATED, arn=arn))
                    )
        return list(found.values())

    def trusting(self, role: _Who, principal: Principal, action: str) -> tuple[Evaluation, str]:
        """How the role's trust policy answers a service or identity provider."""
        trust = role.principal.trust_policy
        assert trust is not None
        account = role.account or _SHARED_ACCOUNT
        resource, _ = self.role_resource(role, account)
        evaluation = evaluate(
            Request(principal=principal, action=action, resource=resource),
            PolicySet(resource=(self.reader.read(trust, role.account),)),
            AccountContext(resource_account=account),
            self.catalog,
        )
        return evaluation, account


def assume_edges(
    inventory: Inventory,
    policies: Mapping[str, PrincipalPolicies],
    catalog: Catalog,
    account: str | None = None,
) -> list[Edge]:
    """Who can assume which role: every user and role of ``policies`` against every role with a
    trust policy, then every service and identity provider the trust policies name.

    ``account`` is the id of the account every principal is in; when ``None``, each principal's
    placement or deployment decides (see the module documentation).
    """
    return _assume_edges(_Graph(inventory, policies, catalog, account))


def _assume_edges(graph: _Graph) -> list[Edge]:
    edges: list[Edge] = []
    for caller, policies in graph.callers():
        for role in graph.roles:
            if role is caller:
                continue
            allowed, deciding, reasons = graph.assume(caller, policies, role)
            if allowed is not Tri.FALSE:
                edges.append(
                    Edge(
                        EdgeKind.ASSUME,
                        caller.node,
                        role.node,
                        ASSUME_ROLE,
                        allowed,
                        deciding,
                        reasons,
                    )
                )
    for role in graph.roles:
        for node, action, principal in graph.trusted(role):
            evaluation, _ = graph.trusting(role, principal, action)
            allowed = _tri(evaluation)
            if allowed is Tri.FALSE:
                continue
            reasons = (evaluation.reason,) if evaluation.conditional else ()
            edges.append(
                Edge(
                    EdgeKind.ASSUME,
                    node,
                    role.node,
                    action,
                    allowed,
                    graph.reader.deciding(evaluation),
                    reasons,
                )
            )
    return edges


def pass_role_edges(
    inventory: Inventory,
    policies: Mapping[str, PrincipalPolicies],
    catalog: Catalog,
    account: str | None = None,
) -> list[Edge]:
    """Who can pass which role to which service: the caller is allowed ``iam:PassRole`` on the
    role with ``iam:PassedToService`` set to the service, and the role trusts the service."""
    return _pass_role_edges(_Graph(inventory, policies, catalog, account))


def _pass_role_edges(graph: _Graph) -> list[Edge]:
    edges: list[Edge] = []
    services = {
        id(role): [
            (node, graph.trusting(role, principal, action)[0])
            for node, action, principal in graph.trusted(role)
            if node.kind is NodeKind.SERVICE
        ]
        for role in graph.roles
    }
    for caller, policies in graph.callers():
        for role in graph.roles:
            if role is caller:
                continue
            for service, trusting in services[id(role)]:
                if not trusting.allowed:
                    continue
                edge = _pass_role(graph, caller, policies, role, service=service, trusting=trusting)
                if edge is not None:
                    edges.append(edge)
    return edges


def _pass_role(
    graph: _Graph,
    caller: _Who,
    policies: PrincipalPolicies,
    role: _Who,
    *,
    service: Node,
    trusting: Evaluation,
) -> Edge | None:
    trust = role.principal.trust_policy
    assert trust is not None
    for mine, theirs, notes in graph.settings(caller, role, trust):
        principal, named = graph.principal(caller, mine)
        resource, unnamed = graph.role_resource(role, theirs)
        evaluation = evaluate(
            Request(
                principal=principal,
                action=PASS_ROLE,
                resource=resource,
                context=Context({"iam:PassedToService": service.key}),
            ),
            graph.identity(policies, mine),
            AccountContext(
                principal_account=mine,
                resource_account=theirs,
                is_management_account=policies.management_account,
            ),
            graph.catalog,
        )
        allowed = _tri(evaluation).and_(_tri(trusting))
        if allowed is Tri.FALSE:
            continue
        reasons = [*notes, *named, *unnamed]
        reasons += [e.reason for e in (evaluation, trusting) if e.conditional]
        deciding = graph.reader.deciding(evaluation) + graph.reader.deciding(trusting)
        return Edge(
            EdgeKind.PASS_ROLE,
            caller.node,
            role.node,
            PASS_ROLE,
            Tri.UNKNOWN if reasons else allowed,
            deciding,
            tuple(reasons),
            service.key,
        )
    return None


# ---------------------------------------------------------------------------------------------
# Everything together


def _policy_name(document: PolicyDocument) -> str:
    owner = document.owner
    return owner.rsplit("/", 1)[-1] if owner.startswith("arn:") else document.describe()


@dataclass(slots=True)
class Reachability:
    """The assume and pass-role edges of an inventory, and the paths they make.

    Build it with :meth:`of`; :meth:`reachable_from` lists the paths from one user or role, each
    ending with what the last node holds.
    """

    edges: tuple[Edge, ...]
    policies: Mapping[str, PrincipalPolicies]
    catalog: Catalog
    _grants: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        inventory: Inventory,
        catalog: Catalog,
        *,
        account: str | None = None,
        placement: AccountPlacement | None = None,
    ) -> Reachability:
        policies = principal_policies(inventory, placement)
        graph = _Graph(inventory, policies, catalog, account)
        edges = _assume_edges(graph) + _pass_role_edges(graph)
        return cls(tuple(edges), policies, catalog)

    def reachable_from(self, principal_address: str, *, max_depth: int = 5) -> list[Path]:
        """Every path from the principal (see :func:`paths`), with what its end holds."""
        return [
            replace(path, grants=self.grants(path.end.key))
            for path in paths(self.edges, principal_address, max_depth=max_depth)
        ]

    def grants(self, address: str) -> str | None:
        """The most powerful policy of a principal, by the number of actions it allows alone
        (``administrator access`` when only their union allows every action); ``None`` when
        it allows nothing or is not a declared principal."""
        if address in self._grants:
            return self._grants[address]
        policies = self.policies.get(address)
        result = None if policies is None else _grants(policies, self.catalog)
        self._grants[address] = result
        return result


def _grants(policies: PrincipalPolicies, catalog: Catalog) -> str | None:
    every = catalog.expand("*")
    total = allowed_actions(policies, catalog)
    if not total:
        return None
    best: tuple[int, PolicyDocument] | None = None
    for document in policies.identity:
        alone = allowed_actions(replace(policies, identity=(document,)), catalog)
        if alone and (best is None or len(alone) > best[0]):
            best = (len(alone), document)
    if best is not None and best[0] >= len(every):
        return _policy_name(best[1])
    if every <= total.keys():
        return "administrator access"
    return _policy_name(best[1]) if best is not None else None
