"""Findings for statements that let everyone, or accounts outside the zone of trust, in.

Shared by the resource-policy (RES-001, RES-002) and trust-policy (TRUST-001, TRUST-003) rules,
which differ only in which statements they look at and in wording.
"""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding
from policyguard.iam.exposure import Exposure, ExposureKind
from policyguard.model import Inventory, PolicyDocument, Statement
from policyguard_res.reach import (
    everyone_subject,
    exposure_context,
    grants,
    statement_exposure,
)


def public_findings(
    policy: PolicyDocument, inventory: Inventory, *, allows: str, network: str
) -> Iterator[Finding]:
    """One finding per statement that names everyone and may be public by the exposure
    verdict. ``allows`` says what it grants everyone (``"allows everyone"``), ``network`` is
    added when a source IP condition narrows it (``"at the source IP addresses …"``). An RCP
    that denies what the statement allows is shown with the finding."""
    from policyguard.iam.ceiling import neutralised_grant  # noqa: PLC0415 - engine loads late

    context = exposure_context(policy, inventory)
    for statement in grants(policy):
        subject = everyone_subject(statement)
        if subject is None:
            continue
        exposure = statement_exposure(policy, statement, context)
        if exposure.worst is not ExposureKind.PUBLIC:
            continue
        certain = exposure.kind is ExposureKind.PUBLIC
        message = f"{policy.describe()}: {statement.describe()} {allows}"
        if exposure.network_restricted:
            message += f" {network}"
        if not certain:
            unknown = "; ".join(exposure.assumptions) or "values not resolved statically"
            message += f" if values not resolved statically allow it ({unknown})"
        finding = Finding.at(
            subject,
            message + ".",
            evidence=f"{statement.describe()}:public",
            confidence=Confidence.HIGH if certain else Confidence.LOW,
        )
        written = statement.actions or ()
        actions = [e.value for e in written if isinstance(e.value, str)]
        yield neutralised_grant(finding, inventory, actions if len(actions) == len(written) else [])


def accounts_finding(
    policy: PolicyDocument,
    statement: Statement,
    exposure: Exposure,
    inventory: Inventory,
    *,
    lets: str,
    certain: bool,
) -> Finding:
    """The finding for a statement whose ``exposure`` lets in other accounts. ``lets`` words
    it, with ``{accounts}`` where the accounts go (``"lets in account(s) {accounts}"``); when
    not ``certain``, the message lists the assumptions that make the accounts untrusted."""
    accounts = ", ".join(sorted(exposure.accounts))
    message = f"{policy.describe()}: {statement.describe()} " + lets.format(accounts=accounts)
    if not certain:
        assumed = inventory.accounts.assumptions() + list(exposure.assumptions)
        message += ", assumed to be outside the zone of trust (" + "; ".join(assumed) + ")"
    return Finding.at(
        statement,
        message + ".",
        evidence=f"{statement.describe()}:{accounts}",
        confidence=Confidence.HIGH if certain else Confidence.LOW,
    )
