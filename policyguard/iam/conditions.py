"""Three-valued evaluation of a statement's ``Condition`` element against a request context.

AWS semantics (IAM User Guide: "IAM JSON policy elements: Condition operators", "Condition",
"Single-valued vs. multivalued context keys", "Variables and tags"):

- All tests of a ``Condition`` element must hold (AND across operators and keys); a test holds
  when the request's value matches any of its values (OR within a key's values). A negated
  operator (``StringNotEquals``, ``NotIpAddress``, ``ArnNotLike``, …) holds when the request's
  value matches none of them.
- Context key names are case-insensitive; how values compare depends on the operator.
- A key the request lacks: positive operators are false, negated ones true; ``…IfExists`` is
  true; ``Null`` tests exactly that (``"true"``: the key is absent, ``"false"``: present). A key
  with no values counts as absent.
- ``ForAllValues:``: every request value must pass (true when the key is absent or empty).
  ``ForAnyValue:``: at least one must (false when the key is absent or empty). A negated
  operator is applied to each request value (``ForAllValues:StringNotEquals``: no request value
  is one of the listed ones). Without a set qualifier a request with several values passes a
  positive operator when any of them matches, a negated one when none does.
- ``String*``: exact, case-folded (``IgnoreCase``) or with ``*``/``?`` (``Like``).
  ``Numeric*``: decimal numbers. ``Date*``: ISO 8601 (W3C profiles, UTC when no zone is given) or
  epoch seconds (an all-digit value is epoch seconds). ``Bool``: ``true``/``false``, any case.
  ``BinaryEquals``: base64, compared byte for byte. ``IpAddress``: IPv4 or IPv6 CIDR (a bare
  address is a /32 or /128). ``Arn*``: see :mod:`policyguard.iam.arn` (``ArnEquals`` is
  ``ArnLike``).
- Policy variables work in ``String*``, ``Arn*`` and ``Bool`` values; they read the request
  context. Elsewhere ``${…}`` is just text, which never parses as a number, date or address.

A value that is not known (a context key the :class:`Context` does not know, a policy variable
reading it, an :class:`~policyguard.model.values.Unresolved` condition value) makes a test
``UNKNOWN`` unless the known parts decide it; an unknown operator is ``UNKNOWN`` too. A value of
the wrong type for its operator (``NumericLessThan`` with ``"abc"``) matches nothing.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import enum
import ipaddress
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from policyguard.iam.arn import MatchKind, Variables, match_pattern, policy_variables
from policyguard.iam.tristate import Tri, all_, any_, either
from policyguard.model.iam import Condition, Statement
from policyguard.model.values import Located, Unresolved

__all__ = [
    "OPERATORS",
    "Context",
    "KeyState",
    "Operator",
    "SetQualifier",
    "ValueType",
    "evaluate_condition",
    "evaluate_conditions",
    "evaluate_statement_conditions",
    "known_operator",
    "operator_value_type",
    "parse_operator",
    "value_has_type",
]


# ---------------------------------------------------------------------------------------------
# The request context


class KeyState(enum.Enum):
    """What a :class:`Context` knows about one key."""

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, init=False)
class Context:
    """What is known of a request's context keys.

    ``values`` holds keys with known values, ``present`` keys known to be in the request with
    values nobody knows, ``absent`` keys known not to be in it. Any other key is unknown, unless
    ``complete`` says the context lists everything (then it is absent). Key names are
    case-insensitive; a key given no values counts as absent.

    ``Context()`` knows nothing; ``Context({"aws:SecureTransport": "false"}, complete=True)`` is
    a request with exactly that key.
    """

    values: Mapping[str, tuple[str, ...]]
    absent: frozenset[str]
    present: frozenset[str]
    complete: bool

    def __init__(
        self,
        values: Mapping[str, str | Iterable[str]] | None = None,
        *,
        absent: Iterable[str] = (),
        present: Iterable[str] = (),
        complete: bool = False,
    ) -> None:
        known: dict[str, tuple[str, ...]] = {}
        missing = {key.casefold() for key in absent}
        for key, given in (values or {}).items():
            items = (given,) if isinstance(given, str) else tuple(given)
            if items:
                known[key.casefold()] = items
            else:
                missing.add(key.casefold())
        clash = missing & known.keys()
        if clash:
            raise ValueError(f"context keys both absent and given values: {sorted(clash)}")
        object.__setattr__(self, "values", known)
        object.__setattr__(self, "absent", frozenset(missing))
        object.__setattr__(
            self, "present", frozenset(key.casefold() for key in present).difference(known)
        )
        object.__setattr__(self, "complete", complete)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.absent, self.present, self.complete))

    def lookup(self, key: str) -> tuple[KeyState, tuple[str, ...] | None]:
        """The key's state, and its values when they are known."""
        folded = key.casefold()
        if folded in self.values:
            return KeyState.PRESENT, self.values[folded]
        if folded in self.present:
            return KeyState.PRESENT, None
        if folded in self.absent or self.complete:
            return KeyState.ABSENT, None
        return KeyState.UNKNOWN, None

    def variables(self) -> Variables:
        """The context as policy variable values for :mod:`policyguard.iam.arn`.

        A key with one known value gives that value; an absent key, or one with several values
        (a multivalued key cannot be a policy variable), gives ``None``; other keys are unknown.
        """
        return _ContextVariables(self)


