"""``Fn::ForEach`` of ``AWS::LanguageExtensions``: loops in ``Resources`` and ``Conditions``
expanded into copies of their fragments, within bounds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel, LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.evaluation import Evaluator
from policyguard.resolve.intrinsics.nodes import (
    LOOP_PREFIX,
    as_mapping,
    intrinsic_call,
    render,
    replace_value,
)

MAX_LOOP_NESTING = 5
"""``Fn::ForEach`` loops nested in one another (CloudFormation's own limit)."""
MAX_LOOP_COPIES = 1_000
"""Fragments that the ``Fn::ForEach`` loops of one template produce."""
MAX_LOOP_NODES = 1_000_000
"""Nodes that the ``Fn::ForEach`` loops of one template copy."""
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")


class LoopExpander:
    """Expands the ``Fn::ForEach`` loops of one template, counting what they copy.

    ``resolver`` resolves the loops' collections; a loop that cannot be expanded is left out,
    with a note in ``diagnostics`` (for the file at ``path``).
    """

    def __init__(self, resolver: Evaluator, path: str, diagnostics: list[Diagnostic]) -> None:
        self._resolver = resolver
        self._path = path
        self._diagnostics = diagnostics
        self._copies = 0
        self._copied_nodes = 0

    def expand(self, node: Node, depth: int) -> Node:
        """``node`` with its ``Fn::ForEach`` loops expanded (the same node when it has none)."""
        if isinstance(node, Mapping):
            entries: list[Entry] = []
            changed = False
            for entry in node.entries:
                if entry.key.startswith(LOOP_PREFIX):
                    entries.extend(self._loop(entry, depth))
                    changed = True
                    continue
                value = self.expand(entry.value, depth)
                changed = changed or value is not entry.value
                entries.append(entry if value is entry.value else replace_value(entry, value))
            return Mapping(tuple(entries), node.span) if changed else node
        if isinstance(node, Sequence):
            items = tuple(self.expand(item, depth) for item in node.items)
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
            yield from as_mapping(self.expand(copy, depth + 1)).entries

    def _members(self, collection: Node, entry: Entry) -> list[Scalar] | None:
        resolved = self._resolver(collection)
        problem: Unresolved | None = resolved if isinstance(resolved, Unresolved) else None
        members: list[Scalar] = []
        if isinstance(resolved, Sequence):
            for item in resolved.items:
                value = self._resolver.resolve(item, 0)
                text = self._resolver.text(item, 0)
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
        self._diagnostics.append(
            Diagnostic(self._path, span, DiagnosticId.NOT_RESOLVED, message, DiagnosticLevel.NOTE)
        )


def _replace_identifier(text: str, identifier: str, value: str) -> str:
    if "{" not in text:
        return text
    text = text.replace("${" + identifier + "}", value)
    return text.replace("&{" + identifier + "}", _NOT_ALPHANUMERIC.sub("", value))


def _is_text(node: Node, text: str) -> bool:
    return isinstance(node, Scalar) and node.value == text
