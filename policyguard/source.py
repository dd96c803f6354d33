"""Files of a scan: their paths, bytes and text, read once and within bounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from policyguard.diagnostics import InputError, LimitExceeded

SNIFF_BYTES = 64 * 1024
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(eq=False)
class SourceFile:
    """A file found by discovery. ``relpath`` is POSIX and relative to the source root.

    ``head`` (the first 64 KiB, for format sniffing) and ``text`` are read on first use; reading
    past ``max_bytes`` raises :class:`LimitExceeded`, undecodable text :class:`InputError`.
    """

    path: Path
    relpath: str
    max_bytes: int = DEFAULT_MAX_FILE_BYTES
    _data: bytes | None = field(default=None, init=False, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def head(self) -> bytes:
        """The first 64 KiB of the file."""
        if self._data is not None:
            return self._data[:SNIFF_BYTES]
        with self.path.open("rb") as handle:
            return handle.read(SNIFF_BYTES)

    @property
    def data(self) -> bytes:
        """All bytes of the file, bounded by ``max_bytes``."""
        if self._data is None:
            with self.path.open("rb") as handle:
                data = handle.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                raise LimitExceeded(
                    f"file is larger than the limit of {self.max_bytes} bytes; not scanned"
                )
            self._data = data
        return self._data

    @cached_property
    def text(self) -> str:
        """The file decoded as UTF-8 (a BOM is dropped); binary content is an input error."""
        data = self.data
        if b"\0" in data[:SNIFF_BYTES]:
            raise InputError("file is binary (contains NUL bytes)")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(f"file is not valid UTF-8 (byte {error.start}, line {line})") from None

    @classmethod
    def from_text(cls, relpath: str, text: str, root: Path | None = None) -> SourceFile:
        """A source file held in memory (for tests and tools that already have the text)."""
        source = cls((root or Path.cwd()) / relpath, relpath)
        source._data = text.encode()
        return source
