"""Terraform files, native HCL and JSON syntax, into :mod:`policyguard.parse.tree` nodes.

The only module that imports ``hcl2`` and ``lark``. Native syntax is read by walking the Lark
tree of ``hcl2.parses_to_tree``: every token carries its offsets, so every node gets a span and
expressions keep their structure. Heredoc templates and Terraform JSON strings, whose
interpolations Lark does not split, are scanned here and each interpolation is parsed on its own.

Nesting deeper than :data:`MAX_DEPTH` levels of blocks and expressions raises
:class:`~policyguard.diagnostics.LimitExceeded`; expressions kept as source text (references,
operators, ``for`` expressions, parentheses) are not descended into and do not count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias, TypeGuard

import hcl2
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.parse.json_text import parse_json
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Call,
    Comment,
    Entry,
    Expression,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Template,
    TextOrigin,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

MAX_DEPTH = 100

_Branch: TypeAlias = "Tree[Token] | Token"

_NEWLINE = "NL_OR_COMMENT"
_COMMENT_MARKERS = ("#", "//", "/*")
_ESCAPES = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_SEQUENCE_START = re.compile(r"\$\$\{|%%\{|\$\{|%\{")
_LEXEME = re.compile(r"<<-?[A-Za-z][\w.-]*|[A-Za-z_][\w-]*|\d[\w.]*|[=!<>]=|&&|\|\||=>|\.\.\.|\S")
_EXPRESSION_STARTS = frozenset(
    {
        "DBLQUOTE", "FLOAT_LITERAL", "HEREDOC_TEMPLATE", "HEREDOC_TEMPLATE_TRIM", "LBRACE", "LPAR",
        "LSQB", "MINUS", "NAME", "NOT", "TEMPLATE_STRING",
    }
)  # fmt: skip
# What a parser state expects, as the words of an error message, in the order they are listed.
_EXPECTED = {
    "INT_LITERAL": "an expression",
    "$END": "an attribute or block",
    "EQ": "'='",
    "COLON": "':'",
    "COMMA": "','",
    "LBRACE": "'{'",
    "RPAR": "')'",
    "RSQB": "']'",
    "RBRACE": "'}'",
    "DBLQUOTE": "'\"'",
}
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
# The interpolation of a heredoc or JSON template is parsed as ``_ = (expression)``.
_WRAPPER = "_ = ("


def parse_hcl(text: str) -> tuple[Body, tuple[Comment, ...]]:
    """Parse Terraform native syntax: the file's body and its comments in source order.

    Raises :class:`InputError` with the position of malformed HCL.
    """
    locator = _Locator(_line_starts(text))
    tree = _parse(text, locator)
    body = _Converter(text, locator).file_body(tree)
    return body, tuple(_comments(tree, text, locator))


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
    reader = _JsonReader(_line_starts(text), text)
    blocks = tuple(reader.file_blocks(root))
    return Body((), blocks, root.span), tuple(sorted(reader.comments, key=lambda c: c.span))


@dataclass(frozen=True, slots=True)
class _Locator:
    """Turns offsets into the text being read into spans of the file.

    ``shift`` is where the text starts in the file (a reparsed interpolation); with ``fixed`` every
    span is that one (a JSON string, whose characters do not map back one by one).
    """

    line_starts: tuple[int, ...]
    shift: int = 0
    fixed: Span | None = None

    def span(self, start: int, end: int) -> Span:
        if self.fixed is not None:
            return self.fixed
        return Span(*self.position(start), *self.position(end))

    def position(self, offset: int) -> tuple[int, int]:
        offset += self.shift
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def origin(self, offset: int, indent: int) -> TextOrigin | None:
        """Where text starting at ``offset`` (a line start) and indented by ``indent`` lies."""
        if self.fixed is not None:
            return None
        line, column = self.position(offset)
        return TextOrigin(line, column + indent, indent)

    def shifted(self, offset: int) -> _Locator:
        return replace(self, shift=self.shift + offset)


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(match.end() for match in re.finditer("\n", text)))


class _Converter:
    """Builds tree nodes from the Lark tree of ``text``."""

    def __init__(self, text: str, locator: _Locator) -> None:
        self.text = text
        self.locator = locator

    def file_body(self, tree: Tree[Token]) -> Body:
        return self.body(_trees(tree)[0], self.locator.span(0, len(self.text)), 1)

    def body(self, tree: Tree[Token], span: Span, depth: int) -> Body:
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for child in _trees(tree):
            if child.data == "attribute":
                attributes.append(self.attribute(child, depth))
            else:
                blocks.append(self.block(child, depth))
        return Body(tuple(attributes), tuple(blocks), span)

    def attribute(self, tree: Tree[Token], depth: int) -> Attribute:
        name, value = _trees(tree)
        return Attribute(
            _name(name), self.span_of(name), self.node(value, depth), self.span_of(tree)
        )

    def block(self, tree: Tree[Token], depth: int) -> Block:
        name, *labels, body = _trees(tree)
        open_brace, close_brace = _child_token(tree, "LBRACE"), _child_token(tree, "RBRACE")
        header = self.locator.span(_start(_first(name)), _end(open_brace))
        if depth > MAX_DEPTH:
            raise _too_deep(header)
        inner = self.locator.span(_start(open_brace), _end(close_brace))
        return Block(
            _name(name),
            tuple(self.label(label) for label in labels),
            self.body(body, inner, depth + 1),
            self.span_of(tree),
            header,
        )

    def label(self, tree: Tree[Token]) -> str:
        if tree.data != "string":
            return _name(tree)
        value = _literal_string(tree)
        if value is None:
            raise InputError("a block label cannot hold a template", self.span_of(tree))
        return value

    def node(self, tree: Tree[Token], depth: int) -> Node:
        """The node of an expression at nesting level ``depth``."""
        if depth > MAX_DEPTH:
            raise _too_deep(self.span_of(tree))
        if tree.data == "expr_term":
            return self.term(tree, depth)
        if tree.data == "unary_op":
            return self.negative_number(tree) or self.expression(tree)
        return self.expression(tree)

    def term(self, tree: Tree[Token], depth: int) -> Node:
        inner = tree.children[0]
        if isinstance(inner, Token):  # a parenthesised expression
            return self.expression(tree)
        match inner.data:
            case "int_lit" | "float_lit":
                return Scalar(_number(_first(inner)), self.span_of(inner))
            case "literal_value":
                return Scalar(_LITERALS[_first(inner).type], self.span_of(inner))
            case "string":
                return self.string(inner, depth)
            case "tuple":
                items = tuple(self.node(item, depth + 1) for item in _trees(inner))
                return Sequence(items, self.span_of(inner))
            case "object":
                entries = tuple(self.entry(element, depth + 1) for element in _trees(inner))
                return Mapping(entries, self.span_of(inner))
            case "function_call":
                return self.call(inner, depth)
            case "heredoc_template" | "heredoc_template_trim":
                return self.heredoc(_first(inner), depth)
        return self.expression(tree)

    def negative_number(self, tree: Tree[Token]) -> Scalar | None:
        operator, operand = tree.children
        if not (_is_token(operator, "MINUS") and isinstance(operand, Tree)):
            return None
        literal = operand.children[0]
        if not isinstance(literal, Tree) or literal.data not in ("int_lit", "float_lit"):
            return None
        return Scalar(-_number(_first(literal)), self.span_of(tree))

    def string(self, tree: Tree[Token], depth: int) -> Scalar | Template:
        parts: list[Node] = []
        literal: list[Token] = []
        for part in _trees(tree):
            piece = part.children[0]
            if isinstance(piece, Token):
                literal.append(piece)
                continue
            if literal:
                parts.append(self.literal(literal))
                literal = []
            if piece.data == "interpolation":
                parts.append(self.node(_trees(piece)[0], depth + 1))
            else:
                parts.append(self.expression(piece))
        if literal:
            parts.append(self.literal(literal))
        start, end = self.bounds(tree)
        return _template(parts, self.locator.span(start, end), self.text[start:end])

    def literal(self, tokens: list[Token]) -> Scalar:
        value = "".join(_unescape(token) for token in tokens)
        return Scalar(value, self.locator.span(_start(tokens[0]), _end(tokens[-1])))

    def entry(self, element: Tree[Token], depth: int) -> Entry:
        key_holder, value = _trees(element)
        key = _trees(key_holder)[0]
        return Entry(self.key(key), self.span_of(key), self.node(value, depth))

    def key(self, tree: Tree[Token]) -> str:
        """An object key: a name or literal string as such, anything else as its source text."""
        inner = tree.children[0]
        if tree.data == "keyword" or (isinstance(inner, Tree) and inner.data == "identifier"):
            return _name(tree)
        literal = _literal_string(inner) if isinstance(inner, Tree) else None
        return literal if literal is not None else self.source(tree)

    def call(self, tree: Tree[Token], depth: int) -> Call | Expression:
        name = ""
        args: tuple[Node, ...] = ()
        for child in tree.children:
            if isinstance(child, Token):
                name += "::" if child.type == "COLONS" else ""
            elif child.data == "identifier":
                name += _name(child)
            elif child.data == "arguments":
                if any(_is_token(arg, "ELLIPSIS") for arg in child.children):
                    return self.expression(tree)  # f(list...) expands its last argument
                args = tuple(self.node(arg, depth + 1) for arg in _trees(child))
        start, end = self.bounds(tree)
        return Call(name, args, self.locator.span(start, end), self.text[start:end])

    def heredoc(self, token: Token, depth: int) -> Scalar | Template:
        """A heredoc: the text between the marker lines, ``<<-`` indentation stripped."""
        value, start = token.value, _start(token)
        content_start = value.index("\n") + 1
        written = value.rstrip("\r\n")
        raw = value[content_start : written.rfind("\n") + 1]
        indent = _common_indent(raw) if value.startswith("<<-") else 0
        parts = self.template_parts(raw, start + content_start, indent, depth)
        span = self.locator.span(start, start + len(written))
        origin = self.locator.origin(start + content_start, indent)
        return _template(parts, span, self.text[start : start + len(written)], origin)

    def template_parts(self, raw: str, base: int, indent: int, depth: int) -> list[Node]:
        """The parts of a template written without quotes (heredoc, JSON string) at ``base``."""
        parts: list[Node] = []
        literal_start = position = 0
        while (found := _SEQUENCE_START.search(raw, position)) is not None:
            position = found.end()
            if found.group() in ("$${", "%%{"):
                continue
            close = _closing_brace(raw, position)
            if close < 0:
                span = self.locator.span(base + found.start(), base + len(raw))
                raise InputError("unterminated template sequence", span)
            parts.append(self.bare_literal(raw, literal_start, found.start(), base, indent))
            if found.group() == "${":
                parts.append(self.interpolation(raw, position, close, base, depth))
            else:
                span = self.locator.span(base + found.start(), base + close + 1)
                parts.append(Expression(raw[found.start() : close + 1], span))
            position = literal_start = close + 1
        parts.append(self.bare_literal(raw, literal_start, len(raw), base, indent))
        return [part for part in parts if not (isinstance(part, Scalar) and part.value == "")]

    def bare_literal(self, raw: str, start: int, end: int, base: int, indent: int) -> Scalar:
        """Literal text of a bare template; its span starts after stripped indentation."""
        text = raw[start:end]
        if start and raw[start - 1] != "\n":  # the rest of a line after a template sequence
            first, newline, rest = text.partition("\n")
            text = first + newline + _dedent(rest, indent)
        else:
            start += _indent_of(text, indent)
            text = _dedent(text, indent)
        value = text.replace("$${", "${").replace("%%{", "%{")
        return Scalar(value, self.locator.span(base + start, base + end))

    def interpolation(self, raw: str, start: int, end: int, base: int, depth: int) -> Node:
        """Parse ``${ ... }`` of a bare template on its own, positions kept."""
        start += raw.startswith("~", start)
        end -= raw.endswith("~", start, end)
        wrapped = f"{_WRAPPER}{raw[start:end]})"
        locator = self.locator.shifted(base + start - len(_WRAPPER))
        value = _trees(_trees(_trees(_parse(wrapped, locator))[0])[0])[-1]
        if not _is_token(value.children[0], "LPAR"):
            span = locator.span(len(_WRAPPER), len(wrapped) - 1)
            raise InputError("malformed interpolation", span)
        return _Converter(wrapped, locator).node(_trees(value)[0], depth + 1)

    def expression(self, tree: Tree[Token]) -> Expression:
        start, end = self.bounds(tree)
        return Expression(self.text[start:end], self.locator.span(start, end))

    def bounds(self, branch: _Branch) -> tuple[int, int]:
        return _start(_first(branch)), _end(_last(branch))

    def span_of(self, branch: _Branch) -> Span:
        return self.locator.span(*self.bounds(branch))

    def source(self, branch: _Branch) -> str:
        start, end = self.bounds(branch)
        return self.text[start:end]


_LITERALS = {"TRUE": True, "FALSE": False, "NULL": None}


def _template(
    parts: list[Node], span: Span, text: str, origin: TextOrigin | None = None
) -> Scalar | Template:
    """A :class:`Scalar` when ``parts`` are at most one literal, else a :class:`Template`."""
    if not parts:
        return Scalar("", span, origin)
    if len(parts) == 1 and isinstance(parts[0], Scalar):
        return Scalar(parts[0].value, span, origin)
    return Template(tuple(parts), span, text)


def _number(token: Token) -> int | float:
    return float(token.value) if token.type == "FLOAT_LITERAL" else int(token.value)


def _literal_string(tree: Tree[Token]) -> str | None:
    """The value of a quoted string without interpolations; ``None`` for anything else."""
    if tree.data != "string":
        return None
    pieces = [part.children[0] for part in _trees(tree)]
    if not all(isinstance(piece, Token) for piece in pieces):
        return None
    return "".join(_unescape(piece) for piece in pieces if isinstance(piece, Token))


def _unescape(token: Token) -> str:
    """The text of a quoted string's literal token, escapes decoded (``$${`` is ``${``)."""
    text = token.value if token.type == "STRING_CHARS" else token.value[1:]
    return _ESCAPES.sub(_decode_escape, text)


