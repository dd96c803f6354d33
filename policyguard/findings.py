"""What checks yield, and what the engine makes of it."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyguard.location import SourceLocation
from policyguard.model.inventory import location_of

if TYPE_CHECKING:
    from policyguard.checks import Check


class Confidence(enum.Enum):
    """``LOW`` when a finding depends on a value that could not be resolved."""

    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (the resource that uses a policy, a module call)."""

    location: SourceLocation
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a check found: where the deciding value is written, and what it is.

    ``evidence`` is the normalized deciding value; with the rule id and the logical name it makes
    the fingerprint, so a finding keeps its identity when lines move.
    """

    message: str
    location: SourceLocation
    evidence: str
    confidence: Confidence = Confidence.HIGH
    related: tuple[Related, ...] = ()

    @classmethod
    def at(
        cls,
        subject: object,
        message: str,
        *,
        evidence: str | None = None,
        confidence: Confidence = Confidence.HIGH,
        related: tuple[Related, ...] = (),
    ) -> Finding:
        """A finding located at a model object (an element, statement, document or resource)."""
        if evidence is None:
            describe = getattr(subject, "describe", None)
            evidence = describe() if callable(describe) else type(subject).__name__
        return cls(message, location_of(subject), str(evidence), confidence, related)


@dataclass(frozen=True, slots=True)
class Result:
    """A finding attributed to the check that produced it."""

    check: Check
    finding: Finding

    @property
    def rule_id(self) -> str:
        return self.check.id

    @property
    def location(self) -> SourceLocation:
        return self.finding.location

    def fingerprint(self) -> str:
        """Stable identity from rule id, logical name and evidence (never the line number)."""
        key = "\0".join((self.check.id, self.location.logical_name, self.finding.evidence))
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def sort_key(self) -> tuple[str, object, str, str, str]:
        location = self.location
        return (
            location.path,
            location.span,
            self.check.id,
            location.logical_name,
            self.finding.message,
        )
