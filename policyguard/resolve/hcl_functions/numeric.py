"""Numbers: Terraform's arithmetic and comparison, bounded in size, and the numeric functions."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation, localcontext

from policyguard.diagnostics import LimitExceeded
from policyguard.location import Span
from policyguard.parse.tree import Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import (
    VARIADIC,
    Arguments,
    Function,
    as_list,
    as_number,
    elements_of,
    take,
)
from policyguard.resolve.hcl_functions.conversions import from_decimal
from policyguard.resolve.hcl_functions.limits import MAX_NUMBER_DIGITS
from policyguard.resolve.hcl_functions.values import Failure, Number, Value

RANGE_LIMIT = 1024
"""Terraform's own limit on the elements ``range`` generates."""


def bounded(number: Number, span: Span) -> Number:
    """``number``, unless it has more digits than evaluation allows."""
    if isinstance(number, float) and not math.isfinite(number):
        raise Failure("the result is not a finite number")
    if isinstance(number, int) and number.bit_length() > MAX_NUMBER_DIGITS * 10 // 3:
        raise LimitExceeded(f"a number over {MAX_NUMBER_DIGITS} digits", span)
    return number


def _decimal(number: Number) -> Decimal:
    return Decimal(number) if isinstance(number, int) else Decimal(repr(number))


def arithmetic(operator: str, left: Number, right: Number, span: Span) -> Number:
    """``left operator right`` for ``+ - * / %``; Terraform's ``%`` keeps the dividend's sign."""
    if operator in ("/", "%") and right == 0:
        raise Failure("division by zero")
    if isinstance(left, int) and isinstance(right, int):
        if operator == "+":
            return bounded(left + right, span)
        if operator == "-":
            return bounded(left - right, span)
        if operator == "*":
            return bounded(left * right, span)
        if operator == "%":
            remainder = abs(left) % abs(right)
            return -remainder if left < 0 else remainder
        if left % right == 0:
            return left // right
    with localcontext() as context:
        context.prec = 50
        a, b = _decimal(left), _decimal(right)
        try:
            result = {
                "+": lambda: a + b,
                "-": lambda: a - b,
                "*": lambda: a * b,
                "/": lambda: a / b,
                "%": lambda: a % b,
            }[operator]()
        except InvalidOperation as error:
            raise Failure(f"invalid arithmetic: {error}") from error
    if abs(result.adjusted()) > MAX_NUMBER_DIGITS:
        raise LimitExceeded(f"a number over {MAX_NUMBER_DIGITS} digits", span)
    return bounded(from_decimal(result), span)


def compare(operator: str, left: Number, right: Number) -> bool:
    """``left operator right`` for ``< <= > >=``."""
    if operator == "<":
        return left < right
    if operator == "<=":
        return left <= right
    if operator == ">":
        return left > right
    return left >= right


def _number_function(convert: Callable[[Number], Number]) -> Function:
    def apply(args: Arguments) -> Value:
        (value,) = take(args, 1)
        return Scalar(convert(as_number(value)), args.call.span)

    return apply


def _extreme(pick: Callable[[list[Number]], Number]) -> Function:
    def apply(args: Arguments) -> Value:
        values = take(args, 1, VARIADIC)
        numbers = [as_number(v) for v in values]
        chosen = pick(numbers)
        value = values[numbers.index(chosen)]
        if isinstance(value, Scalar) and isinstance(value.value, int | float):
            return value
        return Scalar(chosen, args.call.span)

    return apply


def _sum(args: Arguments) -> Value:
    (value,) = take(args, 1)
    numbers = [as_number(element) for element in elements_of(as_list(value))]
    if not numbers:
        raise Failure("cannot sum an empty list")
    total: Number = numbers[0]
    for number in numbers[1:]:
        total = arithmetic("+", total, number, args.call.span)
    return Scalar(total, args.call.span)


def _range(args: Arguments) -> Value:
    numbers = [as_number(v) for v in take(args, 1, 3)]
    start: Number
    step: Number
    if len(numbers) == 1:
        start, limit, step = 0, numbers[0], 1
    elif len(numbers) == 2:
        start, limit = numbers
        step = 1 if limit >= start else -1
    else:
        start, limit, step = numbers
    if step == 0:
        raise Failure("the step must not be zero")
    first, end, by = _decimal(start), _decimal(limit), _decimal(step)
    if (by > 0 and first >= end) or (by < 0 and first <= end):
        count = 0
    else:
        count = math.ceil((end - first) / by)
    if count > RANGE_LIMIT:
        raise Failure(f"more than {RANGE_LIMIT} values were generated")
    args.budget.collection(count, args.call.span)
    items = tuple(Scalar(from_decimal(first + by * n), args.call.span) for n in range(count))
    return Sequence(items, args.call.span)


FUNCTIONS: dict[str, Function] = {
    "abs": _number_function(abs),
    "ceil": _number_function(math.ceil),
    "floor": _number_function(math.floor),
    "max": _extreme(max),
    "min": _extreme(min),
    "range": _range,
    "signum": _number_function(lambda n: (n > 0) - (n < 0)),
    "sum": _sum,
}
