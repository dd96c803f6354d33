"""CloudFormation's intrinsic functions, conditions and ``AWS::LanguageExtensions``, evaluated
statically, one template at a time.

:class:`TemplateResolver` is a template's :data:`~policyguard.extract.values.Resolver`. Called
on a node, it returns the literal node that the node computes, or an :class:`Unresolved` that
says why the value is known only at deployment. Resolution is *shallow*: a ``Mapping`` or
``Sequence`` comes back with children that may still be intrinsics, which readers resolve as
they reach them (so a policy keeps the position of every element it is written with).

Decisions, where CloudFormation leaves a choice to a static reader:

- **Parameters** take their ``Default``: ``Ref`` returns the default's own node, with the
  default's span. ``CommaDelimitedList`` and ``List<...>`` defaults become lists (members
  trimmed, each with its own span). A parameter without a default, or of an SSM type (the
  default names the SSM parameter, not the value), is ``Unresolved`` naming the parameter.
- **Pseudo parameters** (``AWS::AccountId``, ``AWS::Region``, ``AWS::Partition``,
  ``AWS::URLSuffix``, ``AWS::StackName``, ...) are ``Unresolved(name, "pseudo parameter")``:
  unknown, and known to be one string. ``AWS::Partition`` is not assumed to be ``aws``
  (China and GovCloud exist). ``AWS::NoValue`` removes the mapping entry or list element that
  holds it: containers come back without them, and :meth:`TemplateResolver.absent` tells it.
- **Resources**: ``Ref`` and ``Fn::GetAtt`` of a resource are ``Unresolved`` naming it (the
  physical id is known after deployment); an attribute whose name ends in ``Arn`` of an
  ``AWS::`` resource is known to start with ``arn:``.
- **Conditions** are evaluated over known values (parameter defaults count as known).
  ``Fn::Equals`` of a known string and an unknown one whose known pieces exclude it is false.
  When a condition is unknown, ``Fn::If`` keeps both branches: a value both agree on is
  known; two mappings with the same keys, or two lists of one length, become one container
  whose differing children are ``Fn::If`` of the two (so the common structure of two policy
  documents stays readable); two strings become an ``Unresolved`` whose ``parts`` keep their
  common prefix and suffix; anything else is ``Unresolved(expression, "depends on condition
  NAME")``. ``Fn::FindInMap`` with an unknown key does the same over every candidate value.
- ``Fn::Sub`` of a JSON object text (a policy written as a string) with variables is read as
  the JSON structure, each string that holds a variable becoming an ``Fn::Join``: the
  elements keep their positions and known pieces even when a variable stays unknown.
- ``Fn::ToJsonString`` returns its argument's structure (as ``jsonencode`` is read), so policy
  readers can read it; ``Fn::Length``, ``Fn::Base64``, ``Fn::Cidr``, ``Fn::Select``,
  ``Fn::Split`` are computed when their arguments are known. ``Fn::ImportValue``,
  ``Fn::GetAZs`` and ``Fn::Transform`` are ``Unresolved``. The LanguageExtensions functions
  are evaluated whether or not the template declares the transform.
- ``Fn::ForEach`` loops in ``Resources`` (also in resource properties) and ``Conditions`` are
  expanded when the resolver is made; ``${Id}`` and ``&{Id}`` are replaced in keys and
  strings, ``Ref: Id`` becomes the collection member with the member's span. A loop whose
  collection is not resolved statically is left out, with a note in :attr:`diagnostics`.

Bounds: evaluation that nests more than :data:`MAX_NESTING` intrinsics, or computes a string
longer than :data:`MAX_STRING` characters, returns an ``Unresolved`` saying so. Loop expansion
beyond :data:`MAX_LOOP_NESTING` nested loops, :data:`MAX_LOOP_COPIES` copies or
:data:`MAX_LOOP_NODES` copied nodes raises :class:`~policyguard.diagnostics.LimitExceeded`
from the constructor.
"""

from __future__ import annotations

import base64
import ipaddress
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

from policyguard.diagnostics import (
    Diagnostic,
    DiagnosticId,
    DiagnosticLevel,
    InputError,
    LimitExceeded,
)
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.json_text import parse_json, parse_json_at
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, ScalarValue, Sequence

MAX_NESTING = 64
"""Intrinsic functions nested in one evaluation (references through ``Fn::Sub`` included)."""
MAX_STRING = 1_000_000
"""Characters of a string that ``Fn::Join``, ``Fn::Sub`` or ``Fn::Base64`` computes."""
MAX_LOOP_NESTING = 5
"""``Fn::ForEach`` loops nested in one another (CloudFormation's own limit)."""
MAX_LOOP_COPIES = 1_000
"""Fragments that the ``Fn::ForEach`` loops of one template produce."""
MAX_LOOP_NODES = 1_000_000
"""Nodes that the ``Fn::ForEach`` loops of one template copy."""

PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)
NO_VALUE = "AWS::NoValue"
LOOP_PREFIX = "Fn::ForEach::"
PSEUDO_PARAMETER = "pseudo parameter"

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_HOLE = re.compile("\ue000(\\d+)\ue001")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
_CUSTOM_TYPES = ("Custom::", "AWS::CloudFormation::CustomResource", "AWS::CloudFormation::Stack")


