"""``data "aws_iam_policy_document"`` blocks as the JSON-shaped tree a policy is read from.

The data source is IAM JSON written as HCL blocks; turning it into the same shape as a
``jsonencode`` policy lets one reader handle both, while every element keeps the position
where it is written in the data block.
"""

from __future__ import annotations

from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Entry,
    Expression,
    Mapping,
    Node,
    Scalar,
    Sequence,
)

_ELEMENTS = {
    "sid": "Sid",
    "effect": "Effect",
    "actions": "Action",
    "not_actions": "NotAction",
    "resources": "Resource",
    "not_resources": "NotResource",
}
_PRINCIPALS = {"principals": "Principal", "not_principals": "NotPrincipal"}
_MERGED = ("source_policy_documents", "override_policy_documents", "source_json", "override_json")
"""Arguments that merge other documents in; this version does not evaluate them."""


def policy_tree(block: Block) -> Mapping:
    """The policy document that ``block`` (a data source body) renders."""
    entries = [
        Entry("Version", attribute.name_span, attribute.value)
        for attribute in _attributes(block.body, "version")
    ]
    statements: tuple[Node, ...] = tuple(
        _statement(statement) for statement in block.body.blocks_of("statement")
    )
    statements += tuple(
        Expression(f"{attribute.name} = {_source(attribute)}", attribute.span)
        for name in _MERGED
        for attribute in _attributes(block.body, name)
    )
    entries.append(Entry("Statement", block.header, Sequence(statements, block.span)))
    return Mapping(tuple(entries), block.span)


def _statement(block: Block) -> Mapping:
    entries = [
        Entry(_ELEMENTS[attribute.name], attribute.name_span, attribute.value)
        for attribute in block.body.attributes
        if attribute.name in _ELEMENTS
    ]
    if block.body.attribute("effect") is None:
        entries.append(Entry("Effect", block.header, Scalar("Allow", block.header)))
    for block_type, key in _PRINCIPALS.items():
        principals = block.body.blocks_of(block_type)
        if principals:
            entries.append(Entry(key, principals[0].header, _principals(principals)))
    conditions = block.body.blocks_of("condition")
    if conditions:
        entries.append(Entry("Condition", conditions[0].header, _conditions(conditions)))
    return Mapping(tuple(entries), block.span)


def _principals(blocks: tuple[Block, ...]) -> Mapping:
    """``principals { type, identifiers }`` blocks as ``{"AWS": [...], "Service": [...]}``."""
    return Mapping(
        tuple(
            Entry(_text(kind.value), kind.span, identifiers.value)
            for block in blocks
            if (kind := block.body.attribute("type")) is not None
            and (identifiers := block.body.attribute("identifiers")) is not None
        ),
        blocks[0].span.covering(blocks[-1].span),
    )


def _conditions(blocks: tuple[Block, ...]) -> Mapping:
    """``condition { test, variable, values }`` blocks as ``{test: {variable: values}}``."""
    entries = []
    for block in blocks:
        test, variable, values = (block.body.attribute(n) for n in ("test", "variable", "values"))
        if test is None or variable is None or values is None:
            continue
        inner = Mapping((Entry(_text(variable.value), variable.span, values.value),), block.span)
        entries.append(Entry(_text(test.value), test.span, inner))
    return Mapping(tuple(entries), blocks[0].span.covering(blocks[-1].span))


def _attributes(body: Body, name: str) -> list[Attribute]:
    attribute = body.attribute(name)
    return [attribute] if attribute is not None else []


def _source(attribute: Attribute) -> str:
    value = attribute.value
    return getattr(value, "text", type(value).__name__.lower())


def _text(node: Node) -> str:
    """A key written as a literal; anything else keeps a marker that matches no real key."""
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    return f"<{type(node).__name__.lower()}>"
