"""The arguments of a call as functions read them: counted, evaluated, required to be known and of
a type; and the results built from them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeAlias

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Call, Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.conversions import (
    json_pieces,
    known_text,
    number_text,
    scalar_text,
    text_value,
    to_number,
    unwrap,
)
from policyguard.resolve.hcl_functions.limits import Budget
from policyguard.resolve.hcl_functions.values import (
    EncodedMapping,
    EncodedSequence,
    Failure,
    Number,
    Unknown,
    Value,
    kind,
)


class Arguments(Protocol):
    """The arguments of one call, as the evaluator hands them to a function."""

    @property
    def call(self) -> Call:
        """The call being evaluated."""

    @property
    def budget(self) -> Budget:
        """The bounds of the evaluation."""

    @property
    def inside_template(self) -> bool:
        """Whether the call is in a template file that ``templatefile`` evaluates."""

    def __len__(self) -> int:
        """How many arguments there are (after ``f(list...)`` expansion)."""

    def value(self, index: int) -> Value:
        """Argument ``index``, evaluated once; an error raises :class:`Failure`."""

    def attempt(self, index: int) -> Value | Failure:
        """Argument ``index``, evaluated, or the error Terraform would report for it."""

    def text(self, index: int) -> str:
        """The source text of argument ``index``."""

    def read_file(self, path: str) -> tuple[str, str] | None:
        """The text and relative path of the module's file ``path``, or ``None``."""

    def template(self, body: Node, variables: dict[str, Value]) -> Value:
        """``body`` (a template file) evaluated with only ``variables`` in scope."""


Function: TypeAlias = Callable[[Arguments], Value]
VARIADIC = -1


def take(args: Arguments, low: int, high: int | None = None) -> list[Value]:
    """Every argument, evaluated, after checking how many there are."""
    count = len(args)
    top = low if high is None else high
    if count < low or (top != VARIADIC and count > top):
        if top == VARIADIC:
            wanted = f"at least {low}"
        elif top == low:
            wanted = str(low)
        else:
            wanted = f"{low} to {top}"
        raise Failure(f"{args.call.name}() takes {wanted} argument(s), got {count}")
    return [args.value(index) for index in range(count)]


def require_known(value: Value) -> Scalar | Mapping | Sequence:
    """``value``, which must be known."""
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    return value


def as_string(args: Arguments, value: Value) -> str:
    """A string argument (numbers and bools converted, a JSON string as its text)."""
    known = require_known(value)
    if isinstance(known, EncodedMapping | EncodedSequence):
        text = known_text(json_pieces(known, args.budget, args.call.span))
        args.budget.string(len(text), args.call.span)
        return text
    if isinstance(known, Scalar):
        if known.value is None:
            raise Failure("a string is required, not null")
        return scalar_text(known.value)
    raise Failure(f"a string is required, not {kind(known)}")


def as_number(value: Value) -> Number:
    """A number argument (or a string that holds one)."""
    return to_number(require_known(value))


def as_integer(value: Value) -> int:
    """A whole number argument."""
    number = as_number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise Failure(f"a whole number is required, not {number_text(number)}")
        return int(number)
    return number


def as_list(value: Value) -> Sequence:
    """A list, tuple or set argument."""
    known = require_known(value)
    if isinstance(known, Sequence) and not isinstance(known, EncodedSequence):
        return known
    raise Failure(f"a list is required, not {kind(known)}")


def as_map(value: Value) -> Mapping:
    """A map or object argument."""
    known = require_known(value)
    if isinstance(known, Mapping) and not isinstance(known, EncodedMapping):
        return known
    raise Failure(f"a map is required, not {kind(known)}")


def elements_of(sequence: Sequence) -> list[Value]:
    """The values of a list's elements."""
    return [unwrap(item) for item in sequence.items]


def string_result(args: Arguments, text: str) -> Scalar:
    """A computed string as the call's result, checked against the bounds."""
    args.budget.string(len(text), args.call.span)
    return Scalar(text, args.call.span)


def pieces_result(
    args: Arguments, pieces: Iterable[str | None], reason: str | None
) -> Scalar | Unresolved:
    """A string built of ``pieces`` as the call's result (see :func:`text_value`)."""
    return text_value(pieces, reason, args.call.text, args.call.span, args.budget)


def string_function(convert: Callable[[str], str]) -> Function:
    """The function of one string argument that returns ``convert`` of it."""

    def apply(args: Arguments) -> Value:
        (value,) = take(args, 1)
        return string_result(args, convert(as_string(args, value)))

    return apply
