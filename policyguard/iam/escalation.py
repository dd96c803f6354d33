"""Known privilege escalation methods, matched on a principal's effective permissions.

The methods are data (``escalation_methods.json`` beside this module): each names the actions
it needs (all of them), optional constraints on the resources of some of them, a description and
the public sources that document it (Rhino Security Labs' research, Cloudsplaining's
documentation, pathfinding.cloud). :func:`load_methods` reads and checks the file.

:func:`principal_escalation_paths` does it all for one principal of the inventory.
:func:`escalation_paths` takes what :func:`policyguard.iam.effective.allowed_actions` returns,
the actions a principal may call (wildcards expanded, denies applied) with their
:class:`~policyguard.iam.evaluate.Evaluation`, and reports every method whose actions are all
allowed; actions granted only on some resources (``allowed_actions`` on ``*`` leaves them
out) are passed separately as ``limited`` and still count, marked, provided a resource they are
granted on can name something the action acts on (by the catalog's ARN formats; an action that
supports only ``*`` is never granted that way). Matching is resource-aware
where a method's data says so:

- The statements that grant a constrained action are the ``Allow`` statements among the
  evaluation's deciding statements whose ``Action``/``NotAction`` covers it. Their ``Resource``
  decides the :class:`ResourceScope`: ``ANY`` when one of them covers every resource of the
  constraint's type (``*``, ``NotResource``, ``arn:aws:iam::111122223333:role/*``), ``LIMITED``
  when they name only some resources (``role/app-*``, one role's ARN), ``SELF`` when they name
  only the caller (``user/${aws:username}``), ``UNKNOWN`` when a value is unresolved or no
  statement is known. A limited grant still counts, because whether the named role or user is
  privileged is another principal's story: the path is kept and marked.
- When no granting statement can name any resource of the constraint's type (``iam:PassRole``
  on an S3 ARN), the method cannot work and is not reported. Neither is a method whose
  constraint says the caller itself is a harmless target (creating an access key for oneself)
  when every grant is ``SELF``.
- ``iam:PassRole`` constraints list the services the role is passed to (``iam:PassedToService``);
  when every granting statement's conditions are certainly false for every listed service, the
  method is not reported.

Limits: the statements come from the evaluations, which may include allow statements of
permissions boundaries or SCPs that made an allow conditional; they widen the scope, never
narrow it. Whether the role that can be passed or assumed, or the user whose credentials can be
made, is more privileged than the caller is not examined here (that needs the other principals'
permissions); neither is whether a role's trust policy admits the caller or the service. Plain
action names without evaluations count as certainly allowed, with an ``UNKNOWN`` scope.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Final, Protocol

from policyguard.iam.arn import arn_matches_format, match_resource
from policyguard.iam.catalog import Catalog, load_catalog, wildcard_match
from policyguard.iam.conditions import Context, evaluate_statement_conditions
from policyguard.iam.effective import PrincipalPolicies, allowed_actions
from policyguard.iam.tristate import Tri
from policyguard.model.iam import Effect, Statement
from policyguard.model.values import Unresolved

__all__ = [
    "MAX_RESOURCES",
    "METHODS_RESOURCE",
    "ActionScope",
    "AllowedAction",
    "EscalationMethod",
    "EscalationPath",
    "MethodConstraint",
    "MethodsError",
    "ResourceScope",
    "escalation_paths",
    "load_methods",
    "parse_methods",
    "principal_escalation_paths",
]

METHODS_RESOURCE: Final = "escalation_methods.json"
"""The data file, inside this package."""

_FORMAT: Final = "policyguard-escalation-methods"
_VERSION: Final = 1


class MethodsError(Exception):
    """The escalation methods data file is missing or malformed."""


class AllowedAction(Protocol):
    """What :func:`escalation_paths` reads of an evaluation (an
    :class:`~policyguard.iam.evaluate.Evaluation` has it)."""

    @property
    def allowed(self) -> bool: ...

    @property
    def conditional(self) -> bool: ...

    @property
    def deciding(self) -> tuple[Statement, ...]: ...


@dataclass(frozen=True, slots=True)
class MethodConstraint:
    """What one action of a method must be allowed on.

    ``resource_type`` names a resource type of the action's service in the catalog (``role`` of
    ``iam``). ``passed_to_service`` lists the services an ``iam:PassRole`` passes the role to
    (empty: not known or not checked). ``self_is_harmless``: using the action on the caller
    itself gains nothing (an access key for oneself).
    """

    action: str
    resource_type: str
    passed_to_service: tuple[str, ...] = ()
    self_is_harmless: bool = False


@dataclass(frozen=True, slots=True)
class EscalationMethod:
    """One published privilege escalation method."""

    id: str
    name: str
    category: str
    actions: tuple[str, ...]
    constraints: tuple[MethodConstraint, ...]
    description: str
    sources: tuple[str, ...]
    note: str = ""


class ResourceScope(enum.Enum):
    """Which resources of a constrained action the grants name."""

    ANY = "any"
    """Every resource of the type (``*``, ``NotResource``, a wildcard over all names)."""
    LIMITED = "limited"
    """Only some resources: the escalation works if one of them is privileged."""
    SELF = "self"
    """Only the caller itself (``${aws:username}``)."""
    UNKNOWN = "unknown"
    """A resource value is unresolved, or the granting statements are not known."""


@dataclass(frozen=True, slots=True)
class ActionScope:
    """The resources a constrained action is granted on; ``resources`` are the patterns of a
    ``LIMITED`` or ``SELF`` scope."""

    action: str
    resource_type: str
    scope: ResourceScope
    resources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EscalationPath:
    """A method whose actions a principal may all call.

    ``actions`` are the canonical names as the input spells them; ``conditional`` is true when
    one of them is allowed only under conditions; ``deciding`` are the statements that decided
    the actions' evaluations; ``scopes`` describe the constrained actions.
    """

    method: EscalationMethod
    actions: tuple[str, ...]
    conditional: bool
    deciding: tuple[Statement, ...]
    scopes: tuple[ActionScope, ...] = ()

    @property
    def resource_limited(self) -> bool:
        """A constrained action is granted only on some resources (or the caller itself)."""
        return any(s.scope in (ResourceScope.LIMITED, ResourceScope.SELF) for s in self.scopes)


# ---------------------------------------------------------------------------------------------
# The data


@functools.cache
def load_methods() -> tuple[EscalationMethod, ...]:
    """The methods of the data file, in file order; :class:`MethodsError` if it is malformed."""
    try:
        text = files(__package__ or "policyguard.iam").joinpath(METHODS_RESOURCE).read_text()
        data = json.loads(text)
    except (OSError, ValueError) as error:
        raise MethodsError(f"cannot read {METHODS_RESOURCE}: {error}") from error
    return parse_methods(data)


def parse_methods(data: object) -> tuple[EscalationMethod, ...]:
    """The methods of a decoded data file, every field checked."""
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise MethodsError(f"{METHODS_RESOURCE}: not a {_FORMAT} file")
    if data.get("version") != _VERSION:
        raise MethodsError(f"{METHODS_RESOURCE}: unsupported version {data.get('version')!r}")
    categories = data.get("categories")
    entries = data.get("methods")
    if not isinstance(categories, dict) or not isinstance(entries, list):
        raise MethodsError(f"{METHODS_RESOURCE}: no categories or methods")
    methods: list[EscalationMethod] = []
    seen: set[str] = set()
    for entry in entries:
        method = _method(entry, categories)
        if method.id in seen:
            raise MethodsError(f"{METHODS_RESOURCE}: duplicate method id {method.id!r}")
        seen.add(method.id)
        methods.append(method)
    return tuple(methods)


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACTION = re.compile(r"[a-z0-9-]+:[A-Za-z0-9]+")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _method(entry: object, categories: Mapping[str, Any]) -> EscalationMethod:
    if not isinstance(entry, dict):
        raise MethodsError(f"{METHODS_RESOURCE}: a method is not an object")
    method_id = entry.get("id")
    where = f"{METHODS_RESOURCE}: method {method_id!r}"
    if not isinstance(method_id, str) or not _ID.fullmatch(method_id):
        raise MethodsError(f"{where}: bad id")
    for key in ("name", "description"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise MethodsError(f"{where}: no {key}")
    if entry.get("category") not in categories:
        raise MethodsError(f"{where}: unknown category {entry.get('category')!r}")
    actions, sources = entry.get("actions"), entry.get("sources")
    if not _strings(actions) or not actions or not all(_ACTION.fullmatch(a) for a in actions):
        raise MethodsError(f"{where}: bad actions")
    if not _strings(sources) or not sources or not all(s.startswith("https://") for s in sources):
        raise MethodsError(f"{where}: every method needs https sources")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise MethodsError(f"{where}: bad note")
    constraints = entry.get("constraints", [])
    if not isinstance(constraints, list):
        raise MethodsError(f"{where}: bad constraints")
    return EscalationMethod(
        id=method_id,
        name=entry["name"],
        category=entry["category"],
        actions=tuple(actions),
        constraints=tuple(_constraint(c, actions, where) for c in constraints),
        description=entry["description"],
        sources=tuple(sources),
        note=note,
    )


def _constraint(entry: object, actions: list[str], where: str) -> MethodConstraint:
    if not isinstance(entry, dict) or entry.get("action") not in actions:
        raise MethodsError(f"{where}: a constraint names no action of the method")
    resource_type = entry.get("resource_type")
    services = entry.get("passed_to_service", [])
    harmless = entry.get("self_is_harmless", False)
    if not isinstance(resource_type, str) or not resource_type:
        raise MethodsError(f"{where}: a constraint has no resource_type")
    if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
        raise MethodsError(f"{where}: bad passed_to_service")
    if not isinstance(harmless, bool):
        raise MethodsError(f"{where}: bad self_is_harmless")
    return MethodConstraint(entry["action"], resource_type, tuple(services), harmless)


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True, slots=True)
class _Certain:
    """Stands for an evaluation when only an action name is given."""

    allowed: bool = True
    conditional: bool = False
    deciding: tuple[Statement, ...] = ()


_GIVEN_BY_NAME: Final = _Certain()


def escalation_paths(
    allowed: Mapping[str, AllowedAction] | Iterable[str],
    *,
    limited: Mapping[str, Mapping[str, AllowedAction]] | None = None,
    catalog: Catalog | None = None,
    methods: Iterable[EscalationMethod] | None = None,
) -> list[EscalationPath]:
    """The escalation methods whose actions are all granted, in data file order.

    ``allowed`` maps canonical action names to their evaluations on every resource (``*``;
    denied ones are ignored), or is a collection of names that count as certainly allowed.
    ``limited`` adds actions granted only on some resources: action name to resource (ARN or
    pattern) to evaluation. An action granted only there still counts, and its path is marked
    (its :class:`ActionScope` says which resources). Names are compared without regard to
    letter case. See the module documentation for the resource constraints.
    """
    catalog = catalog or load_catalog()
    grants: dict[str, tuple[str, AllowedAction]] = {}
    if isinstance(allowed, Mapping):
        for name, evaluation in allowed.items():
            if evaluation.allowed:
                grants[name.lower()] = (name, evaluation)
    else:
        for name in allowed:
            grants[name.lower()] = (name, _GIVEN_BY_NAME)
    partial: dict[str, tuple[str, _Merged]] = {}
    for name, by_resource in (limited or {}).items():
        merged = _merge(_on_own_resources(name, by_resource, catalog))
        if merged is not None and name.lower() not in grants:
            partial[name.lower()] = (name, merged)
    paths = []
    for method in load_methods() if methods is None else methods:
        path = _match(method, grants, partial, catalog)
        if path is not None:
            paths.append(path)
    return paths


MAX_RESOURCES: Final = 128
"""At most this many distinct resource values are evaluated per principal by
:func:`principal_escalation_paths`; further ones are not looked at."""


def principal_escalation_paths(
    policies: PrincipalPolicies,
    catalog: Catalog | None = None,
    *,
    methods: Iterable[EscalationMethod] | None = None,
) -> list[EscalationPath]:
    """The escalation paths of one principal, from its effective permissions.

    Actions come from :func:`policyguard.iam.effective.allowed_actions` on every resource
    (``*``). An action a method needs that is not granted on every resource is looked for in
    the principal's identity-based ``Allow`` statements: each specific ``Resource`` value of a
    statement that may grant it (up to :data:`MAX_RESOURCES` values) is evaluated as the
    request's resource, so denies, boundaries and SCPs still apply, and the action counts as
    granted on the values where it is allowed.
    """
    catalog = catalog or load_catalog()
    chosen = tuple(load_methods() if methods is None else methods)
    allowed = allowed_actions(policies, catalog)
    granted = {name.lower() for name in allowed}
    needed = {
        action for method in chosen for action in method.actions if action.lower() not in granted
    }
    resources = _specific_resources(policies, needed)
    limited: dict[str, dict[str, AllowedAction]] = {}
    for resource in resources:
        on_resource = {
            name.lower(): e for name, e in allowed_actions(policies, catalog, resource).items()
        }
        for action in needed:
            evaluation = on_resource.get(action.lower())
            if evaluation is not None:
                limited.setdefault(action, {})[resource] = evaluation
    return escalation_paths(allowed, limited=limited, catalog=catalog, methods=chosen)


def _specific_resources(policies: PrincipalPolicies, actions: Iterable[str]) -> list[str]:
    """The specific ``Resource`` values of identity ``Allow`` statements that may grant one of
    ``actions``, in document order."""
    wanted = list(actions)
    values: dict[str, None] = {}
    for document in policies.identity:
        if document.unresolved is not None:
            continue
        for statement in document.statements:
            if statement.effect.value is not Effect.ALLOW or statement.resources is None:
                continue
            if not any(_covers_action(statement, action) for action in wanted):
                continue
            for element in statement.resources:
                if isinstance(element.value, str) and element.value != "*":
                    values.setdefault(element.value, None)
                if len(values) >= MAX_RESOURCES:
                    return list(values)
    return list(values)


@dataclass(frozen=True, slots=True)
class _Merged:
    """An action allowed on some resources: allowed under conditions unless one of them is
    certain, decided by every statement that decided one of them."""

    resources: tuple[str, ...]
    conditional: bool
    deciding: tuple[Statement, ...]
    allowed: bool = True


def _on_own_resources(
    action: str, by_resource: Mapping[str, AllowedAction], catalog: Catalog
) -> Mapping[str, AllowedAction]:
    """The resources that can name something ``action`` acts on (all of them when the catalog
    does not know the action); an action that supports only ``*`` acts on none."""
    info = catalog.action(action)
    if info is None:
        return by_resource
    formats = [f for ref in info.resource_types for f in ref.arn_formats]
    return {
        resource: evaluation
        for resource, evaluation in by_resource.items()
        if any(arn_matches_format(resource, arn_format) for arn_format in formats)
    }


def _merge(by_resource: Mapping[str, AllowedAction]) -> _Merged | None:
    granted = {resource: e for resource, e in by_resource.items() if e.allowed}
    if not granted:
        return None
    return _Merged(
        resources=tuple(granted),
        conditional=all(e.conditional for e in granted.values()),
        deciding=_unique(s for e in granted.values() for s in e.deciding),
    )


def _match(
    method: EscalationMethod,
    grants: Mapping[str, tuple[str, AllowedAction]],
    partial: Mapping[str, tuple[str, _Merged]],
    catalog: Catalog,
) -> EscalationPath | None:
    present: list[tuple[str, AllowedAction]] = []
    only_some: dict[str, _Merged] = {}
    for action in method.actions:
        grant = grants.get(action.lower())
        if grant is None:
            limited = partial.get(action.lower())
            if limited is None:
                return None
            grant = limited
            only_some[action.lower()] = limited[1]
        present.append(grant)
    by_action = {name.lower(): evaluation for name, evaluation in present}
    scopes = []
    constrained = set()
    for constraint in method.constraints:
        constrained.add(constraint.action.lower())
        evaluation = by_action[constraint.action.lower()]
        scope = _scope(constraint, evaluation, catalog)
        if scope is None:
            return None
        if scope.scope is ResourceScope.SELF and constraint.self_is_harmless:
            return None
        if scope.scope is ResourceScope.UNKNOWN and constraint.action.lower() in only_some:
            resources = only_some[constraint.action.lower()].resources
            scope = ActionScope(scope.action, scope.resource_type, ResourceScope.LIMITED, resources)
        scopes.append(scope)
    for name, merged in only_some.items():
        if name not in constrained:
            action = next(n for n, _ in present if n.lower() == name)
            scopes.append(ActionScope(action, "", ResourceScope.LIMITED, merged.resources))
    return EscalationPath(
        method=method,
        actions=tuple(name for name, _ in present),
        conditional=any(evaluation.conditional for _, evaluation in present),
        deciding=_unique(s for _, evaluation in present for s in evaluation.deciding),
        scopes=tuple(scopes),
    )


def _unique(statements: Iterable[Statement]) -> tuple[Statement, ...]:
    seen: list[Statement] = []
    for statement in statements:
        if not any(statement is known for known in seen):
            seen.append(statement)
    return tuple(seen)


def _covers_action(statement: Statement, action: str) -> bool:
    """Whether the statement's ``Action``/``NotAction`` may cover ``action``."""

    def may_match(value: str | Unresolved) -> bool:
        if isinstance(value, Unresolved):
            value = "".join("*" if part is None else part for part in value.parts)
        return wildcard_match(value, action)

    if statement.actions is not None:
        return any(may_match(element.value) for element in statement.actions)
    if statement.not_actions is not None:
        return not any(
            isinstance(element.value, str) and wildcard_match(element.value, action)
            for element in statement.not_actions
        )
    return bool(statement.unresolved)


