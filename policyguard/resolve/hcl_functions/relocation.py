"""Moving nodes: every span of a node shifted and set to a file (template files, JSON text
that maps onto its file)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from policyguard.location import Span
from policyguard.parse.tree import (
    Call,
    Conditional,
    Entry,
    ForExpression,
    Index,
    Mapping,
    Node,
    Operation,
    Scalar,
    Sequence,
    Splat,
    Step,
    Template,
    TextOrigin,
    Traversal,
)


@dataclass(frozen=True, slots=True)
class Move:
    """Shifts positions by ``lines`` and ``columns`` and sets the file of every span."""

    lines: int = 0
    columns: int = 0
    file: str = ""

    def span(self, span: Span) -> Span:
        return Span(
            span.start_line + self.lines,
            span.start_column + self.columns,
            span.end_line + self.lines,
            span.end_column + self.columns,
            self.file,
        )

    def origin(self, origin: TextOrigin | None) -> TextOrigin | None:
        if origin is None:
            return None
        return TextOrigin(origin.line + self.lines, origin.column + self.columns, origin.indent)


def relocate(node: Node, move: Move) -> Node:
    """``node`` and everything in it with positions moved by ``move``."""
    span = move.span(node.span)
    if isinstance(node, Scalar):
        return Scalar(node.value, span, move.origin(node.origin))
    if isinstance(node, Mapping):
        entries = tuple(
            Entry(e.key, move.span(e.key_span), relocate(e.value, move)) for e in node.entries
        )
        return replace(node, entries=entries, span=span)
    if isinstance(node, Sequence):
        return replace(node, items=tuple(relocate(item, move) for item in node.items), span=span)
    if isinstance(node, Call):
        return replace(node, args=tuple(relocate(arg, move) for arg in node.args), span=span)
    if isinstance(node, Template):
        parts = tuple(relocate(part, move) for part in node.parts)
        return replace(node, parts=parts, span=span, origin=move.origin(node.origin))
    if isinstance(node, Traversal):
        steps = tuple(_relocate_step(step, move) for step in node.steps)
        return replace(node, source=relocate(node.source, move), steps=steps, span=span)
    if isinstance(node, Conditional):
        return replace(
            node,
            condition=relocate(node.condition, move),
            true=relocate(node.true, move),
            false=relocate(node.false, move),
            span=span,
        )
    if isinstance(node, Operation):
        operands = tuple(relocate(operand, move) for operand in node.operands)
        return replace(node, operands=operands, span=span)
    if isinstance(node, ForExpression):
        return replace(
            node,
            collection=relocate(node.collection, move),
            key=None if node.key is None else relocate(node.key, move),
            value=relocate(node.value, move),
            condition=None if node.condition is None else relocate(node.condition, move),
            span=span,
        )
    return replace(node, span=span)


def _relocate_step(step: Step, move: Move) -> Step:
    if isinstance(step, Index):
        return Index(relocate(step.key, move), move.span(step.span))
    if isinstance(step, Splat):
        return Splat(step.full, move.span(step.span))
    return step
