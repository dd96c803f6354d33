"""Terraform's ``==`` over values that may be partly unknown, and hashable stand-ins for known
values (for sets and ``distinct``)."""

from __future__ import annotations

from collections.abc import Hashable

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.conversions import json_pieces, known_text, to_pieces, unwrap
from policyguard.resolve.hcl_functions.limits import Budget, check_depth
from policyguard.resolve.hcl_functions.values import (
    EncodedMapping,
    EncodedSequence,
    OpenMapping,
    Unknown,
    Value,
    entries_by_key,
    scalar_kind,
)


def wholly_known(value: Value | Node, budget: Budget, span: Span, depth: int = 0) -> bool:
    """Whether nothing in ``value`` is unknown."""
    budget.tick(span)
    check_depth(depth, span)
    value = value if isinstance(value, Unresolved) else unwrap(value)
    if isinstance(value, Unresolved | OpenMapping):
        return False
    if isinstance(value, Mapping):
        return all(wholly_known(e.value, budget, span, depth + 1) for e in value.entries)
    if isinstance(value, Sequence):
        return all(wholly_known(item, budget, span, depth + 1) for item in value.items)
    return True


def equal(left: Value | Node, right: Value | Node, budget: Budget, span: Span) -> bool | None:
    """Terraform's ``==``: whether the values are equal, ``None`` when that is not known."""
    return _equal(_value_of(left), _value_of(right), budget, span, 0)


def _value_of(value: Value | Node) -> Value:
    return value if isinstance(value, Unresolved) else unwrap(value)


def _equal(left: Value, right: Value, budget: Budget, span: Span, depth: int) -> bool | None:
    budget.tick(span)
    check_depth(depth, span)
    if _stringish(left) or _stringish(right):
        return _equal_text(left, right, budget, span)
    if isinstance(left, Unresolved) or isinstance(right, Unresolved):
        return None
    if isinstance(left, Scalar) and isinstance(right, Scalar):
        return scalar_kind(left.value) == scalar_kind(right.value) and left.value == right.value
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        if isinstance(left, OpenMapping) or isinstance(right, OpenMapping):
            return None
        first, second = entries_by_key(left), entries_by_key(right)
        if [e.key for e in first] != [e.key for e in second]:
            return False
        pairs = [(unwrap(a.value), unwrap(b.value)) for a, b in zip(first, second, strict=True)]
    elif isinstance(left, Sequence) and isinstance(right, Sequence):
        if len(left.items) != len(right.items):
            return False
        pairs = [(unwrap(a), unwrap(b)) for a, b in zip(left.items, right.items, strict=True)]
    else:
        return False
    unknown = False
    for a, b in pairs:
        same = _equal(a, b, budget, span, depth + 1)
        if same is False:
            return False
        unknown = unknown or same is None
    return None if unknown else True


def _stringish(value: Value) -> bool:
    """A string, a JSON string, or an unknown string of which a piece is known."""
    if isinstance(value, Unresolved):
        return value.parts != (None,)
    if isinstance(value, Scalar):
        return isinstance(value.value, str)
    return isinstance(value, EncodedMapping | EncodedSequence)


def _equal_text(left: Value, right: Value, budget: Budget, span: Span) -> bool | None:
    if not (_stringish(left) or isinstance(left, Unresolved)) or not (
        _stringish(right) or isinstance(right, Unresolved)
    ):
        return False
    first, second = to_pieces(left, budget, span), to_pieces(right, budget, span)
    if None not in first and None not in second:
        return "".join(p for p in first if p is not None) == "".join(
            p for p in second if p is not None
        )
    for known, partial in ((first, second), (second, first)):
        if None not in known:
            text = "".join(p for p in known if p is not None)
            return None if Unresolved.of_parts("", "", partial).may_equal(text) else False
    return None


def canonical(value: Value | Node, budget: Budget, span: Span, depth: int = 0) -> Hashable:
    """A hashable stand-in for a wholly known value, equal where Terraform's ``==`` is true."""
    budget.tick(span)
    check_depth(depth, span)
    value = _value_of(value)
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if isinstance(value, EncodedMapping | EncodedSequence):
        return ("string", known_text(json_pieces(value, budget, span)))
    if isinstance(value, Mapping):
        return (
            "object",
            tuple(
                (e.key, canonical(e.value, budget, span, depth + 1)) for e in entries_by_key(value)
            ),
        )
    if isinstance(value, Sequence):
        return ("list", tuple(canonical(item, budget, span, depth + 1) for item in value.items))
    raw = value.value
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return (scalar_kind(raw), raw)
