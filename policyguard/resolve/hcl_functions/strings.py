"""The string functions (``format`` aside), over strings that may be known only in pieces."""

from __future__ import annotations

from collections.abc import Callable

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    VARIADIC,
    Arguments,
    Function,
    as_integer,
    as_list,
    as_string,
    elements_of,
    pieces_result,
    string_function,
    string_result,
    take,
)
from policyguard.resolve.hcl_functions.regex import compile_pattern, substitute
from policyguard.resolve.hcl_functions.values import Unknown, Value


def _join(args: Arguments) -> Value:
    values = take(args, 2, VARIADIC)
    separator = as_string(args, values[0])
    pieces: list[str | None] = []
    reason: str | None = None
    for value in values[1:]:
        for element in elements_of(as_list(value)):
            if pieces:
                pieces.append(separator)
            if isinstance(element, Unresolved):
                pieces.extend(element.parts)
                reason = reason or element.reason
            else:
                pieces.append(as_string(args, element))
    return pieces_result(args, pieces, reason)


def _split(args: Arguments) -> Value:
    separator, text = (as_string(args, v) for v in take(args, 2))
    pieces = text.split(separator) if separator else list(text)
    args.budget.collection(len(pieces), args.call.span)
    return Sequence(tuple(Scalar(p, args.call.span) for p in pieces), args.call.span)


def _case(convert: Callable[[str], str]) -> Function:
    def change(args: Arguments) -> Value:
        (value,) = take(args, 1)
        if isinstance(value, Unresolved):
            parts = (None if p is None else convert(p) for p in value.parts)
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        return string_result(args, convert(as_string(args, value)))

    return change


def _go_title(text: str) -> str:
    """Go's ``strings.Title``: upper-case every letter that follows a separator."""
    out: list[str] = []
    previous = " "
    for char in text:
        if _go_separator(previous):
            upper = char.upper()
            out.append(upper if len(upper) == 1 else char)
        else:
            out.append(char)
        previous = char
    return "".join(out)


def _go_separator(char: str) -> bool:
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdigit():
        return False
    return char in _GO_SPACE


_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501
"""What Go's ``unicode.IsSpace`` (and so ``trimspace``) takes for white space."""


def _trim(args: Arguments) -> Value:
    text, cutset = (as_string(args, v) for v in take(args, 2))
    return string_result(args, text.strip(cutset))


def _trimprefix(args: Arguments) -> Value:
    value, prefix_value = take(args, 2)
    prefix = as_string(args, prefix_value)
    if isinstance(value, Unresolved):
        first = value.parts[0]
        if first is not None and first.startswith(prefix):
            parts = (first[len(prefix) :], *value.parts[1:])
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        if first is not None and not prefix.startswith(first):
            return Unresolved.of_parts(args.call.text, value.reason, value.parts)
        raise Unknown(value.reason)
    text = as_string(args, value)
    return string_result(args, text[len(prefix) :] if text.startswith(prefix) else text)


def _trimsuffix(args: Arguments) -> Value:
    value, suffix_value = take(args, 2)
    suffix = as_string(args, suffix_value)
    if isinstance(value, Unresolved):
        last = value.parts[-1]
        if last is not None and last.endswith(suffix):
            parts = (*value.parts[:-1], last[: len(last) - len(suffix)])
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        if last is not None and not suffix.endswith(last):
            return Unresolved.of_parts(args.call.text, value.reason, value.parts)
        raise Unknown(value.reason)
    text = as_string(args, value)
    return string_result(
        args, text[: len(text) - len(suffix)] if suffix and text.endswith(suffix) else text
    )


def _substr(args: Arguments) -> Value:
    value, offset_value, length_value = take(args, 3)
    text = as_string(args, value)
    offset, length = as_integer(offset_value), as_integer(length_value)
    if offset < 0:
        offset = max(offset + len(text), 0)
    if offset >= len(text):
        return string_result(args, "")
    return string_result(args, text[offset:] if length < 0 else text[offset : offset + length])


def _startswith(args: Arguments) -> Value:
    value, prefix_value = take(args, 2)
    prefix = as_string(args, prefix_value)
    if isinstance(value, Unresolved):
        first = value.parts[0]
        if first is None:
            raise Unknown(value.reason)
        if first.startswith(prefix):
            return Scalar(True, args.call.span)
        if not prefix.startswith(first):
            return Scalar(False, args.call.span)
        raise Unknown(value.reason)
    return Scalar(as_string(args, value).startswith(prefix), args.call.span)


def _endswith(args: Arguments) -> Value:
    value, suffix_value = take(args, 2)
    suffix = as_string(args, suffix_value)
    if isinstance(value, Unresolved):
        last = value.parts[-1]
        if last is None:
            raise Unknown(value.reason)
        if last.endswith(suffix):
            return Scalar(True, args.call.span)
        if not suffix.endswith(last):
            return Scalar(False, args.call.span)
        raise Unknown(value.reason)
    return Scalar(as_string(args, value).endswith(suffix), args.call.span)


def _strcontains(args: Arguments) -> Value:
    value, part_value = take(args, 2)
    part = as_string(args, part_value)
    if isinstance(value, Unresolved):
        if any(p is not None and part in p for p in value.parts):
            return Scalar(True, args.call.span)
        raise Unknown(value.reason)
    return Scalar(part in as_string(args, value), args.call.span)


def _chomp(text: str) -> str:
    while text.endswith(("\r\n", "\n")):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


def _replace(args: Arguments) -> Value:
    text, old, new = (as_string(args, v) for v in take(args, 3))
    span = args.call.span
    if len(old) >= 2 and old.startswith("/") and old.endswith("/"):
        pattern = compile_pattern(old[1:-1], len(text))
        return string_result(args, substitute(pattern, new, text, args))
    count = text.count(old) if old else len(text) + 1
    args.budget.string(len(text) + count * (len(new) - len(old)), span)
    return string_result(args, text.replace(old, new))


FUNCTIONS: dict[str, Function] = {
    "chomp": string_function(_chomp),
    "endswith": _endswith,
    "join": _join,
    "lower": _case(str.lower),
    "replace": _replace,
    "split": _split,
    "startswith": _startswith,
    "strcontains": _strcontains,
    "strrev": string_function(lambda text: text[::-1]),
    "substr": _substr,
    "title": string_function(_go_title),
    "trim": _trim,
    "trimprefix": _trimprefix,
    "trimspace": string_function(lambda text: text.strip(_GO_SPACE)),
    "trimsuffix": _trimsuffix,
    "upper": _case(str.upper),
}
