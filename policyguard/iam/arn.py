"""ARNs, and the wildcard matching IAM does on them and on strings.

AWS semantics this module implements (IAM User Guide: "IAM JSON policy elements: Resource",
"Condition operators", "Variables and tags"; "Identify AWS resources with ARNs"):

- An ARN is ``arn:partition:service:region:account-id:resource``; the resource part may itself
  hold ``:`` and ``/`` (``function:name:qualifier``, ``role/path/name``, ``bucket/key``).
- ``Resource`` element: ``*`` alone matches everything. Otherwise ``*`` (any run of characters)
  and ``?`` (any one character) work inside the colon-separated segments, and ``/`` is an
  ordinary character. A ``*`` that is the last character of a segment (followed by ``:`` or the
  end of the pattern) may expand beyond the colon boundaries; any other ``*`` and every ``?``
  stay inside their segment. Matching is case-sensitive.
- ``ArnEquals``/``ArnLike`` conditions: each of the six colon-delimited components
  (the sixth is everything after the fifth colon) is matched separately, with ``*`` and ``?``;
  a value with fewer than six components matches nothing. Case-sensitive.
- ``StringLike``: ``*`` and ``?`` anywhere, across any character.
- Policy variables ``${key}`` and ``${key, 'default'}`` in ``Resource``, string and ARN
  conditions take the request's value for ``key`` (key names are case-insensitive), literally:
  a substituted value's ``*`` is not a wildcard. A variable whose key the request lacks takes its
  default, or makes the pattern match nothing. ``${*}``, ``${?}`` and ``${$}`` are the literal
  characters.

Every match is three-valued (:class:`~policyguard.iam.tristate.Tri`): a policy variable whose
value is not supplied, or an :class:`~policyguard.model.values.Unresolved` piece on either side,
makes the answer ``UNKNOWN`` unless the known characters already decide it. That is computed
exactly on small automata: "can the two sides meet at all" (else ``FALSE``) and, when only the
matched text has unknown pieces, "does the pattern cover every possible text" (then ``TRUE``).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from policyguard.iam.tristate import Tri
from policyguard.model.values import Unresolved

__all__ = [
    "Arn",
    "MatchKind",
    "PolicyVariable",
    "arn_matches_format",
    "match_pattern",
    "match_resource",
    "match_resource_unresolved",
    "parse_arn",
    "policy_variables",
]

Variables = Mapping[str, str | None]
"""Values of policy variables by key name (case-insensitive). A name that is missing is unknown;
``None`` says the request is known to lack the key (the variable then has no value)."""


# ---------------------------------------------------------------------------------------------
# ARNs


_TYPELESS_SERVICES = frozenset({"sns", "sqs"})
"""Services whose resource part is the resource's name, with no resource type before it."""


@dataclass(frozen=True, slots=True)
class Arn:
    """An ARN split into its segments; the resource part is kept whole in ``resource``.

    ``resource_type`` and ``resource_id`` split the resource part at its first ``/`` or ``:``
    (``role/path/name`` is type ``role``, id ``path/name``; ``function:name:qualifier`` is type
    ``function``, id ``name:qualifier``). Resources named without a type (S3 buckets and objects,
    SNS topics, SQS queues, or a resource part with neither separator) have type ``""`` and the
    whole resource part as id.
    """

    partition: str
    service: str
    region: str
    account: str
    resource: str

    def __str__(self) -> str:
        return f"arn:{self.partition}:{self.service}:{self.region}:{self.account}:{self.resource}"

    @property
    def _is_typeless(self) -> bool:
        if self.service == "s3":
            return not self.region and not self.account
        return self.service in _TYPELESS_SERVICES

    @property
    def separator(self) -> str:
        """The character between resource type and id: ``/``, ``:``, or ``""`` for none."""
        if self._is_typeless:
            return ""
        positions = [i for i in (self.resource.find("/"), self.resource.find(":")) if i >= 0]
        return self.resource[min(positions)] if positions else ""

    @property
    def resource_type(self) -> str:
        separator = self.separator
        return self.resource.split(separator, 1)[0] if separator else ""

    @property
    def resource_id(self) -> str:
        separator = self.separator
        return self.resource.split(separator, 1)[1] if separator else self.resource

    @property
    def name(self) -> str:
        """The resource's own name: the last element of a ``/`` path (``role/path/name`` gives
        ``name``), the first element after a ``:`` type (``function:name:qualifier`` gives
        ``name``), else the id."""
        separator, resource_id = self.separator, self.resource_id
        if separator == "/":
            return resource_id.rsplit("/", 1)[-1]
        if separator == ":":
            return resource_id.split(":", 1)[0]
        return resource_id

    @property
    def path(self) -> str:
        """The path of a ``type/path/name`` resource, ``/`` bounded (``/`` when there is none);
        ``""`` for other resources."""
        if self.separator != "/":
            return ""
        head = self.resource_id.rpartition("/")[0]
        return f"/{head}/" if head else "/"

    @property
    def qualifier(self) -> str:
        """What follows the name of a ``type:name:qualifier`` resource, else ``""``."""
        if self.separator != ":":
            return ""
        return self.resource_id.partition(":")[2]

    @property
    def bucket(self) -> str | None:
        """The bucket of an S3 bucket or object ARN, else ``None``."""
        if self.service != "s3" or not self._is_typeless:
            return None
        return self.resource.split("/", 1)[0]

    @property
    def key(self) -> str | None:
        """The object key of an S3 object ARN, else ``None``."""
        if self.bucket is None or "/" not in self.resource:
            return None
        return self.resource.split("/", 1)[1]