def _decode_escape(match: re.Match[str]) -> str:
    """One backslash escape; unknown escapes stay as written."""
    escape = match.group()
    if escape[1] in "uU":
        return chr(int(escape[2:], 16))
    return _SIMPLE_ESCAPES.get(escape[1], escape)


def _common_indent(raw: str) -> int:
    """How much leading whitespace all non-blank lines share (what ``<<-`` strips)."""
    indents = [len(line) - len(line.lstrip(" \t")) for line in raw.split("\n") if line.strip()]
    return min(indents, default=0)


def _dedent(text: str, indent: int) -> str:
    """``text`` with the indentation ``<<-`` strips removed from every line."""
    return "\n".join(line[_indent_of(line, indent) :] for line in text.split("\n"))


def _indent_of(line: str, indent: int) -> int:
    """How many leading blanks of ``line`` are stripped: ``indent`` at most."""
    return min(indent, len(line) - len(line.lstrip(" \t")))


def _closing_brace(text: str, start: int) -> int:
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


def _trees(tree: Tree[Token]) -> list[Tree[Token]]:
    """The child trees of ``tree`` that are not newlines or comments."""
    return [
        child
        for child in tree.children
        if isinstance(child, Tree) and child.data != "new_line_or_comment"
    ]


def _child_token(tree: Tree[Token], kind: str) -> Token:
    return next(child for child in tree.children if _is_token(child, kind))


