# mypy: disable-error-code="empty-body"
"""The hooks of policyguard: the one place that declares them.

Plugins implement any of these with ``@policyguard.hookimpl``; implementations may accept fewer
arguments than the spec names. Built-in plugins use exactly this API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from policyguard.checks import Check
    from policyguard.findings import Finding
    from policyguard.model.inventory import Inventory
    from policyguard.parse.parsed import (
        ExtractContext,
        Extraction,
        ModuleDescription,
        ParsedFile,
    )
    from policyguard.report.base import Reporter
    from policyguard.source import SourceFile

hookspec = pluggy.HookspecMarker("policyguard")
hookimpl = pluggy.HookimplMarker("policyguard")
"""Marks a function as an implementation of one of the hooks below."""


@hookspec(firstresult=True)
def policyguard_parse_file(source: SourceFile) -> ParsedFile | None:
    """Parse one discovered file, if it is of a format this plugin reads.

    Called once per discovered file; stops at the first non-``None`` result. Return ``None``
    for files of other formats, without reading more than ``source.head``. Raise
    :class:`policyguard.InputError` (or ``LimitExceeded``) for a file of your format that cannot
    be read: it becomes a diagnostic for that file and the scan goes on.
    """


@hookspec
def policyguard_extract(files: Sequence[ParsedFile], context: ExtractContext) -> Extraction | None:
    """Turn parsed files into model objects.

    Called once per scan with every parsed file, in path order, and the
    :class:`ExtractContext` (variable values from the command line and the environment); take
    the files of your own ``format`` and return an :class:`Extraction` (objects and
    diagnostics), or ``None``. The results of all plugins are merged into one
    :class:`Inventory`.
    """


@hookspec
def policyguard_checks() -> Sequence[Check]:
    """Return the checks this plugin provides.

    Called once at start-up. Rule ids must be unique across all plugins: a duplicate stops the
    run with an error naming both plugins.
    """


@hookspec(firstresult=True)
def policyguard_run_check(check: Check, inventory: Inventory) -> Sequence[Finding] | None:
    """Run one check over the inventory and return its findings.

    Called once per enabled check; stops at the first non-``None`` result. The built-in
    implementation calls the check on every object of its target types; wrappers
    (``@hookimpl(wrapper=True)``) may time or post-process it. An exception here is an internal
    error (exit 3), never a pass.
    """


@hookspec
def policyguard_module_descriptions() -> Sequence[ModuleDescription]:
    """Return descriptions of registry modules (see ``docs/module-descriptions.md``).

    Called once per scan. A module call whose source and version match a description, and
    that ``terraform init`` has not downloaded, is instantiated from the description's
    Terraform files. Descriptions from all plugins are tried in plugin order.
    """


@hookspec
def policyguard_reporters() -> Sequence[Reporter]:
    """Return output formats (``Reporter`` objects, each with a unique ``name``).

    Called once at start-up; the names become choices of ``--format`` and ``--report``.
    """
