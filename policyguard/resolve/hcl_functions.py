"""Terraform's values as the evaluator of :mod:`policyguard.resolve.hcl_eval` holds them, and the
built-in functions it evaluates (:data:`FUNCTIONS`, one table from name to implementation).

**Values.** A known value reuses the tree's literal nodes: :class:`Scalar` (string, number, bool,
null), :class:`Mapping` (object or map) and :class:`Sequence` (list, tuple or set). An unknown value
is an :class:`Unresolved`. Inside an evaluated Mapping or Sequence an unknown element is an
:class:`UnresolvedNode`: an :class:`Expression` carrying its ``Unresolved``, so that a reader that
does not know the class still sees an expression it cannot evaluate. Two kinds of container are
marked by subclass:

- :class:`EncodedMapping` and :class:`EncodedSequence` are what ``jsonencode`` returns: in
  Terraform's terms a JSON string, kept as the structure with every element's position because
  policies are read from it. Wherever Terraform wants a string (a template, a string function,
  ``==`` with a string) it becomes compact JSON as Terraform writes it: keys sorted, no spaces,
  ``<``, ``>`` and ``&`` escaped.
- :class:`OpenMapping` is an object of which only some attributes are known (a resource's
  configured arguments beside those the provider computes): another attribute is unknown, not an
  error.

**Errors and unknowns.** Where Terraform would report an error (a wrong argument type, an index
out of range, a missing attribute of a known object) evaluation raises :class:`Failure`; ``try``
and ``can`` catch it, and the evaluator turns it into an ``Unresolved`` that says why, so the scan
goes on. Where a value cannot be known, or a construct is not evaluated here, a function raises
:class:`Unknown`, which the evaluator turns into an ``Unresolved`` naming the call. The two differ
only for ``try`` and ``can``: an error moves on to the next argument, an unknown value does not.

**Spans.** A result a function computes gets the span of the call; a value it passes through
unchanged (``lookup``, ``element``, ``coalesce``, ``try``, the elements of ``concat`` or
``merge``) keeps its own span, so a finding points where the deciding value is written.

**Bounds.** :class:`Budget` counts evaluation steps and checks the size of strings, collections
and numbers; exceeding a bound raises :class:`~policyguard.diagnostics.LimitExceeded`.

**Known differences from Terraform.** Numbers are Python ``int`` (exact) and ``float`` computed
through ``Decimal``, not 512-bit floats. Lists and tuples, maps and objects are not told apart
(``==`` compares structure, where Terraform also compares these types); a set is a sorted,
deduplicated list, so indexing it succeeds where Terraform fails. ``length`` of a string counts
code points, not grapheme clusters. ``lower``/``upper``/``title`` use Python's case mappings.
Regular expressions run on Python's ``re`` with RE2's ASCII classes: RE2 syntax Python lacks
(``\\pL``, ``[[:alpha:]]``, ``(?U)``, ``\\Q...\\E``), backreferences and lookarounds are left
unknown, and so is a pattern that could backtrack too long on its string (a repeated group that
repeats or alternates inside, or more choices than :data:`REGEX_COST_LIMIT` allows), since
Python backtracks where RE2 does not; ``$`` also matches before a final newline, ``(?i)`` folds
only ASCII case, and empty matches next to other matches may differ. ``format`` supports the
verbs ``%v %#v %s %q %t %d %b %o %x %X %e %E %f %F %g %G`` with flags, width, precision and
``%[n]``, not ``*``; ``%q`` quotes as JSON does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache
from typing import Protocol, TypeAlias

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.json_text import parse_json, parse_json_at
from policyguard.parse.tree import (
    Call,
    Conditional,
    Entry,
    Expression,
    ForExpression,
    Index,
    Mapping,
    Node,
    Operation,
    Scalar,
    ScalarValue,
    Sequence,
    Splat,
    Step,
    Template,
    TextOrigin,
    Traversal,
    Variable,
)

Value: TypeAlias = Scalar | Mapping | Sequence | Unresolved
"""What an expression evaluates to: a literal node, or why it is not known."""

Number: TypeAlias = int | float

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
RANGE_LIMIT = 1024
"""Terraform's own limit on the elements ``range`` generates."""

_VARIADIC = -1


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
        return f"Terraform would fail: {_short(self.expression)}: {self.reason}"


