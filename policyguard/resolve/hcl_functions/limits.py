"""The bounds of one evaluation: the sizes of what it builds and the steps it takes; exceeding
one raises :class:`~policyguard.diagnostics.LimitExceeded`."""

from __future__ import annotations

from policyguard.diagnostics import LimitExceeded
from policyguard.location import Span

MAX_STEPS = 100_000
"""Evaluation steps (nodes evaluated, elements produced or visited) per top-level evaluation."""
MAX_STRING = 1 << 20
"""Characters in a string that evaluation produces."""
MAX_COLLECTION = 100_000
"""Elements in a list or object that evaluation produces."""
MAX_DEPTH = 100
"""Nested evaluations (an expression inside an expression, a reference to a reference)."""
MAX_VALUE_DEPTH = 250
"""Nesting of a value that a function walks (values can nest deeper than the expressions that
build them, as ``jsondecode`` output does)."""
MAX_NUMBER_DIGITS = 1000
"""Decimal digits of a number that evaluation produces."""


class Budget:
    """The bounds of one top-level evaluation: steps taken so far, and size checks."""

    __slots__ = ("steps",)

    def __init__(self) -> None:
        self.steps = 0

    def tick(self, span: Span, count: int = 1) -> None:
        """Count ``count`` steps of work at ``span``."""
        self.steps += count
        if self.steps > MAX_STEPS:
            raise LimitExceeded(f"expression evaluation took more than {MAX_STEPS} steps", span)

    def string(self, length: int, span: Span) -> None:
        """Check the length of a string about to be built."""
        if length > MAX_STRING:
            raise LimitExceeded(f"expression builds a string over {MAX_STRING} characters", span)

    def collection(self, size: int, span: Span) -> None:
        """Check, and count as steps, the elements of a collection about to be built."""
        if size > MAX_COLLECTION:
            raise LimitExceeded(
                f"expression builds a collection of over {MAX_COLLECTION} elements", span
            )
        self.tick(span, size)


def check_depth(depth: int, span: Span) -> None:
    """Refuse to walk a value nested deeper than :data:`MAX_VALUE_DEPTH`."""
    if depth > MAX_VALUE_DEPTH:
        raise LimitExceeded(f"value nested deeper than {MAX_VALUE_DEPTH} levels", span)
