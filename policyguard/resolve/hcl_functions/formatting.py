"""``format`` and ``formatlist``: Go's ``fmt`` verbs over values that may be partly unknown."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    VARIADIC,
    Arguments,
    Function,
    as_string,
    pieces_result,
    require_known,
    take,
)
from policyguard.resolve.hcl_functions.conversions import (
    json_pieces,
    number_text,
    scalar_text,
    to_bool,
    to_number,
    to_pieces,
    unwrap,
    wrap,
)
from policyguard.resolve.hcl_functions.values import EncodedSequence, Failure, Value, is_encoded


def _format(args: Arguments) -> Value:
    values = take(args, 1, VARIADIC)
    spec = as_string(args, values[0])
    pieces, reason = format_pieces(spec, values[1:], args)
    return pieces_result(args, pieces, reason)


def _formatlist(args: Arguments) -> Value:
    values = take(args, 1, VARIADIC)
    spec = as_string(args, values[0])
    length: int | None = None
    for value in values[1:]:
        known = require_known(value)
        if isinstance(known, Sequence) and not isinstance(known, EncodedSequence):
            if length is not None and len(known.items) != length:
                raise Failure("all list arguments must have the same length")
            length = len(known.items)
    count = 1 if length is None else length
    args.budget.collection(count, args.call.span)
    items: list[Node] = []
    for index in range(count):
        row = [
            unwrap(v.items[index])
            if isinstance(v, Sequence) and not isinstance(v, EncodedSequence)
            else v
            for v in values[1:]
        ]
        pieces, reason = format_pieces(spec, row, args)
        items.append(wrap(pieces_result(args, pieces, reason), args.call.span))
    return Sequence(tuple(items), args.call.span)


_VERB = re.compile(
    r"%(?P<flags>[-+# 0]*)(?:\[(?P<index>\d+)\])?(?P<width>\d+)?(?:\.(?P<precision>\d*))?"
    r"(?P<verb>.)?",
    re.DOTALL,
)


def format_pieces(
    spec: str, values: list[Value], args: Arguments
) -> tuple[list[str | None], str | None]:
    """``format(spec, values...)`` as known pieces (``None`` for unknown ones) and a reason."""
    pieces: list[str | None] = []
    reason: str | None = None
    position = next_argument = 0
    explicit = False
    while position < len(spec):
        start = spec.find("%", position)
        if start < 0:
            pieces.append(spec[position:])
            break
        pieces.append(spec[position:start])
        match = _VERB.match(spec, start)
        assert match is not None  # the pattern matches any "%"
        verb, flags = match.group("verb"), match.group("flags")
        position = match.end()
        if verb is None:
            raise Failure("the format string ends inside a verb")
        if verb == "%" and match.end() - start == 2:
            pieces.append("%")
            continue
        if match.group("index"):
            explicit = True
            next_argument = int(match.group("index")) - 1
        if not 0 <= next_argument < len(values):
            raise Failure("not enough arguments for the format string")
        value = values[next_argument]
        next_argument += 1
        width = int(match.group("width") or 0)
        precision_text = match.group("precision")
        precision = None if precision_text is None else int(precision_text or 0)
        for size in (width, precision or 0):
            args.budget.string(size, args.call.span)
        piece = _format_verb(_Verb(verb, flags, width, precision), value, args)
        if None in piece and reason is None:
            reason = value.reason if isinstance(value, Unresolved) else None
        pieces.extend(piece)
    if not explicit and next_argument < len(values):
        raise Failure(f"too many arguments; only {next_argument} used by the format string")
    return pieces, reason


@dataclass(frozen=True, slots=True)
class _Verb:
    """One ``%`` verb of a format string: ``%[flags][width][.precision]verb``."""

    verb: str
    flags: str
    width: int
    precision: int | None


def _format_verb(spec: _Verb, value: Value, args: Arguments) -> list[str | None]:
    verb, flags, width, precision = spec.verb, spec.flags, spec.width, spec.precision
    budget, span = args.budget, args.call.span
    if verb not in "vsqtdboxXeEfFgG":
        raise Failure(f"unsupported format verb %{verb}")
    if isinstance(value, Unresolved):
        plain = verb in "vs" and not width and precision is None
        return list(value.parts) if plain else [None]
    if verb == "v" and "#" in flags:
        return _pad_pieces(json_pieces(value, budget, span), flags, width)
    if verb in "vs":
        if verb == "v" and isinstance(value, Mapping | Sequence) and not is_encoded(value):
            return _pad_pieces(json_pieces(value, budget, span), flags, width)
        if verb == "v" and isinstance(value, Scalar) and value.value is None:
            return [_pad("null", flags, width)]
        pieces = to_pieces(value, budget, span)
        if None in pieces:
            return [None]
        text = "".join(p for p in pieces if p is not None)
        return [_pad(text if precision is None else text[:precision], flags, width)]
    if verb == "q":
        text = as_string(args, value)
        return [_pad(json.dumps(text, ensure_ascii=False), flags, width)]
    if verb == "t":
        return [_pad(scalar_text(to_bool(value)), flags, width)]
    number = to_number(value)
    if verb in "dboxX":
        if isinstance(number, float) and not number.is_integer():
            raise Failure(f"%{verb} requires a whole number, not {number_text(number)}")
        return [format(int(number), _python_spec(flags, width, None, verb))]
    if verb in "gG" and precision is None:
        return [_pad(_go_general(float(number), verb == "G"), flags, width, numeric=True)]
    python_verb = "f" if verb == "F" else verb
    return [format(float(number), _python_spec(flags, width, precision, python_verb))]


def _python_spec(flags: str, width: int, precision: int | None, verb: str) -> str:
    align = "<" if "-" in flags else ""
    sign = "+" if "+" in flags else " " if " " in flags else ""
    alternate = "#" if "#" in flags else ""
    zero = "0" if "0" in flags and not align else ""
    size = str(width) if width else ""
    decimals = "" if precision is None else f".{precision}"
    return f"{align}{sign}{alternate}{zero}{size}{decimals}{verb}"


def _pad(text: str, flags: str, width: int, *, numeric: bool = False) -> str:
    if len(text) >= width:
        return text
    if "-" in flags:
        return text.ljust(width)
    if "0" in flags and numeric:
        sign = text[:1] if text[:1] in "+-" else ""
        return sign + text[len(sign) :].rjust(width - len(sign), "0")
    return text.rjust(width)


def _pad_pieces(pieces: list[str | None], flags: str, width: int) -> list[str | None]:
    if None in pieces:
        return [None] if width else pieces
    return [_pad("".join(p for p in pieces if p is not None), flags, width)]


def _go_general(number: float, upper: bool) -> str:
    """Go's ``%g`` with the shortest digits: ``%e`` form for exponents below -4 or from 6."""
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    exact = Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(str(d) for d in exact.digits)
    assert isinstance(exact.exponent, int)  # a finite float
    point = len(digits) + exact.exponent
    exponent = point - 1
    if exponent < -4 or exponent >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        marker = "E" if upper else "e"
        return f"{sign}{mantissa}{marker}{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


FUNCTIONS: dict[str, Function] = {
    "format": _format,
    "formatlist": _formatlist,
}
