"""Terraform plans (``terraform show -json plan.out``) become the model through the same handlers.

Every managed resource of ``planned_values`` (the root module and nested ``child_modules``) is a
:class:`PlanResourceInstance`: its ``values`` object becomes a :class:`Body` (scalars, lists of
scalars and maps are attributes; a list of objects is one block per object, which is how a plan
shows nested blocks), and the handler of its type reads it as it reads a ``resource`` block.
Positions are those of the values in the plan file; a resource's header is its ``"address"``.

Values are literal, so the resolver only turns :class:`UnresolvedNode` into its ``Unresolved``.
A plan leaves unset attributes ``null`` (the provider SDK also writes ``""``): both are left out,
as an attribute not written in configuration is. A value that ``resource_changes[].change.
after_unknown`` marks ``true`` is an :class:`UnresolvedNode` ("known only after apply") at the
value's position, else at the resource's header (top level) or the enclosing object (nested).
An unknown top-level attribute that the resource's ``configuration`` does not write is a
provider default (``policy`` of a key, ``acl`` of a bucket) and is left out as well, so that a
plan reads like the configuration that produced it.

Joins (``bucket = aws_s3_bucket.logs.id``) cannot use plan values, which are resolved ids or
unknown. A setting joins the resource that the ``configuration`` expression of its attribute
references (``expressions.bucket.references``), in the same module instance and of a type the
attribute may name: ``TYPE.NAME["key"]`` names that instance, ``TYPE.NAME`` the single instance
of an unindexed resource, or, with ``each.key`` or ``count.index`` among the references, the
instance of the same key. When that names no resource or several (no configuration, a reference
through a variable, local or module output, a conditional), a setting joins the resource of
that type whose identifying value (a bucket's name or id, a role's name, a policy's ARN, a key's
id or ARN, ...) equals its own known value, preferring the same module instance; an ambiguous
value joins nothing. Buckets are assembled over the whole plan (addresses are absolute, names
are global), but not with resources that configuration extraction gave.

A plan found next to the configuration that produced it (a root module in the plan's directory)
yields only the resources that configuration extraction did not: findings about the others are
located in the ``.tf`` source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Mapping as AbcMapping
from collections.abc import Set as AbcSet
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel, InputError
from policyguard.extract.collect import Collector
from policyguard.extract.terraform.handlers import HANDLERS
from policyguard.extract.terraform.instance import ResourceInstance
from policyguard.extract.values import ValueReader
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Element
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.values import Located, Unresolved
from policyguard.parse.parsed import ParsedFile
from policyguard.parse.tree import Attribute, Block, Body, Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions import UnresolvedNode

PLAN_FORMAT = "terraform-plan"
UNKNOWN_REASON = "known only after apply"
SUPPORTED_MAJOR_VERSIONS = (0, 1)

_NOT_RESOURCES = frozenset(
    {"var", "local", "module", "data", "each", "count", "path", "self", "terraform"}
)
_SAME_KEY = frozenset({"each.key", "count.index"})
_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+|\?)\])?)')
_INDEX = r'\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]'
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

_JOIN_TARGETS: dict[str, tuple[str, ...]] = {
    "bucket": ("aws_s3_bucket",),
    "key_id": ("aws_kms_key",),
    "policy_arn": ("aws_iam_policy",),
    "role": ("aws_iam_role",),
    "roles": ("aws_iam_role",),
    "user": ("aws_iam_user",),
    "users": ("aws_iam_user",),
    "group": ("aws_iam_group",),
    "groups": ("aws_iam_group",),
    "policy_id": ("aws_organizations_policy",),
    "parent_id": ("aws_organizations_organizational_unit", "aws_organizations_organization"),
    "target_id": (
        "aws_organizations_organizational_unit",
        "aws_organizations_account",
        "aws_organizations_organization",
    ),
}
"""For an attribute that names another resource, the resource types it may name."""

_IDENTIFIERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "aws_s3_bucket": (("bucket",), ("id",)),
    "aws_kms_key": (("key_id",), ("id",), ("arn",)),
    "aws_iam_policy": (("arn",), ("id",)),
    "aws_iam_role": (("name",), ("id",), ("arn",)),
    "aws_iam_user": (("name",), ("id",), ("arn",)),
    "aws_iam_group": (("name",), ("id",), ("arn",)),
    "aws_organizations_policy": (("id",), ("arn",)),
    "aws_organizations_organizational_unit": (("id",), ("arn",)),
    "aws_organizations_account": (("id",), ("arn",)),
    "aws_organizations_organization": (("roots", "id"),),
}
"""The values (paths into ``values``) by which a resource of each type may be named."""


class _NoNames:
    """The names of a plan resource: its values are literal, so no name means anything."""

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        return None

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        return None


def _literal(node: Node) -> Node | Unresolved:
    """The resolver of plan values: literal, except for values known only after apply."""
    return node.unresolved if isinstance(node, UnresolvedNode) else node


def resource_addresses(objects: Iterable[object]) -> set[str]:
    """The addresses of the resources among ``objects`` (what configuration extraction gave)."""
    return {o.address for o in objects if isinstance(o, Resource)}


def extract_plans(
    plans: Iterable[ParsedFile], collector: Collector, configured: AbcMapping[str, AbcSet[str]]
) -> None:
    """Extract every plan into ``collector``, one join unit per plan.

    ``configured`` holds, by root module directory, the addresses extracted from configuration:
    a plan in that directory skips them (matching ``[?]``, an instance key configuration could
    not know, to any key).
    """
    for parsed in sorted(plans, key=lambda p: p.relpath):
        directory = str(PurePosixPath(parsed.relpath).parent)
        try:
            _PlanReader(parsed, collector, _Configured(configured.get(directory, set()))).read()
        except InputError as error:
            collector.diagnostics.append(
                Diagnostic(parsed.relpath, error.span, error.diagnostic_id, error.message)
            )
        collector.finish_unit()


class _Configured:
    """Addresses already extracted from configuration; ``[?]`` (an instance key configuration
    could not know) matches any key."""

    def __init__(self, addresses: AbcSet[str]) -> None:
        self.addresses = addresses
        self.patterns = [
            re.compile(_INDEX.join(re.escape(part) for part in address.split("[?]")))
            for address in sorted(addresses)
            if "[?]" in address
        ]

    def __contains__(self, address: str) -> bool:
        return address in self.addresses or any(p.fullmatch(address) for p in self.patterns)


@dataclass(frozen=True)
class _PlanResource:
    """One managed resource instance of ``planned_values``."""

    address: str
    type: str
    name: str
    prefix: str
    module_path: tuple[str, ...]
    node: Mapping
    header: Span


@dataclass(frozen=True)
class PlanResourceInstance(ResourceInstance):
    """A plan resource for the handlers: references are joined as the module docstring says.

    ``expressions`` is the resource's ``configuration`` expressions object, when the plan has it.
    """

    joins: _Joins
    expressions: Mapping | None

    def reference(self, name: str, body: Body | None = None) -> str | None:
        """The address of the resource that attribute ``name`` names, if it is in the plan."""
        if body is None or body is self.body:
            configured = self.joins.configured(self, name)
            if len(configured) == 1:
                return configured[0]
        return self.joins.by_value(self, name, self.string(name, body))

    def references(self, name: str) -> list[tuple[Element, str | None]]:
        """Each element of a list attribute with the resource it names: by value, or by the
        configuration reference when the list holds one element and the expression names one
        resource."""
        attribute = self.attribute(name)
        if attribute is None:
            return []
        values = self.values.strings(attribute.value)
        configured = self.joins.configured(self, name)
        fallback = configured[0] if len(values) == 1 and len(configured) == 1 else None
        return [(v, self.joins.by_value(self, name, v) or fallback) for v in values]

    def configuration_references(self, name: str) -> list[str]:
        """What the configuration expression of top-level attribute ``name`` references."""
        expression = self.expressions.get(name) if self.expressions is not None else None
        found = expression.get("references") if isinstance(expression, Mapping) else None
        if not isinstance(found, Sequence):
            return []
        return [s.value for s in found.items if isinstance(s, Scalar) and isinstance(s.value, str)]


@dataclass
class _Joins:
    """The managed resource instances of one plan, and their identifying values."""

    instances: dict[str, _PlanResource] = field(default_factory=dict)
    identified: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    """(type, identifying value) to addresses."""

    def add(self, resource: _PlanResource, values: Mapping | None) -> None:
        self.instances[resource.address] = resource
        for path in _IDENTIFIERS.get(resource.type, ()):
            for value in _at_path(values, path):
                self.identified[(resource.type, value)].add(resource.address)

    def configured(self, item: PlanResourceInstance, name: str) -> list[str]:
        """The plan instances, of a type ``name`` may name, that the configuration expression
        of ``name`` references, in reference order."""
        references = item.configuration_references(name)
        targets = _JOIN_TARGETS.get(name)
        own_index = _index_of(item.resource.address)
        same_key = bool(_SAME_KEY.intersection(references))
        found: list[str] = []
        for reference in references:
            steps = _steps(reference)
            if len(steps) < 2 or steps[0][0] in _NOT_RESOURCES or steps[0][1]:
                continue
            base = f"{item.prefix}{steps[0][0]}.{steps[1][0]}"
            if steps[1][1]:
                candidates: tuple[str, ...] = (base + steps[1][1],)
            elif same_key and own_index:
                candidates = (base, base + own_index)
            else:
                candidates = (base,)
            address = next((c for c in candidates if c in self.instances), None)
            if address is None or address in found or address == item.resource.address:
                continue
            if targets is None or self.instances[address].type in targets:
                found.append(address)
        return found

    def by_value(
        self, item: PlanResourceInstance, name: str, value: Located[str] | None
    ) -> str | None:
        """The one resource of a type ``name`` may name whose identifying value is ``value``,
        preferring those of the same module instance."""
        text = value.known() if value is not None else None
        if not text:
            return None
        found = sorted(
            address
            for kind in _JOIN_TARGETS.get(name, ())
            for address in self.identified.get((kind, text), ())
            if address != item.resource.address
        )
        local = [a for a in found if self.instances[a].prefix == item.prefix]
        chosen = local or found
        return chosen[0] if len(chosen) == 1 else None


class _PlanReader:
    """Reads one plan file into the collector."""

    def __init__(self, parsed: ParsedFile, collector: Collector, configured: _Configured) -> None:
        if not isinstance(parsed.root, Mapping):
            raise InputError("a Terraform plan must be a JSON object")
        self.parsed = parsed
        self.root: Mapping = parsed.root
        self.path = parsed.relpath
        self.collector = collector
        self.configured = configured
        self.joins = _Joins()
        self._config_modules: dict[tuple[str, ...], dict[tuple[str, str], Mapping]] = {}

    def read(self) -> None:
        if not self._supported():
            return
        planned = self.root.get("planned_values")
        if planned is None:
            self._note(
                self.root.span,
                "has no planned_values, which `terraform show -json` of a saved plan has; its "
                "resources are not checked",
            )
            return
        module = _mapping(_mapping(planned, "planned_values").get("root_module"), "root_module")
        if _true(self.root.get("errored")):
            self._note(
                self.root.span,
                "is the plan of a failed `terraform plan`; resources it lacks are not checked",
            )
        unknown = self._after_unknown()
        resources = list(self._resources(module, "", ()))
        for resource in resources:
            self.joins.add(resource, _values(resource.node))
        for resource in resources:
            if resource.address not in self.configured:
                self._extract(resource, unknown.get(resource.address))

    # -- the plan's parts --------------------------------------------------------------------

    def _supported(self) -> bool:
        version = self.root.get("format_version")
        text = version.value if isinstance(version, Scalar) else None
        major = str(text).split(".", 1)[0]
        if isinstance(text, str) and major.isdigit() and int(major) in SUPPORTED_MAJOR_VERSIONS:
            return True
        self._note(
            version.span if version is not None else self.root.span,
            f"has format_version {text!r}, which policyguard does not read; not checked",
        )
        return False

    def _resources(
        self, module: Mapping, prefix: str, module_path: tuple[str, ...]
    ) -> Iterator[_PlanResource]:
        for node in _items(module.get("resources"), "resources"):
            resource = _mapping(node, "a resource")
            mode = resource.get("mode")
            if isinstance(mode, Scalar) and mode.value != "managed":
                continue
            yield _PlanResource(
                _string(resource, "address"),
                _string(resource, "type"),
                _string(resource, "name"),
                prefix,
                module_path,
                resource,
                _header(resource),
            )
        for node in _items(module.get("child_modules"), "child_modules"):
            child = _mapping(node, "a child module")
            address = _string(child, "address")
            path = tuple(name for name, _ in _steps(address)[1::2])
            yield from self._resources(child, f"{address}.", path)

    def _after_unknown(self) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for node in _items(self.root.get("resource_changes"), "resource_changes"):
            change = _mapping(node, "a resource change")
            if change.get("deposed") is not None:
                continue
            address = change.get("address")
            detail = change.get("change")
            unknown = detail.get("after_unknown") if isinstance(detail, Mapping) else None
            if (
                isinstance(address, Scalar)
                and isinstance(address.value, str)
                and unknown is not None
            ):
                found[address.value] = unknown
        return found

    def _config_resource(self, resource: _PlanResource) -> Mapping | None:
        """The resource's entry in ``configuration`` (by module path, type and name)."""
        if resource.module_path not in self._config_modules:
            self._config_modules[resource.module_path] = self._config_module(resource.module_path)
        return self._config_modules[resource.module_path].get((resource.type, resource.name))

    def _config_module(self, path: tuple[str, ...]) -> dict[tuple[str, str], Mapping]:
        configuration = self.root.get("configuration")
        module = configuration.get("root_module") if isinstance(configuration, Mapping) else None
        for name in path:
            calls = module.get("module_calls") if isinstance(module, Mapping) else None
            call = calls.get(name) if isinstance(calls, Mapping) else None
            module = call.get("module") if isinstance(call, Mapping) else None
        if not isinstance(module, Mapping):
            return {}
        found: dict[tuple[str, str], Mapping] = {}
        resources = module.get("resources")
        for node in resources.items if isinstance(resources, Sequence) else ():
            if not isinstance(node, Mapping):
                continue
            mode, kind, label = (node.get(k) for k in ("mode", "type", "name"))
            managed = isinstance(mode, Scalar) and mode.value == "managed"
            if managed and isinstance(kind, Scalar) and isinstance(label, Scalar):
                found[(str(kind.value), str(label.value))] = node
        return found

    # -- one resource ------------------------------------------------------------------------

    def _extract(self, resource: _PlanResource, unknown: Node | None) -> None:
        config = self._config_resource(resource)
        expressions = config.get("expressions") if config is not None else None
        expressions = expressions if isinstance(expressions, Mapping) else None
        written = (
            frozenset(e.key for e in expressions.entries)
            if expressions is not None
            else (frozenset() if config is not None else None)
        )
        values = _values(resource.node)
        body = _BodyBuilder(resource.address).body(
            values or Mapping((), resource.header), unknown, resource.header, written
        )
        location = SourceLocation(self.path, resource.header, resource.address, self.path)
        item = PlanResourceInstance(
            Resource(
                resource.address,
                resource.type,
                SourceFormat.TERRAFORM,
                location,
                extent=resource.node.span,
            ),
            body,
            ValueReader(self.path, resource.address, _literal, self.path),
            _NoNames(),
            resource.prefix,
            self.joins,
            expressions,
        )
        self.collector.add(item.resource)
        handler = HANDLERS.get(resource.type)
        if handler is not None:
            try:
                handler(item, self.collector)
            except InputError as error:
                self.collector.diagnostics.append(
                    Diagnostic(self.path, error.span, error.diagnostic_id, error.message)
                )

    def _note(self, span: Span, message: str) -> None:
        start = Span(span.start_line, span.start_column, span.start_line, span.start_column + 1)
        self.collector.diagnostics.append(
            Diagnostic(
                self.path,
                start,
                DiagnosticId.NOT_RESOLVED,
                f"Terraform plan {message}",
                DiagnosticLevel.NOTE,
            )
        )