def _is_token(branch: _Branch, kind: str) -> TypeGuard[Token]:
    return isinstance(branch, Token) and branch.type == kind


def _tokens(branch: _Branch, *, reverse: bool = False) -> Iterator[Token]:
    """The tokens under ``branch`` in source order (or reversed), without recursion."""
    stack = [branch]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            yield node
        else:
            stack.extend(node.children if reverse else reversed(node.children))


def _name(branch: _Branch) -> str:
    """The text of the first token: an identifier, keyword or literal used as a name."""
    return str(_first(branch).value)


def _first(branch: _Branch) -> Token:
    return next(token for token in _tokens(branch) if token.type != _NEWLINE)


def _last(branch: _Branch) -> Token:
    return next(token for token in _tokens(branch, reverse=True) if token.type != _NEWLINE)


def _start(token: Token) -> int:
    return token.start_pos or 0  # the parser sets positions on every token


def _end(token: Token) -> int:
    """Where ``token`` ends; a heredoc ends with its closing marker, before the newline."""
    if token.type.startswith("HEREDOC"):
        return _start(token) + len(token.value.rstrip("\r\n"))
    return token.end_pos or 0


def _too_deep(span: Span) -> LimitExceeded:
    return LimitExceeded(f"HCL nested deeper than {MAX_DEPTH} levels", span)


