"""Terraform files, native HCL and JSON syntax, into :mod:`policyguard.parse.tree` nodes.

The only module that imports ``hcl2`` and ``lark``. Native syntax is read by walking the Lark
tree of ``hcl2.parses_to_tree``: every token carries its offsets, so every node gets a span and
expressions keep their structure. Heredoc templates and Terraform JSON strings, whose
interpolations Lark does not split, are scanned here and each interpolation is parsed on its own.

Expressions become structured nodes: names are :class:`Variable`, references and other
postfix chains (``var.x``, ``local.m["k"][0]``, ``f()[0]``, ``a[*].b``) one :class:`Traversal`,
``?:`` a :class:`Conditional`, operators :class:`Operation` (precedence and left associativity
as Lark's tree encodes them; a negative number literal stays a :class:`Scalar`), ``[for ...]``
and ``{for ...}`` a :class:`ForExpression`, ``f(args...)`` a :class:`Call` with ``expand``.
Parentheses give the node inside them, with that node's span and text. Template directives
become :class:`Conditional` and ``template`` :class:`ForExpression` parts whose bodies are
:class:`Template` nodes (or :class:`Scalar` for plain text; an absent ``else`` is an empty
:class:`Scalar` at the ``endif``); ``~`` strip markers trim the whitespace of the literal next to
them, whose span stays the written text. :class:`Expression` is left only for ``\"``-quoted
strings inside template directives (an hcl2 extension for legacy syntax) and for an index or
splat after a ``.*`` inside a ``[*]`` splat, which steps cannot express.

Nesting deeper than :data:`MAX_DEPTH` levels of blocks and expressions raises
:class:`~policyguard.diagnostics.LimitExceeded`. A level is a node inside another: a
traversal counts one however many steps it has, parentheses count none, a chain of ``n``
binary operators counts ``n`` and a template directive two (the node and its bodies). Long
chains of steps, of left operands and of parentheses are walked in loops; everything else recurses
at most :data:`MAX_DEPTH` levels.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import partial
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
    Conditional,
    Entry,
    Expression,
    ForExpression,
    Index,
    Mapping,
    Node,
    Operation,
    Scalar,
    Sequence,
    Splat,
    Step,
    Template,
    TextOrigin,
    Traversal,
    Variable,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

MAX_DEPTH = 100

_Branch: TypeAlias = "Tree[Token] | Token"

_NEWLINE = "NL_OR_COMMENT"
_COMMENT_MARKERS = ("#", "//", "/*")
_ESCAPES = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_SEQUENCE_START = re.compile(r"\$\$\{|%%\{|\$\{|%\{")
_DIRECTIVE = re.compile(r"\s*(if|else|endif|for|endfor)(?![\w-])\s*")
_FOR_NAMES = re.compile(r"([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?in(?![\w-])")
_STRIP = "STRIP_MARKER"
# The Lark rules of a postfix step applied to an ``expr_term``.
_POSTFIX = frozenset(
    {"index_expr_term", "get_attr_expr_term", "attr_splat_expr_term", "full_splat_expr_term"}
)
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
        match tree.data:
            case "expr_term":
                return self.term(tree, depth)
            case "unary_op":
                return self.negative_number(tree) or self.unary(tree, depth)
            case "binary_op":
                return self.binary(tree, depth)
            case "conditional":
                condition, true, false = (self.node(t, depth + 1) for t in _trees(tree))
                return Conditional(condition, true, false, *self.located(tree))
        return self.expression(tree)

    def term(self, tree: Tree[Token], depth: int) -> Node:
        """An ``expr_term``; parentheses give the node inside them and count no level."""
        while _is_token(tree.children[0], "LPAR"):
            inner = _trees(tree)[0]
            if inner.data != "expr_term":
                return self.node(inner, depth)
            tree = inner
        inner = _trees(tree)[0]
        match inner.data:
            case "int_lit" | "float_lit":
                return Scalar(_number(_first(inner)), self.span_of(inner))
            case "literal_value":
                return Scalar(_LITERALS[_first(inner).type], self.span_of(inner))
            case "identifier":
                return Variable(_name(inner), self.span_of(inner))
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
            case "for_tuple_expr" | "for_object_expr":
                return self.for_expression(inner, depth)
            case data if data in _POSTFIX:
                return self.traversal(tree, depth)
        return self.expression(tree)

    def negative_number(self, tree: Tree[Token]) -> Scalar | None:
        operator, operand = tree.children
        if not (_is_token(operator, "MINUS") and isinstance(operand, Tree)):
            return None
        literal = operand.children[0]
        if not isinstance(literal, Tree) or literal.data not in ("int_lit", "float_lit"):
            return None
        return Scalar(-_number(_first(literal)), self.span_of(tree))

    def unary(self, tree: Tree[Token], depth: int) -> Operation:
        """``!x`` or ``-x`` (a negative number literal is a :class:`Scalar` instead)."""
        operator = _first(tree)
        operand = self.node(_trees(tree)[0], depth + 1)
        return Operation(_written(operator), (operand,), *self.located(tree))

    def binary(self, tree: Tree[Token], depth: int) -> Node:
        """A chain of left-associative binary operations, its left spine walked in a loop."""
        chain = [tree]
        left = _trees(tree)[0]
        while left.data == "binary_op":
            if depth + len(chain) > MAX_DEPTH:
                raise _too_deep(self.span_of(left))
            chain.append(left)
            left = _trees(left)[0]
        start = self.bounds(left)[0]
        node = self.node(left, depth + len(chain))
        for level in reversed(range(len(chain))):
            operation = chain[level]
            operator, right = _trees(_trees(operation)[1])
            operands = (node, self.node(right, depth + level + 1))
            end = _end(_last(operation))
            span, text = self.locator.span(start, end), self.text[start:end]
            node = Operation(_written(_first(operator)), operands, span, text)
        return node

    def traversal(self, tree: Tree[Token], depth: int) -> Node:
        """Attribute, index and splat steps after a term, the chain walked in a loop.

        An attribute-only splat (``.*``) takes only the attribute and legacy index steps after
        it; a ``[key]`` or another splat applies to its result, so the traversal up to there
        becomes the source of the rest. Inside a full splat that nesting cannot be written as
        steps, and the traversal stays an :class:`Expression`.
        """
        operations: list[Tree[Token]] = []
        base = tree
        while (inner := _trees(base)[0]).data in _POSTFIX:
            base, operation = _trees(inner)
            operations.append(operation)
        steps = [step for operation in reversed(operations) for step in _step_trees(operation)]
        starts = _segment_starts(steps)
        if starts is None:
            return self.expression(tree)
        if depth + len(starts) > MAX_DEPTH:
            raise _too_deep(self.span_of(tree))
        level = depth + len(starts)
        node = self.node(base, level + 1)
        start = self.bounds(base)[0]
        bounds = [0, *starts, len(steps)]
        for first, stop in itertools.pairwise(bounds):
            segment: list[Step] = []
            for step in steps[first:stop]:  # a loop, not a generator: one frame less per level
                segment.append(self.step(step, level + 1))
            end = self.bounds(steps[stop - 1])[1]
            span, text = self.locator.span(start, end), self.text[start:end]
            node = Traversal(node, tuple(segment), span, text)
            level -= 1
        return node

    def step(self, step: _Branch, depth: int) -> Step:
        """One step of a traversal; an index key is a node at ``depth``."""
        if isinstance(step, Token):
            return Splat(step.type == "FULL_SPLAT_START", self.span_of(step))
        if step.data == "get_attr":
            return _name(_trees(step)[0])
        if step.data == "short_index":
            number = _last(step)
            return Index(Scalar(_number(number), self.span_of(number)), self.span_of(step))
        return Index(self.node(_trees(step)[0], depth), self.span_of(step))

    def for_expression(self, tree: Tree[Token], depth: int) -> ForExpression:
        """``[for ...]`` or ``{for ...}``; its parts are converted in source order."""
        intro, *rest = _trees(tree)
        *names, collection = _trees(intro)
        condition = rest.pop() if rest[-1].data == "for_cond" else None
        key, value = rest if len(rest) == 2 else (None, rest[0])
        return ForExpression(
            _name(names[0]) if len(names) == 2 else None,
            _name(names[-1]),
            self.node(collection, depth + 1),
            None if key is None else self.node(key, depth + 1),
            self.node(value, depth + 1),
            None if condition is None else self.node(_trees(condition)[0], depth + 1),
            any(_is_token(child, "ELLIPSIS") for child in tree.children),
            False,
            *self.located(tree),
        )

    def string(self, tree: Tree[Token], depth: int) -> Scalar | Template:
        items: list[_Item] = []
        literal: list[Token] = []
        for part in _trees(tree):
            piece = part.children[0]
            if isinstance(piece, Token):
                literal.append(piece)
                continue
            if literal:
                items.append(self.literal(literal))
                literal = []
            items.append(self.quoted_sequence(piece))
        if literal:
            items.append(self.literal(literal))
        return _template(self.assemble(items, depth), *self.located(tree))

    def literal(self, tokens: list[Token]) -> Scalar:
        value = "".join(_unescape(token) for token in tokens)
        return Scalar(value, self.locator.span(_start(tokens[0]), _end(tokens[-1])))

    def quoted_sequence(self, tree: Tree[Token]) -> _TemplateSequence:
        """An interpolation or directive of a quoted string, as Lark reads it."""
        start, end = self.bounds(tree)
        strips = (_is_token(tree.children[1], _STRIP), _is_token(tree.children[-2], _STRIP))
        keyword = tree.data.removeprefix("template_").removesuffix("_start")
        if keyword not in ("interpolation", "if", "for"):
            return _TemplateSequence(keyword, start, end, *strips)
        *names, expression = _trees(tree)
        return _ExpressionSequence(
            "${" if keyword == "interpolation" else keyword,
            start,
            end,
            *strips,
            partial(self.node, expression),
            _name(names[0]) if len(names) == 2 else None,
            _name(names[-1]) if names else "",
        )

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

    def call(self, tree: Tree[Token], depth: int) -> Call:
        name = ""
        args: tuple[Node, ...] = ()
        expand = False
        for child in tree.children:
            if isinstance(child, Token):
                name += "::" if child.type == "COLONS" else ""
            elif child.data == "identifier":
                name += _name(child)
            elif child.data == "arguments":
                expand = any(_is_token(arg, "ELLIPSIS") for arg in child.children)
                args = tuple(self.node(arg, depth + 1) for arg in _trees(child))
        return Call(name, args, *self.located(tree), expand)

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
        items: list[_Item] = []
        literal_start = position = 0
        while (found := _SEQUENCE_START.search(raw, position)) is not None:
            position = found.end()
            if found.group() in ("$${", "%%{"):
                continue
            close = _closing_brace(raw, position)
            if close < 0:
                span = self.locator.span(base + found.start(), base + len(raw))
                raise InputError("unterminated template sequence", span)
            items.append(self.bare_literal(raw, literal_start, found.start(), base, indent))
            items.append(self.bare_sequence(found.group(), base + found.start(), base + close))
            position = literal_start = close + 1
        items.append(self.bare_literal(raw, literal_start, len(raw), base, indent))
        return self.assemble(items, depth)

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

    def bare_sequence(self, opener: str, start: int, close: int) -> _TemplateSequence:
        """The sequence from ``opener`` at ``start`` to the ``}`` at ``close`` (text offsets)."""
        inner = start + len(opener)
        strip_before = self.text.startswith("~", inner)
        strip_after = close > inner + strip_before and self.text[close - 1] == "~"
        inner, inner_end, end = inner + strip_before, close - strip_after, close + 1
        strips = (strip_before, strip_after)
        if opener == "${":
            expression = partial(self.parse_expression, inner, inner_end)
            return _ExpressionSequence("${", start, end, *strips, expression)
        directive = _DIRECTIVE.match(self.text, inner, inner_end)
        keyword, after = (directive.group(1), directive.end()) if directive else ("", inner)
        if keyword == "if":
            expression = partial(self.parse_expression, after, inner_end)
            return _ExpressionSequence("if", start, end, *strips, expression)
        if keyword == "for" and (names := _FOR_NAMES.match(self.text, after, inner_end)):
            expression = partial(self.parse_expression, names.end(), inner_end)
            key_name, value_name = (names[1], names[2]) if names[2] else (None, names[1])
            return _ExpressionSequence("for", start, end, *strips, expression, key_name, value_name)
        if keyword in ("else", "endif", "endfor") and after == inner_end:
            return _TemplateSequence(keyword, start, end, *strips)
        raise InputError("malformed template directive", self.locator.span(start, end))

    def parse_expression(self, start: int, end: int, depth: int) -> Node:
        """Parse the expression of a bare template sequence on its own, positions kept."""
        wrapped = f"{_WRAPPER}{self.text[start:end]})"
        locator = self.locator.shifted(start - len(_WRAPPER))
        value = _trees(_trees(_trees(_parse(wrapped, locator))[0])[0])[-1]
        if not _is_token(value.children[0], "LPAR"):
            span = locator.span(len(_WRAPPER), len(wrapped) - 1)
            raise InputError("malformed interpolation", span)
        return _Converter(wrapped, locator).node(_trees(value)[0], depth)

    def assemble(self, items: list[_Item], depth: int) -> list[Node]:
        """The parts of a template at ``depth`` from its literals and sequences in source order.

        Strip markers trim the literals next to them; ``if`` and ``for`` directives, which may
        nest, are matched with their ends in a loop and become :class:`Conditional` and
        :class:`ForExpression` parts, each opening two levels (the node and its branches).
        """
        parts: list[Node] = []
        opened: list[_Open] = []
        for item in _stripped(items):
            current = opened[-1].parts if opened else parts
            level = depth + 1 + 2 * len(opened)
            if isinstance(item, Scalar):
                current.append(item)
            elif isinstance(item, _ExpressionSequence) and item.keyword == "${":
                current.append(item.expression(level))
            elif isinstance(item, _ExpressionSequence):
                if level + 1 > MAX_DEPTH:
                    raise _too_deep(self.locator.span(item.start, item.end))
                opened.append(_Open(item, item.expression(level + 1), item.end))
            elif item.keyword == "else" and opened and opened[-1].can_take_else():
                top = opened[-1]
                top.true = self.branch(top.parts, top.body_start, item.start)
                top.parts, top.body_start = [], item.end
            elif opened and item.keyword == f"end{opened[-1].sequence.keyword}":
                closed = self.close(opened.pop(), item)
                (opened[-1].parts if opened else parts).append(closed)
            else:
                span = self.locator.span(item.start, item.end)
                raise InputError(f"unexpected '{item.keyword}' directive", span)
        if opened:
            sequence = opened[-1].sequence
            message = f"'{sequence.keyword}' directive without 'end{sequence.keyword}'"
            raise InputError(message, self.locator.span(sequence.start, sequence.end))
        return parts

    def close(self, directive: _Open, end: _TemplateSequence) -> Conditional | ForExpression:
        """The node of ``directive`` now that its ``end`` is found."""
        opening = directive.sequence
        span = self.locator.span(opening.start, end.end)
        text = self.text[opening.start : end.end]
        body = self.branch(directive.parts, directive.body_start, end.start)
        if opening.keyword == "for":
            return ForExpression(
                opening.key_name,
                opening.value_name,
                directive.expression,
                None,
                body,
                None,
                False,
                True,
                span,
                text,
            )
        if directive.true is None:  # no else: the false branch is empty, at the endif
            empty = Scalar("", self.locator.span(end.start, end.start))
            return Conditional(directive.expression, body, empty, span, text)
        return Conditional(directive.expression, directive.true, body, span, text)

    def branch(self, parts: list[Node], start: int, end: int) -> Scalar | Template:
        """A directive's body: the text from ``start`` to ``end`` between its directives."""
        return _template(parts, self.locator.span(start, end), self.text[start:end])

    def expression(self, tree: Tree[Token]) -> Expression:
        return Expression(self.source(tree), self.span_of(tree))

    def located(self, branch: _Branch) -> tuple[Span, str]:
        """The span and source text of ``branch``."""
        start, end = self.bounds(branch)
        return self.locator.span(start, end), self.text[start:end]

    def bounds(self, branch: _Branch) -> tuple[int, int]:
        return _start(_first(branch)), _end(_last(branch))

    def span_of(self, branch: _Branch) -> Span:
        return self.locator.span(*self.bounds(branch))

    def source(self, branch: _Branch) -> str:
        start, end = self.bounds(branch)
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class _TemplateSequence:
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
class _ExpressionSequence(_TemplateSequence):
    """An interpolation (keyword ``${``), ``if`` or ``for``; ``expression`` converts its
    expression at the level given."""

    expression: Callable[[int], Node]
    key_name: str | None = None
    value_name: str = ""


