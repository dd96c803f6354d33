"""Condition tests of trust statements that restrict who may assume a role."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.iam.conditions import SetQualifier, parse_operator
from policyguard.model import Condition, Statement


def restricting(statement: Statement, *keys: str) -> Iterator[Condition]:
    """The tests of ``statement`` on one of ``keys`` (case-insensitive) that every request must
    pass: a positive operator, without ``IfExists`` (a request without the key would pass) and
    without ``ForAllValues`` (which an absent key passes too)."""
    wanted = {key.casefold() for key in keys}
    for condition in statement.conditions:
        if condition.key.casefold() not in wanted:
            continue
        operator = parse_operator(condition.operator)
        if (
            operator is None
            or operator.negated
            or operator.if_exists
            or operator.qualifier is SetQualifier.FOR_ALL_VALUES
        ):
            continue
        yield condition
