"""The collection functions over lists and maps (the set functions aside)."""

from __future__ import annotations

from collections.abc import Hashable

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    VARIADIC,
    Arguments,
    Function,
    as_integer,
    as_list,
    as_map,
    as_string,
    elements_of,
    require_known,
    take,
)
from policyguard.resolve.hcl_functions.conversions import literal_text, to_bool, unwrap
from policyguard.resolve.hcl_functions.equality import canonical, equal
from policyguard.resolve.hcl_functions.limits import check_depth
from policyguard.resolve.hcl_functions.values import (
    Failure,
    OpenMapping,
    Unknown,
    Value,
    entries_by_key,
    is_encoded,
    kind,
)


def _concat(args: Arguments) -> Value:
    items: list[Node] = []
    for value in take(args, 0, VARIADIC):
        items.extend(as_list(value).items)
    args.budget.collection(len(items), args.call.span)
    return Sequence(tuple(items), args.call.span)


def _merge(args: Arguments) -> Value:
    entries: dict[str, Entry] = {}
    for value in take(args, 0, VARIADIC):
        known = require_known(value)
        if isinstance(known, Scalar) and known.value is None:
            continue
        if isinstance(known, OpenMapping):
            raise Unknown("an argument has attributes that are not known statically")
        for entry in as_map(known).entries:
            entries.pop(entry.key, None)
            entries[entry.key] = entry
    args.budget.collection(len(entries), args.call.span)
    return Mapping(tuple(entries[key] for key in sorted(entries)), args.call.span)


def _lookup(args: Arguments) -> Value:
    values = take(args, 2, 3)
    mapping = as_map(values[0])
    key = as_string(args, values[1])
    entry = mapping.entry(key)
    if entry is not None:
        return unwrap(entry.value)
    if isinstance(mapping, OpenMapping):
        raise Unknown(f"the key {literal_text(key)} is not known statically")
    if len(values) == 3:
        return values[2]
    raise Failure(f"the map has no key {literal_text(key)}")


def _element(args: Arguments) -> Value:
    sequence_value, index_value = take(args, 2)
    sequence, index = as_list(sequence_value), as_integer(index_value)
    if not sequence.items:
        raise Failure("cannot use element() with an empty list")
    if index < 0:
        raise Failure("cannot use element() with a negative index")
    return unwrap(sequence.items[index % len(sequence.items)])


def _coalesce(args: Arguments) -> Value:
    for value in take(args, 1, VARIADIC):
        if isinstance(value, Unresolved):
            if any(value.parts):
                return value  # a string with a known non-empty piece is neither null nor ""
            raise Unknown(value.reason)
        if isinstance(value, Scalar) and (value.value is None or value.value == ""):
            continue
        return value
    raise Failure("no non-null, non-empty-string arguments")


def _coalescelist(args: Arguments) -> Value:
    for value in take(args, 1, VARIADIC):
        known = require_known(value)
        if isinstance(known, Scalar) and known.value is None:
            continue
        if as_list(known).items:
            return known
    raise Failure("no non-empty list arguments")


def _flatten(args: Arguments) -> Value:
    (value,) = take(args, 1)
    items: list[Node] = []

    def walk(sequence: Sequence, depth: int) -> None:
        check_depth(depth, args.call.span)
        for item in sequence.items:
            element = unwrap(item)
            if isinstance(element, Unresolved) and element.parts == (None,):
                raise Unknown(element.reason)  # it could be a list to flatten
            if isinstance(element, Sequence) and not is_encoded(element):
                walk(element, depth + 1)
            else:
                items.append(item)
                args.budget.collection(len(items), args.call.span)

    walk(as_list(value), 0)
    return Sequence(tuple(items), args.call.span)


def _distinct(args: Arguments) -> Value:
    (value,) = take(args, 1)
    unique: dict[Hashable, Node] = {}
    for item in as_list(value).items:
        unique.setdefault(canonical(item, args.budget, args.call.span), item)
    return Sequence(tuple(unique.values()), args.call.span)


def _compact(args: Arguments) -> Value:
    (value,) = take(args, 1)
    items: list[Node] = []
    for item in as_list(value).items:
        element = unwrap(item)
        if isinstance(element, Unresolved):
            if not any(element.parts):
                raise Unknown(element.reason)  # it could be "" or null
            items.append(item)
        elif isinstance(element, Scalar) and not isinstance(element.value, bool):
            if element.value is not None and element.value != "":
                items.append(item)
        else:
            raise Failure(f"compact() takes a list of strings, not one holding {kind(element)}")
    return Sequence(tuple(items), args.call.span)


def _contains(args: Arguments) -> Value:
    sequence_value, wanted = take(args, 2)
    unknown: str | None = None
    for item in as_list(sequence_value).items:
        same = equal(item, wanted, args.budget, args.call.span)
        if same:
            return Scalar(True, args.call.span)
        if same is None:
            element = unwrap(item)
            unknown = unknown or (
                element.reason if isinstance(element, Unresolved) else "an element is not known"
            )
    if unknown is not None:
        raise Unknown(wanted.reason if isinstance(wanted, Unresolved) else unknown)
    return Scalar(False, args.call.span)


