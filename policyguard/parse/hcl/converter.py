"""The Lark tree of native syntax converted to :mod:`policyguard.parse.tree` nodes, every node
with its span and expressions with their structure."""

from __future__ import annotations

import itertools
import re
from functools import partial

from lark import Token, Tree

from policyguard.diagnostics import InputError
from policyguard.location import Span
from policyguard.parse.hcl.depth import MAX_DEPTH, too_deep
from policyguard.parse.hcl.lark_tree import (
    Branch,
    child_token,
    child_trees,
    first_token,
    is_token,
    last_token,
    literal_string,
    name_of,
    number_literal,
    token_end,
    token_start,
    unescape,
    written_text,
)
from policyguard.parse.hcl.locator import Locator
from policyguard.parse.hcl.syntax import parse_tree
from policyguard.parse.hcl.templates import (
    ExpressionSequence,
    OpenDirective,
    TemplateItem,
    TemplateSequence,
    closing_brace,
    common_indent,
    dedent,
    indent_of,
    stripped,
    template_of,
)
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Call,
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
    Traversal,
    Variable,
)

_SEQUENCE_START = re.compile(r"\$\$\{|%%\{|\$\{|%\{")
_DIRECTIVE = re.compile(r"\s*(if|else|endif|for|endfor)(?![\w-])\s*")
_FOR_NAMES = re.compile(r"([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?in(?![\w-])")
_STRIP = "STRIP_MARKER"
# The Lark rules of a postfix step applied to an ``expr_term``.
_POSTFIX = frozenset(
    {"index_expr_term", "get_attr_expr_term", "attr_splat_expr_term", "full_splat_expr_term"}
)
# The interpolation of a heredoc or JSON template is parsed as ``_ = (expression)``.
_WRAPPER = "_ = ("
_LITERALS = {"TRUE": True, "FALSE": False, "NULL": None}


