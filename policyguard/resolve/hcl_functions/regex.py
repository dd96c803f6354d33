"""Regular expressions: RE2 patterns run on Python's ``re`` when that is safe, for ``regex``,
``regexall`` and ``replace``."""

from __future__ import annotations

import re
from functools import lru_cache

from policyguard.location import Span
from policyguard.parse.tree import Entry, Mapping, Node, Scalar, Sequence
from policyguard.resolve.hcl_functions.arguments import Arguments, Function, as_string, take
from policyguard.resolve.hcl_functions.values import Failure, Unknown, Value

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


def compile_pattern(pattern: str, subject_length: int) -> re.Pattern[str]:
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
    pattern_text, text = (as_string(args, v) for v in take(args, 2))
    pattern = compile_pattern(pattern_text, len(text))
    match = pattern.search(text)
    if match is None:
        raise Failure("the pattern did not match")
    return _match_value(match, pattern, args.call.span)


def _regexall(args: Arguments) -> Value:
    pattern_text, text = (as_string(args, v) for v in take(args, 2))
    pattern = compile_pattern(pattern_text, len(text))
    matches: list[Node] = []
    for match in pattern.finditer(text):
        matches.append(_match_value(match, pattern, args.call.span))
        args.budget.collection(len(matches), args.call.span)
    return Sequence(tuple(matches), args.call.span)


_GO_TEMPLATE = re.compile(r"\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+)|(\$))")


def substitute(pattern: re.Pattern[str], template: str, text: str, args: Arguments) -> str:
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


FUNCTIONS: dict[str, Function] = {
    "regex": _regex,
    "regexall": _regexall,
}
