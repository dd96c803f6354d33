"""An SCP that denies what a finding is about shows up with it, and lowers its confidence."""

from __future__ import annotations

from policyguard.findings import Confidence
from tests.conftest import Scan
from tests.helpers import TESTDATA

GUARDRAIL = TESTDATA / "terraform" / "guardrail_neutralises"


def test_a_grant_the_root_scp_denies_is_kept_with_the_scp_as_related_information(
    scan: Scan,
) -> None:
    report = scan(GUARDRAIL, select=["IAM-004"])
    by_policy = {r.location.logical_name: r.finding for r in report.results}
    denied = by_policy["aws_iam_policy.denied_by_guardrail"]
    assert denied.confidence is Confidence.LOW
    assert "guardrail denies it" in denied.message
    assert [r.location.start_line for r in denied.related if "denies this" in r.message] == [11]


def test_a_grant_the_scp_denies_only_in_part_keeps_high_confidence(scan: Scan) -> None:
    report = scan(GUARDRAIL, select=["IAM-004"])
    partly = next(
        r.finding for r in report.results if r.location.logical_name.endswith("partly_denied")
    )
    assert partly.confidence is Confidence.HIGH
    assert not any("denies this" in r.message for r in partly.related)


RCP = TESTDATA / "terraform" / "rcp_neutralises"


def test_an_rcp_lowers_public_findings_on_the_services_it_covers(scan: Scan) -> None:
    report = scan(RCP, select=["S3-001", "RES-001"])
    found = {
        r.location.logical_name: (
            r.finding.confidence,
            [x.location.start_line for x in r.finding.related if "RCP" in x.message],
        )
        for r in report.results
    }
    assert found == {
        "aws_s3_bucket_acl.site": (Confidence.LOW, [13]),
        "aws_sqs_queue.events": (Confidence.LOW, [13]),
        "aws_lambda_permission.public": (Confidence.HIGH, []),  # Lambda is not under RCPs
    }