class Converter:
    """Builds tree nodes from the Lark tree of ``text``."""

    def __init__(self, text: str, locator: Locator) -> None:
        self.text = text
        self.locator = locator

    def file_body(self, tree: Tree[Token]) -> Body:
        return self.body(child_trees(tree)[0], self.locator.span(0, len(self.text)), 1)

    def body(self, tree: Tree[Token], span: Span, depth: int) -> Body:
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for child in child_trees(tree):
            if child.data == "attribute":
                attributes.append(self.attribute(child, depth))
            else:
                blocks.append(self.block(child, depth))
        return Body(tuple(attributes), tuple(blocks), span)

    def attribute(self, tree: Tree[Token], depth: int) -> Attribute:
        name, value = child_trees(tree)
        return Attribute(
            name_of(name), self.span_of(name), self.node(value, depth), self.span_of(tree)
        )

    def block(self, tree: Tree[Token], depth: int) -> Block:
        name, *labels, body = child_trees(tree)
        open_brace, close_brace = child_token(tree, "LBRACE"), child_token(tree, "RBRACE")
        header = self.locator.span(token_start(first_token(name)), token_end(open_brace))
        if depth > MAX_DEPTH:
            raise too_deep(header)
        inner = self.locator.span(token_start(open_brace), token_end(close_brace))
        return Block(
            name_of(name),
            tuple(self.label(label) for label in labels),
            self.body(body, inner, depth + 1),
            self.span_of(tree),
            header,
        )

    def label(self, tree: Tree[Token]) -> str:
        if tree.data != "string":
            return name_of(tree)
        value = literal_string(tree)
        if value is None:
            raise InputError("a block label cannot hold a template", self.span_of(tree))
        return value

    def node(self, tree: Tree[Token], depth: int) -> Node:
        """The node of an expression at nesting level ``depth``."""
        if depth > MAX_DEPTH:
            raise too_deep(self.span_of(tree))
        match tree.data:
            case "expr_term":
                return self.term(tree, depth)
            case "unary_op":
                return self.negative_number(tree) or self.unary(tree, depth)
            case "binary_op":
                return self.binary(tree, depth)
            case "conditional":
                condition, true, false = (self.node(t, depth + 1) for t in child_trees(tree))
                return Conditional(condition, true, false, *self.located(tree))
        return self.expression(tree)

    def term(self, tree: Tree[Token], depth: int) -> Node:
        """An ``expr_term``; parentheses give the node inside them and count no level."""
        while is_token(tree.children[0], "LPAR"):
            inner = child_trees(tree)[0]
            if inner.data != "expr_term":
                return self.node(inner, depth)
            tree = inner
        inner = child_trees(tree)[0]
        match inner.data:
            case "int_lit" | "float_lit":
                return Scalar(number_literal(first_token(inner)), self.span_of(inner))
            case "literal_value":
                return Scalar(_LITERALS[first_token(inner).type], self.span_of(inner))
            case "identifier":
                return Variable(name_of(inner), self.span_of(inner))
            case "string":
                return self.string(inner, depth)
            case "tuple":
                items = tuple(self.node(item, depth + 1) for item in child_trees(inner))
                return Sequence(items, self.span_of(inner))
            case "object":
                entries = tuple(self.entry(element, depth + 1) for element in child_trees(inner))
                return Mapping(entries, self.span_of(inner))
            case "function_call":
                return self.call(inner, depth)
            case "heredoc_template" | "heredoc_template_trim":
                return self.heredoc(first_token(inner), depth)
            case "for_tuple_expr" | "for_object_expr":
                return self.for_expression(inner, depth)
            case data if data in _POSTFIX:
                return self.traversal(tree, depth)
        return self.expression(tree)

    def negative_number(self, tree: Tree[Token]) -> Scalar | None:
        operator, operand = tree.children
        if not (is_token(operator, "MINUS") and isinstance(operand, Tree)):
            return None
        literal = operand.children[0]
        if not isinstance(literal, Tree) or literal.data not in ("int_lit", "float_lit"):
            return None
        return Scalar(-number_literal(first_token(literal)), self.span_of(tree))

    def unary(self, tree: Tree[Token], depth: int) -> Operation:
        """``!x`` or ``-x`` (a negative number literal is a :class:`Scalar` instead)."""
        operator = first_token(tree)
        operand = self.node(child_trees(tree)[0], depth + 1)
        return Operation(written_text(operator), (operand,), *self.located(tree))

    def binary(self, tree: Tree[Token], depth: int) -> Node:
        """A chain of left-associative binary operations, its left spine walked in a loop."""
        chain = [tree]
        left = child_trees(tree)[0]
        while left.data == "binary_op":
            if depth + len(chain) > MAX_DEPTH:
                raise too_deep(self.span_of(left))
            chain.append(left)
            left = child_trees(left)[0]
        start = self.bounds(left)[0]
        node = self.node(left, depth + len(chain))
        for level in reversed(range(len(chain))):
            operation = chain[level]
            operator, right = child_trees(child_trees(operation)[1])
            operands = (node, self.node(right, depth + level + 1))
            end = token_end(last_token(operation))
            span, text = self.locator.span(start, end), self.text[start:end]
            node = Operation(written_text(first_token(operator)), operands, span, text)
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
        while (inner := child_trees(base)[0]).data in _POSTFIX:
            base, operation = child_trees(inner)
            operations.append(operation)
        steps = [step for operation in reversed(operations) for step in _step_trees(operation)]
        starts = _segment_starts(steps)
        if starts is None:
            return self.expression(tree)
        if depth + len(starts) > MAX_DEPTH:
            raise too_deep(self.span_of(tree))
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

    def step(self, step: Branch, depth: int) -> Step:
        """One step of a traversal; an index key is a node at ``depth``."""
        if isinstance(step, Token):
            return Splat(step.type == "FULL_SPLAT_START", self.span_of(step))
        if step.data == "get_attr":
            return name_of(child_trees(step)[0])
        if step.data == "short_index":
            number = last_token(step)
            return Index(Scalar(number_literal(number), self.span_of(number)), self.span_of(step))
        return Index(self.node(child_trees(step)[0], depth), self.span_of(step))

    def for_expression(self, tree: Tree[Token], depth: int) -> ForExpression:
        """``[for ...]`` or ``{for ...}``; its parts are converted in source order."""
        intro, *rest = child_trees(tree)
        *names, collection = child_trees(intro)
        condition = rest.pop() if rest[-1].data == "for_cond" else None
        key, value = rest if len(rest) == 2 else (None, rest[0])
        return ForExpression(
            name_of(names[0]) if len(names) == 2 else None,
            name_of(names[-1]),
            self.node(collection, depth + 1),
            None if key is None else self.node(key, depth + 1),
            self.node(value, depth + 1),
            None if condition is None else self.node(child_trees(condition)[0], depth + 1),
            any(is_token(child, "ELLIPSIS") for child in tree.children),
            False,
            *self.located(tree),
        )

    def string(self, tree: Tree[Token], depth: int) -> Scalar | Template:
        items: list[TemplateItem] = []
        literal: list[Token] = []
        for part in child_trees(tree):
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
        return template_of(self.assemble(items, depth), *self.located(tree))

    def literal(self, tokens: list[Token]) -> Scalar:
        value = "".join(unescape(token) for token in tokens)
        return Scalar(value, self.locator.span(token_start(tokens[0]), token_end(tokens[-1])))

    def quoted_sequence(self, tree: Tree[Token]) -> TemplateSequence:
        """An interpolation or directive of a quoted string, as Lark reads it."""
        start, end = self.bounds(tree)
        strips = (is_token(tree.children[1], _STRIP), is_token(tree.children[-2], _STRIP))
        keyword = tree.data.removeprefix("template_").removesuffix("_start")
        if keyword not in ("interpolation", "if", "for"):
            return TemplateSequence(keyword, start, end, *strips)
        *names, expression = child_trees(tree)
        return ExpressionSequence(
            "${" if keyword == "interpolation" else keyword,
            start,
            end,
            *strips,
            partial(self.node, expression),
            name_of(names[0]) if len(names) == 2 else None,
            name_of(names[-1]) if names else "",
        )

    def entry(self, element: Tree[Token], depth: int) -> Entry:
        key_holder, value = child_trees(element)
        key = child_trees(key_holder)[0]
        return Entry(self.key(key), self.span_of(key), self.node(value, depth))

    def key(self, tree: Tree[Token]) -> str:
        """An object key: a name or literal string as such, anything else as its source text."""
        inner = tree.children[0]
        if tree.data == "keyword" or (isinstance(inner, Tree) and inner.data == "identifier"):
            return name_of(tree)
        literal = literal_string(inner) if isinstance(inner, Tree) else None
        return literal if literal is not None else self.source(tree)

    def call(self, tree: Tree[Token], depth: int) -> Call:
        name = ""
        args: tuple[Node, ...] = ()
        expand = False
        for child in tree.children:
            if isinstance(child, Token):
                name += "::" if child.type == "COLONS" else ""
            elif child.data == "identifier":
                name += name_of(child)
            elif child.data == "arguments":
                expand = any(is_token(arg, "ELLIPSIS") for arg in child.children)
                args = tuple(self.node(arg, depth + 1) for arg in child_trees(child))
        return Call(name, args, *self.located(tree), expand)

    def heredoc(self, token: Token, depth: int) -> Scalar | Template:
        """A heredoc: the text between the marker lines, ``<<-`` indentation stripped."""
        value, start = token.value, token_start(token)
        content_start = value.index("\n") + 1
        written = value.rstrip("\r\n")
        raw = value[content_start : written.rfind("\n") + 1]
        indent = common_indent(raw) if value.startswith("<<-") else 0
        parts = self.template_parts(raw, start + content_start, indent, depth)
        span = self.locator.span(start, start + len(written))
        origin = self.locator.origin(start + content_start, indent)
        return template_of(parts, span, self.text[start : start + len(written)], origin)

    def template_parts(self, raw: str, base: int, indent: int, depth: int) -> list[Node]:
        """The parts of a template written without quotes (heredoc, JSON string) at ``base``."""
        items: list[TemplateItem] = []
        literal_start = position = 0
        while (found := _SEQUENCE_START.search(raw, position)) is not None:
            position = found.end()
            if found.group() in ("$${", "%%{"):
                continue
            close = closing_brace(raw, position)
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
            text = first + newline + dedent(rest, indent)
        else:
            start += indent_of(text, indent)
            text = dedent(text, indent)
        value = text.replace("$${", "${").replace("%%{", "%{")
        return Scalar(value, self.locator.span(base + start, base + end))

    def bare_sequence(self, opener: str, start: int, close: int) -> TemplateSequence:
        """The sequence from ``opener`` at ``start`` to the ``}`` at ``close`` (text offsets)."""
        inner = start + len(opener)
        strip_before = self.text.startswith("~", inner)
        strip_after = close > inner + strip_before and self.text[close - 1] == "~"
        inner, inner_end, end = inner + strip_before, close - strip_after, close + 1
        strips = (strip_before, strip_after)
        if opener == "${":
            expression = partial(self.parse_expression, inner, inner_end)
            return ExpressionSequence("${", start, end, *strips, expression)
        directive = _DIRECTIVE.match(self.text, inner, inner_end)
        keyword, after = (directive.group(1), directive.end()) if directive else ("", inner)
        if keyword == "if":
            expression = partial(self.parse_expression, after, inner_end)
            return ExpressionSequence("if", start, end, *strips, expression)
        if keyword == "for" and (names := _FOR_NAMES.match(self.text, after, inner_end)):
            expression = partial(self.parse_expression, names.end(), inner_end)
            key_name, value_name = (names[1], names[2]) if names[2] else (None, names[1])
            return ExpressionSequence("for", start, end, *strips, expression, key_name, value_name)
        if keyword in ("else", "endif", "endfor") and after == inner_end:
            return TemplateSequence(keyword, start, end, *strips)
        raise InputError("malformed template directive", self.locator.span(start, end))

    def parse_expression(self, start: int, end: int, depth: int) -> Node:
        """Parse the expression of a bare template sequence on its own, positions kept."""
        wrapped = f"{_WRAPPER}{self.text[start:end]})"
        locator = self.locator.shifted(start - len(_WRAPPER))
        value = child_trees(child_trees(child_trees(parse_tree(wrapped, locator))[0])[0])[-1]
        if not is_token(value.children[0], "LPAR"):
            span = locator.span(len(_WRAPPER), len(wrapped) - 1)
            raise InputError("malformed interpolation", span)
        return Converter(wrapped, locator).node(child_trees(value)[0], depth)

    def assemble(self, items: list[TemplateItem], depth: int) -> list[Node]:
        """The parts of a template at ``depth`` from its literals and sequences in source order.

        Strip markers trim the literals next to them; ``if`` and ``for`` directives, which may
        nest, are matched with their ends in a loop and become :class:`Conditional` and
        :class:`ForExpression` parts, each opening two levels (the node and its branches).
        """
        parts: list[Node] = []
        opened: list[OpenDirective] = []
        for item in stripped(items):
            current = opened[-1].parts if opened else parts
            level = depth + 1 + 2 * len(opened)
            if isinstance(item, Scalar):
                current.append(item)
            elif isinstance(item, ExpressionSequence) and item.keyword == "${":
                current.append(item.expression(level))
            elif isinstance(item, ExpressionSequence):
                if level + 1 > MAX_DEPTH:
                    raise too_deep(self.locator.span(item.start, item.end))
                opened.append(OpenDirective(item, item.expression(level + 1), item.end))
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

    def close(self, directive: OpenDirective, end: TemplateSequence) -> Conditional | ForExpression:
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
        return template_of(parts, self.locator.span(start, end), self.text[start:end])

    def expression(self, tree: Tree[Token]) -> Expression:
        return Expression(self.source(tree), self.span_of(tree))

    def located(self, branch: Branch) -> tuple[Span, str]:
        """The span and source text of ``branch``."""
        start, end = self.bounds(branch)
        return self.locator.span(start, end), self.text[start:end]

    def bounds(self, branch: Branch) -> tuple[int, int]:
        return token_start(first_token(branch)), token_end(last_token(branch))

    def span_of(self, branch: Branch) -> Span:
        return self.locator.span(*self.bounds(branch))

    def source(self, branch: Branch) -> str:
        start, end = self.bounds(branch)
        return self.text[start:end]


def _step_trees(operation: Tree[Token]) -> list[Branch]:
    """The steps of one postfix operation: a splat's marker token and the steps it holds."""
    if operation.data in ("attr_splat", "full_splat"):
        return [first_token(operation), *child_trees(operation)]
    return [operation]


def _segment_starts(steps: list[Branch]) -> list[int] | None:
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