class Unknown(Exception):
    """The value being computed is not known statically, for ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


# --- Values ----------------------------------------------------------------------------------


def unwrap(node: Node) -> Value:
    """The value an element of an evaluated container stands for."""
    if isinstance(node, UnresolvedNode):
        return node.unresolved
    if isinstance(node, Scalar | Mapping | Sequence):
        return node
    return Unresolved(source_text(node), "the expression is not evaluated")


def wrap(value: Value, span: Span) -> Node:
    """``value`` as an element of a container; an unknown one written at ``span``."""
    if isinstance(value, Unresolved):
        return UnresolvedNode(value.expression, span, value)
    return value


def source_text(node: Node) -> str:
    """The source text of an expression (literal containers as ``{...}`` and ``[...]``)."""
    if isinstance(node, Variable):
        return node.name
    if isinstance(node, Scalar):
        return _literal(node.value)
    if isinstance(node, Mapping):
        return "{...}"
    if isinstance(node, Sequence):
        return "[...]"
    return node.text


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


def number_text(number: Number) -> str:
    """A number as Terraform prints it: no exponent, no trailing ``.0``."""
    if isinstance(number, float):
        if not math.isfinite(number):
            raise Failure("the number is not finite")
        if not number.is_integer():
            return format(Decimal(repr(number)), "f")
        number = int(number)
    return str(number)


def scalar_text(raw: ScalarValue) -> str:
    """A non-null scalar as a string, the conversion Terraform makes."""
    if raw is None:
        raise Failure("a null value cannot be used as a string")
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float):
        return number_text(raw)
    return raw


def parse_number(text: str) -> Number | None:
    """A number written as a string (``"12"``, ``"-1.5"``, ``"1e3"``), or ``None``."""
    if len(text) > MAX_NUMBER_DIGITS or not _NUMBER_TEXT.fullmatch(text):
        return None
    number = Decimal(text)
    if abs(number.adjusted()) > MAX_NUMBER_DIGITS:
        return None
    return _normal(number)


def to_number(value: Value) -> Number:
    """A number, or a string that holds one."""
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, Scalar) and not isinstance(value.value, bool | None):
        raw = value.value
        if isinstance(raw, int | float):
            return raw
        number = parse_number(raw)
        if number is not None:
            return number
        raise Failure(f"cannot convert {_literal(raw)} to a number")
    raise Failure(f"a number is required, not {kind(value)}")


def to_bool(value: Value) -> bool:
    """A bool, or the string ``"true"`` or ``"false"``."""
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, Scalar):
        if isinstance(value.value, bool):
            return value.value
        if value.value in ("true", "false"):
            return value.value == "true"
    raise Failure(f"a bool is required, not {kind(value)}")


def to_pieces(value: Value, budget: Budget, span: Span) -> list[str | None]:
    """``value`` in a string template: its text, in known pieces and ``None`` for unknown ones."""
    if isinstance(value, Unresolved):
        return list(value.parts)
    if isinstance(value, EncodedMapping | EncodedSequence):
        return json_pieces(value, budget, span)
    if isinstance(value, Mapping | Sequence):
        raise Failure(f"cannot include {kind(value)} in a string")
    if value.value is None:
        raise Failure("cannot include a null value in a string")
    return [scalar_text(value.value)]


def json_string(text: str) -> str:
    """A JSON string literal as Terraform's ``jsonencode`` writes it (Go's HTML-safe escapes)."""
    return json.dumps(text, ensure_ascii=False).translate(_HTML_ESCAPES)


def json_pieces(value: Value | Node, budget: Budget, span: Span) -> list[str | None]:
    """Compact JSON of ``value``: known pieces, ``None`` where an element is unknown."""
    pieces: list[str | None] = []
    _json_into(pieces, unwrap(value) if not isinstance(value, Unresolved) else value, budget, span)
    return pieces


def _json_into(
    pieces: list[str | None], value: Value, budget: Budget, span: Span, depth: int = 0
) -> None:
    budget.tick(span)
    _check_depth(depth, span)
    if isinstance(value, Unresolved) and value.parts != (None,):  # a string, partly known
        pieces.extend(_quoted(value.parts))
    elif isinstance(value, Unresolved | OpenMapping):
        pieces.append(None)
    elif depth and isinstance(value, EncodedMapping | EncodedSequence):
        pieces.extend(_quoted(json_pieces(value, budget, span)))
    elif isinstance(value, Mapping):
        pieces.append("{")
        for number, entry in enumerate(entries_by_key(value)):
            pieces.append(("," if number else "") + json_string(entry.key) + ":")
            _json_into(pieces, unwrap(entry.value), budget, span, depth + 1)
        pieces.append("}")
    elif isinstance(value, Sequence):
        pieces.append("[")
        for number, item in enumerate(value.items):
            if number:
                pieces.append(",")
            _json_into(pieces, unwrap(item), budget, span, depth + 1)
        pieces.append("]")
    elif value.value is None:
        pieces.append("null")
    elif isinstance(value.value, str):
        pieces.append(json_string(value.value))
    else:
        pieces.append(scalar_text(value.value))


def _quoted(parts: Iterable[str | None]) -> list[str | None]:
    """A JSON string literal of a string in pieces (escaping works piece by piece)."""
    return ['"', *(None if p is None else json_string(p)[1:-1] for p in parts), '"']


def entries_by_key(mapping: Mapping) -> list[Entry]:
    """The entries of ``mapping`` in Terraform's order: sorted by key, the last of a repeat."""
    unique = {entry.key: entry for entry in mapping.entries}
    return [unique[key] for key in sorted(unique)]


def wholly_known(value: Value | Node, budget: Budget, span: Span, depth: int = 0) -> bool:
    """Whether nothing in ``value`` is unknown."""
    budget.tick(span)
    _check_depth(depth, span)
    value = value if isinstance(value, Unresolved) else unwrap(value)
    if isinstance(value, Unresolved | OpenMapping):
        return False
    if isinstance(value, Mapping):
        return all(wholly_known(e.value, budget, span, depth + 1) for e in value.entries)
    if isinstance(value, Sequence):
        return all(wholly_known(item, budget, span, depth + 1) for item in value.items)
    return True


def equal(left: Value | Node, right: Value | Node, budget: Budget, span: Span) -> bool | None:
    """Terraform's ``==``: whether the values are equal, ``None`` when that is not known."""
    return _equal(_value_of(left), _value_of(right), budget, span, 0)


def _value_of(value: Value | Node) -> Value:
    return value if isinstance(value, Unresolved) else unwrap(value)


def _equal(left: Value, right: Value, budget: Budget, span: Span, depth: int) -> bool | None:
    budget.tick(span)
    _check_depth(depth, span)
    if _stringish(left) or _stringish(right):
        return _equal_text(left, right, budget, span)
    if isinstance(left, Unresolved) or isinstance(right, Unresolved):
        return None
    if isinstance(left, Scalar) and isinstance(right, Scalar):
        return _scalar_kind(left.value) == _scalar_kind(right.value) and left.value == right.value
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        if isinstance(left, OpenMapping) or isinstance(right, OpenMapping):
            return None
        first, second = entries_by_key(left), entries_by_key(right)
        if [e.key for e in first] != [e.key for e in second]:
            return False
        pairs = [(unwrap(a.value), unwrap(b.value)) for a, b in zip(first, second, strict=True)]
    elif isinstance(left, Sequence) and isinstance(right, Sequence):
        if len(left.items) != len(right.items):
            return False
        pairs = [(unwrap(a), unwrap(b)) for a, b in zip(left.items, right.items, strict=True)]
    else:
        return False
    unknown = False
    for a, b in pairs:
        same = _equal(a, b, budget, span, depth + 1)
        if same is False:
            return False
        unknown = unknown or same is None
    return None if unknown else True


def _stringish(value: Value) -> bool:
    """A string, a JSON string, or an unknown string of which a piece is known."""
    if isinstance(value, Unresolved):
        return value.parts != (None,)
    if isinstance(value, Scalar):
        return isinstance(value.value, str)
    return isinstance(value, EncodedMapping | EncodedSequence)


def _equal_text(left: Value, right: Value, budget: Budget, span: Span) -> bool | None:
    if not (_stringish(left) or isinstance(left, Unresolved)) or not (
        _stringish(right) or isinstance(right, Unresolved)
    ):
        return False
    first, second = to_pieces(left, budget, span), to_pieces(right, budget, span)
    if None not in first and None not in second:
        return "".join(p for p in first if p is not None) == "".join(
            p for p in second if p is not None
        )
    for known, partial in ((first, second), (second, first)):
        if None not in known:
            text = "".join(p for p in known if p is not None)
            return None if Unresolved.of_parts("", "", partial).may_equal(text) else False
    return None


def _scalar_kind(raw: ScalarValue) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "bool"
    return "number" if isinstance(raw, int | float) else "string"