_Item: TypeAlias = "Scalar | _TemplateSequence"


@dataclass(slots=True)
class _Open:
    """An ``if`` or ``for`` directive whose end is still to come, with the parts read since."""

    sequence: _ExpressionSequence
    expression: Node
    body_start: int
    parts: list[Node] = field(default_factory=list)
    true: Scalar | Template | None = None

    def can_take_else(self) -> bool:
        return self.sequence.keyword == "if" and self.true is None


def _stripped(items: list[_Item]) -> list[_Item]:
    """``items`` with strip markers applied to the literals next to them, empty ones dropped.

    As in HCL, the whitespace is removed from the literal's value; its span stays the written
    text.
    """
    result: list[_Item] = []
    for index, item in enumerate(items):
        if not isinstance(item, Scalar):
            result.append(item)
            continue
        before = items[index - 1] if index else None
        after = items[index + 1] if index + 1 < len(items) else None
        value = str(item.value)
        if isinstance(before, _TemplateSequence) and before.strip_after:
            value = value.lstrip()
        if isinstance(after, _TemplateSequence) and after.strip_before:
            value = value.rstrip()
        if value:
            result.append(replace(item, value=value))
    return result


def _step_trees(operation: Tree[Token]) -> list[_Branch]:
    """The steps of one postfix operation: a splat's marker token and the steps it holds."""
    if operation.data in ("attr_splat", "full_splat"):
        return [_first(operation), *_trees(operation)]
    return [operation]