def parse_arn(text: str) -> Arn | None:
    """The ARN ``text`` spells, or ``None`` when it is not one.

    An ARN has ``arn``, a partition, a service, a region and an account (either may be empty),
    and a non-empty resource part. Wildcards are kept as they are written.
    """
    parts = text.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[1] or not parts[2] or not parts[5]:
        return None
    return Arn(parts[1], parts[2], parts[3], parts[4], parts[5])


# ---------------------------------------------------------------------------------------------
# Policy variables


@dataclass(frozen=True, slots=True)
class PolicyVariable:
    """A ``${key}`` or ``${key, 'default'}`` policy variable."""

    key: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class _Text:
    """Written characters: wildcards are wildcards where the matching kind has them."""

    text: str


@dataclass(frozen=True, slots=True)
class _Escaped:
    """``${*}``, ``${?}`` or ``${$}``: the character itself, never a wildcard."""

    char: str


_Piece = _Text | _Escaped | PolicyVariable

_VARIABLE_BODY = re.compile(r"\s*([^\s,'{}]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?")


@functools.lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[_Piece, ...]:
    """``text`` split into written characters, escapes and policy variables.

    A ``${`` without a well-formed body and closing brace stays written text.
    """
    pieces: list[_Piece] = []
    written: list[str] = []
    position = 0
    while position < len(text):
        start = text.find("${", position)
        end = text.find("}", start + 2) if start >= 0 else -1
        if start < 0 or end < 0:
            written.append(text[position:])
            break
        written.append(text[position:start])
        body = text[start + 2 : end]
        match = _VARIABLE_BODY.fullmatch(body)
        if body in ("*", "?", "$"):
            piece: _Piece = _Escaped(body)
        elif match:
            default = match.group(2)
            piece = PolicyVariable(
                match.group(1), None if default is None else default.replace("''", "'")
            )
        else:
            written.append(text[start : start + 2])
            position = start + 2
            continue
        if any(written):
            pieces.append(_Text("".join(written)))
        written.clear()
        pieces.append(piece)
        position = end + 1
    if any(written):
        pieces.append(_Text("".join(written)))
    return tuple(pieces)


def policy_variables(text: str) -> tuple[PolicyVariable, ...]:
    """The policy variables ``text`` uses, in order (escapes such as ``${*}`` are not variables)."""
    return tuple(piece for piece in _pieces(text) if isinstance(piece, PolicyVariable))


class _UnknownValue:
    """The value of a variable nobody supplied."""


_UNKNOWN_VALUE = _UnknownValue()


def _lookup(variables: Variables | None, key: str) -> str | _UnknownValue | None:
    if variables is None:
        return _UNKNOWN_VALUE
    try:
        return variables[key]
    except KeyError:
        pass
    folded = key.casefold()
    for name in variables:
        if name.casefold() == folded:
            return variables[name]
    return _UNKNOWN_VALUE


# ---------------------------------------------------------------------------------------------
# Small automata over patterns


@dataclass(frozen=True, slots=True)
class _Step:
    """One position of a pattern: a set of characters (or its complement), once or repeated."""

    chars: frozenset[str]
    negated: bool
    repeat: bool

    def accepts(self, char: str) -> bool:
        return (char in self.chars) != self.negated


