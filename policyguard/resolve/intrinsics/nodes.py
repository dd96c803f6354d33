"""Template nodes read and built without evaluating them: intrinsic calls and how messages name
them, scalars as strings, strings split with a span per member."""

from __future__ import annotations

import json

from policyguard.location import Span
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, ScalarValue, Sequence

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


def _plain(node: Node) -> object:
    if isinstance(node, Mapping):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    return node.value if isinstance(node, Scalar) else type(node).__name__


def scalar_text(value: ScalarValue) -> str:
    """A scalar as CloudFormation turns it into a string (booleans ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


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


def replace_value(entry: Entry, value: Node) -> Entry:
    """``entry`` with ``value`` in place of its value."""
    return Entry(entry.key, entry.key_span, value)


def call_node(name: str, argument: Node) -> Mapping:
    """The call ``{name: argument}``, where the argument is written."""
    return Mapping((Entry(name, argument.span, argument),), argument.span)


def as_mapping(node: Node) -> Mapping:
    """``node``, known to be a mapping (loop expansion keeps a mapping one)."""
    assert isinstance(node, Mapping)
    return node