def _granting(evaluation: AllowedAction, action: str) -> list[Statement]:
    return [
        statement
        for statement in evaluation.deciding
        if statement.effect.value is Effect.ALLOW and _covers_action(statement, action)
    ]


def _passes_service(statement: Statement, services: tuple[str, ...]) -> bool:
    """Whether the statement may grant passing a role to one of ``services``."""
    if not services:
        return True
    return any(
        evaluate_statement_conditions(
            statement, Context({"iam:PassedToService": service})
        ).is_possible
        for service in services
    )


def _formats(constraint: MethodConstraint, catalog: Catalog) -> tuple[str, ...]:
    info = catalog.action(constraint.action)
    if info is not None:
        for ref in info.resource_types:
            if ref.name == constraint.resource_type:
                return ref.arn_formats
    service = catalog.service(constraint.action.partition(":")[0])
    if service is not None:
        for resource_type in service.resource_types:
            if resource_type.name == constraint.resource_type:
                return resource_type.arn_formats
    return ()


class _Kind(enum.IntEnum):
    """The scope of one resource value, ordered from narrowest to widest."""

    NONE = 0
    SELF = 1
    LIMITED = 2
    UNKNOWN = 3
    ANY = 4


_SELF = re.compile(r"/\$\{aws:username\}$", re.IGNORECASE)