_ANY = _Step(frozenset(), negated=True, repeat=False)
_ANY_RUN = _Step(frozenset(), negated=True, repeat=True)
_SEGMENT_CHAR = _Step(frozenset(":"), negated=True, repeat=False)
_SEGMENT_RUN = _Step(frozenset(":"), negated=True, repeat=True)

_Steps = tuple[_Step, ...]

_BUDGET = 100_000
"""Most automaton states one question may explore; beyond it the answer is ``UNKNOWN``."""


class _TooComplex(Exception):
    pass


def _literal(char: str) -> _Step:
    return _Step(frozenset(char), negated=False, repeat=False)


def _close(steps: _Steps, states: Iterable[int]) -> frozenset[int]:
    """The states reachable without reading: a repeated step may match nothing."""
    closed: set[int] = set()
    for start in states:
        state = start
        while state not in closed:
            closed.add(state)
            if state < len(steps) and steps[state].repeat:
                state += 1
            else:
                break
    return frozenset(closed)


def _advance(steps: _Steps, states: frozenset[int], char: str) -> frozenset[int]:
    following = (
        state if steps[state].repeat else state + 1
        for state in states
        if state < len(steps) and steps[state].accepts(char)
    )
    return _close(steps, following)


class _Automaton:
    """A pattern ready to match many texts: each state's closure computed once."""

    __slots__ = ("_closures", "_steps")

    def __init__(self, steps: _Steps) -> None:
        self._steps = steps
        self._closures = tuple(tuple(sorted(_close(steps, (i,)))) for i in range(len(steps) + 1))

    def matches(self, text: str) -> bool:
        steps, closures, final = self._steps, self._closures, len(self._steps)
        states = set(closures[0])
        for char in text:
            following: set[int] = set()
            for state in states:
                if state < final:
                    step = steps[state]
                    if (char in step.chars) != step.negated:
                        following.update(closures[state if step.repeat else state + 1])
            if not following:
                return False
            states = following
        return final in states


def _matches(steps: _Steps, text: str) -> bool:
    return _Automaton(steps).matches(text)


def _alphabet(*patterns: _Steps) -> tuple[str, ...]:
    """One character of each class the patterns tell apart: every character they name, and one
    they do not name, which stands for all the others."""
    named = {char for steps in patterns for step in steps for char in step.chars}
    other = next(chr(code) for code in range(1, 0x110000) if chr(code) not in named)
    return (*sorted(named), other)


def _intersects(first: _Steps, second: _Steps) -> bool:
    """Whether some text matches both patterns."""
    alphabet = _alphabet(first, second)
    start = [(a, b) for a in _close(first, (0,)) for b in _close(second, (0,))]
    seen = set(start)
    pending = list(start)
    while pending:
        a, b = pending.pop()
        if a == len(first) and b == len(second):
            return True
        for char in alphabet:
            for a_next in _advance(first, frozenset((a,)), char):
                for b_next in _advance(second, frozenset((b,)), char):
                    if (a_next, b_next) not in seen:
                        if len(seen) >= _BUDGET:
                            raise _TooComplex
                        seen.add((a_next, b_next))
                        pending.append((a_next, b_next))
    return False


def _covers(pattern: _Steps, texts: _Steps) -> bool:
    """Whether every text that ``texts`` matches is matched by ``pattern``."""
    alphabet = _alphabet(pattern, texts)
    initial = _close(pattern, (0,))
    start = [(t, initial) for t in _close(texts, (0,))]
    seen = set(start)
    pending = list(start)
    while pending:
        t, states = pending.pop()
        if t == len(texts) and len(pattern) not in states:
            return False
        for char in alphabet:
            following = _advance(pattern, states, char)
            for t_next in _advance(texts, frozenset((t,)), char):
                if (t_next, following) not in seen:
                    if len(seen) >= _BUDGET:
                        raise _TooComplex
                    seen.add((t_next, following))
                    pending.append((t_next, following))
    return True


# ---------------------------------------------------------------------------------------------
# Patterns as written, with variables and unknown pieces


class MatchKind(enum.Enum):
    """How a pattern is read."""

    EXACT = "exact"
    """Character for character (``StringEquals``, ``Bool``); policy variables substituted."""
    LIKE = "like"
    """``StringLike``: ``*`` any run, ``?`` any one character."""
    RESOURCE = "resource"
    """The ``Resource`` element: wildcards stay inside colon segments unless a ``*`` ends one."""
    ARN = "arn"
    """``ArnLike``/``ArnEquals``: six components matched separately."""


@dataclass(frozen=True, slots=True)
class _Wild:
    char: str


