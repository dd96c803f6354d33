"""The built-in way to run a check: call it on every object of its target types."""

from __future__ import annotations

from policyguard.checks import Check
from policyguard.findings import Finding
from policyguard.hookspecs import hookimpl
from policyguard.model.inventory import Inventory


@hookimpl(trylast=True)
def policyguard_run_check(check: Check, inventory: Inventory) -> list[Finding]:
    """Call ``check`` once per inventory object of each of its targets, in inventory order."""
    findings: list[Finding] = []
    for target in check.targets:
        subject: object
        for subject in inventory.of_type(target):
            if check.wants_inventory:
                findings.extend(check.function(subject, inventory=inventory))
            else:
                findings.extend(check.function(subject))
    return findings
