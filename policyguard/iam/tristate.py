"""Three-valued logic for answers that may depend on values nobody can know statically.

``Tri`` is Kleene's strong logic: ``UNKNOWN`` stands for "true or false, the templates do not
say", so ``FALSE and UNKNOWN`` is ``FALSE`` and ``TRUE or UNKNOWN`` is ``TRUE``. A ``Tri`` has no
truth value of its own (``bool(Tri.UNKNOWN)`` raises), so that an ``if`` never silently treats
``UNKNOWN`` as true: ask ``is Tri.TRUE``, ``is_possible`` or ``is_certain`` instead.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import NoReturn


class Tri(enum.Enum):
    """True, false, or unknown."""

    FALSE = 0
    UNKNOWN = 1
    TRUE = 2

    @classmethod
    def of(cls, value: bool) -> Tri:
        """``TRUE`` or ``FALSE``."""
        return cls.TRUE if value else cls.FALSE

    def __bool__(self) -> NoReturn:
        raise TypeError("Tri has no truth value; compare with Tri.TRUE or use is_possible")

    def and_(self, other: Tri) -> Tri:
        """Conjunction: the smaller of the two (``FALSE < UNKNOWN < TRUE``)."""
        return self if self.value <= other.value else other

    def or_(self, other: Tri) -> Tri:
        """Disjunction: the larger of the two."""
        return self if self.value >= other.value else other

    def not_(self) -> Tri:
        """Negation; ``UNKNOWN`` stays ``UNKNOWN``."""
        return _NEGATION[self]

    @property
    def is_possible(self) -> bool:
        """``TRUE`` or ``UNKNOWN``: the answer may be yes."""
        return self is not Tri.FALSE

    @property
    def is_certain(self) -> bool:
        """``TRUE`` or ``FALSE``: the answer is known."""
        return self is not Tri.UNKNOWN


_NEGATION = {Tri.FALSE: Tri.TRUE, Tri.UNKNOWN: Tri.UNKNOWN, Tri.TRUE: Tri.FALSE}


def all_(values: Iterable[Tri]) -> Tri:
    """Conjunction of all values; ``TRUE`` for none. Stops at the first ``FALSE``."""
    result = Tri.TRUE
    for value in values:
        if value is Tri.FALSE:
            return Tri.FALSE
        result = result.and_(value)
    return result


def any_(values: Iterable[Tri]) -> Tri:
    """Disjunction of all values; ``FALSE`` for none. Stops at the first ``TRUE``."""
    result = Tri.FALSE
    for value in values:
        if value is Tri.TRUE:
            return Tri.TRUE
        result = result.or_(value)
    return result


def either(first: Tri, second: Tri) -> Tri:
    """The answer when it is one of two cases and it is not known which: the common value when
    both cases agree, else ``UNKNOWN``."""
    return first if first is second else Tri.UNKNOWN