@dataclass(frozen=True, slots=True)
class TemplateResource:
    """A resource once loops are expanded: its logical id, where the id is written, its body."""

    logical_id: str
    key_span: Span
    definition: Mapping

    @property
    def type(self) -> str:
        node = self.definition.get("Type")
        return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else ""


Implied = Callable[[TemplateResource], Iterable[tuple[str, str]]]
"""Resources a transform adds for a resource, as ``(logical id, type)`` (SAM's roles)."""


@dataclass(frozen=True, slots=True)
class _Absent:
    """What ``AWS::NoValue`` evaluates to."""


_ABSENT = _Absent()
_Value: TypeAlias = "Node | Unresolved | _Absent"
_Text: TypeAlias = "str | Unresolved"


class TemplateResolver:
    """The intrinsics of one template (``root``, the file at ``path``).

    ``implied`` names resources that a transform adds (they count as resources for ``Ref``
    and ``Fn::GetAtt``). :attr:`resources` are the template's resources after loop
    expansion; :attr:`diagnostics` are notes about loops that could not be expanded.
    """

    def __init__(self, root: Mapping, path: str = "", *, implied: Implied | None = None) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._parameters = _section(root, "Parameters")
        self._mappings = _section(root, "Mappings")
        self._memo: dict[int, tuple[Node, _Value]] = {}
        self._absent_memo: dict[int, tuple[Node, bool]] = {}
        self._truths: dict[str, bool | None] = {}
        self._evaluating: set[str] = set()
        self._copies = 0
        self._copied_nodes = 0
        raw = _section(root, "Resources")
        self._types = {
            e.key: _type_of(e.value) for e in raw.entries if not e.key.startswith(LOOP_PREFIX)
        }
        self._conditions = _as_mapping(self._expand(_section(root, "Conditions"), 0))
        expanded = _as_mapping(self._expand(raw, 0))
        self.resources = tuple(
            TemplateResource(e.key, e.key_span, e.value)
            for e in expanded.entries
            if isinstance(e.value, Mapping)
        )
        self._types = {r.logical_id: r.type for r in self.resources}
        for resource in self.resources:
            for name, kind in implied(resource) if implied is not None else ():
                self._types.setdefault(name, kind)
        self._memo.clear()
        self._absent_memo.clear()

    # --- public -----------------------------------------------------------------------------

    def __call__(self, node: Node) -> Node | Unresolved:
        """The literal node ``node`` computes (children unresolved), or why it is unknown."""
        value = self._resolve(node, 0)
        if isinstance(value, _Absent):
            return Unresolved(render(node), "AWS::NoValue removes this value")
        return value

    def absent(self, node: Node) -> bool:
        """Whether ``node`` evaluates to ``AWS::NoValue`` (the property or element is removed)."""
        return self._is_absent(node, 0)

    def text(self, node: Node) -> str | Unresolved:
        """``node`` as a string (numbers and booleans as CloudFormation writes them)."""
        return self._text(node, 0)

    def condition(self, name: str) -> bool | None:
        """The value of the condition ``name``, or ``None`` when it is not known statically."""
        if name in self._truths:
            return self._truths[name]
        node = self._conditions.get(name)
        if node is None or name in self._evaluating:
            return None
        self._evaluating.add(name)
        try:
            result = self._truth(node, 0)
        finally:
            self._evaluating.discard(name)
        self._truths[name] = result
        return result

    def is_resource(self, name: str) -> bool:
        """Whether ``name`` is the logical id of a resource (declared, generated or implied)."""
        return name in self._types

    def resource_type(self, name: str) -> str | None:
        return self._types.get(name)

    # --- evaluation -------------------------------------------------------------------------

    def _resolve(self, node: Node, depth: int) -> _Value:
        cached = self._memo.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        value = self._evaluate(node, depth)
        self._memo[id(node)] = (node, value)
        return value

    def _evaluate(self, node: Node, depth: int) -> _Value:
        if isinstance(node, Sequence):
            return self._without_absent(node, depth)
        if not isinstance(node, Mapping):
            return node
        call = intrinsic_call(node)
        if call is None:
            return self._without_absent(node, depth)
        if depth >= MAX_NESTING:
            return Unresolved(
                render(node), f"intrinsic functions nested deeper than {MAX_NESTING} levels"
            )
        name, argument = call
        function = _FUNCTIONS.get(name)
        if function is None:
            return Unresolved(render(node), f"{name} is not resolved statically")
        return function(self, node, argument, depth + 1)

    def _without_absent(self, node: Mapping | Sequence, depth: int) -> Mapping | Sequence:
        if isinstance(node, Mapping):
            entries = tuple(e for e in node.entries if not self._is_absent(e.value, depth))
            return node if len(entries) == len(node.entries) else Mapping(entries, node.span)
        items = tuple(item for item in node.items if not self._is_absent(item, depth))
        return node if len(items) == len(node.items) else Sequence(items, node.span)

    def _is_absent(self, node: Node, depth: int) -> bool:
        call = intrinsic_call(node) if isinstance(node, Mapping) else None
        if call is None or depth >= MAX_NESTING:
            return False
        cached = self._absent_memo.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        name, argument = call
        result = False
        if name == "Ref":
            result = isinstance(argument, Scalar) and argument.value == NO_VALUE
        elif name == "Fn::If" and (branches := _if_arguments(argument)) is not None:
            condition, yes, no = branches
            known = self.condition(condition)
            if known is None:
                result = self._is_absent(yes, depth + 1) and self._is_absent(no, depth + 1)
            else:
                result = self._is_absent(yes if known else no, depth + 1)
        self._absent_memo[id(node)] = (node, result)
        return result

    def _text(self, node: Node, depth: int) -> _Text:
        value = self._resolve(node, depth)
        if isinstance(value, Unresolved):
            return value
        if isinstance(value, _Absent):
            return Unresolved(render(node), "AWS::NoValue where a value is needed")
        if isinstance(value, Scalar):
            if value.value is None:
                return Unresolved(render(node), "null where a string is needed")
            return scalar_text(value.value)
        return Unresolved(render(node), f"a {_kind(value)} where a string is needed")

    # --- Ref, Fn::GetAtt ---------------------------------------------------------------------

    def _ref(self, node: Mapping, argument: Node, depth: int) -> _Value:
        name = self._text(argument, depth)
        if isinstance(name, Unresolved):
            return Unresolved(render(node), "Ref of a name not resolved statically")
        if name == NO_VALUE:
            return _ABSENT
        if name in PSEUDO_PARAMETERS:
            return Unresolved(name, PSEUDO_PARAMETER)
        parameter = self._parameters.get(name)
        if isinstance(parameter, Mapping):
            return self._parameter(name, parameter, node, depth)
        if name in self._types:
            return Unresolved(
                render(node), f"resource {name} has a physical id known only after deployment"
            )
        return Unresolved(render(node), f"{name} is neither a parameter nor a resource")

    def _parameter(self, name: str, parameter: Mapping, node: Mapping, depth: int) -> _Value:
        default = parameter.get("Default")
        if default is None:
            return Unresolved(render(node), f"parameter {name} has no default")
        kind = parameter.get("Type")
        kind_text = kind.value if isinstance(kind, Scalar) and isinstance(kind.value, str) else ""
        if kind_text.startswith("AWS::SSM::Parameter::Value<"):
            return Unresolved(render(node), f"parameter {name} is read from SSM at deployment")
        is_list = kind_text == "CommaDelimitedList" or kind_text.startswith("List<")
        if is_list and isinstance(default, Scalar) and isinstance(default.value, str):
            return split_scalar(default, ",", trim=True)
        return self._resolve(default, depth)

    def _get_att(self, node: Mapping, argument: Node, depth: int) -> _Value:
        names: list[Node]
        if isinstance(argument, Scalar) and isinstance(argument.value, str):
            first, _, rest = argument.value.partition(".")
            names = [Scalar(first, argument.span), Scalar(rest, argument.span)]
        elif isinstance(argument, Sequence) and len(argument.items) == 2:
            names = list(argument.items)
        else:
            return Unresolved(render(node), "Fn::GetAtt takes a resource and an attribute")
        resource, attribute = (self._text(n, depth) for n in names)
        if isinstance(resource, Unresolved) or isinstance(attribute, Unresolved):
            return Unresolved(render(node), "Fn::GetAtt of names not resolved statically")
        kind = self._types.get(resource)
        if kind is None:
            return Unresolved(render(node), f"{resource} is not a resource of the template")
        reason = f"attribute {attribute} of resource {resource} is known only after deployment"
        if attribute.endswith("Arn") and not kind.startswith(_CUSTOM_TYPES):
            return Unresolved.of_parts(render(node), reason, ("arn:", None))
        return Unresolved(render(node), reason)

    # --- strings ----------------------------------------------------------------------------

    def _sub(self, node: Mapping, argument: Node, depth: int) -> _Value:
        template_node, variables = argument, None
        if isinstance(argument, Sequence) and len(argument.items) in (1, 2):
            template_node = argument.items[0]
            if len(argument.items) == 2:
                given = self._resolve(argument.items[1], depth)
                if not isinstance(given, Mapping):
                    return Unresolved(render(node), "Fn::Sub variables must be a mapping")
                variables = given
        template = self._resolve(template_node, depth)
        if not (isinstance(template, Scalar) and isinstance(template.value, str)):
            return Unresolved(render(node), "Fn::Sub of a template not resolved statically")
        pieces = _sub_pieces(template.value)
        if all(isinstance(piece, str) for piece in pieces):
            text = "".join(piece for piece in pieces if isinstance(piece, str))
            origin = template.origin if text == template.value else None
            return Scalar(text, template.span, origin)
        if template.value.lstrip().startswith("{"):
            structured = self._sub_json(template, pieces, variables, depth)
            if structured is not None:
                return structured
        parts: list[str | None] = []
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
            else:
                value = self._text(_variable(piece[0], variables, template.span), depth)
                parts.extend(_pieces_of(value))
        return _joined(node, parts, "Fn::Sub of values not resolved statically")

    def _sub_json(
        self,
        template: Scalar,
        pieces: list[str | tuple[str, str]],
        variables: Mapping | None,
        depth: int,
    ) -> Node | None:
        """A JSON object text with variables as its structure, or ``None`` when it is not one
        (a variable outside a string, a key that stays unknown, malformed JSON)."""
        assert isinstance(template.value, str)
        exact = template.origin is not None and "${!" not in template.value
        names: list[str] = []
        text: list[str] = []
        for piece in pieces:
            if isinstance(piece, str):
                text.append(piece)
                continue
            name, token = piece
            index = len(names)
            names.append(name)
            width = len(token) - 2
            exact = exact and len(str(index)) <= width
            text.append(f"\ue000{index:0{max(width, 1)}d}\ue001")
        try:
            if exact:
                tree = parse_json("".join(text), template.origin)
            else:
                tree = parse_json_at("".join(text), template.span)
        except InputError:
            return None
        if not isinstance(tree, Mapping):
            return None
        try:
            return self._fill(tree, names, variables, depth)
        except _NotStructural:
            return None

    def _fill(self, node: Node, names: list[str], variables: Mapping | None, depth: int) -> Node:
        if isinstance(node, Mapping):
            entries = []
            for entry in node.entries:
                key = entry.key
                if _HOLE.search(key):
                    key = self._fill_key(key, names, variables, entry.key_span, depth)
                entries.append(
                    Entry(key, entry.key_span, self._fill(entry.value, names, variables, depth))
                )
            return Mapping(tuple(entries), node.span)
        if isinstance(node, Sequence):
            return Sequence(
                tuple(self._fill(item, names, variables, depth) for item in node.items), node.span
            )
        if not (isinstance(node, Scalar) and isinstance(node.value, str)):
            return node
        if not _HOLE.search(node.value):
            return node
        items: list[Node] = []
        for index, piece in enumerate(_HOLE.split(node.value)):
            if index % 2:
                items.append(_variable(names[int(piece)], variables, node.span))
            elif piece:
                items.append(Scalar(piece, node.span))
        if len(items) == 1:
            return items[0]
        joined = Sequence(tuple(items), node.span)
        return _call_node("Fn::Join", Sequence((Scalar("", node.span), joined), node.span))

    def _fill_key(
        self, key: str, names: list[str], variables: Mapping | None, span: Span, depth: int
    ) -> str:
        result = []
        for index, piece in enumerate(_HOLE.split(key)):
            if index % 2:
                value = self._text(_variable(names[int(piece)], variables, span), depth)
                if isinstance(value, Unresolved):
                    raise _NotStructural
                result.append(value)
            else:
                result.append(piece)
        return "".join(result)

    def _join(self, node: Mapping, argument: Node, depth: int) -> _Value:
        if not (isinstance(argument, Sequence) and len(argument.items) == 2):
            return Unresolved(render(node), "Fn::Join takes a delimiter and a list")
        delimiter = self._text(argument.items[0], depth)
        values = self._resolve(argument.items[1], depth)
        if isinstance(delimiter, Unresolved):
            return Unresolved(render(node), "Fn::Join with a delimiter not resolved statically")
        if not isinstance(values, Sequence):
            return Unresolved(render(node), "Fn::Join of values not resolved statically")
        parts: list[str | None] = []
        for index, item in enumerate(values.items):
            if index:
                parts.append(delimiter)
            parts.extend(_pieces_of(self._text(item, depth)))
        return _joined(node, parts, "Fn::Join of values not resolved statically")

    def _split(self, node: Mapping, argument: Node, depth: int) -> _Value:
        if not (isinstance(argument, Sequence) and len(argument.items) == 2):
            return Unresolved(render(node), "Fn::Split takes a delimiter and a string")
        delimiter = self._text(argument.items[0], depth)
        source = self._resolve(argument.items[1], depth)
        text = self._text(argument.items[1], depth)
        if isinstance(delimiter, Unresolved) or not delimiter:
            return Unresolved(render(node), "Fn::Split with a delimiter not resolved statically")
        if isinstance(text, Unresolved):
            return Unresolved(render(node), "Fn::Split of a value not resolved statically")
        if isinstance(source, Scalar) and source.value == text:
            return split_scalar(source, delimiter)
        return split_scalar(Scalar(text, node.span), delimiter)

    def _base64(self, node: Mapping, argument: Node, depth: int) -> _Value:
        text = self._text(argument, depth)
        if isinstance(text, Unresolved):
            return Unresolved(render(node), "Fn::Base64 of a value not resolved statically")
        return _joined(node, [base64.b64encode(text.encode()).decode("ascii")], "")

    # --- lists and maps ---------------------------------------------------------------------

    def _select(self, node: Mapping, argument: Node, depth: int) -> _Value:
        if not (isinstance(argument, Sequence) and len(argument.items) == 2):
            return Unresolved(render(node), "Fn::Select takes an index and a list")
        index_text = self._text(argument.items[0], depth)
        values = self._resolve(argument.items[1], depth)
        if isinstance(index_text, Unresolved):
            return Unresolved(render(node), "Fn::Select with an index not resolved statically")
        if not isinstance(values, Sequence):
            return Unresolved(render(node), "Fn::Select from a list not resolved statically")
        try:
            index = int(index_text)
        except ValueError:
            return Unresolved(render(node), f"Fn::Select index {index_text!r} is not a number")
        if not 0 <= index < len(values.items):
            return Unresolved(render(node), f"Fn::Select index {index} is out of range")
        return self._resolve(values.items[index], depth)

    def _length(self, node: Mapping, argument: Node, depth: int) -> _Value:
        values = self._resolve(argument, depth)
        if not isinstance(values, Sequence):
            return Unresolved(render(node), "Fn::Length of a list not resolved statically")
        return Scalar(len(values.items), node.span)

    def _to_json_string(self, node: Mapping, argument: Node, depth: int) -> _Value:
        return self._resolve(argument, depth)

    def _find_in_map(self, node: Mapping, argument: Node, depth: int) -> _Value:
        if not (isinstance(argument, Sequence) and len(argument.items) in (3, 4)):
            return Unresolved(render(node), "Fn::FindInMap takes a map and two keys")
        default = None
        if len(argument.items) == 4:
            options = self._resolve(argument.items[3], depth)
            default = options.get("DefaultValue") if isinstance(options, Mapping) else None
        map_name = self._text(argument.items[0], depth)
        keys = [self._text(item, depth) for item in argument.items[1:3]]
        if isinstance(map_name, Unresolved):
            return Unresolved(render(node), "Fn::FindInMap of a map not resolved statically")
        table = self._mappings.get(map_name)
        if not isinstance(table, Mapping):
            if default is not None:
                return self._resolve(default, depth)
            return Unresolved(render(node), f"there is no mapping {map_name}")
        candidates: list[Node] = []
        missing = False
        for top in _entries_for(table, keys[0]):
            if top is None or not isinstance(top.value, Mapping):
                missing = True
                continue
            for second in _entries_for(top.value, keys[1]):
                if second is None:
                    missing = True
                else:
                    candidates.append(second.value)
        if missing and default is not None:
            candidates.append(default)
        if not candidates:
            return Unresolved(render(node), f"mapping {map_name} has no such keys")
        if len(candidates) == 1:
            return self._resolve(candidates[0], depth)
        unknown = next((k for k in keys if isinstance(k, Unresolved)), None)
        reason = f"depends on {unknown.expression}" if unknown else "Fn::FindInMap is ambiguous"
        return self._alternatives(node, [self._resolve(c, depth) for c in candidates], reason)

    def _cidr(self, node: Mapping, argument: Node, depth: int) -> _Value:
        if not (isinstance(argument, Sequence) and len(argument.items) == 3):
            return Unresolved(render(node), "Fn::Cidr takes a block, a count and a size")
        block, count, bits = (self._text(item, depth) for item in argument.items)
        if any(isinstance(value, Unresolved) for value in (block, count, bits)):
            return Unresolved(render(node), "Fn::Cidr of values not resolved statically")
        try:
            network = ipaddress.ip_network(str(block), strict=False)
            wanted, host_bits = int(str(count)), int(str(bits))
            prefix = network.max_prefixlen - host_bits
            subnets = list(itertools.islice(network.subnets(new_prefix=prefix), min(wanted, 256)))
        except ValueError as error:
            return Unresolved(render(node), f"Fn::Cidr cannot divide the block: {error}")
        if len(subnets) < wanted or wanted < 1:
            return Unresolved(render(node), f"Fn::Cidr cannot make {wanted} blocks")
        return Sequence(tuple(Scalar(str(subnet), node.span) for subnet in subnets), node.span)

    def _unresolved(self, node: Mapping, argument: Node, depth: int) -> _Value:
        name = node.entries[0].key
        reasons = {
            "Fn::GetAZs": "the availability zones are known only at deployment",
            "Fn::Transform": "Fn::Transform runs a macro at deployment",
        }
        return Unresolved(render(node), reasons.get(name, f"{name} is not resolved statically"))

    # --- conditions -------------------------------------------------------------------------

    def _if(self, node: Mapping, argument: Node, depth: int) -> _Value:
        branches = _if_arguments(argument)
        if branches is None:
            return Unresolved(render(node), "Fn::If takes a condition and two values")
        name, yes, no = branches
        known = self.condition(name)
        if known is not None:
            return self._resolve(yes if known else no, depth)
        reason = f"depends on condition {name}"
        first, second = self._resolve(yes, depth), self._resolve(no, depth)
        if isinstance(first, _Absent) and isinstance(second, _Absent):
            return _ABSENT
        if isinstance(first, Mapping) and isinstance(second, Mapping):
            other = {e.key: e.value for e in second.entries}
            if {e.key for e in first.entries} == set(other):
                return Mapping(
                    tuple(
                        Entry(e.key, e.key_span, _if_node(name, e.value, other[e.key]))
                        for e in first.entries
                    ),
                    first.span,
                )
        if (
            isinstance(first, Sequence)
            and isinstance(second, Sequence)
            and len(first.items) == len(second.items)
        ):
            return Sequence(
                tuple(_if_node(name, a, b) for a, b in zip(first.items, second.items, strict=True)),
                first.span,
            )
        return self._alternatives(node, [first, second], reason)

    def _alternatives(self, node: Mapping, values: list[_Value], reason: str) -> _Value:
        """One value for several that a statically unknown choice selects among."""
        plain = {render(v) if not isinstance(v, Unresolved | _Absent) else None for v in values}
        if len(plain) == 1 and None not in plain:
            return values[0]
        texts: list[_Text] = []
        for value in values:
            if isinstance(value, Unresolved):
                texts.append(value)
            elif isinstance(value, Scalar) and value.value is not None:
                texts.append(scalar_text(value.value))
            else:
                return Unresolved(render(node), reason)
        result = either(render(node), reason, texts)
        return Scalar(result, node.span) if isinstance(result, str) else result

    def _condition_value(self, node: Mapping, argument: Node, depth: int) -> _Value:
        truth = self._truth(node, depth)
        if truth is None:
            return Unresolved(render(node), "the condition is not known statically")
        return Scalar(truth, node.span)

    def _truth(self, node: Node, depth: int) -> bool | None:
        """A condition expression's value, ``None`` when unknown."""
        if depth >= MAX_NESTING:
            return None
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        if not (isinstance(node, Mapping) and len(node.entries) == 1):
            return None
        name, argument = node.entries[0].key, node.entries[0].value
        items = argument.items if isinstance(argument, Sequence) else (argument,)
        if name == "Condition":
            reference = self._text(argument, depth)
            return None if isinstance(reference, Unresolved) else self.condition(reference)
        if name == "Fn::Equals" and len(items) == 2:
            return self._equals(items[0], items[1], depth + 1)
        if name == "Fn::Not" and len(items) == 1:
            value = self._truth(items[0], depth + 1)
            return None if value is None else not value
        if name in ("Fn::And", "Fn::Or"):
            values = [self._truth(item, depth + 1) for item in items]
            decisive = name == "Fn::Or"
            if decisive in values:
                return decisive
            return None if None in values else not decisive
        return None

    def _equals(self, left: Node, right: Node, depth: int) -> bool | None:
        a, b = self._comparable(left, depth), self._comparable(right, depth)
        if a is None or b is None:
            return None
        if isinstance(a, Unresolved) and isinstance(b, str):
            return False if not a.may_equal(b) else None
        if isinstance(b, Unresolved) and isinstance(a, str):
            return False if not b.may_equal(a) else None
        if isinstance(a, Unresolved) or isinstance(b, Unresolved):
            return None
        return a == b

    def _comparable(self, node: Node, depth: int) -> str | tuple[str, ...] | Unresolved | None:
        value = self._resolve(node, depth)
        if isinstance(value, Sequence):
            texts = [self._text(item, depth) for item in value.items]
            if any(isinstance(t, Unresolved) for t in texts):
                return None
            return tuple(t for t in texts if isinstance(t, str))
        if isinstance(value, Mapping | _Absent):
            return None
        return self._text(node, depth)

    # --- Fn::ForEach ------------------------------------------------------------------------

    def _expand(self, node: Node, depth: int) -> Node:
        """``node`` with its ``Fn::ForEach`` loops expanded (the same node when it has none)."""
        if isinstance(node, Mapping):
            entries: list[Entry] = []
            changed = False
            for entry in node.entries:
                if entry.key.startswith(LOOP_PREFIX):
                    entries.extend(self._loop(entry, depth))
                    changed = True
                    continue
                value = self._expand(entry.value, depth)
                changed = changed or value is not entry.value
                entries.append(entry if value is entry.value else replace_value(entry, value))
            return Mapping(tuple(entries), node.span) if changed else node
        if isinstance(node, Sequence):
            items = tuple(self._expand(item, depth) for item in node.items)
            changed = any(a is not b for a, b in zip(items, node.items, strict=True))
            return Sequence(items, node.span) if changed else node
        return node

    def _loop(self, entry: Entry, depth: int) -> Iterator[Entry]:
        if depth >= MAX_LOOP_NESTING:
            raise LimitExceeded(
                f"Fn::ForEach loops nested deeper than {MAX_LOOP_NESTING}", entry.key_span
            )
        arguments = entry.value
        if not (
            isinstance(arguments, Sequence)
            and len(arguments.items) == 3
            and isinstance(arguments.items[0], Scalar)
            and isinstance(arguments.items[0].value, str)
            and isinstance(arguments.items[2], Mapping)
        ):
            self._note(
                f"{entry.key} is not expanded: it takes an identifier, a collection and a fragment",
                entry.key_span,
            )
            return
        identifier = arguments.items[0].value
        fragment = arguments.items[2]
        members = self._members(arguments.items[1], entry)
        if members is None:
            return
        for member in members:
            self._copies += 1
            if self._copies > MAX_LOOP_COPIES:
                raise LimitExceeded(
                    f"Fn::ForEach loops make more than {MAX_LOOP_COPIES} copies", entry.key_span
                )
            copy = self._substitute(fragment, identifier, member, entry.key_span)
            yield from _as_mapping(self._expand(copy, depth + 1)).entries

    def _members(self, collection: Node, entry: Entry) -> list[Scalar] | None:
        resolved = self(collection)
        problem: Unresolved | None = resolved if isinstance(resolved, Unresolved) else None
        members: list[Scalar] = []
        if isinstance(resolved, Sequence):
            for item in resolved.items:
                value = self._resolve(item, 0)
                text = self._text(item, 0)
                if isinstance(text, Unresolved):
                    problem = text
                    break
                span = value.span if isinstance(value, Scalar) else item.span
                members.append(Scalar(text, span))
        elif problem is None:
            problem = Unresolved(render(collection), "the collection is not a list")
        if problem is not None:
            self._note(
                f"{entry.key} is not expanded: its collection is not resolved statically "
                f"({problem.reason})",
                entry.key_span,
            )
            return None
        return members

    def _substitute(self, node: Node, identifier: str, member: Scalar, span: Span) -> Node:
        self._copied_nodes += 1
        if self._copied_nodes > MAX_LOOP_NODES:
            raise LimitExceeded(f"Fn::ForEach loops copy more than {MAX_LOOP_NODES} values", span)
        value = str(member.value)
        if isinstance(node, Mapping):
            call = intrinsic_call(node)
            if call is not None and call[0] == "Ref" and _is_text(call[1], identifier):
                return member
            return Mapping(
                tuple(
                    Entry(
                        _replace_identifier(e.key, identifier, value),
                        e.key_span,
                        self._substitute(e.value, identifier, member, span),
                    )
                    for e in node.entries
                ),
                node.span,
            )
        if isinstance(node, Sequence):
            return Sequence(
                tuple(self._substitute(i, identifier, member, span) for i in node.items), node.span
            )
        if isinstance(node, Scalar) and isinstance(node.value, str):
            text = _replace_identifier(node.value, identifier, value)
            if text != node.value:
                return Scalar(text, node.span)
        return node

    def _note(self, message: str, span: Span) -> None:
        self.diagnostics.append(
            Diagnostic(self.path, span, DiagnosticId.NOT_RESOLVED, message, DiagnosticLevel.NOTE)
        )


