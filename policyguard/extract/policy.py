"""Policy documents from syntax trees, shared by every format.

A document arrives as a mapping or as a string of JSON (a heredoc, a quoted string, a
CloudFormation string property); either way it becomes a :class:`PolicyDocument` down to the
statement and the element, or a document that says why it could not be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel, InputError
from policyguard.extract.values import Resolver, ValueReader
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import (
    Condition,
    Effect,
    Element,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.values import Located, Unresolved
from policyguard.parse.json_text import parse_json, parse_json_at
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence


def read_policy(
    values: ValueReader,
    node: Node,
    *,
    kind: PolicyKind,
    name: str,
    diagnostics: list[Diagnostic],
) -> PolicyDocument:
    """The document written at ``node``; problems reading it are added to ``diagnostics``.

    A document that cannot be read is returned with ``unresolved`` set and no statements:
    malformed JSON is an error diagnostic, a value not resolved statically a note.
    """
    trailing_commas: list[Span] = []
    try:
        value = _document_node(values, node, trailing_commas)
    except InputError as error:
        diagnostics.append(
            Diagnostic(
                values.path,
                error.span or node.span,
                error.diagnostic_id,
                f"policy {name!r} of {values.owner} is not valid JSON: {error.message}",
            )
        )
        value = Unresolved(_excerpt(values.string(node).describe()), "not valid JSON")
        return PolicyDocument(
            kind, values.owner, name, values.location(node.span), unresolved=value
        )
    diagnostics.extend(
        Diagnostic(
            values.path,
            comma,
            DiagnosticId.PARSE_ERROR,
            f"policy {name!r} of {values.owner} has a trailing comma, which is not JSON; "
            "it was read as if the comma were absent",
            DiagnosticLevel.WARNING,
        )
        for comma in trailing_commas
    )
    if isinstance(value, Unresolved) and (holed := _with_holes(value, node)) is not None:
        value, values = holed[0], replace(values, resolve=holed[1](values.resolve))
    location = values.location(value.span if isinstance(value, Mapping) else node.span)
    if isinstance(value, Unresolved):
        diagnostics.append(
            Diagnostic(
                values.path,
                node.span,
                DiagnosticId.NOT_RESOLVED,
                f"policy {name!r} of {values.owner} is not checked: {value.reason} "
                f"({_excerpt(value.expression)})",
                DiagnosticLevel.NOTE,
            )
        )
        return PolicyDocument(kind, values.owner, name, location, unresolved=value)
    return _Document(values).read(value, kind, name, location)


def _document_node(
    values: ValueReader, node: Node, trailing_commas: list[Span]
) -> Mapping | Unresolved:
    """The document as a mapping; ``InputError`` for a JSON string that is not valid JSON."""
    value = values.resolve(node)
    if isinstance(value, Scalar) and isinstance(value.value, str):
        text = value.value
        value = (
            parse_json(text, value.origin, trailing_commas)
            if value.origin is not None
            else parse_json_at(text, value.span, trailing_commas)
        )
    if isinstance(value, Unresolved | Mapping):
        return value
    return Unresolved(type(value).__name__.lower(), "the policy document is not a JSON object")


_HOLE = "\ue000"
"""Stands for an unknown piece of a policy text while the JSON around it is parsed."""


def _with_holes(
    value: Unresolved, node: Node
) -> tuple[Mapping, Callable[[Resolver], Resolver]] | None:
    """A policy text with unknown pieces (``"Resource": "arn:aws:s3:::${var.b}/*"``) as its
    JSON structure, and a resolver wrapper that turns each string holding an unknown piece
    into an :class:`Unresolved`. Elements are located at the text as a whole; ``None`` when
    the known pieces are not JSON around string values."""
    if not any(part and "{" in part for part in value.parts):
        return None
    text = "".join(_HOLE if part is None else part for part in value.parts)
    try:
        tree = parse_json_at(text, node.span)
    except InputError:
        return None
    if not isinstance(tree, Mapping) or _HOLE in "".join(_keys(tree)):
        return None

    def wrap(resolve: Resolver) -> Resolver:
        def resolved(element: Node) -> Node | Unresolved:
            if (
                isinstance(element, Scalar)
                and isinstance(element.value, str)
                and (_HOLE in element.value)
            ):
                pieces = element.value.split(_HOLE)
                parts = [p for piece in pieces for p in (piece, None)][:-1]
                return Unresolved.of_parts(
                    element.value.replace(_HOLE, "${…}"), value.reason, parts
                )
            return resolve(element)

        return resolved

    return tree, wrap


def _keys(node: Node) -> list[str]:
    if isinstance(node, Mapping):
        return [k for e in node.entries for k in (e.key, *_keys(e.value))]
    if isinstance(node, Sequence):
        return [k for item in node.items for k in _keys(item)]
    return []


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


@dataclass(frozen=True)
class _Document:
    values: ValueReader

    def read(
        self, mapping: Mapping, kind: PolicyKind, name: str, location: SourceLocation
    ) -> PolicyDocument:
        version_node = mapping.get("Version")
        version = self.values.string(version_node) if version_node is not None else None
        statement_node = mapping.get("Statement")
        statements = self.statements(statement_node) if statement_node is not None else ()
        return PolicyDocument(kind, self.values.owner, name, location, version, statements)

    def statements(self, node: Node) -> tuple[Statement, ...]:
        value = self.values.resolve(node)
        if isinstance(value, Unresolved):
            return (self.unreadable(0, node.span, value),)
        items = value.items if isinstance(value, Sequence) else (value,)
        result = []
        for index, item in enumerate(items):
            resolved = self.values.resolve(item)
            if isinstance(resolved, Mapping):
                result.append(self.statement(index, resolved))
            else:
                problem = (
                    resolved
                    if isinstance(resolved, Unresolved)
                    else Unresolved(type(resolved).__name__, "the statement is not an object")
                )
                result.append(self.unreadable(index, item.span, problem))
        return tuple(result)

    def unreadable(self, index: int, span: Span, problem: Unresolved) -> Statement:
        location = self.values.location(span)
        return Statement(location, index, None, Located(problem, location), unresolved=(problem,))

    def statement(self, index: int, mapping: Mapping) -> Statement:
        location = self.values.location(mapping.span)
        sid_node = mapping.get("Sid")
        sid = self.values.string(sid_node).known() if sid_node is not None else None
        conditions, unresolved = self.conditions(mapping.get("Condition"))
        return Statement(
            location=location,
            index=index,
            sid=sid,
            effect=self.effect(mapping, location),
            actions=self.elements(mapping.get("Action")),
            not_actions=self.elements(mapping.get("NotAction")),
            resources=self.elements(mapping.get("Resource")),
            not_resources=self.elements(mapping.get("NotResource")),
            principals=self.principals(mapping.get("Principal")),
            not_principals=self.principals(mapping.get("NotPrincipal")),
            conditions=conditions,
            unresolved=unresolved,
        )

    def effect(self, mapping: Mapping, statement: SourceLocation) -> Located[Effect]:
        node = mapping.get("Effect")
        if node is None:
            return Located(Unresolved("", "the statement has no Effect"), statement)
        text = self.values.string(node)
        known = text.value
        if isinstance(known, Unresolved):
            return Located(known, text.location)
        try:
            return Located(Effect(known), text.location)
        except ValueError:
            return Located(Unresolved(known, "Effect is neither Allow nor Deny"), text.location)

    def elements(self, node: Node | None) -> tuple[Element, ...] | None:
        return None if node is None else self.values.strings(node)

    def principals(self, node: Node | None) -> tuple[PrincipalElement, ...] | None:
        if node is None:
            return None
        value = self.values.resolve(node)
        if isinstance(value, Unresolved):
            return (PrincipalElement("*", value, self.values.location(node.span)),)
        if not isinstance(value, Mapping):  # "*", or a malformed string or list
            return tuple(
                PrincipalElement("*", text.value, text.location)
                for text in self.values.strings(value)
            )
        return tuple(
            PrincipalElement(entry.key, element.value, element.location)
            for entry in value.entries
            for element in self.values.strings(entry.value)
        )

    def conditions(self, node: Node | None) -> tuple[tuple[Condition, ...], tuple[Unresolved, ...]]:
        """The condition tests, and the parts of the block that could not be read."""
        if node is None:
            return (), ()
        value = self.values.resolve(node)
        if isinstance(value, Unresolved):
            return (), (value,)
        if not isinstance(value, Mapping):
            return (), (Unresolved(type(value).__name__, "Condition is not an object"),)
        tests: list[Condition] = []
        unresolved: list[Unresolved] = []
        for operator in value.entries:
            block = self.values.resolve(operator.value)
            if not isinstance(block, Mapping):
                unresolved.append(
                    block
                    if isinstance(block, Unresolved)
                    else Unresolved(operator.key, "condition operator without key and values")
                )
                continue
            for test in block.entries:
                span = test.key_span
                if test.value.span.file == span.file:
                    span = span.covering(test.value.span)
                tests.append(
                    Condition(
                        operator.key,
                        test.key,
                        self.values.strings(test.value),
                        self.values.location(span),
                    )
                )
        return tuple(tests), tuple(unresolved)
