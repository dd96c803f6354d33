"""The bound on nesting in HCL: blocks and expressions deeper than :data:`MAX_DEPTH` levels."""

from __future__ import annotations

from policyguard.diagnostics import LimitExceeded
from policyguard.location import Span

MAX_DEPTH = 100
"""Levels of blocks and expressions nested in one another (the package docstring says how)."""


def too_deep(span: Span) -> LimitExceeded:
    """The error for nesting deeper than :data:`MAX_DEPTH` at ``span``."""
    return LimitExceeded(f"HCL nested deeper than {MAX_DEPTH} levels", span)
