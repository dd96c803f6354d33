"""hcl2's parser run on a text: its Lark tree, or a readable :class:`InputError` where the
text is malformed."""

from __future__ import annotations

import re
from collections.abc import Iterable

import hcl2
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from policyguard.diagnostics import InputError
from policyguard.parse.hcl.depth import too_deep
from policyguard.parse.hcl.lark_tree import NEWLINE
from policyguard.parse.hcl.locator import Locator


def parse_tree(text: str, locator: Locator) -> Tree[Token]:
    """The Lark tree of ``text``; every failure becomes an :class:`InputError`."""
    try:
        tree: Tree[Token] = hcl2.parses_to_tree(text)
    except RecursionError as error:
        raise too_deep(locator.span(0, 0)) from error
    except UnexpectedInput as error:
        raise _syntax_error(error, text, locator) from error
    except Exception as error:  # hcl2 and lark raise assorted errors on odd input
        raise InputError(f"malformed HCL: {error}", locator.span(0, 0)) from error
    return tree


_HEREDOC_OPENER = re.compile(r"<<-?([A-Za-z_][\w-]*)\r?\n")


def trim_heredoc_markers(text: str) -> str:
    """``text`` with trailing blanks removed from heredoc closing markers.

    Terraform ends a heredoc at a line holding only its marker, blanks around it included; hcl2's
    grammar wants the newline right after the marker. Only those blanks go, so every other
    character keeps its line and column.
    """
    pieces: list[str] = []
    position = 0
    while (opener := _HEREDOC_OPENER.search(text, position)) is not None:
        marker = re.compile(rf"^[ \t]*{re.escape(opener.group(1))}([ \t]*)\r?$", re.M)
        closer = marker.search(text, opener.end())
        if closer is None:
            break
        if closer.group(1):
            pieces.append(text[position : closer.start(1)])
            position = closer.end(1)
        pieces.append(text[position : closer.end()])
        position = closer.end()
    return "".join(pieces) + text[position:]


def _syntax_error(error: UnexpectedInput, text: str, locator: Locator) -> InputError:
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


def _describe_expected(names: set[str]) -> str:
    if "INT_LITERAL" in names:
        names -= _EXPRESSION_STARTS
    descriptions = [words for name, words in _EXPECTED.items() if name in names]
    if not descriptions and NEWLINE in names:
        descriptions.append("a new line")
    return " or ".join(descriptions)
