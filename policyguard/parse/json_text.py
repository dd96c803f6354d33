"""A JSON parser that keeps positions, for policy documents written as JSON text.

Policies arrive as JSON inside heredocs, quoted strings and CloudFormation string properties;
``json`` drops positions, so this small recursive-descent parser builds :mod:`tree` nodes with
spans instead. Nesting is bounded.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import NoReturn

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence, TextOrigin

MAX_DEPTH = 100

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_LITERALS = {"true": True, "false": False, "null": None}


def parse_json(
    text: str, origin: TextOrigin | None = None, trailing_commas: list[Span] | None = None
) -> Node:
    """Parse ``text``; positions count from ``origin`` (where the text starts in its file).

    Raises :class:`InputError` with the position of malformed JSON. With a
    ``trailing_commas`` list, a comma before a closing bracket is accepted and its span added
    to the list (policies written by hand often have one).
    """
    return _Parser(text, origin or TextOrigin(1, 1), trailing_commas).document()


def parse_json_at(text: str, span: Span, trailing_commas: list[Span] | None = None) -> Node:
    """Parse ``text`` whose characters cannot be mapped back to the file one by one (an escaped
    string): every node gets ``span``, the span of the string that holds it."""
    found: list[Span] = []
    node = _flatten(parse_json(text, None, found if trailing_commas is not None else None), span)
    if trailing_commas is not None:
        trailing_commas.extend(span for _ in found)
    return node


def _flatten(node: Node, span: Span) -> Node:
    if isinstance(node, Mapping):
        entries = tuple(Entry(e.key, span, _flatten(e.value, span)) for e in node.entries)
        return Mapping(entries, span)
    if isinstance(node, Sequence):
        return Sequence(tuple(_flatten(item, span) for item in node.items), span)
    return Scalar(node.value, span) if isinstance(node, Scalar) else node


class _Parser:
    def __init__(self, text: str, origin: TextOrigin, trailing_commas: list[Span] | None) -> None:
        self.text = text
        self.pos = 0
        self.origin = origin
        self.trailing_commas = trailing_commas
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def document(self) -> Node:
        self.skip_whitespace()
        node = self.value(0)
        self.skip_whitespace()
        if self.pos != len(self.text):
            self.fail("unexpected text after the JSON value")
        return node

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"JSON nested deeper than {MAX_DEPTH} levels", self.span(self.pos))
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self.mapping(depth)
        if char == "[":
            return self.sequence(depth)
        if char == '"':
            start = self.pos
            return Scalar(self.string(), self.span(start, self.pos))
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                start, self.pos = self.pos, self.pos + len(word)
                return Scalar(literal, self.span(start, self.pos))
        match = _NUMBER.match(self.text, self.pos)
        if match is None:
            self.fail("expected a JSON value")
        self.pos = match.end()
        text = match.group()
        number = float(text) if any(c in text for c in ".eE") else int(text)
        return Scalar(number, self.span(match.start(), match.end()))

    def mapping(self, depth: int) -> Mapping:
        start = self.pos
        self.pos += 1
        entries: list[Entry] = []
        self.skip_whitespace()
        if self.take("}"):
            return Mapping((), self.span(start, self.pos))
        while True:
            self.skip_whitespace()
            if self.text[self.pos : self.pos + 1] != '"':
                self.fail("expected a quoted key")
            key_start = self.pos
            key = self.string()
            key_span = self.span(key_start, self.pos)
            self.skip_whitespace()
            if not self.take(":"):
                self.fail("expected ':' after the key")
            self.skip_whitespace()
            entries.append(Entry(key, key_span, self.value(depth + 1)))
            self.skip_whitespace()
            if self.take("}"):
                return Mapping(tuple(entries), self.span(start, self.pos))
            if not self.take(","):
                self.fail("expected ',' or '}'")
            if self.closes_after_comma("}"):
                return Mapping(tuple(entries), self.span(start, self.pos))

    def sequence(self, depth: int) -> Sequence:
        start = self.pos
        self.pos += 1
        items: list[Node] = []
        self.skip_whitespace()
        if self.take("]"):
            return Sequence((), self.span(start, self.pos))
        while True:
            self.skip_whitespace()
            items.append(self.value(depth + 1))
            self.skip_whitespace()
            if self.take("]"):
                return Sequence(tuple(items), self.span(start, self.pos))
            if not self.take(","):
                self.fail("expected ',' or ']'")
            if self.closes_after_comma("]"):
                return Sequence(tuple(items), self.span(start, self.pos))

    def closes_after_comma(self, closing: str) -> bool:
        """Whether a trailing comma (when accepted) is followed by ``closing``, taken."""
        if self.trailing_commas is None:
            return False
        comma = self.pos - 1
        self.skip_whitespace()
        if not self.take(closing):
            return False
        self.trailing_commas.append(self.span(comma, comma + 1))
        return True

    def string(self) -> str:
        match = _STRING.match(self.text, self.pos)
        if not match:
            self.fail("malformed string")
        self.pos = match.end()
        decoded: str = json.loads(match.group())
        return decoded

    def take(self, char: str) -> bool:
        if self.text.startswith(char, self.pos):
            self.pos += len(char)
            return True
        return False

    def skip_whitespace(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index] + 1
        column += self.origin.column - 1 if index == 0 else self.origin.indent
        return self.origin.line + index, column

    def span(self, start: int, end: int | None = None) -> Span:
        return Span(*self.position(start), *self.position(start if end is None else end))

    def fail(self, reason: str) -> NoReturn:
        line, column = self.position(self.pos)
        raise InputError(
            f"malformed JSON: {reason} at line {line} column {column}",
            Span(line, column, line, column + 1),
        )
