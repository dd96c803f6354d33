"""Terraform JSON syntax (``.tf.json``) read into the same body as native syntax."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.diagnostics import InputError
from policyguard.location import Span
from policyguard.parse.hcl.converter import Converter
from policyguard.parse.hcl.locator import Locator, line_starts_of
from policyguard.parse.hcl.templates import template_of
from policyguard.parse.json_text import parse_json
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Comment,
    Entry,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Template,
)

_JSON_LABELS = {
    "resource": 2,
    "data": 2,
    "module": 1,
    "provider": 1,
    "variable": 1,
    "output": 1,
    "check": 1,
}
_JSON_COMMENT = "//"


def parse_tf_json(text: str) -> tuple[Body, tuple[Comment, ...]]:
    """Parse Terraform JSON syntax (``.tf.json``) into the same body as :func:`parse_hcl`.

    Known top-level keys become blocks with their labels (``resource`` and ``data`` two, ``module``,
    ``provider``, ``variable``, ``output`` and ``check`` one, anything else none); everything inside
    a block is an attribute, nested blocks included (JSON cannot tell them apart without the
    provider schema). Strings holding ``${`` or ``%{`` become templates whose nodes all carry the
    string's span. ``"//"`` keys at block level and above are the comments.
    """
    root = parse_json(text)
    if not isinstance(root, Mapping):
        raise InputError("a Terraform JSON file must hold a JSON object", root.span)
    reader = _JsonReader(line_starts_of(text), text)
    blocks = tuple(reader.file_blocks(root))
    return Body((), blocks, root.span), tuple(sorted(reader.comments, key=lambda c: c.span))


class _JsonReader:
    """Builds blocks from a parsed ``.tf.json`` document, collecting ``"//"`` comments."""

    def __init__(self, line_starts: tuple[int, ...], text: str) -> None:
        self.line_starts = line_starts
        self.text = text
        self.comments: list[Comment] = []

    def file_blocks(self, root: Mapping) -> Iterator[Block]:
        for entry in self.entries(root):
            labels = _JSON_LABELS.get(entry.key, 0)
            yield from self.blocks(entry.key, entry.value, labels, (), entry.key_span)

    def blocks(
        self, kind: str, value: Node, missing: int, labels: tuple[str, ...], header: Span
    ) -> Iterator[Block]:
        """The blocks of ``kind`` in ``value``, ``missing`` labels still to come."""
        if isinstance(value, Sequence):
            for item in value.items:
                yield from self.blocks(kind, item, missing, labels, header)
            return
        if not isinstance(value, Mapping):
            raise InputError(f"expected a JSON object for a {kind} block", value.span)
        if not missing:
            yield Block(kind, labels, self.body(value), header.covering(value.span), header)
            return
        for entry in self.entries(value):
            yield from self.blocks(
                kind, entry.value, missing - 1, (*labels, entry.key), entry.key_span
            )

    def body(self, mapping: Mapping) -> Body:
        attributes = tuple(
            Attribute(
                entry.key,
                entry.key_span,
                self.value(entry.value),
                entry.key_span.covering(entry.value.span),
            )
            for entry in self.entries(mapping)
        )
        return Body(attributes, (), mapping.span)

    def entries(self, mapping: Mapping) -> Iterator[Entry]:
        """The entries of ``mapping``, ``"//"`` comments set aside."""
        for entry in mapping.entries:
            if entry.key != _JSON_COMMENT:
                yield entry
            elif isinstance(entry.value, Scalar):
                self.comments.append(
                    Comment(str(entry.value.value), entry.key_span.covering(entry.value.span))
                )

    def value(self, node: Node) -> Node:
        """``node`` with its strings read as templates."""
        if isinstance(node, Mapping):
            entries = tuple(Entry(e.key, e.key_span, self.value(e.value)) for e in node.entries)
            return Mapping(entries, node.span)
        if isinstance(node, Sequence):
            return Sequence(tuple(self.value(item) for item in node.items), node.span)
        if isinstance(node, Scalar) and isinstance(node.value, str):
            return self.string(node.value, node.span)
        return node

    def string(self, value: str, span: Span) -> Scalar | Template:
        if "${" not in value and "%{" not in value:
            return Scalar(value, span)
        converter = Converter(value, Locator(self.line_starts, fixed=span))
        parts = converter.template_parts(value, 0, 0, 1)
        start = self.line_starts[span.start_line - 1] + span.start_column - 1
        end = self.line_starts[span.end_line - 1] + span.end_column - 1
        return template_of(parts, span, self.text[start:end])
