"""Terraform version constraints (``~> 4.0``, ``>= 3.2, < 5``) and whether two overlap."""

from __future__ import annotations

import re
from dataclasses import dataclass

Version = tuple[int, int, int]

_CLAUSE = re.compile(r"^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[\w.]+)?\s*$")
_INFINITY: Version = (10**9, 0, 0)


@dataclass(frozen=True)
class Range:
    """Versions from ``low`` to ``high``; each bound is included when its flag says so."""

    low: Version = (0, 0, 0)
    low_included: bool = True
    high: Version = _INFINITY
    high_included: bool = False

    def overlaps(self, other: Range) -> bool:
        """Whether some version lies in both ranges."""
        both = _intersect(self, other)
        return both.low < both.high or (
            both.low == both.high and both.low_included and both.high_included
        )


ANY = Range()


def parse_constraint(text: str) -> Range | None:
    """The range a constraint string allows, or ``None`` when it cannot be read.

    ``!=`` clauses are ignored (they exclude single versions, which does not change overlap
    with a version range in practice).
    """
    result = ANY
    for clause in text.split(","):
        match = _CLAUSE.match(clause)
        if match is None:
            return None
        operator = match.group(1) or "="
        numbers = [int(n) if n is not None else None for n in match.group(2, 3, 4)]
        version: Version = (numbers[0] or 0, numbers[1] or 0, numbers[2] or 0)
        if operator != "!=":
            result = _intersect(result, _clause_range(operator, version, numbers))
    return result


def _clause_range(operator: str, version: Version, numbers: list[int | None]) -> Range:
    if operator == "=":
        return Range(version, True, version, True)
    if operator == ">":
        return Range(low=version, low_included=False)
    if operator == ">=":
        return Range(low=version)
    if operator == "<":
        return Range(high=version)
    if operator == "<=":
        return Range(high=version, high_included=True)
    # ~> allows the rightmost given part to grow: ~> 4.1 is >= 4.1, < 5; ~> 4.1.2 is < 4.2
    given = sum(n is not None for n in numbers)
    if given <= 1:
        return Range(low=version)
    upper: Version = (version[0] + 1, 0, 0) if given == 2 else (version[0], version[1] + 1, 0)
    return Range(low=version, high=upper)


def _intersect(first: Range, second: Range) -> Range:
    low = max(
        (first.low, first.low_included),
        (second.low, second.low_included),
        key=lambda b: (b[0], not b[1]),
    )
    high = min(
        (first.high, first.high_included),
        (second.high, second.high_included),
        key=lambda b: (b[0], b[1]),
    )
    return Range(low[0], low[1], high[0], high[1])
