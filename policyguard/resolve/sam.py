"""AWS SAM: the execution role that the Serverless transform generates for a function or a state
machine, as template nodes that extraction reads like any written role.

For an ``AWS::Serverless::Function`` or ``AWS::Serverless::StateMachine`` without a ``Role``,
SAM adds an ``AWS::IAM::Role`` named ``<LogicalId>Role`` (:func:`implied_resources`). Its
content, as :func:`generated_role` builds it:

- **Trust policy**: the function's ``AssumeRolePolicyDocument`` (or ``Globals.Function``'s)
  when written; otherwise the one SAM writes, ``sts:AssumeRole`` allowed to the service
  ``lambda.amazonaws.com`` (``states.amazonaws.com`` for state machines), synthesized with every
  value located at the resource's logical id.
- **Managed policies**: for functions, ``AWSLambdaBasicExecutionRole`` (or
  ``AWSLambdaBasicDurableExecutionRolePolicy`` with ``DurableConfig``), plus
  ``AWSXRayDaemonWriteAccess`` with ``Tracing`` other than ``Disabled`` and
  ``AWSLambdaVPCAccessExecutionRole`` with ``VpcConfig``; for state machines
  ``AWSXRayDaemonWriteAccess`` with ``Tracing.Enabled``; then every managed policy of
  ``Policies``, each located where it is written. A name becomes its ARN through the map that
  aws-sam-translator ships (partition ``aws``), else ``arn:aws:iam::aws:policy/NAME``; an ARN or
  an intrinsic function is kept as written.
- **Inline policies**: each policy document (``{Statement: ...}``) and each policy template of
  ``Policies`` becomes the inline policy ``<LogicalId>RolePolicy<index>``, as SAM names them;
  ``DeadLetterQueue`` adds ``DeadLetterQueuePolicy`` (``sqs:SendMessage`` or ``sns:Publish`` on
  the target). Policy templates come from the ``policy_templates.json`` that aws-sam-translator
  ships, read in place: each ``Ref`` to a template parameter is replaced by the node written for
  it, so the values keep their positions; a statement built from a parameter is located at it.
- **Permissions boundary**: ``PermissionsBoundary`` of the resource or ``Globals.Function``.

Not modelled: policies that event sources, ``EventInvokeConfig`` destinations and
``AWS::Serverless::Connector`` add (they are scoped to the named resources).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics import (
    TemplateResolver,
    TemplateResource,
    intrinsic_call,
    render,
)

FUNCTION = "AWS::Serverless::Function"
STATE_MACHINE = "AWS::Serverless::StateMachine"
ROLE_TYPE = "AWS::IAM::Role"
SAM_PACKAGE = "samtranslator"
POLICY_TEMPLATES = ("policy_templates_data", "policy_templates.json")
MANAGED_POLICIES = ("internal", "data", "aws_managed_policies.json")
MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/"

_SERVICES = {FUNCTION: "lambda.amazonaws.com", STATE_MACHINE: "states.amazonaws.com"}
_GLOBAL_PROPERTIES = frozenset(
    {"AssumeRolePolicyDocument", "DeadLetterQueue", "PermissionsBoundary", "Tracing", "VpcConfig"}
)
_DEAD_LETTER_ACTIONS = {"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}


@dataclass(frozen=True, slots=True)
class SamPolicy:
    """An inline policy of a generated role: its name, its document (or why it cannot be
    built), and where it is written."""

    name: str
    document: Node | Unresolved
    span: Span


@dataclass(frozen=True, slots=True)
class GeneratedRole:
    """The role SAM generates for a resource, as nodes to read."""

    logical_id: str
    trust_policy: Node
    policies: tuple[SamPolicy, ...]
    managed_policy_arns: tuple[Node, ...]
    permissions_boundary: Node | None


def implied_resources(resource: TemplateResource) -> tuple[tuple[str, str], ...]:
    """The role the transform adds for ``resource``, as ``(logical id, type)``, if it does."""
    if resource.type not in _SERVICES:
        return ()
    properties = resource.definition.get("Properties")
    if isinstance(properties, Mapping) and properties.get("Role") is not None:
        return ()
    return ((resource.logical_id + "Role", ROLE_TYPE),)


def generated_role(
    resource: TemplateResource, resolve: TemplateResolver, globals_: Node | None = None
) -> GeneratedRole | None:
    """The role SAM generates for ``resource``, or ``None`` when it generates none (another
    type, or a ``Role`` is given)."""
    service = _SERVICES.get(resource.type)
    if service is None:
        return None
    properties = _Properties(resource, resolve, globals_)
    if properties.get("Role") is not None:
        return None
    role_id = resource.logical_id + "Role"
    span = resource.key_span
    trust = properties.get("AssumeRolePolicyDocument") if resource.type == FUNCTION else None
    managed = _default_managed(resource.type, properties, span)
    policies: list[SamPolicy] = []
    dead_letter = _dead_letter_policy(properties) if resource.type == FUNCTION else None
    if dead_letter is not None:
        policies.append(dead_letter)
    for index, item in _policy_items(properties.get("Policies"), resolve):
        policy = _policy(f"{role_id}Policy{index}", item, resolve)
        if isinstance(policy, SamPolicy):
            policies.append(policy)
        else:
            managed.append(policy)
    return GeneratedRole(
        role_id,
        trust if trust is not None else _trust_policy(service, span),
        tuple(policies),
        _unique(managed, resolve),
        properties.get("PermissionsBoundary"),
    )


def expand_policy_template(
    name: str, parameters: Node, span: Span, resolve: TemplateResolver
) -> Node | Unresolved:
    """The policy document of the SAM policy template ``name`` with ``parameters`` (the node
    written for them), or why it cannot be built. ``span`` locates what no parameter does."""
    templates = policy_templates()
    if templates is None:
        return Unresolved(name, "SAM policy templates need the aws-sam-translator package")
    spec = templates.get(name)
    if not isinstance(spec, dict):
        return Unresolved(name, f"{name} is not a SAM policy template")
    given = resolve(parameters)
    if isinstance(given, Unresolved):
        return Unresolved(render(parameters), f"parameters of {name} not resolved statically")
    if not isinstance(given, Mapping):
        return Unresolved(render(parameters), f"parameters of {name} must be a mapping")
    values = {entry.key: entry.value for entry in given.entries}
    missing = sorted(set(spec.get("Parameters", {})) - set(values))
    if missing:
        return Unresolved(name, f"{name} needs the parameter(s) {', '.join(missing)}")
    node, _ = _tree(spec["Definition"], values, span)
    return node


@functools.cache
def policy_templates() -> dict[str, Any] | None:
    """The ``Templates`` of aws-sam-translator's ``policy_templates.json``; ``None`` when the
    package is not installed."""
    data = _package_json(POLICY_TEMPLATES)
    templates = data.get("Templates") if isinstance(data, dict) else None
    return templates if isinstance(templates, dict) else None


@functools.cache
def managed_policy_arns() -> dict[str, str]:
    """AWS managed policy names and their ARNs in partition ``aws``, as aws-sam-translator
    ships them (empty when it is not installed)."""
    data = _package_json(MANAGED_POLICIES)
    arns = data.get("aws") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in arns.items()} if isinstance(arns, dict) else {}


def managed_policy_arn(name: str) -> str:
    """The ARN of a managed policy written by name (an ARN stays as it is)."""
    if name.startswith("arn:"):
        return name
    return managed_policy_arns().get(name, MANAGED_POLICY_PREFIX + name)


# --- private ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Properties:
    """A serverless resource's properties, with ``Globals.Function`` for the ones it sets."""

    resource: TemplateResource
    resolve: TemplateResolver
    globals_: Node | None

    def get(self, name: str) -> Node | None:
        own = self._mapping(self.resource.definition.get("Properties"))
        value = own.get(name) if own is not None else None
        if value is not None or self.resource.type != FUNCTION or name not in _GLOBAL_PROPERTIES:
            return value
        sections = self._mapping(self.globals_)
        function = self._mapping(sections.get("Function")) if sections is not None else None
        return function.get(name) if function is not None else None

    def _mapping(self, node: Node | None) -> Mapping | None:
        value = self.resolve(node) if node is not None else None
        return value if isinstance(value, Mapping) else None


