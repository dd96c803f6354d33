"""``dynamic`` blocks expanded into the blocks they generate."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Entry,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Variable,
)
from policyguard.resolve.hcl_eval import Names, evaluate
from policyguard.resolve.hcl_functions import unwrap, wrap


def expand_dynamic_blocks(body: Body, names: Names) -> Body:
    """``body`` with each ``dynamic "X"`` block replaced by the ``X`` blocks it generates.

    Attributes of generated blocks are evaluated with the iterator in scope; a value that
    stays unknown keeps its expression. An unknown ``for_each`` generates one block whose
    iterator values are unknown.
    """
    blocks: list[Block] = []
    for block in body.blocks:
        if block.type == "dynamic" and len(block.labels) == 1:
            blocks.extend(_generate(block, names))
        else:
            blocks.append(_with_body(block, expand_dynamic_blocks(block.body, names)))
    return Body(body.attributes, tuple(blocks), body.span)


def _generate(dynamic: Block, names: Names) -> list[Block]:
    contents = dynamic.body.blocks_of("content")
    for_each = dynamic.body.attribute("for_each")
    if not contents or for_each is None:
        return []
    iterator = _iterator_name(dynamic)
    collection = evaluate(for_each.value, names)
    if isinstance(collection, Mapping):
        pairs = [(Scalar(e.key, e.key_span), e.value) for e in collection.entries]
    elif isinstance(collection, Sequence):
        pairs = [(Scalar(i, item.span), item) for i, item in enumerate(collection.items)]
    else:
        return [_with_body(contents[0], contents[0].body, dynamic)]
    return [
        _with_body(
            contents[0], _evaluated(contents[0].body, _Iterator(names, iterator, k, v)), dynamic
        )
        for k, v in pairs
    ]


def _iterator_name(dynamic: Block) -> str:
    iterator = dynamic.body.attribute("iterator")
    if iterator is not None and isinstance(iterator.value, Variable):
        return iterator.value.name
    return dynamic.labels[0]


def _evaluated(body: Body, names: Names) -> Body:
    """``body`` of generated content, with every attribute, in nested blocks too, evaluated
    while the iterator is in scope."""
    attributes = tuple(
        Attribute(a.name, a.name_span, wrap(evaluate(a.value, names), a.value.span), a.span)
        for a in body.attributes
    )
    blocks: list[Block] = []
    for block in body.blocks:
        if block.type == "dynamic" and len(block.labels) == 1:
            blocks.extend(_generate(block, names))
        else:
            blocks.append(_with_body(block, _evaluated(block.body, names)))
    return Body(attributes, tuple(blocks), body.span)


def _with_body(block: Block, body: Body, dynamic: Block | None = None) -> Block:
    if dynamic is None:
        return Block(block.type, block.labels, body, block.span, block.header)
    return Block(dynamic.labels[0], (), body, block.span, dynamic.header)


@dataclass(frozen=True)
class _Iterator:
    """Names with a dynamic block's iterator (``statement.key``, ``statement.value``) added."""

    names: Names
    name: str
    key: Node
    value: Node

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        if root != self.name:
            return self.names.lookup(root, name, span)
        if name == "key":
            return unwrap(self.key)
        if name == "value":
            return unwrap(self.value)
        return Mapping((Entry("key", span, self.key), Entry("value", span, self.value)), span)

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        return self.names.read_file(path, span)