_Function = Callable[[TemplateResolver, Mapping, Node, int], _Value]
_FUNCTIONS: dict[str, _Function] = {
    "Ref": TemplateResolver._ref,
    "Fn::GetAtt": TemplateResolver._get_att,
    "Fn::Sub": TemplateResolver._sub,
    "Fn::Join": TemplateResolver._join,
    "Fn::Split": TemplateResolver._split,
    "Fn::Select": TemplateResolver._select,
    "Fn::Base64": TemplateResolver._base64,
    "Fn::FindInMap": TemplateResolver._find_in_map,
    "Fn::If": TemplateResolver._if,
    "Fn::Equals": TemplateResolver._condition_value,
    "Fn::And": TemplateResolver._condition_value,
    "Fn::Or": TemplateResolver._condition_value,
    "Fn::Not": TemplateResolver._condition_value,
    "Fn::Cidr": TemplateResolver._cidr,
    "Fn::Length": TemplateResolver._length,
    "Fn::ToJsonString": TemplateResolver._to_json_string,
    "Fn::GetAZs": TemplateResolver._unresolved,
    "Fn::ImportValue": TemplateResolver._unresolved,
    "Fn::Transform": TemplateResolver._unresolved,
}


class _NotStructural(Exception):
    """A JSON text's key depends on a value not resolved statically."""


