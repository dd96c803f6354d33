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
    """An HCL function call such as ``jsonencode({...})``; ``expand`` marks ``f(list...)``."""

    name: str
    args: tuple[Node, ...]
    span: Span
    text: str
    expand: bool = False


@dataclass(frozen=True, slots=True)
class Template:
    """A string with interpolations: literal :class:`Scalar` parts and expression parts.

    ``origin`` is set for heredocs, as on :class:`Scalar`.
    """

    parts: tuple[Node, ...]
    span: Span
    text: str
    origin: TextOrigin | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """An expression kept as its source text, for syntax no richer node describes."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Variable:
    """A bare name: the start of a reference (``var``, ``local``, ``aws_s3_bucket``, ``each``)
    or a ``for`` expression's iteration variable."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Index:
    """``[key]`` (``.0`` in legacy syntax) in a traversal."""

    key: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Splat:
    """``[*]`` (``full``) or ``.*`` in a traversal: the steps after it apply to every element."""

    full: bool
    span: Span


Step: TypeAlias = "str | Index | Splat"
"""One step of a traversal: an attribute name, an index or a splat."""


@dataclass(frozen=True, slots=True)
class Traversal:
    """``source`` followed by steps: ``var.x``, ``aws_s3_bucket.b.arn``, ``local.m["k"][0]``,
    ``aws_iam_role.r[*].arn``, ``func()[0]``."""

    source: Node
    steps: tuple[Step, ...]
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Conditional:
    """``condition ? true : false`` (also ``%{ if }`` template directives)."""

    condition: Node
    true: Node
    false: Node
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Operation:
    """A unary (``!x``, ``-x``) or binary (``a == b``, ``a && b``, ``a + b``) operation."""

    operator: str
    operands: tuple[Node, ...]
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class ForExpression:
    """``[for k, v in coll : value if cond]`` or ``{for k, v in coll : key => value...}``.

    ``key`` is set for object results; ``grouping`` marks ``...``. In templates,
    ``%{ for v in coll }body%{ endfor }`` is a ForExpression whose ``value`` is the body and
    whose results are concatenated (``template`` true).
    """

    key_name: str | None
    value_name: str
    collection: Node
    key: Node | None
    value: Node
    condition: Node | None
    grouping: bool
    template: bool
    span: Span
    text: str


Node: TypeAlias = (
    Scalar
    | Mapping
    | Sequence
    | Call
    | Template
    | Expression
    | Variable
    | Traversal
    | Conditional
    | Operation
    | ForExpression
)


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
