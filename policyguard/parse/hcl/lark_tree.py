"""Reading the Lark tree that hcl2 builds: child trees, tokens in source order, their offsets
and the values they write (names, numbers, quoted strings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeAlias, TypeGuard

from lark import Token, Tree

Branch: TypeAlias = "Tree[Token] | Token"
NEWLINE = "NL_OR_COMMENT"
_ESCAPES = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def child_trees(tree: Tree[Token]) -> list[Tree[Token]]:
    """The child trees of ``tree`` that are not newlines or comments."""
    return [
        child
        for child in tree.children
        if isinstance(child, Tree) and child.data != "new_line_or_comment"
    ]


def child_token(tree: Tree[Token], kind: str) -> Token:
    """The first token of type ``kind`` among the children of ``tree``."""
    return next(child for child in tree.children if is_token(child, kind))


def is_token(branch: Branch, kind: str) -> TypeGuard[Token]:
    """Whether ``branch`` is a token of type ``kind``."""
    return isinstance(branch, Token) and branch.type == kind


def tokens_of(branch: Branch, *, reverse: bool = False) -> Iterator[Token]:
    """The tokens under ``branch`` in source order (or reversed), without recursion."""
    stack = [branch]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            yield node
        else:
            stack.extend(node.children if reverse else reversed(node.children))


def name_of(branch: Branch) -> str:
    """The text of the first token: an identifier, keyword or literal used as a name."""
    return str(first_token(branch).value)


def first_token(branch: Branch) -> Token:
    """The first token under ``branch`` that is not a newline or comment."""
    return next(token for token in tokens_of(branch) if token.type != NEWLINE)


def last_token(branch: Branch) -> Token:
    """The last token under ``branch`` that is not a newline or comment."""
    return next(token for token in tokens_of(branch, reverse=True) if token.type != NEWLINE)


def written_text(token: Token) -> str:
    """The text of ``token`` as written: hcl2 merges a preceding newline or comment into an
    operator token's value, never into its positions."""
    written = (token.end_pos or 0) - token_start(token)
    return str(token.value[len(token.value) - written :])


def token_start(token: Token) -> int:
    """Where ``token`` starts in the text parsed."""
    return token.start_pos or 0  # the parser sets positions on every token


def token_end(token: Token) -> int:
    """Where ``token`` ends; a heredoc ends with its closing marker, before the newline."""
    if token.type.startswith("HEREDOC"):
        return token_start(token) + len(token.value.rstrip("\r\n"))
    return token.end_pos or 0


def number_literal(token: Token) -> int | float:
    """The value of a number literal."""
    return float(token.value) if token.type == "FLOAT_LITERAL" else int(token.value)


def literal_string(tree: Tree[Token]) -> str | None:
    """The value of a quoted string without interpolations; ``None`` for anything else."""
    if tree.data != "string":
        return None
    pieces = [part.children[0] for part in child_trees(tree)]
    if not all(isinstance(piece, Token) for piece in pieces):
        return None
    return "".join(unescape(piece) for piece in pieces if isinstance(piece, Token))


def unescape(token: Token) -> str:
    """The text of a quoted string's literal token, escapes decoded (``$${`` is ``${``)."""
    text = token.value if token.type == "STRING_CHARS" else token.value[1:]
    return _ESCAPES.sub(_decode_escape, text)


def _decode_escape(match: re.Match[str]) -> str:
    """One backslash escape; unknown escapes stay as written."""
    escape = match.group()
    if escape[1] in "uU":
        return chr(int(escape[2:], 16))
    return _SIMPLE_ESCAPES.get(escape[1], escape)