def _default_managed(kind: str, properties: _Properties, span: Span) -> list[Node]:
    resolve = properties.resolve
    managed: list[Node] = []
    tracing = properties.get("Tracing")
    if kind == FUNCTION:
        basic = (
            "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
            if properties.get("DurableConfig") is not None
            else "service-role/AWSLambdaBasicExecutionRole"
        )
        managed.append(Scalar(MANAGED_POLICY_PREFIX + basic, span))
        if tracing is not None and resolve.text(tracing) != "Disabled":
            managed.append(Scalar(managed_policy_arn("AWSXRayDaemonWriteAccess"), tracing.span))
        vpc = properties.get("VpcConfig")
        if vpc is not None:
            role = MANAGED_POLICY_PREFIX + "service-role/AWSLambdaVPCAccessExecutionRole"
            managed.append(Scalar(role, vpc.span))
    elif tracing is not None:
        settings = resolve(tracing)
        enabled = settings.get("Enabled") if isinstance(settings, Mapping) else None
        if enabled is not None and resolve.text(enabled) == "true":
            managed.append(Scalar(managed_policy_arn("AWSXRayDaemonWriteAccess"), tracing.span))
    return managed


def _dead_letter_policy(properties: _Properties) -> SamPolicy | None:
    node = properties.get("DeadLetterQueue")
    settings = properties.resolve(node) if node is not None else None
    if not isinstance(settings, Mapping) or node is None:
        return None
    kind, target = settings.get("Type"), settings.get("TargetArn")
    action = _DEAD_LETTER_ACTIONS.get(str(properties.resolve.text(kind))) if kind else None
    if action is None or target is None:
        return None
    document, _ = _tree(
        {
            "Version": "2012-10-17",
            "Statement": [{"Action": action, "Resource": {"Ref": "Target"}, "Effect": "Allow"}],
        },
        {"Target": target},
        node.span,
    )
    return SamPolicy("DeadLetterQueuePolicy", document, node.span)