def _comments(tree: Tree[Token], text: str, locator: _Locator) -> Iterator[Comment]:
    """Every comment, in source order, including those hcl2 merges into an operator token."""
    for token in _tokens(tree):
        if token.type == _NEWLINE:
            yield from _comment(token.value, _start(token), locator)
            continue
        written = (token.end_pos or 0) - _start(token)
        if len(token.value) > written:  # a newline or comment before a continuation operator
            prefix = token.value[: len(token.value) - written]
            yield from _comment(prefix, text.rfind(prefix, 0, _start(token)), locator)


def _comment(value: str, start: int, locator: _Locator) -> Iterator[Comment]:
    if value.startswith(_COMMENT_MARKERS):
        written = value if value.startswith("/*") else value.rstrip("\r\n")
        yield Comment(written, locator.span(start, start + len(written)))


def _parse(text: str, locator: _Locator) -> Tree[Token]:
    """The Lark tree of ``text``; every failure becomes an :class:`InputError`."""
    try:
        tree: Tree[Token] = hcl2.parses_to_tree(text)
    except RecursionError as error:
        raise _too_deep(locator.span(0, 0)) from error
    except UnexpectedInput as error:
        raise _syntax_error(error, text, locator) from error
    except Exception as error:  # hcl2 and lark raise assorted errors on odd input
        raise InputError(f"malformed HCL: {error}", locator.span(0, 0)) from error
    return tree


