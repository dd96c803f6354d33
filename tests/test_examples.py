"""The bundled examples end to end: what the README's first command shows."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from policyguard.cli import main
from tests.helpers import PROJECT, SARIF_SCHEMA

EXPECTED = {
    ("IAM-001", "aws_iam_policy.administrator"),
    ("KMS-001", "aws_kms_key.orders"),
    ("S3-001", "aws_s3_bucket_acl.storefront"),
    ("SCP-001", "aws_organizations_policy.protect_guardduty"),
    ("IAM-001", "Resources/AdministratorPolicy"),
    ("KMS-001", "Resources/OrdersKey"),
    ("S3-001", "Resources/StorefrontBucket"),
    ("SCP-001", "Resources/ProtectGuardDutyPolicy"),
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


def test_examples_find_each_first_rule_in_both_formats(sarif: dict[str, object]) -> None:
    found = {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])  # type: ignore[index]
        for r in results(sarif)
    }
    assert found == EXPECTED


def test_every_result_points_at_the_deciding_value(sarif: dict[str, object]) -> None:
    for result in results(sarif):
        location = result["locations"][0]["physicalLocation"]  # type: ignore[index]
        path = Path(PROJECT / location["artifactLocation"]["uri"])
        region = location["region"]
        line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
        assert region["startLine"] == region.get("endLine", region["startLine"])
        assert result["partialFingerprints"]["policyguard/v1"]  # type: ignore[index]
        assert result["locations"][0]["logicalLocations"][0]["kind"] == "resource"  # type: ignore[index]
        text = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        deciding = text.strip('"') in {"*", "public-read", "PublicRead"} or ":root" in text
        missing_setting_at_header = text in {"OrdersKey", line.strip()}
        assert deciding or missing_setting_at_header, (result["ruleId"], text)