def canonical(value: Value | Node, budget: Budget, span: Span, depth: int = 0) -> Hashable:
    """A hashable stand-in for a wholly known value, equal where Terraform's ``==`` is true."""
    budget.tick(span)
    _check_depth(depth, span)
    value = _value_of(value)
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    if isinstance(value, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if isinstance(value, EncodedMapping | EncodedSequence):
        return ("string", _known_text(json_pieces(value, budget, span)))
    if isinstance(value, Mapping):
        return (
            "object",
            tuple(
                (e.key, canonical(e.value, budget, span, depth + 1)) for e in entries_by_key(value)
            ),
        )
    if isinstance(value, Sequence):
        return ("list", tuple(canonical(item, budget, span, depth + 1) for item in value.items))
    raw = value.value
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return (_scalar_kind(raw), raw)


def _known_text(pieces: list[str | None]) -> str:
    if None in pieces:
        raise Unknown("the JSON text holds values not known statically")
    return "".join(p for p in pieces if p is not None)


def _check_depth(depth: int, span: Span) -> None:
    if depth > MAX_VALUE_DEPTH:
        raise LimitExceeded(f"value nested deeper than {MAX_VALUE_DEPTH} levels", span)


def _normal(number: Decimal) -> Number:
    """A Decimal result as a Python number: ``int`` when whole."""
    if not number.is_finite():
        raise Failure("the result is not a finite number")
    if number == number.to_integral_value():
        return int(number)
    return float(number)


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
    return bounded(_normal(result), span)


def compare(operator: str, left: Number, right: Number) -> bool:
    """``left operator right`` for ``< <= > >=``."""
    if operator == "<":
        return left < right
    if operator == "<=":
        return left <= right
    if operator == ">":
        return left > right
    return left >= right


def text_value(
    pieces: Iterable[str | None], reason: str | None, expression: str, span: Span, budget: Budget
) -> Scalar | Unresolved:
    """A string built of ``pieces``: known, or unknown with its known pieces kept."""
    parts = list(pieces)
    budget.string(sum(len(p) for p in parts if p is not None), span)
    if None in parts:
        return Unresolved.of_parts(
            expression, reason or "the string holds values not known statically", parts
        )
    return Scalar("".join(p for p in parts if p is not None), span)


# --- Moving nodes ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    """Shifts positions by ``lines`` and ``columns`` and sets the file of every span."""

    lines: int = 0
    columns: int = 0
    file: str = ""

    def span(self, span: Span) -> Span:
        return Span(
            span.start_line + self.lines,
            span.start_column + self.columns,
            span.end_line + self.lines,
            span.end_column + self.columns,
            self.file,
        )

    def origin(self, origin: TextOrigin | None) -> TextOrigin | None:
        if origin is None:
            return None
        return TextOrigin(origin.line + self.lines, origin.column + self.columns, origin.indent)


def relocate(node: Node, move: Move) -> Node:
    """``node`` and everything in it with positions moved by ``move``."""
    span = move.span(node.span)
    if isinstance(node, Scalar):
        return Scalar(node.value, span, move.origin(node.origin))
    if isinstance(node, Mapping):
        entries = tuple(
            Entry(e.key, move.span(e.key_span), relocate(e.value, move)) for e in node.entries
        )
        return replace(node, entries=entries, span=span)
    if isinstance(node, Sequence):
        return replace(node, items=tuple(relocate(item, move) for item in node.items), span=span)
    if isinstance(node, Call):
        return replace(node, args=tuple(relocate(arg, move) for arg in node.args), span=span)
    if isinstance(node, Template):
        parts = tuple(relocate(part, move) for part in node.parts)
        return replace(node, parts=parts, span=span, origin=move.origin(node.origin))
    if isinstance(node, Traversal):
        steps = tuple(_relocate_step(step, move) for step in node.steps)
        return replace(node, source=relocate(node.source, move), steps=steps, span=span)
    if isinstance(node, Conditional):
        return replace(
            node,
            condition=relocate(node.condition, move),
            true=relocate(node.true, move),
            false=relocate(node.false, move),
            span=span,
        )
    if isinstance(node, Operation):
        operands = tuple(relocate(operand, move) for operand in node.operands)
        return replace(node, operands=operands, span=span)
    if isinstance(node, ForExpression):
        return replace(
            node,
            collection=relocate(node.collection, move),
            key=None if node.key is None else relocate(node.key, move),
            value=relocate(node.value, move),
            condition=None if node.condition is None else relocate(node.condition, move),
            span=span,
        )
    return replace(node, span=span)


def _relocate_step(step: Step, move: Move) -> Step:
    if isinstance(step, Index):
        return Index(relocate(step.key, move), move.span(step.span))
    if isinstance(step, Splat):
        return Splat(step.full, move.span(step.span))
    return step


# --- Argument helpers ------------------------------------------------------------------------


def _take(args: Arguments, low: int, high: int | None = None) -> list[Value]:
    """Every argument, evaluated, after checking how many there are."""
    count = len(args)
    top = low if high is None else high
    if count < low or (top != _VARIADIC and count > top):
        if top == _VARIADIC:
            wanted = f"at least {low}"
        elif top == low:
            wanted = str(low)
        else:
            wanted = f"{low} to {top}"
        raise Failure(f"{args.call.name}() takes {wanted} argument(s), got {count}")
    return [args.value(index) for index in range(count)]


def _known(value: Value) -> Scalar | Mapping | Sequence:
    if isinstance(value, Unresolved):
        raise Unknown(value.reason)
    return value


def _string(args: Arguments, value: Value) -> str:
    """A string argument (numbers and bools converted, a JSON string as its text)."""
    known = _known(value)
    if isinstance(known, EncodedMapping | EncodedSequence):
        text = _known_text(json_pieces(known, args.budget, args.call.span))
        args.budget.string(len(text), args.call.span)
        return text
    if isinstance(known, Scalar):
        if known.value is None:
            raise Failure("a string is required, not null")
        return scalar_text(known.value)
    raise Failure(f"a string is required, not {kind(known)}")


def _number(value: Value) -> Number:
    return to_number(_known(value))


def _integer(value: Value) -> int:
    number = _number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise Failure(f"a whole number is required, not {number_text(number)}")
        return int(number)
    return number


def _list(value: Value) -> Sequence:
    """A list, tuple or set argument."""
    known = _known(value)
    if isinstance(known, Sequence) and not isinstance(known, EncodedSequence):
        return known
    raise Failure(f"a list is required, not {kind(known)}")


def _map(value: Value) -> Mapping:
    """A map or object argument."""
    known = _known(value)
    if isinstance(known, Mapping) and not isinstance(known, EncodedMapping):
        return known
    raise Failure(f"a map is required, not {kind(known)}")


def _elements(sequence: Sequence) -> list[Value]:
    return [unwrap(item) for item in sequence.items]


def _text(args: Arguments, text: str) -> Scalar:
    args.budget.string(len(text), args.call.span)
    return Scalar(text, args.call.span)


def _result_text(
    args: Arguments, pieces: Iterable[str | None], reason: str | None
) -> Scalar | Unresolved:
    return text_value(pieces, reason, args.call.text, args.call.span, args.budget)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _literal(raw: ScalarValue) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, str):
        return json.dumps(raw, ensure_ascii=False)
    return scalar_text(raw)


# --- JSON ------------------------------------------------------------------------------------