def _scope(
    constraint: MethodConstraint, evaluation: AllowedAction, catalog: Catalog
) -> ActionScope | None:
    """The scope of a constrained action, or ``None`` when no grant can serve the method."""
    statements = _granting(evaluation, constraint.action)
    if not statements:
        # Allowed without a known granting statement (a root user, plain action names).
        return ActionScope(constraint.action, constraint.resource_type, ResourceScope.UNKNOWN)
    statements = [s for s in statements if _passes_service(s, constraint.passed_to_service)]
    formats = _formats(constraint, catalog)
    widest = _Kind.NONE
    named: list[str] = []
    for statement in statements:
        if statement.resources is None:
            widest = _Kind.ANY  # NotResource, or no Resource at all (grants any resource)
            continue
        for element in statement.resources:
            kind = _value_kind(element.value, formats)
            widest = max(widest, kind)
            if kind in (_Kind.LIMITED, _Kind.SELF) and isinstance(element.value, str):
                named.append(element.value)
    scope = {
        _Kind.NONE: None,
        _Kind.SELF: ResourceScope.SELF,
        _Kind.LIMITED: ResourceScope.LIMITED,
        _Kind.UNKNOWN: ResourceScope.UNKNOWN,
        _Kind.ANY: ResourceScope.ANY,
    }[widest]
    if scope is None:
        return None
    limited = scope in (ResourceScope.LIMITED, ResourceScope.SELF)
    resources = tuple(dict.fromkeys(named)) if limited else ()
    return ActionScope(constraint.action, constraint.resource_type, scope, resources)