class _ContextVariables(Mapping[str, str | None]):
    __slots__ = ("_context",)

    def __init__(self, context: Context) -> None:
        self._context = context

    def __getitem__(self, key: str) -> str | None:
        state, values = self._context.lookup(key)
        if state is KeyState.ABSENT:
            return None
        if values is None:
            raise KeyError(key)
        return values[0] if len(values) == 1 else None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._context.values, *self._context.absent}))

    def __len__(self) -> int:
        return len({*self._context.values, *self._context.absent})


# ---------------------------------------------------------------------------------------------
# Operators


class ValueType(enum.Enum):
    """What an operator's values are."""

    STRING = "string"
    NUMERIC = "numeric"
    DATE = "date"
    BOOL = "bool"
    BINARY = "binary"
    IP = "ip"
    ARN = "arn"
    NULL = "null"


class SetQualifier(enum.Enum):
    FOR_ALL_VALUES = "ForAllValues"
    FOR_ANY_VALUE = "ForAnyValue"


@dataclass(frozen=True, slots=True)
class Operator:
    """A condition operator, read: ``ForAnyValue:StringNotLikeIfExists`` has base
    ``StringNotLike``, positive form ``StringLike``, ``negated``, ``if_exists`` and qualifier
    ``ForAnyValue``. ``name`` is the operator spelled as AWS documents it."""

    name: str
    base: str
    positive: str
    value_type: ValueType
    negated: bool
    if_exists: bool
    qualifier: SetQualifier | None


_NEGATIONS = {
    "StringNotEquals": "StringEquals",
    "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike",
    "NumericNotEquals": "NumericEquals",
    "DateNotEquals": "DateEquals",
    "NotIpAddress": "IpAddress",
    "ArnNotEquals": "ArnEquals",
    "ArnNotLike": "ArnLike",
}

_TYPES = {
    "StringEquals": ValueType.STRING,
    "StringNotEquals": ValueType.STRING,
    "StringEqualsIgnoreCase": ValueType.STRING,
    "StringNotEqualsIgnoreCase": ValueType.STRING,
    "StringLike": ValueType.STRING,
    "StringNotLike": ValueType.STRING,
    "NumericEquals": ValueType.NUMERIC,
    "NumericNotEquals": ValueType.NUMERIC,
    "NumericLessThan": ValueType.NUMERIC,
    "NumericLessThanEquals": ValueType.NUMERIC,
    "NumericGreaterThan": ValueType.NUMERIC,
    "NumericGreaterThanEquals": ValueType.NUMERIC,
    "DateEquals": ValueType.DATE,
    "DateNotEquals": ValueType.DATE,
    "DateLessThan": ValueType.DATE,
    "DateLessThanEquals": ValueType.DATE,
    "DateGreaterThan": ValueType.DATE,
    "DateGreaterThanEquals": ValueType.DATE,
    "Bool": ValueType.BOOL,
    "BinaryEquals": ValueType.BINARY,
    "IpAddress": ValueType.IP,
    "NotIpAddress": ValueType.IP,
    "ArnEquals": ValueType.ARN,
    "ArnLike": ValueType.ARN,
    "ArnNotEquals": ValueType.ARN,
    "ArnNotLike": ValueType.ARN,
    "Null": ValueType.NULL,
}

OPERATORS: tuple[str, ...] = tuple(_TYPES)
"""The base operators, without ``IfExists`` or a set qualifier."""

_BY_FOLDED = {name.casefold(): name for name in OPERATORS}
_QUALIFIERS = {qualifier.value.casefold(): qualifier for qualifier in SetQualifier}
_IF_EXISTS = "IfExists"


