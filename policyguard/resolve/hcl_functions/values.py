"""Terraform's values as the evaluator holds them, the errors and unknowns of evaluation, and how
messages name a value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Expression, Mapping, Node, Scalar, ScalarValue, Sequence

Value: TypeAlias = Scalar | Mapping | Sequence | Unresolved
"""What an expression evaluates to: a literal node, or why it is not known."""
Number: TypeAlias = int | float


@dataclass(frozen=True, slots=True)
class UnresolvedNode(Expression):
    """An unknown element inside an evaluated :class:`Mapping` or :class:`Sequence`.

    ``text`` is the expression, ``span`` where the element is written, ``unresolved`` why it is
    not known (with the known pieces of a string)."""

    unresolved: Unresolved


@dataclass(frozen=True, slots=True)
class EncodedMapping(Mapping):
    """``jsonencode`` of an object: a JSON string in Terraform, kept as the object itself."""


@dataclass(frozen=True, slots=True)
class EncodedSequence(Sequence):
    """``jsonencode`` of a list: a JSON string in Terraform, kept as the list itself."""


@dataclass(frozen=True, slots=True)
class OpenMapping(Mapping):
    """An object of which only the listed attributes are known; any other is unknown."""


Encoded: TypeAlias = EncodedMapping | EncodedSequence


class Failure(Exception):
    """An error Terraform would report; ``expression`` is where it happened, once known."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expression: str | None = None

    def locate(self, expression: str) -> None:
        """Record the innermost expression that failed (the first call wins)."""
        if self.expression is None:
            self.expression = expression

    def describe(self) -> str:
        """The reason, naming the failing expression: the reason of the ``Unresolved``."""
        if self.expression is None:
            return f"Terraform would fail: {self.reason}"
        return f"Terraform would fail: {shortened(self.expression)}: {self.reason}"


class Unknown(Exception):
    """The value being computed is not known statically, for ``reason``; ``parts`` are its
    known and unknown pieces when it is a string partly known (see ``Unresolved.parts``)."""

    def __init__(self, reason: str, parts: tuple[str | None, ...] = (None,)) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parts = parts


def shortened(text: str) -> str:
    """``text`` on one line, cut to 80 characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def kind(value: Value) -> str:
    """The kind of ``value`` as messages name it."""
    if isinstance(value, Unresolved):
        return "an unknown value"
    if isinstance(value, EncodedMapping | EncodedSequence):
        return "a JSON string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, Sequence):
        return "a list"
    raw = value.value
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "a bool"
    if isinstance(raw, int | float):
        return "a number"
    return "a string"


def is_encoded(value: Value | Node) -> bool:
    """Whether ``value`` is the structure ``jsonencode`` returned (a string to Terraform)."""
    return isinstance(value, EncodedMapping | EncodedSequence)


def scalar_kind(raw: ScalarValue) -> str:
    """The type of a scalar as Terraform compares it: null, bool, number or string."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "bool"
    return "number" if isinstance(raw, int | float) else "string"


def entries_by_key(mapping: Mapping) -> list[Entry]:
    """The entries of ``mapping`` in Terraform's order: sorted by key, the last of a repeat."""
    unique = {entry.key: entry for entry in mapping.entries}
    return [unique[key] for key in sorted(unique)]
