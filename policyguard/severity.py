"""Severities and what each means to SARIF consumers."""

from __future__ import annotations

import enum


class Severity(enum.Enum):
    """How bad a finding is; ordered from ``INFO`` (lowest) to ``CRITICAL``."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return _ORDER.index(self)

    @property
    def sarif_level(self) -> str:
        """SARIF ``level``: error for critical and high, warning for medium, note below."""
        return {"critical": "error", "high": "error", "medium": "warning"}.get(self.value, "note")

    @property
    def security_severity(self) -> str | None:
        """GitHub's ``security-severity`` score inside the severity's band; none for info."""
        return _SECURITY_SEVERITY.get(self.value)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named by ``text`` (case-insensitive); ``ValueError`` names the choices."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in _ORDER)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


_ORDER = (Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
_SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}