def _jsonencode(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    span = args.call.span
    if isinstance(known, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if isinstance(known, EncodedMapping | EncodedSequence):
        pieces = _quoted(json_pieces(known, args.budget, span))
        return _result_text(args, pieces, "the JSON text holds unknown values")
    if isinstance(known, Mapping):
        entries = tuple(
            Entry(e.key, e.key_span, _json_element(e.value, args)) for e in known.entries
        )
        return EncodedMapping(entries, span)
    if isinstance(known, Sequence):
        return EncodedSequence(tuple(_json_element(item, args) for item in known.items), span)
    return _result_text(args, json_pieces(known, args.budget, span), None)


def _json_element(node: Node, args: Arguments) -> Node:
    """An element of a ``jsonencode`` structure: a nested JSON string becomes a string."""
    if isinstance(node, EncodedMapping | EncodedSequence):
        text = text_value(
            json_pieces(node, args.budget, node.span),
            "the JSON text holds unknown values",
            "jsonencode(...)",
            node.span,
            args.budget,
        )
        return wrap(text, node.span)
    if isinstance(node, Mapping):
        entries = tuple(
            Entry(e.key, e.key_span, _json_element(e.value, args)) for e in node.entries
        )
        return replace(node, entries=entries)
    if isinstance(node, Sequence):
        return replace(node, items=tuple(_json_element(item, args) for item in node.items))
    return node


def _jsondecode(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, EncodedMapping):
        return Mapping(known.entries, known.span)
    if isinstance(known, EncodedSequence):
        return Sequence(known.items, known.span)
    try:
        if isinstance(known, Scalar) and isinstance(known.value, str):
            if known.origin is None:
                tree = parse_json_at(known.value, known.span)
            else:  # the text maps onto its file: exact positions
                tree = parse_json(known.value, known.origin)
                tree = relocate(tree, Move(file=known.span.file)) if known.span.file else tree
        else:
            tree = parse_json_at(_string(args, known), args.call.span)
    except LimitExceeded:
        raise
    except InputError as error:
        raise Failure(f"invalid JSON: {error.message}") from error
    assert isinstance(tree, Scalar | Mapping | Sequence)  # JSON holds nothing else
    return tree


# --- Strings ---------------------------------------------------------------------------------


def _format(args: Arguments) -> Value:
    values = _take(args, 1, _VARIADIC)
    spec = _string(args, values[0])
    pieces, reason = format_pieces(spec, values[1:], args)
    return _result_text(args, pieces, reason)


def _formatlist(args: Arguments) -> Value:
    values = _take(args, 1, _VARIADIC)
    spec = _string(args, values[0])
    length: int | None = None
    for value in values[1:]:
        known = _known(value)
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
        items.append(wrap(_result_text(args, pieces, reason), args.call.span))
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
        text = _string(args, value)
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


def _join(args: Arguments) -> Value:
    values = _take(args, 2, _VARIADIC)
    separator = _string(args, values[0])
    pieces: list[str | None] = []
    reason: str | None = None
    for value in values[1:]:
        for element in _elements(_list(value)):
            if pieces:
                pieces.append(separator)
            if isinstance(element, Unresolved):
                pieces.extend(element.parts)
                reason = reason or element.reason
            else:
                pieces.append(_string(args, element))
    return _result_text(args, pieces, reason)


def _split(args: Arguments) -> Value:
    separator, text = (_string(args, v) for v in _take(args, 2))
    pieces = text.split(separator) if separator else list(text)
    args.budget.collection(len(pieces), args.call.span)
    return Sequence(tuple(Scalar(p, args.call.span) for p in pieces), args.call.span)


def _case(convert: Callable[[str], str]) -> Function:
    def change(args: Arguments) -> Value:
        (value,) = _take(args, 1)
        if isinstance(value, Unresolved):
            parts = (None if p is None else convert(p) for p in value.parts)
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        return _text(args, convert(_string(args, value)))

    return change


def _go_title(text: str) -> str:
    """Go's ``strings.Title``: upper-case every letter that follows a separator."""
    out: list[str] = []
    previous = " "
    for char in text:
        if _go_separator(previous):
            upper = char.upper()
            out.append(upper if len(upper) == 1 else char)
        else:
            out.append(char)
        previous = char
    return "".join(out)


def _go_separator(char: str) -> bool:
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdigit():
        return False
    return char in _GO_SPACE


_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501
"""What Go's ``unicode.IsSpace`` (and so ``trimspace``) takes for white space."""


def _string_function(convert: Callable[[str], str]) -> Function:
    def apply(args: Arguments) -> Value:
        (value,) = _take(args, 1)
        return _text(args, convert(_string(args, value)))

    return apply


def _trim(args: Arguments) -> Value:
    text, cutset = (_string(args, v) for v in _take(args, 2))
    return _text(args, text.strip(cutset))


def _trimprefix(args: Arguments) -> Value:
    value, prefix_value = _take(args, 2)
    prefix = _string(args, prefix_value)
    if isinstance(value, Unresolved):
        first = value.parts[0]
        if first is not None and first.startswith(prefix):
            parts = (first[len(prefix) :], *value.parts[1:])
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        if first is not None and not prefix.startswith(first):
            return Unresolved.of_parts(args.call.text, value.reason, value.parts)
        raise Unknown(value.reason)
    text = _string(args, value)
    return _text(args, text[len(prefix) :] if text.startswith(prefix) else text)


def _trimsuffix(args: Arguments) -> Value:
    value, suffix_value = _take(args, 2)
    suffix = _string(args, suffix_value)
    if isinstance(value, Unresolved):
        last = value.parts[-1]
        if last is not None and last.endswith(suffix):
            parts = (*value.parts[:-1], last[: len(last) - len(suffix)])
            return Unresolved.of_parts(args.call.text, value.reason, parts)
        if last is not None and not suffix.endswith(last):
            return Unresolved.of_parts(args.call.text, value.reason, value.parts)
        raise Unknown(value.reason)
    text = _string(args, value)
    return _text(
        args, text[: len(text) - len(suffix)] if suffix and text.endswith(suffix) else text
    )


def _substr(args: Arguments) -> Value:
    value, offset_value, length_value = _take(args, 3)
    text = _string(args, value)
    offset, length = _integer(offset_value), _integer(length_value)
    if offset < 0:
        offset = max(offset + len(text), 0)
    if offset >= len(text):
        return _text(args, "")
    return _text(args, text[offset:] if length < 0 else text[offset : offset + length])


def _startswith(args: Arguments) -> Value:
    value, prefix_value = _take(args, 2)
    prefix = _string(args, prefix_value)
    if isinstance(value, Unresolved):
        first = value.parts[0]
        if first is None:
            raise Unknown(value.reason)
        if first.startswith(prefix):
            return Scalar(True, args.call.span)
        if not prefix.startswith(first):
            return Scalar(False, args.call.span)
        raise Unknown(value.reason)
    return Scalar(_string(args, value).startswith(prefix), args.call.span)


def _endswith(args: Arguments) -> Value:
    value, suffix_value = _take(args, 2)
    suffix = _string(args, suffix_value)
    if isinstance(value, Unresolved):
        last = value.parts[-1]
        if last is None:
            raise Unknown(value.reason)
        if last.endswith(suffix):
            return Scalar(True, args.call.span)
        if not suffix.endswith(last):
            return Scalar(False, args.call.span)
        raise Unknown(value.reason)
    return Scalar(_string(args, value).endswith(suffix), args.call.span)


def _strcontains(args: Arguments) -> Value:
    value, part_value = _take(args, 2)
    part = _string(args, part_value)
    if isinstance(value, Unresolved):
        if any(p is not None and part in p for p in value.parts):
            return Scalar(True, args.call.span)
        raise Unknown(value.reason)
    return Scalar(part in _string(args, value), args.call.span)


def _chomp(text: str) -> str:
    while text.endswith(("\r\n", "\n")):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


def _replace(args: Arguments) -> Value:
    text, old, new = (_string(args, v) for v in _take(args, 3))
    span = args.call.span
    if len(old) >= 2 and old.startswith("/") and old.endswith("/"):
        pattern = _compile(old[1:-1], len(text))
        return _text(args, _substitute(pattern, new, text, args))
    count = text.count(old) if old else len(text) + 1
    args.budget.string(len(text) + count * (len(new) - len(old)), span)
    return _text(args, text.replace(old, new))


_GO_TEMPLATE = re.compile(r"\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+)|(\$))")


def _substitute(pattern: re.Pattern[str], template: str, text: str, args: Arguments) -> str:
    """Go's ``regexp.ReplaceAllString``: ``$1``, ``${1}``, ``$name``, ``${name}``, ``$$``."""
    total = len(text)

    def expand(match: re.Match[str]) -> str:
        nonlocal total

        def group(found: re.Match[str]) -> str:
            if found.group(3):
                return "$"
            name = found.group(1) or found.group(2)
            try:
                captured = match.group(int(name) if name.isdigit() else name)
            except IndexError:
                captured = None
            return captured or ""

        result = _GO_TEMPLATE.sub(group, template)
        total += len(result)
        args.budget.tick(args.call.span)
        args.budget.string(total, args.call.span)
        return result

    return pattern.sub(expand, text)


# --- Regular expressions ---------------------------------------------------------------------

REGEX_COST_LIMIT = 10**8
"""The most backtracking a pattern may cost on a string: the string's length times the choices
of every repetition and alternation (a repetition without bound counts the length again)."""

_NAMED_GROUP = re.compile(r"\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>")
_FLAG_GROUP = re.compile(r"\(\?([A-Za-z-]*)([:)])")
_REPETITION = re.compile(r"\{(\d+)(,(\d*))?\}")


@lru_cache(maxsize=256)
def _translate(pattern: str) -> tuple[str, tuple[int | None, ...]]:
    """An RE2 pattern in Python's syntax, and the choices of each repetition and alternation
    (``None`` for a repetition without bound).

    Raises :class:`Unknown` for syntax Python lacks or reads differently, and for a repeated
    group that itself repeats or alternates (which backtracks exponentially in Python).
    """
    out: list[str] = []
    choices: list[int | None] = []
    groups: list[bool] = [False]  # per open group: whether it repeats or alternates inside
    index = 0
    in_class = after_repeat = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escape = pattern[index + 1 : index + 2]
            if escape in ("p", "P", "Q", "C") or (escape.isdigit() and escape != "0"):
                raise Unknown(f"the pattern uses \\{escape}, which is not evaluated here")
            out.append("\\Z" if escape == "z" else pattern[index : index + 2])
            index += 2
            after_repeat = False
            continue
        if in_class:
            if pattern.startswith("[:", index):
                raise Unknown("the pattern uses a POSIX class, which is not evaluated here")
            in_class = char != "]"
            out.append("\\" + char if char in "[&~|" else char)
            index += 1
            continue
        repeat = _repetition_at(pattern, index)
        if repeat is not None:
            length, options = repeat
            if after_repeat and pattern[index] != "?":
                raise Unknown("the pattern repeats a repetition, which is not evaluated here")
            if not after_repeat:  # a "?" right after a repetition only makes it lazy
                groups[-1] = True
                choices.append(options)
            out.append(pattern[index : index + length])
            index += length
            after_repeat = not after_repeat
            continue
        after_repeat = False
        in_class = char == "["  # _translate_other reads the opening of a class, not its end
        index = _translate_other(pattern, index, out, groups, choices)
    return "".join(out), tuple(choices)


def _translate_other(
    pattern: str, index: int, out: list[str], groups: list[bool], choices: list[int | None]
) -> int:
    """Translate the character at ``index`` (not an escape, a repetition or inside a class);
    return where the next one starts."""
    char = pattern[index]
    if char == "[":
        start = index + 1 + (pattern[index + 1 : index + 2] == "^")
        opening = pattern[index:start]
        if pattern[start : start + 1] == "]":
            opening += "\\]"
            start += 1
        out.append(opening)
        return start
    if char == "(":
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), index):
            raise Unknown("the pattern uses a lookaround, which RE2 does not have")
        named = _NAMED_GROUP.match(pattern, index)
        flags = _FLAG_GROUP.match(pattern, index)
        if named is not None:
            out.append(f"(?P<{named.group(1)}>")
            groups.append(False)
            return named.end()
        if flags is not None:
            if "U" in flags.group(1):
                raise Unknown("the pattern uses the flag U, which is not evaluated here")
            out.append(flags.group())
            if flags.group(2) == ":":
                groups.append(False)
            return flags.end()
        if pattern.startswith("(?", index):
            raise Unknown("the pattern uses a group syntax that is not evaluated here")
        groups.append(False)
    elif char == ")" and len(groups) > 1:
        inner = groups.pop()
        if inner and _repetition_at(pattern, index + 1) is not None:
            raise Unknown("the pattern repeats a group that repeats, which could take too long")
        groups[-1] = groups[-1] or inner
    elif char == "|":
        groups[-1] = True
        choices.append(2)
    elif char == "{":  # not a repetition (those are read before): a literal, as in RE2
        char = "\\{"
    out.append(char)
    return index + 1