# --- helpers other modules use --------------------------------------------------------------


def intrinsic_call(node: Mapping) -> tuple[str, Node] | None:
    """``(name, argument)`` when ``node`` is an intrinsic function call (``Ref``, ``Fn::*``)."""
    if len(node.entries) != 1:
        return None
    key = node.entries[0].key
    if key == "Ref" or (key.startswith("Fn::") and not key.startswith(LOOP_PREFIX)):
        return key, node.entries[0].value
    return None


def render(node: Node) -> str:
    """Compact JSON text of a node, as messages name an unresolved intrinsic."""
    return json.dumps(_plain(node), separators=(",", ":"))


def scalar_text(value: ScalarValue) -> str:
    """A scalar as CloudFormation turns it into a string (booleans ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def either(expression: str, reason: str, values: Iterable[str | Unresolved]) -> str | Unresolved:
    """One of ``values``, unknown which: the value when they agree, else an ``Unresolved``
    keeping the prefix and suffix they share."""
    options = list(values)
    if options and all(isinstance(v, str) for v in options) and len(set(options)) == 1:
        first = options[0]
        assert isinstance(first, str)
        return first
    prefix = _common_prefix([v if isinstance(v, str) else (v.parts[0] or "") for v in options])
    tails = [v[len(prefix) :] if isinstance(v, str) else _tail(v) for v in options]
    suffix = _common_prefix([t[::-1] for t in tails])[::-1]
    return Unresolved.of_parts(expression, reason, (prefix, None, suffix))


def _common_prefix(texts: list[str]) -> str:
    if not texts:
        return ""
    shortest = min(texts, key=len)
    for index, char in enumerate(shortest):
        if any(text[index] != char for text in texts):
            return shortest[:index]
    return shortest


def _tail(value: Unresolved) -> str:
    """The known text an unresolved string ends with (none when it has one piece)."""
    return (value.parts[-1] or "") if len(value.parts) > 1 else ""


def _is_text(node: Node, text: str) -> bool:
    return isinstance(node, Scalar) and node.value == text


def split_scalar(scalar: Scalar, delimiter: str, *, trim: bool = False) -> Sequence:
    """A string split at ``delimiter``; each member gets its own span where the text allows."""
    text = scalar_text(scalar.value)
    bounds: list[tuple[int, int]] = []
    start = 0
    while True:
        end = text.find(delimiter, start)
        stop = len(text) if end < 0 else end
        first, last = start, stop
        if trim:
            while first < last and text[first] == " ":
                first += 1
            while last > first and text[last - 1] == " ":
                last -= 1
        bounds.append((first, last))
        if end < 0:
            break
        start = end + len(delimiter)
    return Sequence(
        tuple(Scalar(text[a:b], _piece_span(scalar, text, a, b)) for a, b in bounds), scalar.span
    )


def replace_value(entry: Entry, value: Node) -> Entry:
    return Entry(entry.key, entry.key_span, value)


# --- private helpers ------------------------------------------------------------------------


def _section(root: Mapping, name: str) -> Mapping:
    node = root.get(name)
    return node if isinstance(node, Mapping) else Mapping((), root.span)


def _as_mapping(node: Node) -> Mapping:
    assert isinstance(node, Mapping)
    return node


def _type_of(node: Node) -> str:
    kind = node.get("Type") if isinstance(node, Mapping) else None
    return kind.value if isinstance(kind, Scalar) and isinstance(kind.value, str) else ""


def _plain(node: Node) -> object:
    if isinstance(node, Mapping):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    return node.value if isinstance(node, Scalar) else type(node).__name__


def _kind(node: Node) -> str:
    return {"Mapping": "mapping", "Sequence": "list"}.get(type(node).__name__, "value")


def _sub_pieces(template: str) -> list[str | tuple[str, str]]:
    """Literal text and ``(name, token)`` of each ``${name}`` (``${!x}`` is the text ``${x}``)."""
    pieces: list[str | tuple[str, str]] = []
    position = 0
    for match in _SUB_VARIABLE.finditer(template):
        literal = template[position : match.start()]
        name = match.group(1)
        if name.startswith("!"):
            literal += "${" + name[1:] + "}"
            pieces.append(literal)
        else:
            if literal:
                pieces.append(literal)
            pieces.append((name, match.group()))
        position = match.end()
    if position < len(template) or not pieces:
        pieces.append(template[position:])
    return pieces


def _variable(name: str, variables: Mapping | None, span: Span) -> Node:
    """The node ``${name}`` stands for: a variable of the map, else ``Ref`` or ``Fn::GetAtt``."""
    if variables is not None:
        given = variables.get(name)
        if given is not None:
            return given
    if "." in name:
        return _call_node("Fn::GetAtt", Scalar(name, span))
    return _call_node("Ref", Scalar(name, span))


def _call_node(name: str, argument: Node) -> Mapping:
    return Mapping((Entry(name, argument.span, argument),), argument.span)


def _if_node(condition: str, yes: Node, no: Node) -> Node:
    if yes is no:
        return yes
    arguments = Sequence((Scalar(condition, yes.span), yes, no), yes.span)
    return _call_node("Fn::If", arguments)


def _if_arguments(argument: Node) -> tuple[str, Node, Node] | None:
    if not (isinstance(argument, Sequence) and len(argument.items) == 3):
        return None
    condition = argument.items[0]
    if not (isinstance(condition, Scalar) and isinstance(condition.value, str)):
        return None
    return condition.value, argument.items[1], argument.items[2]


def _entries_for(mapping: Mapping, key: _Text) -> list[Entry | None]:
    """The entry for a known key (``None`` when missing), or every entry for an unknown one."""
    if isinstance(key, str):
        return [mapping.entry(key)]
    return list(mapping.entries)


def _pieces_of(value: _Text) -> list[str | None]:
    return [value] if isinstance(value, str) else list(value.parts)


def _joined(node: Mapping, parts: list[str | None], reason: str) -> Scalar | Unresolved:
    known = sum(len(part) for part in parts if part is not None)
    if known > MAX_STRING:
        return Unresolved(
            render(node), f"the computed string is longer than {MAX_STRING} characters"
        )
    if all(part is not None for part in parts):
        return Scalar("".join(part for part in parts if part is not None), node.span)
    return Unresolved.of_parts(render(node), reason, parts)


def _replace_identifier(text: str, identifier: str, value: str) -> str:
    if "{" not in text:
        return text
    text = text.replace("${" + identifier + "}", value)
    return text.replace("&{" + identifier + "}", _NOT_ALPHANUMERIC.sub("", value))


def _piece_span(scalar: Scalar, text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` in the file, when the scalar's text is written verbatim
    on one line; the scalar's span otherwise."""
    span = scalar.span
    if "\n" in text or span.start_line != span.end_line:
        return span
    if scalar.origin is not None:
        line, column = scalar.origin.line, scalar.origin.column
    else:
        width = span.end_column - span.start_column
        if width == len(text):
            line, column = span.start_line, span.start_column
        elif width == len(text) + 2 and not any(c in text for c in "\"'\\"):
            line, column = span.start_line, span.start_column + 1
        else:
            return span
    return Span(line, column + start, line, column + end, span.file)
