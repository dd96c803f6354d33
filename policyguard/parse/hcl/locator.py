"""Offsets into the text being read, as spans and positions of the file."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from policyguard.location import Span
from policyguard.parse.tree import TextOrigin


@dataclass(frozen=True, slots=True)
class Locator:
    """Turns offsets into the text being read into spans of the file.

    ``shift`` is where the text starts in the file (a reparsed interpolation); with ``fixed`` every
    span is that one (a JSON string, whose characters do not map back one by one).
    """

    line_starts: tuple[int, ...]
    shift: int = 0
    fixed: Span | None = None

    def span(self, start: int, end: int) -> Span:
        if self.fixed is not None:
            return self.fixed
        return Span(*self.position(start), *self.position(end))

    def position(self, offset: int) -> tuple[int, int]:
        offset += self.shift
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def origin(self, offset: int, indent: int) -> TextOrigin | None:
        """Where text starting at ``offset`` (a line start) and indented by ``indent`` lies."""
        if self.fixed is not None:
            return None
        line, column = self.position(offset)
        return TextOrigin(line, column + indent, indent)

    def shifted(self, offset: int) -> Locator:
        return replace(self, shift=self.shift + offset)


def line_starts_of(text: str) -> tuple[int, ...]:
    """The offset of every line's start in ``text``."""
    return (0, *(match.end() for match in re.finditer("\n", text)))