def _repetition_at(pattern: str, at: int) -> tuple[int, int | None] | None:
    """The repetition operator at ``at``: its length and its choices (``None`` unbounded)."""
    char = pattern[at : at + 1]
    if char in ("*", "+"):
        return 1, None
    if char == "?":
        return 1, 2
    match = _REPETITION.match(pattern, at) if char == "{" else None
    if match is None:
        return None
    low, comma, high = int(match.group(1)), match.group(2), match.group(3)
    if max(low, int(high or 0)) > 1000:
        raise Unknown("the pattern repeats more than RE2 allows")
    if comma is None:
        return len(match.group()), 1
    return len(match.group()), None if not high else max(int(high) - low + 1, 1)


def _compile(pattern: str, subject_length: int) -> re.Pattern[str]:
    """The pattern, compiled with RE2's ASCII classes, if matching it is safe."""
    if len(pattern) > 1000:
        raise Unknown("the pattern is too long to evaluate")
    translated, choices = _translate(pattern)
    cost = subject_length + 1
    for options in choices:
        cost *= subject_length + 1 if options is None else options
        if cost > REGEX_COST_LIMIT:
            raise Unknown("the pattern could backtrack too long on this string to evaluate")
    try:
        return re.compile(translated, re.ASCII)
    except re.error as error:
        raise Unknown(f"the pattern is not evaluated: {error}") from error


