"""Terraform files, native HCL and JSON syntax, into :mod:`policyguard.parse.tree` nodes.

The only package that imports ``hcl2`` and ``lark``. Native syntax is read by walking the Lark
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

from policyguard.parse.hcl.comments import comments_of
from policyguard.parse.hcl.converter import Converter
from policyguard.parse.hcl.depth import MAX_DEPTH
from policyguard.parse.hcl.json_syntax import parse_tf_json
from policyguard.parse.hcl.locator import Locator, line_starts_of
from policyguard.parse.hcl.syntax import parse_tree, trim_heredoc_markers
from policyguard.parse.tree import Body, Comment


def parse_hcl(text: str) -> tuple[Body, tuple[Comment, ...]]:
    """Parse Terraform native syntax: the file's body and its comments in source order.

    Raises :class:`InputError` with the position of malformed HCL.
    """
    text = trim_heredoc_markers(text)
    locator = Locator(line_starts_of(text))
    tree = parse_tree(text, locator)
    body = Converter(text, locator).file_body(tree)
    return body, tuple(comments_of(tree, text, locator))


__all__ = ["MAX_DEPTH", "parse_hcl", "parse_tf_json"]
