"""The finding on a bucket setting whose value is not resolved statically."""

from __future__ import annotations

from typing import TypeVar

from policyguard import Confidence, Finding
from policyguard.model.values import Located

_T = TypeVar("_T")


def depends_on_unresolved(name: str, what: str, setting: Located[_T]) -> Finding:
    """A low-confidence finding at ``setting``, not resolved statically, on which ``what`` of
    ``name`` (a described bucket) depends."""
    return Finding.at(
        setting,
        f"{name}: {what} depends on a value not resolved statically: {setting.value}.",
        confidence=Confidence.LOW,
    )
