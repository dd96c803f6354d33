"""RES and TRUST rules that judge accounts against the ``[accounts]`` configuration."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from policyguard_res.cross_account import resource_policy_cross_account
from policyguard_trust.untrusted_account import trust_untrusted_account

from policyguard import Check, Confidence, Finding
from policyguard.model import Inventory, PolicyDocument
from policyguard.model.accounts import AccountSettings
from tests.conftest import Extract

TEMPLATE = """
resource "aws_sns_topic_policy" "topic" {
  arn    = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "sns:*" }]
  })
}

resource "aws_iam_role" "role" {
  name = "support"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/support" }
      Action    = "sts:AssumeRole"
    }]
  })
}
"""


def findings(
    extract: Extract, tmp_path: Path, check: Check, settings: AccountSettings
) -> list[Finding]:
    (tmp_path / "main.tf").write_text(textwrap.dedent(TEMPLATE))
    inventory = Inventory.of(extract(tmp_path).objects, settings)
    return [
        finding
        for document in inventory.of_type(PolicyDocument)
        for finding in check.function(document, inventory=inventory)
    ]


@pytest.mark.parametrize("check", [resource_policy_cross_account, trust_untrusted_account])
def test_without_configuration_the_account_is_assumed_foreign(
    extract: Extract, tmp_path: Path, check: Check
) -> None:
    [finding] = findings(extract, tmp_path, check, AccountSettings())
    assert finding.confidence is Confidence.LOW
    assert "444455556666" in finding.message
    assert "no trusted accounts are configured" in finding.message


@pytest.mark.parametrize("check", [resource_policy_cross_account, trust_untrusted_account])
def test_an_account_outside_the_configured_zone_is_certain(
    extract: Extract, tmp_path: Path, check: Check
) -> None:
    settings = AccountSettings(deployments=(("*", "111122223333"),))
    [finding] = findings(extract, tmp_path, check, settings)
    assert finding.confidence is Confidence.HIGH
    assert "assumed" not in finding.message


@pytest.mark.parametrize("check", [resource_policy_cross_account, trust_untrusted_account])
def test_a_trusted_account_is_not_reported(extract: Extract, tmp_path: Path, check: Check) -> None:
    settings = AccountSettings(
        trusted_accounts=frozenset({"444455556666"}), deployments=(("*", "111122223333"),)
    )
    assert findings(extract, tmp_path, check, settings) == []