@dataclass(frozen=True)
class _BodyBuilder:
    """Turns ``values`` objects of one resource into bodies, with unknown values marked."""

    address: str

    def body(
        self,
        values: Mapping,
        unknown: Node | None,
        fallback: Span,
        written: frozenset[str] | None = None,
        path: str = "",
    ) -> Body:
        """The body of ``values``; ``unknown`` is its ``after_unknown`` counterpart, ``fallback``
        the span of unknown attributes the plan leaves out; with ``written`` (the attributes the
        configuration sets, top level only), unknown attributes it does not set are left out."""
        marks = unknown if isinstance(unknown, Mapping) else None
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for entry in values.entries:
            mark = marks.get(entry.key) if marks is not None else None
            where = _join(path, entry.key)
            if _true(mark):
                if written is None or entry.key in written:
                    unknown_value = self.unknown(where, entry.value.span)
                    attributes.append(_attribute(entry.key, entry.key_span, unknown_value))
            elif (objects := _objects(entry.value)) is not None:
                blocks.extend(self.blocks(entry.key, objects, mark, where))
            elif not _unset(entry.value):
                value = self.value(entry.value, mark, where)
                attributes.append(_attribute(entry.key, entry.key_span, value))
        present = {entry.key for entry in values.entries}
        for entry in marks.entries if marks is not None else ():
            if entry.key in present or not _true(entry.value):
                continue
            if written is None or entry.key in written:
                node = self.unknown(_join(path, entry.key), fallback)
                attributes.append(_attribute(entry.key, fallback, node))
        return Body(tuple(attributes), tuple(blocks), values.span)

    def blocks(
        self, block_type: str, objects: tuple[Mapping, ...], unknown: Node | None, path: str
    ) -> Iterator[Block]:
        """One block per object of a list: how a plan shows nested blocks."""
        marks = unknown.items if isinstance(unknown, Sequence) else ()
        for number, item in enumerate(objects):
            mark = marks[number] if number < len(marks) else None
            body = self.body(item, mark, item.span, path=f"{path}[{number}]")
            header = Span(
                item.span.start_line,
                item.span.start_column,
                item.span.start_line,
                item.span.start_column + 1,
            )
            yield Block(block_type, (), body, item.span, header)

    def value(self, node: Node, unknown: Node | None, path: str) -> Node:
        """An attribute value (or part of one) with its unknown parts marked."""
        if _true(unknown):
            return self.unknown(path, node.span)
        if isinstance(node, Sequence):
            return self._sequence(node, unknown, path)
        if isinstance(node, Mapping):
            return self._mapping(node, unknown, path)
        return node

    def _sequence(self, node: Sequence, unknown: Node | None, path: str) -> Sequence:
        marks = unknown.items if isinstance(unknown, Sequence) else ()
        items = tuple(
            self.value(item, marks[n] if n < len(marks) else None, f"{path}[{n}]")
            for n, item in enumerate(node.items)
        )
        return Sequence(items, node.span)

    def _mapping(self, node: Mapping, unknown: Node | None, path: str) -> Mapping:
        marks = unknown if isinstance(unknown, Mapping) else Mapping((), node.span)
        entries = [
            Entry(e.key, e.key_span, self.value(e.value, marks.get(e.key), _join(path, e.key)))
            for e in node.entries
        ]
        present = {e.key for e in node.entries}
        entries += [
            Entry(e.key, node.span, self.unknown(_join(path, e.key), node.span))
            for e in marks.entries
            if e.key not in present and _true(e.value)
        ]
        return Mapping(tuple(entries), node.span)

    def unknown(self, path: str, span: Span) -> UnresolvedNode:
        text = f"{self.address}{path}"
        return UnresolvedNode(text, span, Unresolved(text, UNKNOWN_REASON))


