"""Source lines for display, with literal secrets masked.

A value is masked when it is written as a literal under a key that names a secret
(``password = "..."``, ``MasterUserPassword: ...``, ``"SecretString": "..."``) or inside a
``-----BEGIN ... PRIVATE KEY-----`` block. References and expressions stay readable: ``var.x``,
``!Ref X``, ``"${var.x}"``, ``{{resolve:...}}``, booleans and null. A heredoc (``<<EOF``) or a
YAML block scalar (``|``, ``>``) opened by a secret key is masked line by line until it ends.
Masking runs forward from the first line shown: a region that starts inside a multi-line secret
value is masked line by line only.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from policyguard.location import Span

MASK = "********"

_SECRET_SUFFIXES = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "secretkey",
    "secretstring",
    "secretbinary",
    "privatekey",
    "privatekeypem",
    "token",
    "apikey",
    "accesskey",
    "pgpkey",
    "credentials",
    "connectionstring",
)
_NOT_SECRET_NAMES = frozenset(("servicetoken", "creationtoken"))
_KEY = re.compile(
    r"""(?P<key>"[^"\\\n]*"|'[^'\n]*'|\b[A-Za-z_][\w-]*)[ \t]*"""
    r"""(?P<sep>=(?![=>~])|:(?=[\s"'{\[]|$))[ \t]*"""
)
_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?""")
_EXPRESSION = re.compile(r"\{\{resolve:(?:[^{}]|\$\{[^{}]*\})*\}\}|\$\{[^{}]*\}")
_TOKEN = re.compile(_QUOTED.pattern + r"""|[^\s"',()\[\]{}]+""")
_NOT_SECRET = re.compile(r"(?i:true|false|yes|no|on|off|null|~)")
_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_HEREDOC = re.compile(r"<<-?[ \t]*(?P<id>[A-Za-z_][\w-]*)")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY-----")

Ranges = list[tuple[int, int]]


class _Kind(enum.Enum):
    HEREDOC = enum.auto()
    YAML = enum.auto()
    PEM = enum.auto()


