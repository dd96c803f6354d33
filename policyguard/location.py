"""Where something is written: spans inside a file, and locations in the scan."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a file: 1-based lines and columns, the end column one past the last character.

    ``file`` names the file (relative to the source root) when a value travelled from another
    file than the one being read, such as a variable's default; it is "" otherwise and takes
    no part in comparisons.
    """

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    file: str = field(default="", compare=False)

    @classmethod
    def line_of(cls, line: int) -> Span:
        """A span that stands for a whole line when nothing finer is known."""
        return cls(line, 1, line, 1)

    def covering(self, other: Span) -> Span:
        """The smallest span holding both spans."""
        return Span(
            *min((self.start_line, self.start_column), (other.start_line, other.start_column)),
            *max((self.end_line, self.end_column), (other.end_line, other.end_column)),
            self.file,
        )


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """A span in a file of the scan, with the resource it belongs to.

    ``path`` is POSIX and relative to the source root; ``logical_name`` is the Terraform address
    (``module.net.aws_s3_bucket.logs["eu"]``) or ``Resources/LogicalId`` of the owning resource.
    ``unit`` is the root module directory or template the resource was read for: addresses
    repeat across units, so the two together name one resource of the scan.
    """

    path: str
    span: Span
    logical_name: str = ""
    unit: str = ""

    @property
    def start_line(self) -> int:
        return self.span.start_line

    def with_span(self, span: Span) -> SourceLocation:
        """The same file and resource, another span."""
        return SourceLocation(self.path, span, self.logical_name, self.unit)


BUILTIN = "<policyguard>"
"""The path prefix of files that ship with policyguard (built-in module descriptions)."""


def outside_scanned_code(path: str) -> bool:
    """Whether ``path`` is a built-in description's file or one ``terraform init`` downloaded,
    rather than the user's own code."""
    return path.startswith((BUILTIN, ".terraform/")) or "/.terraform/" in path