def _value_kind(value: str | Unresolved, formats: tuple[str, ...]) -> _Kind:
    if value == "*":
        return _Kind.ANY
    if not formats:
        return _Kind.UNKNOWN
    if not any(arn_matches_format(value, arn_format) for arn_format in formats):
        return _Kind.NONE
    if isinstance(value, Unresolved):
        return _Kind.UNKNOWN
    if any(_covers_all(value, arn_format) for arn_format in formats):
        return _Kind.ANY
    if _SELF.search(value):
        return _Kind.SELF
    return _Kind.LIMITED


_FORMAT_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_PROBE_NAME: Final = "pgProbe7q"
_ACCOUNT = re.compile(r"\d{12}")


def _covers_all(pattern: str, arn_format: str) -> bool:
    """Whether ``pattern`` covers every resource of the format in the account, partition and
    region it names: it matches a probe ARN whose names nobody would choose."""
    segments = pattern.split(":", 5)
    if len(segments) != 6:
        return False
    _, partition, _, region, account, _ = segments
    fixed = {
        "Partition": partition if partition and "*" not in partition else "aws",
        "Region": region if region and "*" not in region and "?" not in region else "us-east-1",
        "Account": account if _ACCOUNT.fullmatch(account) else "000000000000",
    }
    probe = _FORMAT_VARIABLE.sub(lambda m: fixed.get(m.group(1), _PROBE_NAME), arn_format)
    return match_resource(pattern, probe, {}) is Tri.TRUE
