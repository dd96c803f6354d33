"""The string functions: ``Fn::Sub`` (a JSON object text read as its structure), ``Fn::Join``,
``Fn::Split`` and ``Fn::Base64``."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from policyguard.diagnostics import InputError
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.json_text import parse_json, parse_json_at
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.evaluation import Evaluator, Function, Text, Value
from policyguard.resolve.intrinsics.nodes import call_node, render, split_scalar

MAX_STRING = 1_000_000
"""Characters of a string that ``Fn::Join``, ``Fn::Sub`` or ``Fn::Base64`` computes."""
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_HOLE = re.compile("\ue000(\\d+)\ue001")


def _sub(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    template_node, variables = argument, None
    if isinstance(argument, Sequence) and len(argument.items) in (1, 2):
        template_node = argument.items[0]
        if len(argument.items) == 2:
            given = resolver.resolve(argument.items[1], depth)
            if not isinstance(given, Mapping):
                return Unresolved(render(node), "Fn::Sub variables must be a mapping")
            variables = given
    template = resolver.resolve(template_node, depth)
    if not (isinstance(template, Scalar) and isinstance(template.value, str)):
        return Unresolved(render(node), "Fn::Sub of a template not resolved statically")
    pieces = _sub_pieces(template.value)
    if all(isinstance(piece, str) for piece in pieces):
        text = "".join(piece for piece in pieces if isinstance(piece, str))
        origin = template.origin if text == template.value else None
        return Scalar(text, template.span, origin)
    if template.value.lstrip().startswith("{"):
        structured = _sub_json(resolver, template, pieces, variables, depth)
        if structured is not None:
            return structured
    parts: list[str | None] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        else:
            value = resolver.text(_variable(piece[0], variables, template.span), depth)
            parts.extend(_pieces_of(value))
    return _joined(node, parts, "Fn::Sub of values not resolved statically")


def _sub_json(
    resolver: Evaluator,
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
        return _Holes(resolver, names, variables, depth).fill(tree)
    except _NotStructural:
        return None


@dataclass(frozen=True, slots=True)
class _Holes:
    """The variables of an ``Fn::Sub`` JSON text, written in it as numbered holes."""

    resolver: Evaluator
    names: list[str]
    variables: Mapping | None
    depth: int

    def fill(self, node: Node) -> Node:
        """``node`` with each string holding a hole joined from its pieces (``Fn::Join``)."""
        if isinstance(node, Mapping):
            entries = []
            for entry in node.entries:
                key = entry.key
                if _HOLE.search(key):
                    key = self.key(key, entry.key_span)
                entries.append(Entry(key, entry.key_span, self.fill(entry.value)))
            return Mapping(tuple(entries), node.span)
        if isinstance(node, Sequence):
            return Sequence(tuple(self.fill(item) for item in node.items), node.span)
        if not (isinstance(node, Scalar) and isinstance(node.value, str)):
            return node
        if not _HOLE.search(node.value):
            return node
        items: list[Node] = []
        for index, piece in enumerate(_HOLE.split(node.value)):
            if index % 2:
                items.append(_variable(self.names[int(piece)], self.variables, node.span))
            elif piece:
                items.append(Scalar(piece, node.span))
        if len(items) == 1:
            return items[0]
        joined = Sequence(tuple(items), node.span)
        return call_node("Fn::Join", Sequence((Scalar("", node.span), joined), node.span))

    def key(self, key: str, span: Span) -> str:
        """A key with holes, filled; raises :class:`_NotStructural` when one is not known."""
        result = []
        for index, piece in enumerate(_HOLE.split(key)):
            if index % 2:
                variable = _variable(self.names[int(piece)], self.variables, span)
                value = self.resolver.text(variable, self.depth)
                if isinstance(value, Unresolved):
                    raise _NotStructural
                result.append(value)
            else:
                result.append(piece)
        return "".join(result)


class _NotStructural(Exception):
    """A JSON text's key depends on a value not resolved statically."""


def _join(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    if not (isinstance(argument, Sequence) and len(argument.items) == 2):
        return Unresolved(render(node), "Fn::Join takes a delimiter and a list")
    delimiter = resolver.text(argument.items[0], depth)
    values = resolver.resolve(argument.items[1], depth)
    if isinstance(delimiter, Unresolved):
        return Unresolved(render(node), "Fn::Join with a delimiter not resolved statically")
    if not isinstance(values, Sequence):
        return Unresolved(render(node), "Fn::Join of values not resolved statically")
    parts: list[str | None] = []
    for index, item in enumerate(values.items):
        if index:
            parts.append(delimiter)
        parts.extend(_pieces_of(resolver.text(item, depth)))
    return _joined(node, parts, "Fn::Join of values not resolved statically")


def _split(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    if not (isinstance(argument, Sequence) and len(argument.items) == 2):
        return Unresolved(render(node), "Fn::Split takes a delimiter and a string")
    delimiter = resolver.text(argument.items[0], depth)
    source = resolver.resolve(argument.items[1], depth)
    text = resolver.text(argument.items[1], depth)
    if isinstance(delimiter, Unresolved) or not delimiter:
        return Unresolved(render(node), "Fn::Split with a delimiter not resolved statically")
    if isinstance(text, Unresolved):
        return Unresolved(render(node), "Fn::Split of a value not resolved statically")
    if isinstance(source, Scalar) and source.value == text:
        return split_scalar(source, delimiter)
    return split_scalar(Scalar(text, node.span), delimiter)


def _base64(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    text = resolver.text(argument, depth)
    if isinstance(text, Unresolved):
        return Unresolved(render(node), "Fn::Base64 of a value not resolved statically")
    return _joined(node, [base64.b64encode(text.encode()).decode("ascii")], "")


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
        return call_node("Fn::GetAtt", Scalar(name, span))
    return call_node("Ref", Scalar(name, span))


def _pieces_of(value: Text) -> list[str | None]:
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


FUNCTIONS: dict[str, Function] = {
    "Fn::Sub": _sub,
    "Fn::Join": _join,
    "Fn::Split": _split,
    "Fn::Base64": _base64,
}
