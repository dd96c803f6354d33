"""Moving values to where they are written, when they travel to another file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Sequence

V = TypeVar("V", bound="Node | Unresolved")


def from_file(value: V, path: str) -> V:
    """``value`` with every span that names no file marked as written in ``path``."""
    return map_spans(value, lambda span: span if span.file else replace(span, file=path))


def placed_at(value: V, span: Span) -> V:
    """``value`` with every span replaced by ``span`` (for text given outside any file)."""
    return map_spans(value, lambda _: span)


def map_spans(value: V, move: Callable[[Span], Span]) -> V:
    """``value`` with ``move`` applied to every span in it."""
    if isinstance(value, Unresolved):
        return value
    return _moved(value, move)  # type: ignore[return-value]


def _moved(node: Node, move: Callable[[Span], Span]) -> Node:
    if isinstance(node, Mapping):
        entries = tuple(Entry(e.key, move(e.key_span), _moved(e.value, move)) for e in node.entries)
        return replace(node, entries=entries, span=move(node.span))
    if isinstance(node, Sequence):
        items = tuple(_moved(i, move) for i in node.items)
        return replace(node, items=items, span=move(node.span))
    return replace(node, span=move(node.span))
