"""CloudFormation and SAM templates, YAML or JSON, as :mod:`tree` nodes with exact spans.

The only module that imports cfn-lint. YAML is decoded by ``cfnlint.decode.decode_str``, whose
mappings, sequences and strings carry the YAML reader's marks; numbers, booleans, nulls, dates,
the values of short-form intrinsics (``!Ref X``) and the parts of ``!GetAtt a.b`` carry none, so
their positions are read from the source text after the nearest node that has marks. JSON
templates are read by :func:`~policyguard.parse.json_text.parse_json`, which keeps every position.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from typing import Any

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.parse.json_text import parse_json
from policyguard.parse.tree import (
    Comment,
    Entry,
    Mapping,
    Node,
    Scalar,
    ScalarValue,
    Sequence,
    TextOrigin,
)

MAX_NODES = 1_000_000
MAX_DEPTH = 100
# cfn-lint locates each YAML alias by walking the decoded template from its root: time grows with
# aliases times template size (400 aliases in 55 kB take 8 s), so their product is bounded first.
MAX_ALIAS_WORK = 5_000_000

_TEMPLATE_VERSION = b"AWSTemplateFormatVersion"
_AWS_TYPE = b"AWS::"
_RESOURCES_KEY = re.compile(rb"""(?:^|[\s{,])["']?Resources["']?[ \t]*:""")
_JSON_START = re.compile(r"\s*\{")

# Source scanning: blanks and comments; what comes before a key, a mapping value and a sequence
# element; anchors and tags before a value; a value without marks (number, boolean, null, date
# or alias); the end of a flow collection; YAML's own node properties; a short-form intrinsic's
# tag; a comment; an alias.
_BLANK = r"(?:\s+|(?<!\S)#[^\n]*)"
_GAP = re.compile(f"{_BLANK}*")
_BEFORE_KEY = re.compile(rf"(?:{_BLANK}|[,{{]|\?(?=\s))*")
_BEFORE_VALUE = re.compile(f"{_BLANK}*:?")
_BEFORE_ITEM = re.compile(rf"{_BLANK}*(?:-(?=\s)|[\[,])?")
_VALUE_PREFIX = re.compile(rf"(?:{_BLANK}|&\S+|!\S*)*")
_TOKEN = re.compile(r"\*[^\s,\[\]{}]+|(?:[\w.+\-~/=]|:(?=\w))+")
_CLOSING = re.compile(rf"(?:{_BLANK}|,)*[\]}}]")
_PROPERTIES = re.compile(r"(?:&\S+\s+|!!\S*\s+|!<[^>]*>\s+)*")
_TAG = re.compile(r"!([^\s!,\[\]{}]+)")
_COMMENT = re.compile(r"(?<!\S)#[^\n]*")
_ALIAS = re.compile(r"(?<![^\s\[{,])\*[^\s,\[\]{}]")
_NULLS = frozenset({"null", "Null", "NULL", "~"})

# The position inside a message cfn-lint wraps without one, and what it reports when the YAML
# reader, Python's recursion limit or its own alias guard stops decoding.
_MARK_IN_MESSAGE = re.compile(r"line (\d+), column (\d+)")
_LIMIT_PROBLEMS = ("maximum recursion depth", "maximum nesting depth", "aliases are expanded")

_Marks = tuple[int, int] | None


def looks_like_cloudformation(head: bytes) -> bool:
    """Whether a file beginning with ``head`` (its first 64 KiB) is a CloudFormation or SAM
    template: it names ``AWSTemplateFormatVersion``, or has a ``Resources`` key and ``AWS::``."""
    if _TEMPLATE_VERSION in head:
        return True
    return _AWS_TYPE in head and _RESOURCES_KEY.search(head) is not None


def parse_template(text: str, filename: str) -> tuple[Mapping, tuple[Comment, ...]]:
    """Parse a template into its root mapping and its comments (YAML ``#`` comments only).

    ``filename`` ending in ``.json``, or text starting with ``{``, means JSON. Raises
    :class:`InputError` for text that is not a template, :class:`LimitExceeded` past a bound.
    """
    try:
        if filename.lower().endswith(".json") or _JSON_START.match(text):
            return _json_template(text), ()
        return _yaml_template(text)
    except RecursionError:
        raise LimitExceeded("template is nested too deeply to parse") from None


def _json_template(text: str) -> Mapping:
    root = parse_json(text)
    if not isinstance(root, Mapping):
        raise InputError("a template must be a JSON object at the top level", root.span)
    _check_json(root)
    return root


def _check_json(root: Mapping) -> None:
    """Reject what cfn-lint rejects in JSON (duplicate keys) and trees past :data:`MAX_NODES`."""
    pending: list[Node] = [root]
    count = 0
    while pending:
        node = pending.pop()
        count += 1
        if count > MAX_NODES:
            raise LimitExceeded(f"template has more than {MAX_NODES} values", node.span)
        if isinstance(node, Mapping):
            _check_unique_keys(node)
            pending.extend(entry.value for entry in node.entries)
        elif isinstance(node, Sequence):
            pending.extend(node.items)


def _check_unique_keys(mapping: Mapping) -> None:
    seen: dict[str, Span] = {}
    for entry in mapping.entries:
        first = seen.get(entry.key)
        if first is not None:
            raise InputError(
                f"duplicate key {entry.key!r} (first at line {first.start_line})", entry.key_span
            )
        seen[entry.key] = entry.key_span


def _yaml_template(text: str) -> tuple[Mapping, tuple[Comment, ...]]:
    reader = _YamlReader(text)
    reader.bound_aliases()
    from cfnlint.decode import decode_str  # noqa: PLC0415 - cfn-lint loads only for templates

    template, matches = decode_str(text)
    if matches:
        raise _decode_error(matches[-1])
    root, _ = reader.node(template, 0, 0)
    if not isinstance(root, Mapping):
        kind = "a list" if isinstance(root, Sequence) else "a single value"
        raise InputError(f"a template must be a mapping at the top level, not {kind}", root.span)
    return root, reader.comments()


def _decode_error(match: Any) -> InputError:
    """An error from cfn-lint's parse-error match (for duplicate keys, the later key)."""
    lines = str(match.message).splitlines()
    message = " ".join(line.strip() for line in lines if not line.strip().startswith('in "'))
    message = message.removeprefix("Template could not be parsed: ")
    span = Span(match.linenumber, match.columnnumber, match.linenumberend, match.columnnumberend)
    marks = _MARK_IN_MESSAGE.findall(match.message)
    if marks and (span.start_line, span.start_column) == (1, 1):
        line, column = (int(number) for number in marks[-1])
        span = Span(line, column, line, column + 1)
    if any(problem in message for problem in _LIMIT_PROBLEMS):
        return LimitExceeded(f"template exceeds a parser bound: {message}", span)
    return InputError(f"cannot parse the template: {message}", span)


class _YamlReader:
    """Converts cfn-lint's decoded YAML into tree nodes, finding in the text what has no marks.

    Offsets are indexes into the text. A node has marks when its ``start_mark`` comes from the
    YAML reader (it has an ``index``); cfn-lint's own placeholder marks have none.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.nodes = 0
        self.strings: list[tuple[int, int]] = []

    def bound_aliases(self) -> None:
        """Raise :class:`LimitExceeded` when aliases times size exceeds :data:`MAX_ALIAS_WORK`
        (cfn-lint looks for aliases only in text with an ``&``)."""
        if "&" not in self.text:
            return
        aliases = [match.start() for match in _ALIAS.finditer(self.text)]
        if len(aliases) * len(self.text) > MAX_ALIAS_WORK:
            raise LimitExceeded(
                f"too many YAML aliases ({len(aliases)}) for a template of "
                f"{len(self.text)} characters",
                self.span(aliases[0], aliases[0] + 1),
            )

    def node(
        self, value: object, cursor: int, depth: int, until: int | None = None
    ) -> tuple[Node, int]:
        """Convert ``value``, written at ``cursor`` or after it (and before ``until`` when
        known); return the node and the offset where it ends."""
        marks = _marks(value)
        self.count(marks[0] if marks else cursor, depth)
        if isinstance(value, dict):
            tag = self.intrinsic_tag(value, marks)
            if tag is not None and marks is not None:
                return self.intrinsic(value, marks, tag, depth)
            return self.mapping(value, marks, cursor, depth)
        if isinstance(value, list):
            return self.sequence(value, marks, cursor, depth)
        return self.scalar(value, marks, cursor, until)

    def count(self, offset: int, depth: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LimitExceeded(
                f"template has more than {MAX_NODES} values once YAML aliases are expanded",
                self.span(offset, offset),
            )
        if depth > MAX_DEPTH:
            raise LimitExceeded(
                f"template is nested deeper than {MAX_DEPTH} levels", self.span(offset, offset)
            )

    def mapping(
        self, value: dict[Any, Any], marks: _Marks, cursor: int, depth: int
    ) -> tuple[Mapping, int]:
        start = self.skip(_PROPERTIES, marks[0]) if marks else self.skip(_GAP, cursor)
        entries: list[Entry] = []
        end = start
        for key, item in value.items():
            name, key_start, key_end = self.key(key, end)
            node, item_end = self.node(item, self.skip(_BEFORE_VALUE, key_end), depth + 1)
            entries.append(Entry(name, self.span(key_start, key_end), node))
            end = max(end, key_end, item_end)
        end = self.close(start, end, marks)
        return Mapping(tuple(entries), self.span(start, end)), end

    def key(self, key: object, cursor: int) -> tuple[str, int, int]:
        """A key's text and offsets; keys that are not strings (``123456789012:``) as written."""
        marks = _marks(key)
        if marks is not None:
            start = self.skip(_PROPERTIES, marks[0])
            end = self.trim(start, marks[1])
            self.strings.append((start, end))
            return str(key), start, end
        start, end = self.token(self.skip(_BEFORE_KEY, cursor))
        return self.text[start:end] or str(key), start, end

    def sequence(
        self, value: list[Any], marks: _Marks, cursor: int, depth: int
    ) -> tuple[Sequence, int]:
        start = self.skip(_PROPERTIES, marks[0]) if marks else self.skip(_GAP, cursor)
        items: list[Node] = []
        end = start
        for item in value:
            cursor = self.skip(_BEFORE_ITEM, end)
            node, item_end = self.node(item, cursor, depth + 1)
            if item_end <= end and _marks(item) is not None:
                # An alias: the value carries its anchor's marks; step over the ``*name``.
                item_end = self.token(cursor)[1]
            items.append(node)
            end = max(end, item_end)
        end = self.close(start, end, marks)
        return Sequence(tuple(items), self.span(start, end)), end

    def intrinsic_tag(self, value: dict[Any, Any], marks: _Marks) -> re.Match[str] | None:
        """The tag of a short-form intrinsic (``!Ref X``), which cfn-lint turns into
        ``{"Ref": "X"}`` with the tag's marks and a key without marks."""
        if marks is None or len(value) != 1:
            return None
        key = next(iter(value))
        tag = _TAG.match(self.text, self.skip(_PROPERTIES, marks[0]))
        if tag is None or _marks(key) is not None or key not in (tag[1], f"Fn::{tag[1]}"):
            return None
        return tag

    def intrinsic(
        self, value: dict[Any, Any], marks: tuple[int, int], tag: re.Match[str], depth: int
    ) -> tuple[Mapping, int]:
        """``!Name value`` as the mapping ``{Name: value}``; the key's span is the tag."""
        ((key, item),) = value.items()
        inner = self.skip(_GAP, tag.end())
        node: Node
        if key == "Fn::GetAtt" and isinstance(item, list):
            node, end = self.getatt(item, inner, self.trim(inner, marks[1]), depth + 1)
        else:
            node, end = self.node(item, inner, depth + 1, until=marks[1])
        entry = Entry(str(key), self.span(tag.start(), tag.end()), node)
        return Mapping((entry,), self.span(tag.start(), end)), end

    def getatt(self, parts: list[Any], start: int, end: int, depth: int) -> tuple[Sequence, int]:
        """``!GetAtt``'s list, which has the tag's marks; ``a.b`` comes split into parts
        without marks, each located in the written name."""
        self.count(start, depth)
        if any(_marks(part) is not None or not isinstance(part, str) for part in parts):
            return self.sequence(parts, None, start, depth)
        quote = int(self.text[start : start + 1] in ("'", '"'))
        offset = start + quote
        exact = self.text[offset : end - quote] == ".".join(parts)
        items: list[Node] = []
        for part in parts:
            part_start, part_end = (offset, offset + len(part)) if exact else (start, end)
            items.append(self.string(str(part), part_start, part_end))
            offset += len(part) + 1
        return Sequence(tuple(items), self.span(start, end)), end

    def scalar(
        self, value: object, marks: _Marks, cursor: int, until: int | None
    ) -> tuple[Scalar, int]:
        region = marks or (None if until is None else (cursor, until))
        if isinstance(value, str) and region is not None:
            start = self.skip(_PROPERTIES, region[0])
            end = self.trim(start, region[1])
            return self.string(str(value), start, end), end
        start, end = self.token(cursor)
        written = self.text[start:end]
        if value is None and written not in _NULLS:
            # Nothing is written (``Key:`` alone): a point where the value would be.
            return Scalar(None, self.span(cursor, cursor)), cursor
        return Scalar(self.plain(value, written, start, end), self.span(start, end)), end

    def plain(self, value: object, written: str, start: int, end: int) -> ScalarValue:
        """A value without marks as a tree value; dates stay as written."""
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            return str(value)
        if isinstance(value, datetime.date):
            return written
        raise InputError(
            f"unsupported YAML value of type {type(value).__name__}", self.span(start, end)
        )

    def string(self, value: str, start: int, end: int) -> Scalar:
        """A string scalar; its region hides ``#`` from the comment scan."""
        region_start = start
        if self.text[start : start + 1] in ("|", ">"):
            region_start = self.text.find("\n", start, end) + 1 or end
        self.strings.append((region_start, end))
        return Scalar(value, self.span(start, end), self.origin(value, start))

    def origin(self, value: str, start: int) -> TextOrigin | None:
        """Where the text lies, for literal blocks and single-line strings written verbatim."""
        indicator = self.text[start : start + 1]
        if indicator == "|":
            return self.block_origin(value, start)
        first = start + 1 if indicator in ("'", '"') else start
        if indicator == ">" or "\n" in value or not self.text.startswith(value, first):
            return None
        return TextOrigin(*self.position(first))

    def block_origin(self, value: str, start: int) -> TextOrigin | None:
        """A literal block's origin, when every text line is its file line less the indent."""
        header = bisect.bisect_right(self.line_starts, start) - 1
        lines = value.split("\n")
        if value.endswith("\n"):
            lines.pop()
        first = next((index for index, line in enumerate(lines) if line), None)
        if first is None:
            return None
        sample = self.line_text(header + 1 + first)
        indent = len(sample) - len(lines[first])
        if indent < 0 or sample[:indent] != " " * indent:
            return None
        for offset, line in enumerate(lines):
            written = self.line_text(header + 1 + offset)
            if written[indent:] != line and (line or written.strip()):
                return None
        return TextOrigin(header + 2, indent + 1, indent)

    def comments(self) -> tuple[Comment, ...]:
        """The ``#`` comments outside every string, each as written."""
        regions = sorted(self.strings)
        starts = [start for start, _ in regions]
        ends = list(itertools.accumulate((end for _, end in regions), max))
        found: list[Comment] = []
        offset = 0
        while (match := _COMMENT.search(self.text, offset)) is not None:
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.start() < ends[index]:
                offset = ends[index]
                continue
            text = match.group().rstrip()
            found.append(Comment(text, self.span(match.start(), match.start() + len(text))))
            offset = match.end()
        return tuple(found)

    def close(self, start: int, end: int, marks: _Marks) -> int:
        """Where a collection ends: a flow collection at its bracket, a block one at its last
        value (its marks would run on over comments to the next key)."""
        if self.text[start : start + 1] not in ("[", "{"):
            return end
        if marks is not None:
            return marks[1]
        closing = _CLOSING.match(self.text, max(end, start + 1))
        return closing.end() if closing else end

    def token(self, cursor: int) -> tuple[int, int]:
        """The offsets of the next value without marks after ``cursor``."""
        start = self.skip(_VALUE_PREFIX, cursor)
        match = _TOKEN.match(self.text, start)
        return start, match.end() if match else start

    def skip(self, pattern: re.Pattern[str], offset: int) -> int:
        match = pattern.match(self.text, offset)
        return match.end() if match else offset

    def trim(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return end

    def line_text(self, index: int) -> str:
        return self.lines[index].rstrip("\r") if index < len(self.lines) else ""

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self.line_starts
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end, first) - 1
        return Span(first + 1, start - starts[first] + 1, last + 1, end - starts[last] + 1)


def _marks(value: object) -> _Marks:
    """The start and end offsets the YAML reader gave ``value``, or ``None``."""
    start = getattr(getattr(value, "start_mark", None), "index", None)
    end = getattr(getattr(value, "end_mark", None), "index", None)
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None