# -- helpers ---------------------------------------------------------------------------------


def _attribute(name: str, name_span: Span, value: Node) -> Attribute:
    return Attribute(name, name_span, value, name_span.covering(value.span))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if _IDENTIFIER.fullmatch(key) else f'{path}["{key}"]'


def _true(node: Node | None) -> bool:
    return isinstance(node, Scalar) and node.value is True


def _unset(node: Node) -> bool:
    return isinstance(node, Scalar) and node.value in (None, "")


def _objects(node: Node) -> tuple[Mapping, ...] | None:
    """The objects of a non-empty list of objects (nested blocks), else ``None``."""
    if not isinstance(node, Sequence) or not node.items:
        return None
    objects = tuple(item for item in node.items if isinstance(item, Mapping))
    return objects if len(objects) == len(node.items) else None


def _values(resource: Mapping) -> Mapping | None:
    values = resource.get("values")
    if values is None or (isinstance(values, Scalar) and values.value is None):
        return None
    return _mapping(values, "values")


def _at_path(node: Node | None, path: tuple[str, ...]) -> Iterator[str]:
    """The known strings at ``path`` in ``node``, stepping into every element of a list."""
    if isinstance(node, Sequence):
        for item in node.items:
            yield from _at_path(item, path)
    elif not path:
        if isinstance(node, Scalar) and isinstance(node.value, str) and node.value:
            yield node.value
    elif isinstance(node, Mapping):
        yield from _at_path(node.get(path[0]), path[1:])


