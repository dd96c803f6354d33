"""KMS and SCP rules that read the ``[accounts]`` settings: trusted accounts, deployments."""

from __future__ import annotations

from pathlib import Path

from policyguard.model.accounts import AccountSettings
from policyguard.plugins import Plugins
from policyguard.report.base import ScanReport
from policyguard.scan import ScanOptions, run_scan

KEY_POLICY = """
resource "aws_kms_key" "shared" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Owner", Effect = "Allow", Action = "kms:*", Resource = "*",
        Principal = { AWS = "arn:aws:iam::111122223333:root" } },
      { Sid = "LogArchive", Effect = "Allow", Action = "kms:Decrypt", Resource = "*",
        Principal = { AWS = "arn:aws:iam::222233334444:root" } },
      { Sid = "Partner", Effect = "Allow", Action = "kms:Decrypt", Resource = "*",
        Principal = { AWS = "arn:aws:iam::444455556666:role/reader" } },
    ]
  })
}
"""

ALLOW_LIST = """
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "sandbox" {
  name = "sandbox"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Storage", Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "sandbox" {
  policy_id = aws_organizations_policy.sandbox.id
  target_id = "ou-ab12-cd34ef56"
}
"""

WORKLOAD = """
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
"""


def _scan(plugins: Plugins, root: Path, rule: str, accounts: AccountSettings) -> ScanReport:
    checks = tuple(c for c in plugins.checks if c.id == rule)
    return run_scan(ScanOptions((root,), root, checks, accounts=accounts), plugins)


def test_cross_account_grants_outside_trusted_accounts(tmp_path: Path, plugins: Plugins) -> None:
    (tmp_path / "main.tf").write_text(KEY_POLICY)
    accounts = AccountSettings(
        trusted_accounts=frozenset({"222233334444"}),
        deployments=(("main.tf", "111122223333"),),
    )
    report = _scan(plugins, tmp_path, "KMS-003", accounts)
    assert [r.finding.message for r in report.results] == [
        "aws_kms_key.shared: Partner of the key policy lets 444455556666 use the key."
    ]
    assert all(r.finding.confidence.value == "high" for r in report.results)


def test_allow_list_checked_against_what_deploys_below_it(tmp_path: Path, plugins: Plugins) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "main.tf").write_text(ALLOW_LIST)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.tf").write_text(WORKLOAD)
    accounts = AccountSettings(
        deployments=(("org", "999988887777"), ("app", "ou-ab12-cd34ef56")),
    )
    report = _scan(plugins, tmp_path, "SCP-005", accounts)
    messages = [r.finding.message for r in report.results]
    assert len(messages) == 1
    assert "allow no sqs action" in messages[0]
    assert "aws_sqs_queue.jobs" in messages[0]
    assert report.results[0].finding.confidence.value == "high"
