"""The functions over lists and maps: ``Fn::Select``, ``Fn::Length``, ``Fn::FindInMap``,
``Fn::Cidr`` and ``Fn::ToJsonString``."""

from __future__ import annotations

import ipaddress
import itertools

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.conditions import alternatives
from policyguard.resolve.intrinsics.evaluation import Evaluator, Function, Text, Value
from policyguard.resolve.intrinsics.nodes import render


def _select(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    if not (isinstance(argument, Sequence) and len(argument.items) == 2):
        return Unresolved(render(node), "Fn::Select takes an index and a list")
    index_text = resolver.text(argument.items[0], depth)
    values = resolver.resolve(argument.items[1], depth)
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
    return resolver.resolve(values.items[index], depth)


def _length(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    values = resolver.resolve(argument, depth)
    if not isinstance(values, Sequence):
        return Unresolved(render(node), "Fn::Length of a list not resolved statically")
    return Scalar(len(values.items), node.span)


def _to_json_string(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    return resolver.resolve(argument, depth)


def _find_in_map(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    if not (isinstance(argument, Sequence) and len(argument.items) in (3, 4)):
        return Unresolved(render(node), "Fn::FindInMap takes a map and two keys")
    default = None
    if len(argument.items) == 4:
        options = resolver.resolve(argument.items[3], depth)
        default = options.get("DefaultValue") if isinstance(options, Mapping) else None
    map_name = resolver.text(argument.items[0], depth)
    keys = [resolver.text(item, depth) for item in argument.items[1:3]]
    if isinstance(map_name, Unresolved):
        return Unresolved(render(node), "Fn::FindInMap of a map not resolved statically")
    table = resolver.mapping(map_name)
    if not isinstance(table, Mapping):
        if default is not None:
            return resolver.resolve(default, depth)
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
        return resolver.resolve(candidates[0], depth)
    unknown = next((k for k in keys if isinstance(k, Unresolved)), None)
    reason = f"depends on {unknown.expression}" if unknown else "Fn::FindInMap is ambiguous"
    return alternatives(node, [resolver.resolve(c, depth) for c in candidates], reason)


def _cidr(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    if not (isinstance(argument, Sequence) and len(argument.items) == 3):
        return Unresolved(render(node), "Fn::Cidr takes a block, a count and a size")
    block, count, bits = (resolver.text(item, depth) for item in argument.items)
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


def _entries_for(mapping: Mapping, key: Text) -> list[Entry | None]:
    """The entry for a known key (``None`` when missing), or every entry for an unknown one."""
    if isinstance(key, str):
        return [mapping.entry(key)]
    return list(mapping.entries)


FUNCTIONS: dict[str, Function] = {
    "Fn::Select": _select,
    "Fn::Length": _length,
    "Fn::ToJsonString": _to_json_string,
    "Fn::FindInMap": _find_in_map,
    "Fn::Cidr": _cidr,
}