def parse_operator(name: str) -> Operator | None:
    """The operator ``name`` spells, or ``None`` when IAM has no such operator.

    Names are read case-insensitively. ``IfExists`` goes with every operator but ``Null``, and
    so do the set qualifiers (``Null`` tests presence, which a set qualifier cannot refine).
    """
    qualifier_text, _, base_text = name.rpartition(":")
    qualifier = None
    if qualifier_text:
        qualifier = _QUALIFIERS.get(qualifier_text.casefold())
        if qualifier is None:
            return None
    folded = base_text.casefold()
    if_exists = folded.endswith(_IF_EXISTS.casefold()) and folded not in _BY_FOLDED
    if if_exists:
        folded = folded[: -len(_IF_EXISTS)]
    base = _BY_FOLDED.get(folded)
    if base is None or (base == "Null" and (if_exists or qualifier is not None)):
        return None
    spelled = f"{qualifier.value + ':' if qualifier else ''}{base}{_IF_EXISTS if if_exists else ''}"
    return Operator(
        name=spelled,
        base=base,
        positive=_NEGATIONS.get(base, base),
        value_type=_TYPES[base],
        negated=base in _NEGATIONS,
        if_exists=if_exists,
        qualifier=qualifier,
    )


def known_operator(name: str) -> bool:
    """Whether IAM knows the condition operator ``name`` (``IfExists`` and set qualifiers
    included)."""
    return parse_operator(name) is not None


def operator_value_type(name: str) -> ValueType | None:
    """The type of the values the operator compares, or ``None`` for an unknown operator."""
    operator = parse_operator(name)
    return operator.value_type if operator else None


_VARIABLE_TYPES = frozenset({ValueType.STRING, ValueType.ARN, ValueType.BOOL})
"""The operator types whose values may hold policy variables."""


def value_has_type(value: str, value_type: ValueType) -> bool:
    """Whether ``value``, written in a policy, is a value of ``value_type``.

    A value using a policy variable passes for the types that take variables (it is only known
    at request time); ARN values need six colon-separated components.
    """
    if value_type in _VARIABLE_TYPES and policy_variables(value):
        return True
    if value_type is ValueType.ARN:
        return value.count(":") >= 5
    parsers: dict[ValueType, Callable[[str], object]] = {
        ValueType.STRING: str,
        ValueType.NUMERIC: _number,
        ValueType.DATE: _date,
        ValueType.BOOL: _boolean,
        ValueType.NULL: _boolean,
        ValueType.BINARY: _binary,
        ValueType.IP: _network,
    }
    return parsers[value_type](value) is not None


# ---------------------------------------------------------------------------------------------
# Values of each type

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_EPOCH = re.compile(r"[+-]?\d+(?:\.\d+)?")
_ISO_DATE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_EPOCH_START = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _number(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def _date(text: str) -> Decimal | None:
    """Seconds since the epoch."""
    if _EPOCH.fullmatch(text):
        return Decimal(text)
    match = _ISO_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = datetime.timedelta()
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        moment = datetime.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=datetime.timezone(offset),
        )
    except ValueError:
        return None
    elapsed = moment - _EPOCH_START
    whole = elapsed.days * 86400 + elapsed.seconds
    return Decimal(whole) + (Decimal(f"0.{fraction}") if fraction else Decimal(0))


def _boolean(text: str) -> bool | None:
    folded = text.casefold()
    return {"true": True, "false": False}.get(folded)


def _binary(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True) if text else None
    except (binascii.Error, ValueError):
        return None


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Comparing one policy value with one request value

_Compare = Callable[[str | Unresolved, str | Unresolved, Variables], Tri]


def _pattern(kind: MatchKind, *, ignore_case: bool = False) -> _Compare:
    def compare(policy: str | Unresolved, request: str | Unresolved, variables: Variables) -> Tri:
        return match_pattern(policy, request, kind, variables, ignore_case=ignore_case)

    return compare


def _ordered(
    parse: Callable[[str], Decimal | None], test: Callable[[Decimal, Decimal], bool]
) -> _Compare:
    """A comparison of parsed values: ``test(request, policy)``."""

    def compare(policy: str | Unresolved, request: str | Unresolved, _: Variables) -> Tri:
        if isinstance(policy, Unresolved) or isinstance(request, Unresolved):
            return Tri.UNKNOWN
        wanted, given = parse(policy), parse(request)
        return Tri.of(wanted is not None and given is not None and test(given, wanted))

    return compare


def _binary_equals(policy: str | Unresolved, request: str | Unresolved, _: Variables) -> Tri:
    if isinstance(policy, Unresolved) or isinstance(request, Unresolved):
        return Tri.UNKNOWN
    wanted = _binary(policy)
    return Tri.of(wanted is not None and wanted == _binary(request))


def _ip_address(policy: str | Unresolved, request: str | Unresolved, _: Variables) -> Tri:
    if isinstance(policy, Unresolved) or isinstance(request, Unresolved):
        return Tri.UNKNOWN
    network, address = _network(policy), _address(request)
    return Tri.of(
        network is not None
        and address is not None
        and network.version == address.version
        and address in network
    )