@dataclass(frozen=True, slots=True)
class _Lit:
    char: str


class _Unknown:
    """A stretch of unknown characters."""


_UNKNOWN_ATOM = _Unknown()
_Atom = _Wild | _Lit | _Unknown


class _NoMatch(Exception):
    """The pattern matches nothing (a policy variable without a value)."""


def _pattern_atoms(
    pattern: str | Unresolved, wildcards: bool, variables: Variables | None
) -> list[_Atom]:
    """The pattern's characters, wildcards, substituted variables and unknown stretches."""
    parts = pattern.parts if isinstance(pattern, Unresolved) else (pattern,)
    atoms: list[_Atom] = []
    for part in parts:
        if part is None:
            atoms.append(_UNKNOWN_ATOM)
            continue
        for piece in _pieces(part):
            if isinstance(piece, _Text):
                atoms.extend(_Wild(c) if wildcards and c in "*?" else _Lit(c) for c in piece.text)
            elif isinstance(piece, _Escaped):
                atoms.append(_Lit(piece.char))
            else:
                value = _lookup(variables, piece.key)
                if value is None:
                    value = piece.default
                if value is None:
                    raise _NoMatch
                if isinstance(value, _UnknownValue):
                    atoms.append(_UNKNOWN_ATOM)
                else:
                    atoms.extend(_Lit(c) for c in value)
    return atoms


def _text_atoms(text: str | Unresolved) -> list[_Atom]:
    """A matched text: literal characters, and unknown stretches for unresolved pieces."""
    parts = text.parts if isinstance(text, Unresolved) else (text,)
    atoms: list[_Atom] = []
    for part in parts:
        if part is None:
            atoms.append(_UNKNOWN_ATOM)
        else:
            atoms.extend(_Lit(c) for c in part)
    return atoms


def _steps(atoms: Sequence[_Atom], kind: MatchKind, ignore_case: bool = False) -> _Steps:
    """The automaton of ``atoms`` read as ``kind`` (``ARN`` reads as ``LIKE``: components are
    split before this); unknown stretches match any text."""
    steps: list[_Step] = []
    for index, atom in enumerate(atoms):
        if isinstance(atom, _Unknown):
            steps.append(_ANY_RUN)
        elif isinstance(atom, _Lit):
            steps.extend(_literal(c) for c in (atom.char.casefold() if ignore_case else atom.char))
        elif kind is not MatchKind.RESOURCE:
            steps.append(_ANY_RUN if atom.char == "*" else _ANY)
        elif atom.char == "?":
            steps.append(_SEGMENT_CHAR)
        else:
            following = atoms[index + 1] if index + 1 < len(atoms) else None
            ends_segment = following is None or following == _Lit(":")
            steps.append(_ANY_RUN if ends_segment or following is _UNKNOWN_ATOM else _SEGMENT_RUN)
    return tuple(steps)


def _components(atoms: Sequence[_Atom]) -> list[list[_Atom]] | None:
    """``atoms`` split at their first five colons, or ``None`` with fewer than six components."""
    components: list[list[_Atom]] = [[]]
    for atom in atoms:
        if atom == _Lit(":") and len(components) < 6:
            components.append([])
        else:
            components[-1].append(atom)
    return components if len(components) == 6 else None


def _decide(pattern: _Steps, pattern_exact: bool, text: _Steps, text_exact: bool) -> Tri:
    """Three-valued match of an automaton against another standing for the possible texts."""
    try:
        if not _intersects(pattern, text):
            return Tri.FALSE
        if pattern_exact and (text_exact or _covers(pattern, text)):
            return Tri.TRUE
    except _TooComplex:
        pass
    return Tri.UNKNOWN


