"""The bundled examples end to end: what the README's first command shows."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from policyguard.cli import main
from tests.helpers import PROJECT, SARIF_SCHEMA

INSECURE_IN_BOTH_FORMATS = {
    # (rule, Terraform address, CloudFormation logical id): each problem is planted in both
    ("IAM-001", "aws_iam_policy.administrator", "AdministratorPolicy"),
    ("IAM-022", "aws_iam_user_policy.ci_deploy", "CiUser"),
    ("IAM-023", "aws_iam_user_policy.ci_deploy", "CiUser"),
    ("IAM-024", "aws_iam_user.ci", "CiUser"),
    ("IAM-026", "aws_iam_user.ci", "CiUser"),
    ("KMS-001", "aws_kms_key.orders", "OrdersKey"),
    ("S3-001", "aws_s3_bucket_acl.storefront", "StorefrontBucket"),
    ("S3-002", "aws_s3_bucket.storefront", "StorefrontBucket"),
    ("S3-003", "aws_s3_bucket_public_access_block.storefront", "StorefrontBucket"),
    ("S3-006", "aws_s3_bucket_ownership_controls.storefront", "StorefrontBucket"),
    ("S3-020", "aws_s3_bucket.storefront", "StorefrontBucket"),
    ("S3-021", "aws_s3_bucket.storefront", "StorefrontBucket"),
    ("S3-023", "aws_s3_bucket_website_configuration.storefront", "StorefrontBucket"),
    ("S3-024", "aws_s3_bucket.storefront", "StorefrontBucket"),
    ("SCP-001", "aws_organizations_policy.protect_guardduty", "ProtectGuardDutyPolicy"),
}
INSECURE_TERRAFORM_ONLY = {
    ("IAM-013", "aws_iam_user.alice"),  # admin through its group: the template has no member
    ("IAM-026", "aws_iam_user.alice"),
}
INSECURE_CLOUDFORMATION_ONLY = {("IAM-025", "Resources/DevelopersGroup")}
SECURE = {
    # what is left in the secure examples: low and informational, each explained in the README
    ("IAM-025", "Resources/DevelopersGroup"),  # members come from another stack
    ("IAM-026", "aws_iam_user.alice"),  # a break-glass console user
    ("S3-026", "Resources/StorefrontBucket"),  # MFA delete needs the root user's device
    ("S3-026", "aws_s3_bucket_versioning.storefront"),
}


@pytest.fixture(scope="module")
def sarif(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    output = tmp_path_factory.mktemp("examples") / "examples.sarif"
    code = main(
        [
            "scan",
            str(PROJECT / "examples"),
            "--format",
            "sarif",
            "--output",
            str(output),
            "--source-root",
            str(PROJECT),
        ]
    )
    assert code == 1
    log: dict[str, object] = json.loads(output.read_text(encoding="utf-8"))
    return log


def results(sarif: dict[str, object]) -> list[dict[str, object]]:
    runs = sarif["runs"]
    assert isinstance(runs, list)
    found: list[dict[str, object]] = runs[0]["results"]
    return found


def test_examples_sarif_is_schema_valid(sarif: dict[str, object]) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} is not beside the project")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)


def found(sarif: dict[str, object], part: str) -> set[tuple[str, str]]:
    """The (rule, logical name) pairs found in the example files whose path holds ``part``."""
    return {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])  # type: ignore[index]
        for r in results(sarif)
        if f"/{part}" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]  # type: ignore[index]
    }


def test_insecure_examples_plant_each_problem_in_both_formats(sarif: dict[str, object]) -> None:
    assert found(sarif, "insecure") == (
        {(rule, address) for rule, address, _ in INSECURE_IN_BOTH_FORMATS}
        | {(rule, f"Resources/{logical}") for rule, _, logical in INSECURE_IN_BOTH_FORMATS}
        | INSECURE_TERRAFORM_ONLY
        | INSECURE_CLOUDFORMATION_ONLY
    )


def test_secure_examples_leave_only_low_and_informational_findings(
    sarif: dict[str, object],
) -> None:
    assert found(sarif, "secure") == SECURE
    levels = {r["level"] for r in results(sarif) if "/secure" in str(r["locations"])}
    assert levels == {"note"}


DECIDING = {
    # what the region of these rules' findings must read
    "IAM-001": {"*"},
    "S3-001": {"public-read", "PublicRead"},
    "S3-003": {"false"},
    "S3-006": {"BucketOwnerPreferred"},
}


def test_every_result_points_at_a_written_value(sarif: dict[str, object]) -> None:
    for result in results(sarif):
        location = result["locations"][0]["physicalLocation"]  # type: ignore[index]
        path = Path(PROJECT / location["artifactLocation"]["uri"])
        region = location["region"]
        lines = path.read_text(encoding="utf-8").splitlines()
        text = lines[region["startLine"] - 1][region["startColumn"] - 1 :]
        assert result["partialFingerprints"]["policyguard/v1"]  # type: ignore[index]
        assert result["locations"][0]["logicalLocations"][0]["kind"] == "resource"  # type: ignore[index]
        assert text.strip(), (result["ruleId"], region)
        if result["ruleId"] in DECIDING and region.get("endLine", 0) == region["startLine"]:
            written = text[: region["endColumn"] - region["startColumn"]].strip('"')
            assert written in DECIDING[result["ruleId"]], (result["ruleId"], written)