def _policy_items(node: Node | None, resolve: TemplateResolver) -> Iterator[tuple[int, Node]]:
    """The entries of ``Policies`` (which may be a single entry) with their index, as SAM
    counts them: entries removed with ``AWS::NoValue`` keep their place."""
    if node is None:
        return
    items = node.items if isinstance(node, Sequence) else None
    if items is None:
        value = resolve(node)
        items = value.items if isinstance(value, Sequence) else (node,)
    for index, item in enumerate(items):
        if not resolve.absent(item):
            yield index, item


def _policy(name: str, item: Node, resolve: TemplateResolver) -> SamPolicy | Node:
    """An inline policy for a document or a template; the node of a managed policy ARN."""
    call = intrinsic_call(item) if isinstance(item, Mapping) else None
    if call is not None and call[0] == "Fn::If":
        value = resolve(item)
        if isinstance(value, Unresolved):
            branch = call[1].items[1] if isinstance(call[1], Sequence) and call[1].items else item
            inline = isinstance(branch, Mapping) and branch.get("Statement") is not None
            return SamPolicy(name, item, item.span) if inline else item
        item = value
    elif call is not None:
        return item
    if isinstance(item, Scalar) and isinstance(item.value, str):
        arn = managed_policy_arn(item.value)
        return Scalar(arn, item.span, item.origin if arn == item.value else None)
    if not isinstance(item, Mapping):
        return SamPolicy(name, Unresolved(render(item), "not a SAM policy"), item.span)
    if item.get("Statement") is not None:
        return SamPolicy(name, item, item.span)
    if len(item.entries) == 1:
        entry = item.entries[0]
        document = expand_policy_template(entry.key, entry.value, entry.key_span, resolve)
        return SamPolicy(name, document, entry.key_span)
    return SamPolicy(name, Unresolved(render(item), "not a SAM policy"), item.span)


def _unique(managed: list[Node], resolve: TemplateResolver) -> tuple[Node, ...]:
    """The managed policies without repeats of one known ARN (SAM removes them)."""
    seen: set[str] = set()
    result = []
    for node in managed:
        text = resolve.text(node)
        if isinstance(text, str):
            if text in seen:
                continue
            seen.add(text)
        result.append(node)
    return tuple(result)


def _trust_policy(service: str, span: Span) -> Node:
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {"Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": {"Service": [service]}}
        ],
    }
    return _tree(document, {}, span)[0]


def _tree(value: object, parameters: dict[str, Node], span: Span) -> tuple[Node, Span | None]:
    """JSON data as nodes, each ``{"Ref": P}`` of a parameter replaced by its node; every other
    node is located at the first parameter it holds, else at ``span``. Returns the node and the
    span of the first parameter in it."""
    if isinstance(value, dict):
        reference = value.get("Ref") if len(value) == 1 else None
        if isinstance(reference, str) and reference in parameters:
            given = parameters[reference]
            return given, given.span
        entries: list[Entry] = []
        first: Span | None = None
        for key, item in value.items():
            node, found = _tree(item, parameters, span)
            first = first or found
            entries.append(Entry(str(key), found or span, node))
        return Mapping(tuple(entries), first or span), first
    if isinstance(value, list):
        items: list[Node] = []
        first = None
        for item in value:
            node, found = _tree(item, parameters, span)
            first = first or found
            items.append(node)
        return Sequence(tuple(items), first or span), first
    if value is None or isinstance(value, str | int | float | bool):
        return Scalar(value, span), None
    return Scalar(str(value), span), None


def _package_json(parts: tuple[str, ...]) -> object:
    try:
        path = resources.files(SAM_PACKAGE).joinpath(*parts)
        return json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, json.JSONDecodeError):
        return None