def _index(args: Arguments) -> Value:
    sequence_value, wanted = take(args, 2)
    for number, item in enumerate(as_list(sequence_value).items):
        same = equal(item, wanted, args.budget, args.call.span)
        if same:
            return Scalar(number, args.call.span)
        if same is None:
            raise Unknown("an element before the match is not known statically")
    raise Failure("the item was not found in the list")


def _keys(args: Arguments) -> Value:
    (value,) = take(args, 1)
    mapping = as_map(value)
    if isinstance(mapping, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    keys = tuple(Scalar(e.key, e.key_span) for e in entries_by_key(mapping))
    return Sequence(keys, args.call.span)


def _values(args: Arguments) -> Value:
    (value,) = take(args, 1)
    mapping = as_map(value)
    if isinstance(mapping, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    return Sequence(tuple(e.value for e in entries_by_key(mapping)), args.call.span)


def _length(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    span = args.call.span
    if isinstance(known, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if is_encoded(known) or (isinstance(known, Scalar) and isinstance(known.value, str)):
        return Scalar(len(as_string(args, known)), span)
    if isinstance(known, Mapping):
        return Scalar(len({e.key for e in known.entries}), span)
    if isinstance(known, Sequence):
        return Scalar(len(known.items), span)
    raise Failure(f"length() takes a string or collection, not {kind(known)}")


def _sort(args: Arguments) -> Value:
    (value,) = take(args, 1)
    keyed: list[tuple[str, Node]] = []
    for item in as_list(value).items:
        element = require_known(unwrap(item))
        text = as_string(args, element)
        plain = isinstance(element, Scalar) and isinstance(element.value, str)
        keyed.append((text, item if plain else Scalar(text, item.span)))
    keyed.sort(key=lambda pair: pair[0])
    return Sequence(tuple(node for _, node in keyed), args.call.span)


def _reverse(args: Arguments) -> Value:
    (value,) = take(args, 1)
    return Sequence(tuple(reversed(as_list(value).items)), args.call.span)


def _zipmap(args: Arguments) -> Value:
    keys_value, values_value = take(args, 2)
    keys, values = as_list(keys_value), as_list(values_value)
    if len(keys.items) != len(values.items):
        raise Failure("the lists of keys and values differ in length")
    entries: dict[str, Entry] = {}
    for key_node, value_node in zip(keys.items, values.items, strict=True):
        key = as_string(args, unwrap(key_node))
        entries[key] = Entry(key, key_node.span, value_node)
    return Mapping(tuple(entries[key] for key in sorted(entries)), args.call.span)


def _one(args: Arguments) -> Value:
    (value,) = take(args, 1)
    sequence = as_list(value)
    if not sequence.items:
        return Scalar(None, args.call.span)
    if len(sequence.items) > 1:
        raise Failure(f"one() takes a list of at most one element, not {len(sequence.items)}")
    return unwrap(sequence.items[0])


def _chunklist(args: Arguments) -> Value:
    sequence_value, size_value = take(args, 2)
    items, size = as_list(sequence_value).items, as_integer(size_value)
    if size < 0:
        raise Failure("the chunk size must not be negative")
    span = args.call.span
    if size == 0:
        return Sequence((Sequence(items, span),) if items else (), span)
    chunks = tuple(Sequence(items[i : i + size], span) for i in range(0, len(items), size))
    return Sequence(chunks, span)


def _slice(args: Arguments) -> Value:
    sequence_value, start_value, end_value = take(args, 3)
    items = as_list(sequence_value).items
    start, end = as_integer(start_value), as_integer(end_value)
    if not 0 <= start <= end <= len(items):
        raise Failure(f"the indexes {start} and {end} do not fit a list of {len(items)}")
    return Sequence(items[start:end], args.call.span)


def _all_or_any(wanted: bool) -> Function:
    def test(args: Arguments) -> Value:
        (value,) = take(args, 1)
        unknown: str | None = None
        for element in elements_of(as_list(value)):
            if isinstance(element, Unresolved):
                unknown = unknown or element.reason
            elif to_bool(element) is wanted:
                return Scalar(wanted, args.call.span)
        if unknown is not None:
            raise Unknown(unknown)
        return Scalar(not wanted, args.call.span)

    return test


FUNCTIONS: dict[str, Function] = {
    "alltrue": _all_or_any(False),
    "anytrue": _all_or_any(True),
    "chunklist": _chunklist,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": _compact,
    "concat": _concat,
    "contains": _contains,
    "distinct": _distinct,
    "element": _element,
    "flatten": _flatten,
    "index": _index,
    "keys": _keys,
    "length": _length,
    "lookup": _lookup,
    "merge": _merge,
    "one": _one,
    "reverse": _reverse,
    "slice": _slice,
    "sort": _sort,
    "values": _values,
    "zipmap": _zipmap,
}
