"""The type conversion functions: ``to*``, ``try`` and ``can``, ``sensitive`` and
``nonsensitive``."""

from __future__ import annotations

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    Arguments,
    Function,
    as_list,
    as_map,
    pieces_result,
    require_known,
    take,
)
from policyguard.resolve.hcl_functions.conversions import (
    json_pieces,
    scalar_text,
    to_bool,
    to_number,
)
from policyguard.resolve.hcl_functions.equality import wholly_known
from policyguard.resolve.hcl_functions.sets import set_items
from policyguard.resolve.hcl_functions.values import (
    Failure,
    Unknown,
    Value,
    is_encoded,
    kind,
    scalar_kind,
    shortened,
)


def _tolist(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    sequence = as_list(known)
    return sequence if type(sequence) is Sequence else Sequence(sequence.items, sequence.span)


def _toset(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    return Sequence(tuple(set_items(as_list(known).items, args)), args.call.span)


def _tomap(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    return as_map(known)


def _tostring(args: Arguments) -> Value:
    (value,) = take(args, 1)
    if isinstance(value, Unresolved):
        if value.parts != (None,):
            return value
        raise Unknown(value.reason)
    if isinstance(value, Scalar):
        if value.value is None or isinstance(value.value, str):
            return value
        return Scalar(scalar_text(value.value), value.span)
    if is_encoded(value):
        pieces = json_pieces(value, args.budget, args.call.span)
        return pieces_result(args, pieces, "the JSON text holds values not known statically")
    raise Failure(f"cannot convert {kind(value)} to a string")


def _tonumber(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, Scalar):
        if known.value is None or scalar_kind(known.value) == "number":
            return known
        return Scalar(to_number(known), known.span)
    raise Failure(f"cannot convert {kind(known)} to a number")


def _tobool(args: Arguments) -> Value:
    (value,) = take(args, 1)
    known = require_known(value)
    if isinstance(known, Scalar):
        if known.value is None or isinstance(known.value, bool):
            return known
        return Scalar(to_bool(known), known.span)
    raise Failure(f"cannot convert {kind(known)} to a bool")


def _try(args: Arguments) -> Value:
    if not len(args):
        raise Failure("try() takes at least 1 argument")
    for index in range(len(args)):
        result = args.attempt(index)
        if isinstance(result, Failure):
            continue
        if not wholly_known(result, args.budget, args.call.span):
            reason = result.reason if isinstance(result, Unresolved) else "a value is not known"
            raise Unknown(f"whether {shortened(args.text(index))} fails is not known: {reason}")
        return result
    raise Failure("no expression succeeded")


def _can(args: Arguments) -> Value:
    if len(args) != 1:
        raise Failure(f"can() takes 1 argument, got {len(args)}")
    result = args.attempt(0)
    if isinstance(result, Failure):
        return Scalar(False, args.call.span)
    if not wholly_known(result, args.budget, args.call.span):
        reason = result.reason if isinstance(result, Unresolved) else "a value is not known"
        raise Unknown(f"whether {shortened(args.text(0))} fails is not known: {reason}")
    return Scalar(True, args.call.span)


def _passthrough(args: Arguments) -> Value:
    (value,) = take(args, 1)
    return value


FUNCTIONS: dict[str, Function] = {
    "can": _can,
    "nonsensitive": _passthrough,
    "sensitive": _passthrough,
    "tobool": _tobool,
    "tolist": _tolist,
    "tomap": _tomap,
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": _tostring,
    "try": _try,
}