def _syntax_error(error: UnexpectedInput, text: str, locator: _Locator) -> InputError:
    """A readable message, such as ``unexpected '}' (expected an attribute or block)``."""
    expected: Iterable[str] = ()
    position = None
    if isinstance(error, UnexpectedToken):
        expected = error.expected
        position = None if error.token.type == "$END" else error.token.start_pos
    elif isinstance(error, UnexpectedCharacters):
        expected = error.allowed
        position = error.pos_in_stream
    found, start, end = _found(text, position)
    message = f"unexpected {found}"
    if wanted := _describe_expected(set(expected)):
        message += f" (expected {wanted})"
    return InputError(message, locator.span(start, end))


def _found(text: str, position: int | None) -> tuple[str, int, int]:
    """What stands at ``position`` (``None`` for the end), and where it starts and ends."""
    while position is not None and text[position : position + 1] in (" ", "\t"):
        position += 1
    if position is None or position >= len(text.rstrip()):
        end_of_text = len(text.rstrip())
        return "end of file", end_of_text, end_of_text
    if text[position] in "\r\n":
        return "end of line", position, position
    lexeme = _LEXEME.match(text, position)
    end = lexeme.end() if lexeme else position + 1
    return f"'{text[position:end]}'", position, end


def _describe_expected(names: set[str]) -> str:
    if "INT_LITERAL" in names:
        names -= _EXPRESSION_STARTS
    descriptions = [words for name, words in _EXPECTED.items() if name in names]
    if not descriptions and _NEWLINE in names:
        descriptions.append("a new line")
    return " or ".join(descriptions)


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
        converter = _Converter(value, _Locator(self.line_starts, fixed=span))
        parts = converter.template_parts(value, 0, 0, 1)
        start = self.line_starts[span.start_line - 1] + span.start_column - 1
        end = self.line_starts[span.end_line - 1] + span.end_column - 1
        return _template(parts, span, self.text[start:end])