def _match_value(
    match: re.Match[str], pattern: re.Pattern[str], span: Span
) -> Scalar | Mapping | Sequence:
    """What ``regex`` returns for one match: the text, a list of groups or a map of them."""
    if pattern.groups == 0:
        return Scalar(match.group(), span)
    names = pattern.groupindex
    if names and len(names) != pattern.groups:
        raise Failure("a pattern cannot mix named and unnamed groups")
    if names:
        entries = tuple(
            Entry(name, span, Scalar(match.group(name), span)) for name in sorted(names)
        )
        return Mapping(entries, span)
    groups = tuple(Scalar(match.group(g), span) for g in range(1, pattern.groups + 1))
    return Sequence(groups, span)


def _regex(args: Arguments) -> Value:
    pattern_text, text = (_string(args, v) for v in _take(args, 2))
    pattern = _compile(pattern_text, len(text))
    match = pattern.search(text)
    if match is None:
        raise Failure("the pattern did not match")
    return _match_value(match, pattern, args.call.span)


def _regexall(args: Arguments) -> Value:
    pattern_text, text = (_string(args, v) for v in _take(args, 2))
    pattern = _compile(pattern_text, len(text))
    matches: list[Node] = []
    for match in pattern.finditer(text):
        matches.append(_match_value(match, pattern, args.call.span))
        args.budget.collection(len(matches), args.call.span)
    return Sequence(tuple(matches), args.call.span)


# --- Collections -----------------------------------------------------------------------------


def _concat(args: Arguments) -> Value:
    items: list[Node] = []
    for value in _take(args, 0, _VARIADIC):
        items.extend(_list(value).items)
    args.budget.collection(len(items), args.call.span)
    return Sequence(tuple(items), args.call.span)


def _merge(args: Arguments) -> Value:
    entries: dict[str, Entry] = {}
    for value in _take(args, 0, _VARIADIC):
        known = _known(value)
        if isinstance(known, Scalar) and known.value is None:
            continue
        if isinstance(known, OpenMapping):
            raise Unknown("an argument has attributes that are not known statically")
        for entry in _map(known).entries:
            entries.pop(entry.key, None)
            entries[entry.key] = entry
    args.budget.collection(len(entries), args.call.span)
    return Mapping(tuple(entries[key] for key in sorted(entries)), args.call.span)


def _lookup(args: Arguments) -> Value:
    values = _take(args, 2, 3)
    mapping = _map(values[0])
    key = _string(args, values[1])
    entry = mapping.entry(key)
    if entry is not None:
        return unwrap(entry.value)
    if isinstance(mapping, OpenMapping):
        raise Unknown(f"the key {_literal(key)} is not known statically")
    if len(values) == 3:
        return values[2]
    raise Failure(f"the map has no key {_literal(key)}")


def _element(args: Arguments) -> Value:
    sequence_value, index_value = _take(args, 2)
    sequence, index = _list(sequence_value), _integer(index_value)
    if not sequence.items:
        raise Failure("cannot use element() with an empty list")
    if index < 0:
        raise Failure("cannot use element() with a negative index")
    return unwrap(sequence.items[index % len(sequence.items)])


def _coalesce(args: Arguments) -> Value:
    for value in _take(args, 1, _VARIADIC):
        if isinstance(value, Unresolved):
            if any(value.parts):
                return value  # a string with a known non-empty piece is neither null nor ""
            raise Unknown(value.reason)
        if isinstance(value, Scalar) and (value.value is None or value.value == ""):
            continue
        return value
    raise Failure("no non-null, non-empty-string arguments")


def _coalescelist(args: Arguments) -> Value:
    for value in _take(args, 1, _VARIADIC):
        known = _known(value)
        if isinstance(known, Scalar) and known.value is None:
            continue
        if _list(known).items:
            return known
    raise Failure("no non-empty list arguments")