def match_pattern(
    pattern: str | Unresolved,
    text: str | Unresolved,
    kind: MatchKind,
    variables: Variables | None = None,
    *,
    ignore_case: bool = False,
) -> Tri:
    """Whether ``text`` matches ``pattern`` read as ``kind``.

    ``variables`` supplies policy variables (see :data:`Variables`); one left out is unknown.
    ``ignore_case`` compares case-folded (``StringEqualsIgnoreCase``).
    """
    if isinstance(pattern, str) and isinstance(text, str) and "${" not in pattern:
        return Tri.of(_plain_matcher(pattern, kind, ignore_case)(text))
    try:
        pattern_atoms = _pattern_atoms(pattern, kind is not MatchKind.EXACT, variables)
    except _NoMatch:
        return Tri.FALSE
    text_atoms = _text_atoms(text)
    pattern_exact = _UNKNOWN_ATOM not in pattern_atoms
    text_exact = _UNKNOWN_ATOM not in text_atoms
    if pattern_exact and text_exact:
        known = _text_atoms_known(text_atoms)
        if ignore_case:
            known = known.casefold()
        if kind is MatchKind.ARN:
            return Tri.of(_arn_components_match(pattern_atoms, known))
        return Tri.of(_matches(_steps(pattern_atoms, kind, ignore_case), known))
    if kind is MatchKind.ARN:
        if text_exact and len(_text_atoms_known(text_atoms).split(":", 5)) != 6:
            return Tri.FALSE
        # Over-approximate: six components matched separately match no more than the
        # whole ARN matched with free wildcards, so FALSE here is FALSE there.
        if pattern_exact and _components(pattern_atoms) is None:
            return Tri.FALSE
        pattern_steps = _steps(pattern_atoms, MatchKind.LIKE, ignore_case)
        return _decide(pattern_steps, False, _steps(text_atoms, kind, ignore_case), False)
    return _decide(
        _steps(pattern_atoms, kind, ignore_case),
        pattern_exact,
        _steps(text_atoms, kind, ignore_case),
        text_exact,
    )


@functools.lru_cache(maxsize=8192)
def _plain_matcher(pattern: str, kind: MatchKind, ignore_case: bool) -> Callable[[str], bool]:
    """A matcher for a known text, of a pattern without policy variables, compiled once."""
    atoms = _pattern_atoms(pattern, kind is not MatchKind.EXACT, None)
    if kind is not MatchKind.ARN:
        steps = _steps(atoms, kind, ignore_case)
        fold: Callable[[str], str] = str.casefold if ignore_case else str
        literal = _literal_prefix(steps)
        if len(literal) == len(steps):
            return lambda text: fold(text) == literal
        if len(literal) == len(steps) - 1 and steps[-1] == _ANY_RUN:
            return lambda text: fold(text).startswith(literal)
        automaton = _Automaton(steps)
        return lambda text: automaton.matches(fold(text))
    components = _components(atoms)
    if components is None:
        return lambda _: False
    automata = tuple(_Automaton(_steps(component, MatchKind.LIKE)) for component in components)

    def match(text: str) -> bool:
        values = text.split(":", 5)
        return len(values) == 6 and all(
            automaton.matches(value) for automaton, value in zip(automata, values, strict=True)
        )

    return match


def _literal_prefix(steps: _Steps) -> str:
    """The characters the pattern starts with, up to its first wildcard."""
    prefix: list[str] = []
    for step in steps:
        if step.negated or step.repeat or len(step.chars) != 1:
            break
        prefix.extend(step.chars)
    return "".join(prefix)


def _text_atoms_known(atoms: Sequence[_Atom]) -> str:
    return "".join(atom.char for atom in atoms if isinstance(atom, _Lit))


def _arn_components_match(pattern_atoms: Sequence[_Atom], text: str) -> bool:
    components = _components(pattern_atoms)
    values = text.split(":", 5)
    if components is None or len(values) != 6:
        return False
    return all(
        _matches(_steps(component, MatchKind.LIKE), value)
        for component, value in zip(components, values, strict=True)
    )


def match_resource(pattern: str, resource: str, variables: Variables | None = None) -> Tri:
    """Whether the ``Resource`` element ``pattern`` covers the resource ARN ``resource``.

    ``TRUE`` or ``FALSE`` unless the pattern uses a policy variable that ``variables`` does not
    supply and the rest of the pattern does not decide.
    """
    return match_resource_unresolved(pattern, resource, variables)


def match_resource_unresolved(
    pattern: str | Unresolved, resource: str | Unresolved, variables: Variables | None = None
) -> Tri:
    """:func:`match_resource` where either side may be unresolved or partly known.

    ``FALSE`` when no values of the unknown pieces could make them match
    (``arn:aws:s3:::${var.b}/*`` never names an IAM role); ``TRUE`` when the pattern is known and
    covers every value the resource could take (``arn:aws:s3:::logs/*`` covers
    ``arn:aws:s3:::logs/${var.key}``); else ``UNKNOWN``.
    """
    if pattern == "*":
        return Tri.TRUE
    return match_pattern(pattern, resource, MatchKind.RESOURCE, variables)


# ---------------------------------------------------------------------------------------------
# ARN formats of the catalog

_FORMAT_VARIABLE = re.compile(r"\$\{([^}]*)\}")

