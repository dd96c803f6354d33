"""Sets: lists without duplicates in Terraform's order, and the set functions."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from policyguard.parse.tree import Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    VARIADIC,
    Arguments,
    Function,
    as_list,
    require_known,
    take,
)
from policyguard.resolve.hcl_functions.conversions import scalar_text, unwrap
from policyguard.resolve.hcl_functions.equality import canonical
from policyguard.resolve.hcl_functions.values import Failure, Number, Value, scalar_kind


def set_items(items: Iterable[Node], args: Arguments) -> list[Node]:
    """Elements of a set: duplicates dropped, in Terraform's order for primitives (strings
    sorted; numbers by value; mixed primitives converted to strings), else first seen first."""
    nodes = list(items)
    values = [require_known(unwrap(node)) for node in nodes]
    if any(isinstance(v, Scalar) and v.value is None for v in values):
        raise Failure("a set cannot hold null")
    scalars = [v for v in values if isinstance(v, Scalar)]
    if len(scalars) == len(values) and len({scalar_kind(v.value) for v in scalars}) > 1:
        nodes = [Scalar(scalar_text(v.value), v.span) for v in scalars]
    unique: dict[Hashable, Node] = {}
    for node in nodes:
        unique.setdefault(canonical(node, args.budget, args.call.span), node)
    result = list(unique.values())
    if len(scalars) == len(values):
        result.sort(key=lambda node: _sort_key(unwrap(node)))
    return result


def _sort_key(value: Value) -> tuple[int, str | Number]:
    if isinstance(value, Scalar) and isinstance(value.value, bool):
        return 0, int(value.value)
    if isinstance(value, Scalar) and isinstance(value.value, int | float):
        return 1, value.value
    return 2, value.value if isinstance(value, Scalar) and isinstance(value.value, str) else ""


def _set_operation(operation: str) -> Function:
    def combine(args: Arguments) -> Value:
        arity = (2, 2) if operation == "subtract" else (1, VARIADIC)
        sets = [as_list(value) for value in take(args, *arity)]
        budget, span = args.budget, args.call.span
        if operation == "union":
            items = [item for s in sets for item in s.items]
        else:
            others = [{canonical(item, budget, span) for item in s.items} for s in sets[1:]]
            keep = operation == "intersection"
            items = [
                item
                for item in sets[0].items
                if all((canonical(item, budget, span) in other) == keep for other in others)
            ]
        args.budget.collection(len(items), span)
        return Sequence(tuple(set_items(items, args)), span)

    return combine


FUNCTIONS: dict[str, Function] = {
    "setintersection": _set_operation("intersection"),
    "setsubtract": _set_operation("subtract"),
    "setunion": _set_operation("union"),
}
