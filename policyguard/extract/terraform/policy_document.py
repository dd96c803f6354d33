"""``data "aws_iam_policy_document"`` blocks as the JSON-shaped tree a policy is read from.

The data source is IAM JSON written as HCL blocks; turning it into the same shape as a
``jsonencode`` policy lets one reader handle both, while every element keeps the position
where it is written in the data block.
"""

from __future__ import annotations

from collections.abc import Callable

from policyguard.diagnostics import InputError
from policyguard.model.values import Unresolved
from policyguard.parse.json_text import parse_json_at
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
from policyguard.resolve.hcl_functions import source_text

_ELEMENTS = {
    "sid": "Sid",
    "effect": "Effect",
    "actions": "Action",
    "not_actions": "NotAction",
    "resources": "Resource",
    "not_resources": "NotResource",
}
_PRINCIPALS = {"principals": "Principal", "not_principals": "NotPrincipal"}
DEFAULT_VERSION = "2012-10-17"
"""The ``Version`` Terraform writes when a policy document does not say."""
_SOURCES = ("source_policy_documents", "source_json")
_OVERRIDES = ("override_policy_documents", "override_json")

Evaluate = Callable[[Node], "Node | Unresolved"]


def policy_tree(block: Block, evaluate: Evaluate) -> Mapping:
    """The policy document that ``block`` (a data source body) renders.

    ``Version`` defaults to 2012-10-17, as Terraform renders it. Documents merged in by
    ``source_policy_documents`` (``source_json``) come first, replaced
    by this block's statements of the same ``Sid``; ``override_policy_documents``
    (``override_json``) statements then replace those of the same ``Sid`` or are appended.
    A merged document that is not known becomes one statement that stays unknown.
    """
    body = block.body
    version = body.attribute("version")
    written = version.value if version is not None else None
    entries = [
        Entry(
            "Version",
            version.name_span if version is not None else block.header,
            written if written is not None else Scalar(DEFAULT_VERSION, block.header),
        )
    ]
    statements = _merged(_documents(body, _SOURCES, evaluate), [])
    own: list[Node] = [_statement(statement, evaluate) for statement in body.blocks_of("statement")]
    statements = _merged(own, statements)
    statements = _merged(_documents(body, _OVERRIDES, evaluate), statements)
    entries.append(Entry("Statement", block.header, Sequence(tuple(statements), block.span)))
    return Mapping(tuple(entries), block.span)


def _documents(body: Body, names: tuple[str, ...], evaluate: Evaluate) -> list[Node]:
    """The statements of the documents merged in through the attributes ``names``."""
    statements: list[Node] = []
    for name in names:
        attribute = body.attribute(name)
        if attribute is None:
            continue
        value = evaluate(attribute.value)
        items = value.items if isinstance(value, Sequence) else (value,)
        for item in items:
            document = item if isinstance(item, Unresolved) else evaluate(item)
            statements.extend(_statements_of(document, attribute))
    return statements


def _statements_of(document: Node | Unresolved, attribute: Attribute) -> list[Node]:
    if isinstance(document, Scalar) and isinstance(document.value, str):
        try:
            document = parse_json_at(document.value, document.span)
        except InputError:
            document = Unresolved(
                source_text(attribute.value), "a merged document is not valid JSON"
            )
    if isinstance(document, Mapping):
        found = document.get("Statement")
        if isinstance(found, Sequence):
            return list(found.items)
        return [found] if found is not None else []
    return [Expression(source_text(attribute.value), attribute.value.span)]


def _merged(statements: list[Node], base: list[Node]) -> list[Node]:
    """``base`` with the statements of ``statements`` replacing those of the same Sid."""
    result = list(base)
    for statement in statements:
        sid = _sid(statement)
        same = next((i for i, s in enumerate(result) if sid and _sid(s) == sid), None)
        if same is None:
            result.append(statement)
        else:
            result[same] = statement
    return result


def _sid(statement: Node) -> str | None:
    if not isinstance(statement, Mapping):
        return None
    sid = statement.get("Sid")
    return sid.value if isinstance(sid, Scalar) and isinstance(sid.value, str) else None


def _statement(block: Block, evaluate: Evaluate) -> Mapping:
    """One ``statement`` block as a JSON statement; arguments set to ``null`` are omitted."""
    entries = [
        Entry(_ELEMENTS[attribute.name], attribute.name_span, attribute.value)
        for attribute in block.body.attributes
        if attribute.name in _ELEMENTS and not _is_null(attribute.value, evaluate)
    ]
    if not any(entry.key == "Effect" for entry in entries):
        entries.append(Entry("Effect", block.header, Scalar("Allow", block.header)))
    for block_type, key in _PRINCIPALS.items():
        principals = block.body.blocks_of(block_type)
        if principals:
            entries.append(Entry(key, principals[0].header, _principals(principals, evaluate)))
    conditions = block.body.blocks_of("condition")
    if conditions:
        entries.append(Entry("Condition", conditions[0].header, _conditions(conditions, evaluate)))
    return Mapping(tuple(entries), block.span)


def _is_null(node: Node, evaluate: Evaluate) -> bool:
    value = evaluate(node)
    return isinstance(value, Scalar) and value.value is None


def _principals(blocks: tuple[Block, ...], evaluate: Evaluate) -> Mapping:
    """``principals { type, identifiers }`` blocks as ``{"AWS": [...], "Service": [...]}``."""
    return Mapping(
        tuple(
            Entry(_text(evaluate(kind.value)), kind.span, identifiers.value)
            for block in blocks
            if (kind := block.body.attribute("type")) is not None
            and (identifiers := block.body.attribute("identifiers")) is not None
        ),
        blocks[0].span.covering(blocks[-1].span),
    )


def _conditions(blocks: tuple[Block, ...], evaluate: Evaluate) -> Mapping:
    """``condition { test, variable, values }`` blocks as ``{test: {variable: values}}``."""
    entries = []
    for block in blocks:
        test, variable, values = (block.body.attribute(n) for n in ("test", "variable", "values"))
        if test is None or variable is None or values is None:
            continue
        key = _text(evaluate(variable.value))
        inner = Mapping((Entry(key, variable.span, values.value),), block.span)
        entries.append(Entry(_text(evaluate(test.value)), test.span, inner))
    return Mapping(tuple(entries), blocks[0].span.covering(blocks[-1].span))


def _attributes(body: Body, name: str) -> list[Attribute]:
    attribute = body.attribute(name)
    return [attribute] if attribute is not None else []


def _text(value: Node | Unresolved) -> str:
    """A key written as (or evaluated to) a string; anything else keeps a marker that matches
    no real operator, type or condition key, so the condition stays unknown."""
    if isinstance(value, Scalar) and isinstance(value.value, str):
        return value.value
    if isinstance(value, Unresolved):
        return f"<{value.expression}>"
    return f"<{type(value).__name__.lower()}>"
