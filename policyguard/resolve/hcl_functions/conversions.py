"""Conversions Terraform makes between values: container elements and the values they stand for,
numbers, bools and strings, and compact JSON text."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from decimal import Decimal

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar, ScalarValue, Sequence, Variable
from policyguard.resolve.hcl_functions.limits import MAX_NUMBER_DIGITS, Budget, check_depth
from policyguard.resolve.hcl_functions.values import (
    EncodedMapping,
    EncodedSequence,
    Failure,
    Number,
    OpenMapping,
    Unknown,
    UnresolvedNode,
    Value,
    entries_by_key,
    kind,
)


def unwrap(node: Node) -> Value:
    """The value an element of an evaluated container stands for."""
    if isinstance(node, UnresolvedNode):
        return node.unresolved
    if isinstance(node, Scalar | Mapping | Sequence):
        return node
    return Unresolved(source_text(node), "the expression is not evaluated")


def wrap(value: Value, span: Span) -> Node:
    """``value`` as an element of a container; an unknown one written at ``span``."""
    if isinstance(value, Unresolved):
        return UnresolvedNode(value.expression, span, value)
    return value


def source_text(node: Node) -> str:
    """The source text of an expression (literal containers as ``{...}`` and ``[...]``)."""
    if isinstance(node, Variable):
        return node.name
    if isinstance(node, Scalar):
        return literal_text(node.value)
    if isinstance(node, Mapping):
        return "{...}"
    if isinstance(node, Sequence):
        return "[...]"
    return node.text


def literal_text(raw: ScalarValue) -> str:
    """A scalar as HCL writes it: strings quoted, ``null`` for null."""
    if raw is None:
        return "null"
    if isinstance(raw, str):
        return json.dumps(raw, ensure_ascii=False)
    return scalar_text(raw)


def number_text(number: Number) -> str:
    """A number as Terraform prints it: no exponent, no trailing ``.0``."""
    if isinstance(number, float):
        if not math.isfinite(number):
            raise Failure("the number is not finite")
        if not number.is_integer():
            return format(Decimal(repr(number)), "f")
        number = int(number)
    return str(number)


def scalar_text(raw: ScalarValue) -> str:
    """A non-null scalar as a string, the conversion Terraform makes."""
    if raw is None:
        raise Failure("a null value cannot be used as a string")
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float):
        return number_text(raw)
    return raw


def from_decimal(number: Decimal) -> Number:
    """A Decimal result as a Python number: ``int`` when whole."""
    if not number.is_finite():
        raise Failure("the result is not a finite number")
    if number == number.to_integral_value():
        return int(number)
    return float(number)


_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(text: str) -> Number | None:
    """A number written as a string (``"12"``, ``"-1.5"``, ``"1e3"``), or ``None``."""
    if len(text) > MAX_NUMBER_DIGITS or not _NUMBER_TEXT.fullmatch(text):
        return None
    number = Decimal(text)
    if abs(number.adjusted()) > MAX_NUMBER_DIGITS:
        return None
    return from_decimal(number)


def to_number(value: Value) -> Number:
    """A number, or a string that holds one."""
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, Scalar) and not isinstance(value.value, bool | None):
        raw = value.value
        if isinstance(raw, int | float):
            return raw
        number = parse_number(raw)
        if number is not None:
            return number
        raise Failure(f"cannot convert {literal_text(raw)} to a number")
    raise Failure(f"a number is required, not {kind(value)}")


def to_bool(value: Value) -> bool:
    """A bool, or the string ``"true"`` or ``"false"``."""
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, Scalar):
        if isinstance(value.value, bool):
            return value.value
        if value.value in ("true", "false"):
            return value.value == "true"
    raise Failure(f"a bool is required, not {kind(value)}")


def to_pieces(value: Value, budget: Budget, span: Span) -> list[str | None]:
    """``value`` in a string template: its text, in known pieces and ``None`` for unknown ones."""
    if isinstance(value, Unresolved):
        return list(value.parts)
    if isinstance(value, EncodedMapping | EncodedSequence):
        return json_pieces(value, budget, span)
    if isinstance(value, Mapping | Sequence):
        raise Failure(f"cannot include {kind(value)} in a string")
    if value.value is None:
        raise Failure("cannot include a null value in a string")
    return [scalar_text(value.value)]


def known_text(pieces: list[str | None]) -> str:
    """The text of ``pieces``, which must all be known."""
    if None in pieces:
        raise Unknown("the JSON text holds values not known statically")
    return "".join(p for p in pieces if p is not None)


def text_value(
    pieces: Iterable[str | None], reason: str | None, expression: str, span: Span, budget: Budget
) -> Scalar | Unresolved:
    """A string built of ``pieces``: known, or unknown with its known pieces kept."""
    parts = list(pieces)
    budget.string(sum(len(p) for p in parts if p is not None), span)
    if None in parts:
        return Unresolved.of_parts(
            expression, reason or "the string holds values not known statically", parts
        )
    return Scalar("".join(p for p in parts if p is not None), span)


def json_string(text: str) -> str:
    """A JSON string literal as Terraform's ``jsonencode`` writes it (Go's HTML-safe escapes)."""
    return json.dumps(text, ensure_ascii=False).translate(_HTML_ESCAPES)


_HTML_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_pieces(value: Value | Node, budget: Budget, span: Span) -> list[str | None]:
    """Compact JSON of ``value``: known pieces, ``None`` where an element is unknown."""
    pieces: list[str | None] = []
    _json_into(pieces, unwrap(value) if not isinstance(value, Unresolved) else value, budget, span)
    return pieces


def _json_into(
    pieces: list[str | None], value: Value, budget: Budget, span: Span, depth: int = 0
) -> None:
    budget.tick(span)
    check_depth(depth, span)
    if isinstance(value, Unresolved) and value.parts != (None,):  # a string, partly known
        pieces.extend(quoted(value.parts))
    elif isinstance(value, Unresolved | OpenMapping):
        pieces.append(None)
    elif depth and isinstance(value, EncodedMapping | EncodedSequence):
        pieces.extend(quoted(json_pieces(value, budget, span)))
    elif isinstance(value, Mapping):
        pieces.append("{")
        for number, entry in enumerate(entries_by_key(value)):
            pieces.append(("," if number else "") + json_string(entry.key) + ":")
            _json_into(pieces, unwrap(entry.value), budget, span, depth + 1)
        pieces.append("}")
    elif isinstance(value, Sequence):
        pieces.append("[")
        for number, item in enumerate(value.items):
            if number:
                pieces.append(",")
            _json_into(pieces, unwrap(item), budget, span, depth + 1)
        pieces.append("]")
    elif value.value is None:
        pieces.append("null")
    elif isinstance(value.value, str):
        pieces.append(json_string(value.value))
    else:
        pieces.append(scalar_text(value.value))


def quoted(parts: Iterable[str | None]) -> list[str | None]:
    """A JSON string literal of a string in pieces (escaping works piece by piece)."""
    return ['"', *(None if p is None else json_string(p)[1:-1] for p in parts), '"']