@dataclass(frozen=True, slots=True)
class _Block:
    """A secret value that goes on after the line that opened it."""

    kind: _Kind
    heredoc_id: str = ""
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The masked lines of a region, and where the region starts and ends in them.

    ``start`` is the 0-based offset of the region in ``lines[0]``, ``end`` the offset one past
    it in ``lines[-1]``, both counted in the masked lines.
    """

    start_line: int
    lines: tuple[str, ...]
    start: int
    end: int

    @property
    def text(self) -> str:
        """The masked text of the region itself."""
        if len(self.lines) == 1:
            return self.lines[0][self.start : self.end]
        middle = self.lines[1:-1]
        return "\n".join((self.lines[0][self.start :], *middle, self.lines[-1][: self.end]))

    @property
    def end_line(self) -> int:
        """The last line shown (the region's, or the file's last when the region runs past it)."""
        return self.start_line + len(self.lines) - 1

    @property
    def whole_lines(self) -> bool:
        """Whether the region covers its lines from the first character to the last."""
        return self.start == 0 and self.end == len(self.lines[-1])


def masked(line: str) -> str:
    """``line`` with the literal secrets written on it replaced by ``MASK``."""
    line = line.rstrip("\r\n")
    ranges, _ = _line_ranges(line, None)
    return _apply(line, ranges)


def excerpt(lines: Sequence[str], span: Span) -> Excerpt | None:
    """The masked lines of ``span`` in a file's ``lines``; ``None`` when they are not there.

    A span whose start equals its end (``Span.line_of``) stands for its whole line.
    """
    if not 1 <= span.start_line <= len(lines):
        return None
    last = min(max(span.end_line, span.start_line), len(lines))
    shown: list[str] = []
    masks: list[Ranges] = []
    block: _Block | None = None
    for raw in lines[span.start_line - 1 : last]:
        line = raw.rstrip("\r\n")
        ranges, block = _line_ranges(line, block)
        masks.append(ranges)
        shown.append(_apply(line, ranges))
    whole = is_whole_line(span)
    start = 0 if whole else _masked_offset(span.start_column - 1, masks[0], at_end=False)
    end = len(shown[-1])
    if not whole and last == span.end_line:
        end = _masked_offset(span.end_column - 1, masks[-1], at_end=True)
    return Excerpt(
        span.start_line, tuple(shown), min(start, len(shown[0])), min(end, len(shown[-1]))
    )


def is_whole_line(span: Span) -> bool:
    """Whether ``span`` stands for whole lines (an empty span, as ``Span.line_of`` makes)."""
    return span.start_line == span.end_line and span.start_column == span.end_column


def underline(excerpt: Excerpt) -> str | None:
    """Carets under a one-line region of ``excerpt``, aligned with tabs; ``None`` otherwise."""
    if len(excerpt.lines) != 1 or excerpt.end <= excerpt.start or excerpt.whole_lines:
        return None
    prefix = "".join(c if c == "\t" else " " for c in excerpt.lines[0][: excerpt.start])
    return prefix + "^" * (excerpt.end - excerpt.start)


def _apply(line: str, ranges: Ranges) -> str:
    parts: list[str] = []
    position = 0
    for start, end in ranges:
        parts += (line[position:start], MASK)
        position = end
    parts.append(line[position:])
    return "".join(parts)


def _masked_offset(offset: int, ranges: Ranges, *, at_end: bool) -> int:
    """Where ``offset`` of the raw line lands in the masked line."""
    delta = 0
    for start, end in ranges:
        if offset <= start:
            break
        if offset < end:
            return start + delta + (len(MASK) if at_end else 0)
        delta += len(MASK) - (end - start)
    return offset + delta


def _line_ranges(line: str, block: _Block | None) -> tuple[Ranges, _Block | None]:
    """The ranges of ``line`` to mask, and the block still open after it."""
    if block is not None:
        inside, block = _block_line(line, block)
        if inside is not None:
            return inside, block
    ranges: Ranges = []
    position = 0
    while match := _KEY.search(line, position):
        if _is_secret(match["key"]):
            found, position, block = _value(line, match)
            ranges += found
        else:
            position = _skip_quoted(line, match.end())
    return _with_pem(line, ranges, block)


def _with_pem(line: str, ranges: Ranges, block: _Block | None) -> tuple[Ranges, _Block | None]:
    """Adds the body of a private key that begins on ``line`` outside a masked value."""
    pem = _PEM_BEGIN.search(line)
    if pem is None or any(start <= pem.start() < end for start, end in ranges):
        return ranges, block
    end_marker = _PEM_END.search(line, pem.end())
    stop = end_marker.start() if end_marker else len(line)
    kept = [(start, end) for start, end in ranges if end <= pem.start()]
    body = [(pem.end(), stop)] if stop > pem.end() else []
    return kept + body, block if end_marker else _Block(_Kind.PEM)


def _block_line(line: str, block: _Block) -> tuple[Ranges | None, _Block | None]:
    """Ranges of a line inside an open block, or ``None`` when the block ended before it."""
    indent = len(line) - len(line.lstrip())
    content = [(indent, len(line))] if line.strip() else []
    if block.kind is _Kind.HEREDOC:
        return ([], None) if line.strip() == block.heredoc_id else (content, block)
    if block.kind is _Kind.YAML:
        return (None, None) if line.strip() and indent <= block.indent else (content, block)
    end = _PEM_END.search(line)
    if end is None:
        return content, block
    return ([(indent, end.start())] if end.start() > indent else []), None


def _is_secret(key: str) -> bool:
    name = re.sub(r"[^a-z0-9]", "", key.lower())
    return name.endswith(_SECRET_SUFFIXES) and name not in _NOT_SECRET_NAMES


def _skip_quoted(line: str, position: int) -> int:
    quoted = _QUOTED.match(line, position)
    return quoted.end() if quoted else position


def _value(line: str, key: re.Match[str]) -> tuple[Ranges, int, _Block | None]:
    """The ranges of a secret key's value, where scanning goes on, and a block it opens."""
    start = key.end()
    rest = line[start:]
    if quoted := _QUOTED.match(line, start):
        return _literal_ranges(line, start, quoted.end()), quoted.end(), None
    if key["sep"] == "=":
        if heredoc := _HEREDOC.match(rest):
            return [], len(line), _Block(_Kind.HEREDOC, heredoc_id=heredoc["id"])
        return _expression_ranges(line, start), len(line), None
    if _BLOCK_SCALAR.match(rest):
        return [], len(line), _Block(_Kind.YAML, indent=key.start())
    if rest.startswith("!"):
        return _expression_ranges(line, start), len(line), None
    if rest.startswith(("{", "[")) or not rest:
        return [], start, None
    return _plain_value(line, key)


def _literal_ranges(line: str, start: int, end: int) -> Ranges:
    """The inside of a quoted string, unless it is empty or only expressions."""
    quote = line[start]
    inner_end = end - 1 if end - start > 1 and line[end - 1] == quote else end
    content = line[start + 1 : inner_end]
    if not _EXPRESSION.sub("", content).strip():
        return []
    return [(start + 1, inner_end)]


def _expression_ranges(line: str, start: int) -> Ranges:
    """In an expression (``var.x``, ``f("...")``, ``!Sub '...'``): its literals and numbers."""
    ranges: Ranges = []
    for match in _TOKEN.finditer(line[start:]):
        token_start = start + match.start()
        token = match.group()
        if token[0] in "\"'":
            ranges += _literal_ranges(line, token_start, token_start + len(token))
        elif _NUMBER.fullmatch(token):
            ranges.append((token_start, token_start + len(token)))
    return ranges


def _plain_value(line: str, key: re.Match[str]) -> tuple[Ranges, int, None]:
    """A YAML plain scalar (or a JSON number), unless it is a boolean or null."""
    start = key.end()
    end = _plain_end(line, start, in_flow=bool(re.search(r"[{\[]", line[: key.start()])))
    if end == start or _NOT_SECRET.fullmatch(line[start:end]):
        return [], end, None
    return [(start, end)], end, None


def _plain_end(line: str, start: int, *, in_flow: bool) -> int:
    comment = line.find(" #", start)
    end = comment if comment >= 0 else len(line)
    if in_flow:
        flow = re.search(r"[,}\]]", line[start:end])
        end = start + flow.start() if flow else end
    end = len(line[:end].rstrip().rstrip(","))
    return max(end, start)
