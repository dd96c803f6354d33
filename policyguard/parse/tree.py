"""The format-neutral syntax tree that parsers produce: every node carries its span.

Terraform files become a :class:`Body` of :class:`Attribute` and :class:`Block` nodes;
CloudFormation templates and JSON policy texts become :class:`Mapping`, :class:`Sequence` and
:class:`Scalar` nodes. Expressions a parser does not evaluate stay structured (:class:`Call`,
:class:`Template`) or raw (:class:`Expression`) so that extraction can resolve them or say why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from policyguard.location import Span

ScalarValue: TypeAlias = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class TextOrigin:
    """Where a string's text lies in the file, when its lines map one to one onto file lines.

    Heredocs and block scalars have one: the first character of the text is at ``line`` and
    ``column``; every later line of the text starts at column ``indent + 1`` of its file line
    (``indent`` is what a ``<<-`` heredoc or a YAML block scalar strips).
    """

    line: int
    column: int
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Scalar:
    """A literal string, number, boolean or null; ``origin`` as in :class:`TextOrigin`."""

    value: ScalarValue
    span: Span
    origin: TextOrigin | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One key and value of a :class:`Mapping`."""

    key: str
    key_span: Span
    value: Node


@dataclass(frozen=True, slots=True)
class Mapping:
    """An object, dictionary or HCL object constructor, entries in source order."""

    entries: tuple[Entry, ...]
    span: Span

    def get(self, key: str) -> Node | None:
        """The value of ``key``, or ``None``."""
        entry = self.entry(key)
        return entry.value if entry is not None else None

    def entry(self, key: str) -> Entry | None:
        """The entry for ``key`` (the last one when a key repeats), or ``None``."""
        found = None
        for entry in self.entries:
            if entry.key == key:
                found = entry
        return found


@dataclass(frozen=True, slots=True)
class Sequence:
    """A list or tuple."""

    items: tuple[Node, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    """An HCL function call such as ``jsonencode({...})``."""

    name: str
    args: tuple[Node, ...]
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Template:
    """A string with interpolations: literal :class:`Scalar` parts and expression parts."""

    parts: tuple[Node, ...]
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Expression:
    """An expression kept as its source text (a reference, an operator, a ``for`` expression)."""

    text: str
    span: Span


Node: TypeAlias = Scalar | Mapping | Sequence | Call | Template | Expression


@dataclass(frozen=True, slots=True)
class Attribute:
    """``name = value`` in a Terraform body."""

    name: str
    name_span: Span
    value: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Block:
    """``type "label" ... { body }``; ``span`` covers the block, ``header`` its first line."""

    type: str
    labels: tuple[str, ...]
    body: Body
    span: Span
    header: Span


@dataclass(frozen=True, slots=True)
class Body:
    """The attributes and nested blocks of a file or block, each in source order."""

    attributes: tuple[Attribute, ...]
    blocks: tuple[Block, ...]
    span: Span

    def attribute(self, name: str) -> Attribute | None:
        """The attribute called ``name``, or ``None``."""
        return next((a for a in self.attributes if a.name == name), None)

    def blocks_of(self, block_type: str) -> tuple[Block, ...]:
        """The nested blocks of ``block_type``, in source order."""
        return tuple(b for b in self.blocks if b.type == block_type)


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment and its span (suppressions are read from these)."""

    text: str
    span: Span
