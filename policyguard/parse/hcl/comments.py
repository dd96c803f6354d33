"""The comments of a native syntax file, from its Lark tree, in source order."""

from __future__ import annotations

from collections.abc import Iterator

from lark import Token, Tree

from policyguard.parse.hcl.lark_tree import NEWLINE, token_start, tokens_of
from policyguard.parse.hcl.locator import Locator
from policyguard.parse.tree import Comment

_COMMENT_MARKERS = ("#", "//", "/*")


def comments_of(tree: Tree[Token], text: str, locator: Locator) -> Iterator[Comment]:
    """Every comment, in source order, including those hcl2 merges into an operator token."""
    for token in tokens_of(tree):
        if token.type == NEWLINE:
            yield from _comment(token.value, token_start(token), locator)
            continue
        written = (token.end_pos or 0) - token_start(token)
        if len(token.value) > written:  # a newline or comment before a continuation operator
            prefix = token.value[: len(token.value) - written]
            yield from _comment(prefix, text.rfind(prefix, 0, token_start(token)), locator)


def _comment(value: str, start: int, locator: Locator) -> Iterator[Comment]:
    if value.startswith(_COMMENT_MARKERS):
        written = value if value.startswith("/*") else value.rstrip("\r\n")
        yield Comment(written, locator.span(start, start + len(written)))