def _steps(address: str) -> list[tuple[str, str]]:
    """``module.a["x"].aws_s3_bucket.b[0]`` as ``(name, index)`` steps; stops at what it cannot
    read."""
    steps: list[tuple[str, str]] = []
    position = 0
    while position < len(address):
        match = _STEP.match(address, position)
        if match is None or match.end() == position or (steps and address[position] != "."):
            break
        steps.append((match.group(1), match.group(2)))
        position = match.end()
    return steps


def _index_of(address: str) -> str:
    """The instance key of a resource address (``["eu"]``, ``[0]``) or ""."""
    steps = _steps(address)
    return steps[-1][1] if steps else ""


def _mapping(node: Node | None, what: str) -> Mapping:
    if not isinstance(node, Mapping):
        raise InputError(f"malformed Terraform plan: {what} is not a JSON object", _span(node))
    return node


def _items(node: Node | None, what: str) -> tuple[Node, ...]:
    if node is None:
        return ()
    if not isinstance(node, Sequence):
        raise InputError(f"malformed Terraform plan: {what} is not a JSON array", node.span)
    return node.items


def _string(node: Mapping, key: str) -> str:
    value = node.get(key)
    if not isinstance(value, Scalar) or not isinstance(value.value, str) or not value.value:
        raise InputError(
            f"malformed Terraform plan: {key!r} is missing or not a string",
            _span(value) or node.span,
        )
    return value.value


def _header(resource: Mapping) -> Span:
    """Where a plan resource starts: its ``"address": ...`` line."""
    entry = resource.entry("address")
    return resource.span if entry is None else entry.key_span.covering(entry.value.span)


def _span(node: Node | None) -> Span | None:
    return node.span if node is not None else None
