"""The encoding functions (JSON and base64) and the hash functions."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import replace

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.parse.json_text import parse_json, parse_json_at
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    Arguments,
    Function,
    as_string,
    pieces_result,
    require_known,
    string_function,
    string_result,
    take,
)
from policyguard.resolve.hcl_functions.conversions import json_pieces, quoted, text_value, wrap
from policyguard.resolve.hcl_functions.relocation import Move, relocate
from policyguard.resolve.hcl_functions.values import (
    EncodedMapping,
    EncodedSequence,
    Failure,
    OpenMapping,
    Unknown,
    Value,
)


def _jsonencode(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    span = args.call.span
    if isinstance(known, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if isinstance(known, EncodedMapping | EncodedSequence):
        pieces = quoted(json_pieces(known, args.budget, span))
        return pieces_result(args, pieces, "the JSON text holds unknown values")
    if isinstance(known, Mapping):
        entries = tuple(
            Entry(e.key, e.key_span, _json_element(e.value, args)) for e in known.entries
        )
        return EncodedMapping(entries, span)
    if isinstance(known, Sequence):
        return EncodedSequence(tuple(_json_element(item, args) for item in known.items), span)
    return pieces_result(args, json_pieces(known, args.budget, span), None)


def _json_element(node: Node, args: Arguments) -> Node:
    """An element of a ``jsonencode`` structure: a nested JSON string becomes a string."""
    if isinstance(node, EncodedMapping | EncodedSequence):
        text = text_value(
            json_pieces(node, args.budget, node.span),
            "the JSON text holds unknown values",
            "jsonencode(...)",
            node.span,
            args.budget,
        )
        return wrap(text, node.span)
    if isinstance(node, Mapping):
        entries = tuple(
            Entry(e.key, e.key_span, _json_element(e.value, args)) for e in node.entries
        )
        return replace(node, entries=entries)
    if isinstance(node, Sequence):
        return replace(node, items=tuple(_json_element(item, args) for item in node.items))
    return node


def _jsondecode(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, EncodedMapping):
        return Mapping(known.entries, known.span)
    if isinstance(known, EncodedSequence):
        return Sequence(known.items, known.span)
    try:
        if isinstance(known, Scalar) and isinstance(known.value, str):
            if known.origin is None:
                tree = parse_json_at(known.value, known.span)
            else:  # the text maps onto its file: exact positions
                tree = parse_json(known.value, known.origin)
                tree = relocate(tree, Move(file=known.span.file)) if known.span.file else tree
        else:
            tree = parse_json_at(as_string(args, known), args.call.span)
    except LimitExceeded:
        raise
    except InputError as error:
        raise Failure(f"invalid JSON: {error.message}") from error
    assert isinstance(tree, Scalar | Mapping | Sequence)  # JSON holds nothing else
    return tree


def _base64encode(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _base64decode(args: Arguments) -> Value:
    (value,) = take(args, 1)
    try:
        decoded = base64.b64decode(as_string(args, value), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise Failure(f"invalid base64 or UTF-8: {error}") from error
    return string_result(args, decoded)


def _digest(name: str) -> Callable[[str], str]:
    return lambda text: hashlib.new(name, text.encode()).hexdigest()


FUNCTIONS: dict[str, Function] = {
    "base64decode": _base64decode,
    "base64encode": string_function(_base64encode),
    "jsondecode": _jsondecode,
    "jsonencode": _jsonencode,
    "md5": string_function(_digest("md5")),
    "sha1": string_function(_digest("sha1")),
    "sha256": string_function(_digest("sha256")),
    "sha512": string_function(_digest("sha512")),
}