def _segment_starts(steps: list[_Branch]) -> list[int] | None:
    """Where a traversal must start over because an attribute-only splat ended.

    ``None`` when a ``.*`` inside a full splat ends: its result cannot be written as steps.
    """
    starts: list[int] = []
    attribute_splat = full_splat = False
    for index, step in enumerate(steps):
        if attribute_splat and (isinstance(step, Token) or step.data == "braces_index"):
            if full_splat:
                return None
            starts.append(index)
            attribute_splat = False
        if isinstance(step, Token):
            attribute_splat = attribute_splat or step.type == "ATTR_SPLAT"
            full_splat = full_splat or step.type == "FULL_SPLAT_START"
    return starts


_LITERALS = {"TRUE": True, "FALSE": False, "NULL": None}


def _template(
    parts: list[Node], span: Span, text: str, origin: TextOrigin | None = None
) -> Scalar | Template:
    """A :class:`Scalar` when ``parts`` are at most one literal, else a :class:`Template`."""
    if not parts:
        return Scalar("", span, origin)
    if len(parts) == 1 and isinstance(parts[0], Scalar):
        return Scalar(parts[0].value, span, origin)
    return Template(tuple(parts), span, text, origin)


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


def _written(token: Token) -> str:
    """The text of ``token`` as written: hcl2 merges a preceding newline or comment into an
    operator token's value, never into its positions."""
    written = (token.end_pos or 0) - _start(token)
    return str(token.value[len(token.value) - written :])


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