_PLAIN_NAMES = frozenset(
    {"BucketName", "FunctionName", "TableName", "QueueName", "TopicName", "KeyId"}
)
"""Format variables whose values AWS's naming rules keep free of ``/`` and ``:``."""


def _excluded(arn_format: str, variable: re.Match[str]) -> frozenset[str]:
    """The characters a ``${Name}`` of ``arn_format`` never holds (see :func:`_format_steps`)."""
    excluded = set()
    if arn_format.count(":", 0, variable.start()) < 5:
        excluded.add(":")
    following = arn_format[variable.end() : variable.end() + 1]
    if following in ("/", ":"):
        excluded.add(following)
    if variable.group(1) in _PLAIN_NAMES:
        excluded.update("/:")
    return frozenset(excluded)


@functools.lru_cache(maxsize=4096)
def _format_steps(arn_format: str) -> _Steps:
    """A catalog ARN format as an automaton: each ``${Name}`` is one or more characters, never
    the separator written right after it, never ``:`` in the first five segments, and never
    ``/`` or ``:`` for names whose values cannot hold them; a written ``*`` is any text."""
    steps: list[_Step] = []
    position = 0
    for match in _FORMAT_VARIABLE.finditer(arn_format):
        steps.extend(
            _ANY_RUN if c == "*" else _literal(c) for c in arn_format[position : match.start()]
        )
        chars = _excluded(arn_format, match)
        steps.extend(
            (_Step(chars, negated=True, repeat=False), _Step(chars, negated=True, repeat=True))
        )
        position = match.end()
    steps.extend(_ANY_RUN if c == "*" else _literal(c) for c in arn_format[position:])
    return tuple(steps)


def arn_matches_format(arn_pattern: str | Unresolved, arn_format: str) -> bool:
    """Whether the ``Resource`` pattern can name some resource of a catalog resource type.

    ``arn_format`` is written as in the Service Authorization Reference
    (``arn:${Partition}:s3:::${BucketName}/${ObjectName}``). Policy variables and unresolved
    pieces of the pattern may be anything, so the answer leans to ``True``: ``False`` means no
    ARN of that format can match. ``arn:aws:s3:::logs/*`` does not match the bucket format
    (bucket names hold no ``/``), ``arn:aws:s3:::logs*`` matches both bucket and object.
    """
    if arn_pattern == "*":
        return True
    if isinstance(arn_pattern, str):
        if _services_differ(arn_pattern, arn_format):
            return False
        if not any(c in arn_pattern for c in "*?$"):  # one ARN: is it of the format?
            return _format_regex(arn_format).fullmatch(arn_pattern) is not None
    return _arn_matches_format(arn_pattern, arn_format)


@functools.lru_cache(maxsize=4096)
def _format_regex(arn_format: str) -> re.Pattern[str]:
    """The ARNs of a catalog format, as :func:`_format_steps` reads it, as a regular expression."""
    pieces: list[str] = []
    position = 0
    for match in _FORMAT_VARIABLE.finditer(arn_format):
        pieces.append(_format_literal(arn_format[position : match.start()]))
        excluded = _excluded(arn_format, match)
        pieces.append(f"[^{re.escape(''.join(sorted(excluded)))}]+" if excluded else ".+")
        position = match.end()
    pieces.append(_format_literal(arn_format[position:]))
    return re.compile("".join(pieces), re.S)


def _format_literal(text: str) -> str:
    return ".*".join(re.escape(part) for part in text.split("*"))


@functools.lru_cache(maxsize=65536)
def _arn_matches_format(arn_pattern: str | Unresolved, arn_format: str) -> bool:
    """:func:`arn_matches_format` by automata; patterns and formats repeat across a scan."""
    atoms = _pattern_atoms(arn_pattern, True, None)
    try:
        return _intersects(_steps(atoms, MatchKind.RESOURCE), _format_steps(arn_format))
    except _TooComplex:
        return True


def _services_differ(arn_pattern: str, arn_format: str) -> bool:
    """Whether the service fields of both are literal and differ (``arn:aws:s3:…`` against
    ``arn:${Partition}:sqs:…``): the quick answer for most pairs."""
    pattern_fields = arn_pattern.split(":", 3)
    format_fields = arn_format.split(":", 3)
    if len(pattern_fields) < 3 or len(format_fields) < 3:
        return False
    service, wanted = pattern_fields[2], format_fields[2]
    literal = not any(c in service for c in "*?$") and "$" not in wanted
    return literal and service.lower() != wanted.lower()
