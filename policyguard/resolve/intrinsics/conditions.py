"""Conditions and ``Fn::If``: condition expressions evaluated over known values, and one value
for several when a statically unknown choice selects among them."""

from __future__ import annotations

from collections.abc import Iterable

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.evaluation import (
    ABSENT,
    MAX_NESTING,
    Absent,
    Evaluator,
    Function,
    Text,
    Value,
)
from policyguard.resolve.intrinsics.nodes import call_node, render, scalar_text


def _if(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    branches = if_arguments(argument)
    if branches is None:
        return Unresolved(render(node), "Fn::If takes a condition and two values")
    name, yes, no = branches
    known = resolver.condition(name)
    if known is not None:
        return resolver.resolve(yes if known else no, depth)
    reason = f"depends on condition {name}"
    first, second = resolver.resolve(yes, depth), resolver.resolve(no, depth)
    if isinstance(first, Absent) and isinstance(second, Absent):
        return ABSENT
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
    return alternatives(node, [first, second], reason)


def alternatives(node: Mapping, values: list[Value], reason: str) -> Value:
    """One value for several that a statically unknown choice selects among."""
    plain = {render(v) if not isinstance(v, Unresolved | Absent) else None for v in values}
    if len(plain) == 1 and None not in plain:
        return values[0]
    texts: list[Text] = []
    for value in values:
        if isinstance(value, Unresolved):
            texts.append(value)
        elif isinstance(value, Scalar) and value.value is not None:
            texts.append(scalar_text(value.value))
        else:
            return Unresolved(render(node), reason)
    result = either(render(node), reason, texts)
    return Scalar(result, node.span) if isinstance(result, str) else result


def _condition_value(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    truth = truth_of(resolver, node, depth)
    if truth is None:
        return Unresolved(render(node), "the condition is not known statically")
    return Scalar(truth, node.span)


def truth_of(resolver: Evaluator, node: Node, depth: int) -> bool | None:
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
        reference = resolver.text(argument, depth)
        return None if isinstance(reference, Unresolved) else resolver.condition(reference)
    if name == "Fn::Equals" and len(items) == 2:
        return _equals(resolver, items[0], items[1], depth + 1)
    if name == "Fn::Not" and len(items) == 1:
        value = truth_of(resolver, items[0], depth + 1)
        return None if value is None else not value
    if name in ("Fn::And", "Fn::Or"):
        values = [truth_of(resolver, item, depth + 1) for item in items]
        decisive = name == "Fn::Or"
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    return None


def _equals(resolver: Evaluator, left: Node, right: Node, depth: int) -> bool | None:
    a, b = _comparable(resolver, left, depth), _comparable(resolver, right, depth)
    if a is None or b is None:
        return None
    if isinstance(a, Unresolved) and isinstance(b, str):
        return False if not a.may_equal(b) else None
    if isinstance(b, Unresolved) and isinstance(a, str):
        return False if not b.may_equal(a) else None
    if isinstance(a, Unresolved) or isinstance(b, Unresolved):
        return None
    return a == b


def _comparable(
    resolver: Evaluator, node: Node, depth: int
) -> str | tuple[str, ...] | Unresolved | None:
    value = resolver.resolve(node, depth)
    if isinstance(value, Sequence):
        texts = [resolver.text(item, depth) for item in value.items]
        if any(isinstance(t, Unresolved) for t in texts):
            return None
        return tuple(t for t in texts if isinstance(t, str))
    if isinstance(value, Mapping | Absent):
        return None
    return resolver.text(node, depth)


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


def _if_node(condition: str, yes: Node, no: Node) -> Node:
    if yes is no:
        return yes
    arguments = Sequence((Scalar(condition, yes.span), yes, no), yes.span)
    return call_node("Fn::If", arguments)


def if_arguments(argument: Node) -> tuple[str, Node, Node] | None:
    """The condition name and two values of an ``Fn::If``, or ``None`` when malformed."""
    if not (isinstance(argument, Sequence) and len(argument.items) == 3):
        return None
    condition = argument.items[0]
    if not (isinstance(condition, Scalar) and isinstance(condition.value, str)):
        return None
    return condition.value, argument.items[1], argument.items[2]


FUNCTIONS: dict[str, Function] = {
    "Fn::If": _if,
    "Fn::Equals": _condition_value,
    "Fn::And": _condition_value,
    "Fn::Or": _condition_value,
    "Fn::Not": _condition_value,
}
