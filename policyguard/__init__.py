"""policyguard: evaluate the AWS security that Terraform and CloudFormation declare.

The public API for plugins: declare checks with :func:`check`, yield :class:`Finding` objects,
implement hooks with :data:`hookimpl`. The model lives in :mod:`policyguard.model`.
"""

from __future__ import annotations

from policyguard._version import __version__
from policyguard.checks import Check, check
from policyguard.diagnostics import Diagnostic, DiagnosticId, InputError, LimitExceeded
from policyguard.findings import Confidence, Finding, Related
from policyguard.hookspecs import hookimpl
from policyguard.location import SourceLocation, Span
from policyguard.severity import Severity

__all__ = [
    "Check",
    "Confidence",
    "Diagnostic",
    "DiagnosticId",
    "Finding",
    "InputError",
    "LimitExceeded",
    "Related",
    "Severity",
    "SourceLocation",
    "Span",
    "__version__",
    "check",
    "hookimpl",
]
