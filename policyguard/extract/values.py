"""Typed, located values from syntax-tree nodes, shared by every format's extractor.

A format hands over a ``Resolver``: it turns format-specific expressions (HCL references,
CloudFormation intrinsics) into plain nodes when it can, else into an :class:`Unresolved`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policyguard.location import SourceLocation, Span
from policyguard.model.values import Located, Unresolved
from policyguard.parse.tree import Node, Scalar, Sequence

Resolver = Callable[[Node], "Node | Unresolved"]

_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


def keep(node: Node) -> Node | Unresolved:
    """The resolver for trees that hold only literals."""
    return node


@dataclass(frozen=True)
class ValueReader:
    """Reads values of the resource ``owner`` in the file ``path``, read for ``unit`` (the root
    module directory or template)."""

    path: str
    owner: str
    resolve: Resolver = keep
    unit: str = ""

    def location(self, span: Span) -> SourceLocation:
        """Where ``span`` lies: in its own file when it came from another one."""
        return SourceLocation(span.file or self.path, span, self.owner, self.unit)

    def string(self, node: Node) -> Located[str]:
        """A scalar as text (booleans as ``true``/``false``), or why it is not one."""
        value = self.resolve(node)
        if isinstance(value, Unresolved):
            return Located(value, self.location(node.span))
        if isinstance(value, Scalar) and value.value is not None:
            raw = value.value
            text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw)
            return Located(text, self.location(value.span))
        return Located(Unresolved(_kind(value), "expected a string"), self.location(node.span))

    def boolean(self, node: Node) -> Located[bool]:
        """A boolean; the strings ``true`` and ``false`` count, as CloudFormation takes them."""
        text = self.string(node)
        known = text.value
        if isinstance(known, Unresolved):
            return Located(known, text.location)
        if known in _TRUE:
            return Located(True, text.location)
        if known in _FALSE:
            return Located(False, text.location)
        return Located(Unresolved(known, "expected true or false"), text.location)

    def integer(self, node: Node) -> Located[int]:
        """A whole number, written as a number or a string of digits."""
        text = self.string(node)
        known = text.value
        if isinstance(known, Unresolved):
            return Located(known, text.location)
        try:
            return Located(int(known), text.location)
        except ValueError:
            return Located(Unresolved(known, "expected a whole number"), text.location)

    def strings(self, node: Node) -> tuple[Located[str], ...]:
        """A list of strings (a single string counts as a list of one)."""
        value = self.resolve(node)
        if isinstance(value, Unresolved):
            return (Located(value, self.location(node.span)),)
        items = value.items if isinstance(value, Sequence) else (value,)
        return tuple(self.string(item) for item in items)


def _kind(node: Node) -> str:
    return type(node).__name__.lower()