_COMPARISONS: dict[str, _Compare] = {
    "StringEquals": _pattern(MatchKind.EXACT),
    "StringEqualsIgnoreCase": _pattern(MatchKind.EXACT, ignore_case=True),
    "StringLike": _pattern(MatchKind.LIKE),
    "NumericEquals": _ordered(_number, lambda given, wanted: given == wanted),
    "NumericLessThan": _ordered(_number, lambda given, wanted: given < wanted),
    "NumericLessThanEquals": _ordered(_number, lambda given, wanted: given <= wanted),
    "NumericGreaterThan": _ordered(_number, lambda given, wanted: given > wanted),
    "NumericGreaterThanEquals": _ordered(_number, lambda given, wanted: given >= wanted),
    "DateEquals": _ordered(_date, lambda given, wanted: given == wanted),
    "DateLessThan": _ordered(_date, lambda given, wanted: given < wanted),
    "DateLessThanEquals": _ordered(_date, lambda given, wanted: given <= wanted),
    "DateGreaterThan": _ordered(_date, lambda given, wanted: given > wanted),
    "DateGreaterThanEquals": _ordered(_date, lambda given, wanted: given >= wanted),
    "Bool": _pattern(MatchKind.EXACT, ignore_case=True),
    "BinaryEquals": _binary_equals,
    "IpAddress": _ip_address,
    "ArnEquals": _pattern(MatchKind.ARN),
    "ArnLike": _pattern(MatchKind.ARN),
}

_ANY_VALUE = Unresolved("<request value>", "the context does not say")
"""A request value nobody knows."""


# ---------------------------------------------------------------------------------------------
# Evaluation


def evaluate_condition(condition: Condition, context: Context) -> Tri:
    """Whether one condition test holds for the request ``context`` describes."""
    operator = parse_operator(condition.operator)
    if operator is None:
        return Tri.UNKNOWN
    state, request_values = context.lookup(condition.key)
    if operator.value_type is ValueType.NULL:
        return _null(condition.values, state)
    compare = _COMPARISONS[operator.positive]
    variables = context.variables()

    def matches(request: str | Unresolved) -> Tri:
        """The positive operator: the request value matches one of the policy's values."""
        return any_(compare(value.value, request, variables) for value in condition.values)

    def passes(request: str | Unresolved) -> Tri:
        """The operator itself, for one request value."""
        return matches(request).not_() if operator.negated else matches(request)

    def when_present(requests: Sequence[str | Unresolved]) -> Tri:
        if operator.qualifier is SetQualifier.FOR_ALL_VALUES:
            return all_(passes(request) for request in requests)
        if operator.qualifier is SetQualifier.FOR_ANY_VALUE:
            return any_(passes(request) for request in requests)
        found = any_(matches(request) for request in requests)
        return found.not_() if operator.negated else found

    if operator.if_exists or operator.qualifier is SetQualifier.FOR_ALL_VALUES:
        when_absent = Tri.TRUE
    elif operator.qualifier is SetQualifier.FOR_ANY_VALUE:
        when_absent = Tri.FALSE
    else:
        when_absent = Tri.of(operator.negated)

    if state is KeyState.ABSENT:
        return when_absent
    # Values nobody knows: one unknown value decides like any number of them would, because
    # every value's answer is then the same.
    present = when_present((_ANY_VALUE,) if request_values is None else request_values)
    return present if state is KeyState.PRESENT else either(when_absent, present)


def _null(values: Sequence[Located[str]], state: KeyState) -> Tri:
    """``Null``: ``true`` holds when the key is absent, ``false`` when it is present."""

    def holds(value: str | Unresolved) -> Tri:
        if isinstance(value, Unresolved):
            return Tri.UNKNOWN
        expected = _boolean(value)
        if expected is None:
            return Tri.FALSE
        if state is KeyState.UNKNOWN:
            return Tri.UNKNOWN
        return Tri.of(expected == (state is KeyState.ABSENT))

    return any_(holds(value.value) for value in values)


def evaluate_conditions(
    conditions: Iterable[Condition], context: Context, unresolved_parts: Sequence[Unresolved] = ()
) -> Tri:
    """Whether all condition tests hold (``TRUE`` for none).

    ``unresolved_parts`` are condition blocks that could not be read (``Statement.unresolved``):
    they may hold any test, so the answer is ``UNKNOWN`` unless a readable test is ``FALSE``.
    """
    result = all_(evaluate_condition(condition, context) for condition in conditions)
    return result.and_(Tri.UNKNOWN) if unresolved_parts else result


def evaluate_statement_conditions(statement: Statement, context: Context) -> Tri:
    """:func:`evaluate_conditions` for a statement's tests and unreadable condition parts."""
    return evaluate_conditions(statement.conditions, context, statement.unresolved)
