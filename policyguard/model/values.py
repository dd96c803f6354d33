"""Values as the templates declare them: known, or explicitly unresolved, and always located."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from policyguard.location import SourceLocation

T = TypeVar("T")


@dataclass(frozen=True, slots=True, order=True)
class Unresolved:
    """A value that cannot be known statically.

    ``expression`` is the source text (``var.bucket_acl``, ``{"Ref": "KeyArn"}``); ``reason``
    says why it stays unknown. A string built from known and unknown pieces keeps them in
    ``parts`` (``None`` for each unknown piece), so ``arn:aws:s3:::${var.b}/*`` is known not to
    be ``*``.
    """

    expression: str
    reason: str
    parts: tuple[str | None, ...] = (None,)

    @classmethod
    def of_parts(cls, expression: str, reason: str, parts: Iterable[str | None]) -> Unresolved:
        """An unresolved string of known and unknown pieces, adjacent known pieces merged."""
        merged: list[str | None] = []
        for part in parts:
            if part is not None and merged and merged[-1] is not None:
                merged[-1] += part
            elif part is None or part:
                merged.append(part)
        return cls(expression, reason, tuple(merged))

    def __str__(self) -> str:
        return f"<unresolved {self.expression}: {self.reason}>"

    def may_equal(self, text: str) -> bool:
        """Whether some value of the unknown pieces makes this string equal ``text``."""
        pattern = "".join(".*" if part is None else re.escape(part) for part in self.parts)
        return re.fullmatch(pattern, text, re.S) is not None


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A single written value and where it is written."""

    value: T | Unresolved
    location: SourceLocation

    @property
    def is_unresolved(self) -> bool:
        return isinstance(self.value, Unresolved)

    def known(self) -> T | None:
        """The value when known, else ``None``."""
        return None if isinstance(self.value, Unresolved) else self.value

    def may_be(self, literal: T) -> bool:
        """Whether the value is ``literal``, or is unresolved and could be."""
        if isinstance(self.value, Unresolved):
            return isinstance(literal, str) and self.value.may_equal(literal)
        return self.value == literal

    def describe(self) -> str:
        """The value as text for messages and fingerprints."""
        return str(self.value)
