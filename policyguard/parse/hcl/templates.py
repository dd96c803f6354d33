"""The pieces of HCL templates (interpolations, directives, literals) and the text rules they
follow: strip markers, ``<<-`` indentation, nested braces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from policyguard.location import Span
from policyguard.parse.tree import Node, Scalar, Template, TextOrigin


@dataclass(frozen=True, slots=True)
class TemplateSequence:
    """An interpolation or directive of a template (offsets into the converter's text).

    ``strip_before`` and ``strip_after`` are the ``~`` after its opening and before its
    closing brace.
    """

    keyword: str
    start: int
    end: int
    strip_before: bool
    strip_after: bool


@dataclass(frozen=True, slots=True)
class ExpressionSequence(TemplateSequence):
    """An interpolation (keyword ``${``), ``if`` or ``for``; ``expression`` converts its
    expression at the level given."""

    expression: Callable[[int], Node]
    key_name: str | None = None
    value_name: str = ""


TemplateItem: TypeAlias = "Scalar | TemplateSequence"


@dataclass(slots=True)
class OpenDirective:
    """An ``if`` or ``for`` directive whose end is still to come, with the parts read since."""

    sequence: ExpressionSequence
    expression: Node
    body_start: int
    parts: list[Node] = field(default_factory=list)
    true: Scalar | Template | None = None

    def can_take_else(self) -> bool:
        return self.sequence.keyword == "if" and self.true is None


def stripped(items: list[TemplateItem]) -> list[TemplateItem]:
    """``items`` with strip markers applied to the literals next to them, empty ones dropped.

    As in HCL, the whitespace is removed from the literal's value; its span stays the written
    text.
    """
    result: list[TemplateItem] = []
    for index, item in enumerate(items):
        if not isinstance(item, Scalar):
            result.append(item)
            continue
        before = items[index - 1] if index else None
        after = items[index + 1] if index + 1 < len(items) else None
        value = str(item.value)
        if isinstance(before, TemplateSequence) and before.strip_after:
            value = value.lstrip()
        if isinstance(after, TemplateSequence) and after.strip_before:
            value = value.rstrip()
        if value:
            result.append(replace(item, value=value))
    return result


def template_of(
    parts: list[Node], span: Span, text: str, origin: TextOrigin | None = None
) -> Scalar | Template:
    """A :class:`Scalar` when ``parts`` are at most one literal, else a :class:`Template`."""
    if not parts:
        return Scalar("", span, origin)
    if len(parts) == 1 and isinstance(parts[0], Scalar):
        return Scalar(parts[0].value, span, origin)
    return Template(tuple(parts), span, text, origin)


def common_indent(raw: str) -> int:
    """How much leading whitespace all non-blank lines share (what ``<<-`` strips)."""
    indents = [len(line) - len(line.lstrip(" \t")) for line in raw.split("\n") if line.strip()]
    return min(indents, default=0)


def dedent(text: str, indent: int) -> str:
    """``text`` with the indentation ``<<-`` strips removed from every line."""
    return "\n".join(line[indent_of(line, indent) :] for line in text.split("\n"))


def indent_of(line: str, indent: int) -> int:
    """How many leading blanks of ``line`` are stripped: ``indent`` at most."""
    return min(indent, len(line) - len(line.lstrip(" \t")))


def closing_brace(text: str, start: int) -> int:
    """The offset of the ``}`` closing a template sequence whose content starts at ``start``.

    Braces nest, and so do quoted strings with their own sequences; -1 when unterminated.
    """
    stack = ["{"]
    position = start
    while position < len(text):
        char = text[position]
        if stack[-1] == '"':
            if char == "\\":
                position += 1
            elif char == '"':
                stack.pop()
            elif text.startswith(("${", "%{"), position):
                stack.append("{")
                position += 1
        elif char in '"{':
            stack.append(char)
        elif char == "}":
            stack.pop()
            if not stack:
                return position
        position += 1
    return -1