def _tolist(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    sequence = _list(known)
    return sequence if type(sequence) is Sequence else Sequence(sequence.items, sequence.span)


def _toset(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    return Sequence(tuple(_set_items(_list(known).items, args)), args.call.span)


def _set_items(items: Iterable[Node], args: Arguments) -> list[Node]:
    """Elements of a set: duplicates dropped, in Terraform's order for primitives (strings
    sorted; numbers by value; mixed primitives converted to strings), else first seen first."""
    nodes = list(items)
    values = [_known(unwrap(node)) for node in nodes]
    if any(isinstance(v, Scalar) and v.value is None for v in values):
        raise Failure("a set cannot hold null")
    scalars = [v for v in values if isinstance(v, Scalar)]
    if len(scalars) == len(values) and len({_scalar_kind(v.value) for v in scalars}) > 1:
        nodes = [Scalar(scalar_text(v.value), v.span) for v in scalars]
    unique: dict[Hashable, Node] = {}
    for node in nodes:
        unique.setdefault(canonical(node, args.budget, args.call.span), node)
    result = list(unique.values())
    if len(scalars) == len(values):
        result.sort(key=lambda node: _sort_key(unwrap(node)))
    return result


def _sort_key(value: Value) -> tuple[int, str | Number]:
    if isinstance(value, Scalar) and isinstance(value.value, bool):
        return 0, int(value.value)
    if isinstance(value, Scalar) and isinstance(value.value, int | float):
        return 1, value.value
    return 2, value.value if isinstance(value, Scalar) and isinstance(value.value, str) else ""


def _set_operation(operation: str) -> Function:
    def combine(args: Arguments) -> Value:
        arity = (2, 2) if operation == "subtract" else (1, _VARIADIC)
        sets = [_list(value) for value in _take(args, *arity)]
        budget, span = args.budget, args.call.span
        if operation == "union":
            items = [item for s in sets for item in s.items]
        else:
            others = [{canonical(item, budget, span) for item in s.items} for s in sets[1:]]
            keep = operation == "intersection"
            items = [
                item
                for item in sets[0].items
                if all((canonical(item, budget, span) in other) == keep for other in others)
            ]
        args.budget.collection(len(items), span)
        return Sequence(tuple(_set_items(items, args)), span)

    return combine


def _tomap(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, Scalar) and known.value is None:
        return known
    return _map(known)


def _tostring(args: Arguments) -> Value:
    (value,) = _take(args, 1)
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
        return _result_text(args, pieces, "the JSON text holds values not known statically")
    raise Failure(f"cannot convert {kind(value)} to a string")


def _tonumber(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, Scalar):
        if known.value is None or _scalar_kind(known.value) == "number":
            return known
        return Scalar(to_number(known), known.span)
    raise Failure(f"cannot convert {kind(known)} to a number")


def _tobool(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    if isinstance(known, Scalar):
        if known.value is None or isinstance(known.value, bool):
            return known
        return Scalar(to_bool(known), known.span)
    raise Failure(f"cannot convert {kind(known)} to a bool")


def _flatten(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    items: list[Node] = []

    def walk(sequence: Sequence, depth: int) -> None:
        _check_depth(depth, args.call.span)
        for item in sequence.items:
            element = unwrap(item)
            if isinstance(element, Unresolved) and element.parts == (None,):
                raise Unknown(element.reason)  # it could be a list to flatten
            if isinstance(element, Sequence) and not is_encoded(element):
                walk(element, depth + 1)
            else:
                items.append(item)
                args.budget.collection(len(items), args.call.span)

    walk(_list(value), 0)
    return Sequence(tuple(items), args.call.span)


def _distinct(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    unique: dict[Hashable, Node] = {}
    for item in _list(value).items:
        unique.setdefault(canonical(item, args.budget, args.call.span), item)
    return Sequence(tuple(unique.values()), args.call.span)


def _compact(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    items: list[Node] = []
    for item in _list(value).items:
        element = unwrap(item)
        if isinstance(element, Unresolved):
            if not any(element.parts):
                raise Unknown(element.reason)  # it could be "" or null
            items.append(item)
        elif isinstance(element, Scalar) and not isinstance(element.value, bool):
            if element.value is not None and element.value != "":
                items.append(item)
        else:
            raise Failure(f"compact() takes a list of strings, not one holding {kind(element)}")
    return Sequence(tuple(items), args.call.span)


def _contains(args: Arguments) -> Value:
    sequence_value, wanted = _take(args, 2)
    unknown: str | None = None
    for item in _list(sequence_value).items:
        same = equal(item, wanted, args.budget, args.call.span)
        if same:
            return Scalar(True, args.call.span)
        if same is None:
            element = unwrap(item)
            unknown = unknown or (
                element.reason if isinstance(element, Unresolved) else "an element is not known"
            )
    if unknown is not None:
        raise Unknown(wanted.reason if isinstance(wanted, Unresolved) else unknown)
    return Scalar(False, args.call.span)


def _index(args: Arguments) -> Value:
    sequence_value, wanted = _take(args, 2)
    for number, item in enumerate(_list(sequence_value).items):
        same = equal(item, wanted, args.budget, args.call.span)
        if same:
            return Scalar(number, args.call.span)
        if same is None:
            raise Unknown("an element before the match is not known statically")
    raise Failure("the item was not found in the list")


def _keys(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    mapping = _map(value)
    if isinstance(mapping, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    keys = tuple(Scalar(e.key, e.key_span) for e in entries_by_key(mapping))
    return Sequence(keys, args.call.span)


def _values(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    mapping = _map(value)
    if isinstance(mapping, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    return Sequence(tuple(e.value for e in entries_by_key(mapping)), args.call.span)


def _length(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    known = _known(value)
    span = args.call.span
    if isinstance(known, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if is_encoded(known) or (isinstance(known, Scalar) and isinstance(known.value, str)):
        return Scalar(len(_string(args, known)), span)
    if isinstance(known, Mapping):
        return Scalar(len({e.key for e in known.entries}), span)
    if isinstance(known, Sequence):
        return Scalar(len(known.items), span)
    raise Failure(f"length() takes a string or collection, not {kind(known)}")


def _sort(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    keyed: list[tuple[str, Node]] = []
    for item in _list(value).items:
        element = _known(unwrap(item))
        text = _string(args, element)
        plain = isinstance(element, Scalar) and isinstance(element.value, str)
        keyed.append((text, item if plain else Scalar(text, item.span)))
    keyed.sort(key=lambda pair: pair[0])
    return Sequence(tuple(node for _, node in keyed), args.call.span)


def _reverse(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    return Sequence(tuple(reversed(_list(value).items)), args.call.span)


def _range(args: Arguments) -> Value:
    numbers = [_number(v) for v in _take(args, 1, 3)]
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
    items = tuple(Scalar(_normal(first + by * n), args.call.span) for n in range(count))
    return Sequence(items, args.call.span)


def _zipmap(args: Arguments) -> Value:
    keys_value, values_value = _take(args, 2)
    keys, values = _list(keys_value), _list(values_value)
    if len(keys.items) != len(values.items):
        raise Failure("the lists of keys and values differ in length")
    entries: dict[str, Entry] = {}
    for key_node, value_node in zip(keys.items, values.items, strict=True):
        key = _string(args, unwrap(key_node))
        entries[key] = Entry(key, key_node.span, value_node)
    return Mapping(tuple(entries[key] for key in sorted(entries)), args.call.span)


def _number_function(convert: Callable[[Number], Number]) -> Function:
    def apply(args: Arguments) -> Value:
        (value,) = _take(args, 1)
        return Scalar(convert(_number(value)), args.call.span)

    return apply


def _extreme(pick: Callable[[list[Number]], Number]) -> Function:
    def apply(args: Arguments) -> Value:
        values = _take(args, 1, _VARIADIC)
        numbers = [_number(v) for v in values]
        chosen = pick(numbers)
        value = values[numbers.index(chosen)]
        if isinstance(value, Scalar) and isinstance(value.value, int | float):
            return value
        return Scalar(chosen, args.call.span)

    return apply


def _sum(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    numbers = [_number(element) for element in _elements(_list(value))]
    if not numbers:
        raise Failure("cannot sum an empty list")
    total: Number = numbers[0]
    for number in numbers[1:]:
        total = arithmetic("+", total, number, args.call.span)
    return Scalar(total, args.call.span)


def _one(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    sequence = _list(value)
    if not sequence.items:
        return Scalar(None, args.call.span)
    if len(sequence.items) > 1:
        raise Failure(f"one() takes a list of at most one element, not {len(sequence.items)}")
    return unwrap(sequence.items[0])


def _chunklist(args: Arguments) -> Value:
    sequence_value, size_value = _take(args, 2)
    items, size = _list(sequence_value).items, _integer(size_value)
    if size < 0:
        raise Failure("the chunk size must not be negative")
    span = args.call.span
    if size == 0:
        return Sequence((Sequence(items, span),) if items else (), span)
    chunks = tuple(Sequence(items[i : i + size], span) for i in range(0, len(items), size))
    return Sequence(chunks, span)


def _slice(args: Arguments) -> Value:
    sequence_value, start_value, end_value = _take(args, 3)
    items = _list(sequence_value).items
    start, end = _integer(start_value), _integer(end_value)
    if not 0 <= start <= end <= len(items):
        raise Failure(f"the indexes {start} and {end} do not fit a list of {len(items)}")
    return Sequence(items[start:end], args.call.span)


def _all_or_any(wanted: bool) -> Function:
    def test(args: Arguments) -> Value:
        (value,) = _take(args, 1)
        unknown: str | None = None
        for element in _elements(_list(value)):
            if isinstance(element, Unresolved):
                unknown = unknown or element.reason
            elif to_bool(element) is wanted:
                return Scalar(wanted, args.call.span)
        if unknown is not None:
            raise Unknown(unknown)
        return Scalar(not wanted, args.call.span)

    return test


def _passthrough(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    return value


def _volatile(args: Arguments) -> Value:
    raise Unknown(f"{args.call.name}() returns a different value on every run")


# --- Encodings and hashes --------------------------------------------------------------------


def _base64encode(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _base64decode(args: Arguments) -> Value:
    (value,) = _take(args, 1)
    try:
        decoded = base64.b64decode(_string(args, value), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise Failure(f"invalid base64 or UTF-8: {error}") from error
    return _text(args, decoded)


def _digest(name: str) -> Callable[[str], str]:
    return lambda text: hashlib.new(name, text.encode()).hexdigest()


# --- try, can, file, templatefile ------------------------------------------------------------


def _try(args: Arguments) -> Value:
    if not len(args):
        raise Failure("try() takes at least 1 argument")
    for index in range(len(args)):
        result = args.attempt(index)
        if isinstance(result, Failure):
            continue
        if not wholly_known(result, args.budget, args.call.span):
            reason = result.reason if isinstance(result, Unresolved) else "a value is not known"
            raise Unknown(f"whether {_short(args.text(index))} fails is not known: {reason}")
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
        raise Unknown(f"whether {_short(args.text(0))} fails is not known: {reason}")
    return Scalar(True, args.call.span)


def _read(args: Arguments, path_value: Value) -> tuple[str, str]:
    path = _string(args, path_value)
    found = args.read_file(path)
    if found is None:
        raise Unknown(f"the file {_literal(path)} is not read (not a file of the module)")
    args.budget.string(len(found[0]), args.call.span)
    return found


def file_span(text: str, relpath: str) -> Span:
    """The span of a whole file whose text is ``text``."""
    lines = text.split("\n")
    return Span(1, 1, len(lines), len(lines[-1]) + 1, relpath)


def _file(args: Arguments) -> Value:
    (path_value,) = _take(args, 1)
    text, relpath = _read(args, path_value)
    return Scalar(text, file_span(text, relpath), TextOrigin(1, 1))


def _templatefile(args: Arguments) -> Value:
    path_value, variables_value = _take(args, 2)
    if args.inside_template:
        raise Failure("templatefile() cannot be called from inside a template file")
    variables = _map(variables_value)
    if isinstance(variables, OpenMapping):
        raise Unknown("the template variables are not all known statically")
    text, relpath = _read(args, path_value)
    body = template_body(text, relpath)
    scope = {entry.key: unwrap(entry.value) for entry in variables.entries}
    result = args.template(body, scope)
    if result is body or is_encoded(result):
        return result  # the file's own text, where it is written; or a JSON string
    if isinstance(result, Unresolved):
        return Unresolved.of_parts(args.call.text, result.reason, result.parts)
    if isinstance(result, Scalar) and result.value is not None:
        return _text(args, scalar_text(result.value))
    raise Failure(f"the template produced {kind(result)}, not a string")


@lru_cache(maxsize=32)
def template_body(text: str, relpath: str) -> Node:
    """The template in a file's ``text``, positions in the file ``relpath``.

    The text is parsed as a heredoc, the way Terraform reads a template file: ``${...}``
    interpolations and ``%{...}`` directives, ``$${`` and ``%%{`` escapes.
    """
    delimiter, number = "POLICYGUARD_TEMPLATE", 0
    while delimiter in text:
        number += 1
        delimiter = f"POLICYGUARD_TEMPLATE_{number}"
    added = not text.endswith("\n")
    wrapped = f"_ = <<{delimiter}\n{text}{chr(10) if added else ''}{delimiter}\n"
    try:
        from policyguard.parse.hcl import parse_hcl  # noqa: PLC0415 - hcl2 loads only when used

        body, _ = parse_hcl(wrapped)
    except LimitExceeded:
        raise
    except InputError as error:
        raise Unknown(f"the template file is not read: {error.message}") from error
    node = relocate(body.attributes[0].value, Move(lines=-1, file=relpath))
    whole = file_span(text, relpath)
    if isinstance(node, Scalar) and isinstance(node.value, str):
        value = node.value[:-1] if added and node.value.endswith("\n") else node.value
        return Scalar(value, whole, node.origin)
    if isinstance(node, Template):
        parts = list(node.parts)
        last = parts[-1]
        text_end = last.value if isinstance(last, Scalar) else None
        if added and isinstance(text_end, str) and text_end.endswith("\n"):
            parts[-1:] = [Scalar(text_end[:-1], last.span)] if text_end[:-1] else []
        return Template(tuple(parts), whole, text, node.origin)
    return replace(node, span=whole)


# --- The table -------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_HTML_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

FUNCTIONS: dict[str, Function] = {
    "abs": _number_function(abs),
    "alltrue": _all_or_any(False),
    "anytrue": _all_or_any(True),
    "base64decode": _base64decode,
    "base64encode": _string_function(_base64encode),
    "bcrypt": _volatile,
    "can": _can,
    "ceil": _number_function(math.ceil),
    "chomp": _string_function(_chomp),
    "chunklist": _chunklist,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": _compact,
    "concat": _concat,
    "contains": _contains,
    "distinct": _distinct,
    "element": _element,
    "endswith": _endswith,
    "file": _file,
    "flatten": _flatten,
    "floor": _number_function(math.floor),
    "format": _format,
    "formatlist": _formatlist,
    "index": _index,
    "join": _join,
    "jsondecode": _jsondecode,
    "jsonencode": _jsonencode,
    "keys": _keys,
    "length": _length,
    "lookup": _lookup,
    "lower": _case(str.lower),
    "max": _extreme(max),
    "md5": _string_function(_digest("md5")),
    "merge": _merge,
    "min": _extreme(min),
    "nonsensitive": _passthrough,
    "one": _one,
    "plantimestamp": _volatile,
    "range": _range,
    "regex": _regex,
    "regexall": _regexall,
    "replace": _replace,
    "reverse": _reverse,
    "sensitive": _passthrough,
    "setintersection": _set_operation("intersection"),
    "setsubtract": _set_operation("subtract"),
    "setunion": _set_operation("union"),
    "sha1": _string_function(_digest("sha1")),
    "sha256": _string_function(_digest("sha256")),
    "sha512": _string_function(_digest("sha512")),
    "signum": _number_function(lambda n: (n > 0) - (n < 0)),
    "slice": _slice,
    "sort": _sort,
    "split": _split,
    "startswith": _startswith,
    "strcontains": _strcontains,
    "strrev": _string_function(lambda text: text[::-1]),
    "substr": _substr,
    "sum": _sum,
    "templatefile": _templatefile,
    "timestamp": _volatile,
    "title": _string_function(_go_title),
    "tobool": _tobool,
    "tolist": _tolist,
    "tomap": _tomap,
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": _tostring,
    "trim": _trim,
    "try": _try,
    "trimprefix": _trimprefix,
    "trimspace": _string_function(lambda text: text.strip(_GO_SPACE)),
    "trimsuffix": _trimsuffix,
    "upper": _case(str.upper),
    "uuid": _volatile,
    "values": _values,
    "zipmap": _zipmap,
}
"""Every function the evaluator computes, by name; any other call stays unknown."""
