"""A realistic multi-module Terraform repository, extracted and compared with a reviewed model.

``testdata/terraform/project`` has a root module calling two local modules (one per
``for_each`` key), variables from defaults and ``terraform.tfvars``, locals built on locals,
``count``, a policy document with a ``dynamic`` statement, and an Organizations tree.
``expected_model.json`` was reviewed by hand; regenerate it with ``pytest --update-snapshots``
and review the diff.
"""

from __future__ import annotations

import json

import pytest

from policyguard.discover import discover
from policyguard.model import Inventory
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins
from tests.helpers import TESTDATA
from tests.model_json import inventory_json

PROJECT = TESTDATA / "terraform" / "project"
EXPECTED = PROJECT / "expected_model.json"


@pytest.fixture(scope="module")
def extracted(plugins: Plugins) -> tuple[Inventory, list[str]]:
    hook = plugins.manager.hook
    parsed = [hook.policyguard_parse_file(source=s) for s in discover([PROJECT], PROJECT).files]
    extractions = hook.policyguard_extract(
        files=[p for p in parsed if p is not None], context=ExtractContext()
    )
    inventory = Inventory.of(o for e in extractions if e is not None for o in e.objects)
    diagnostics = [str(d) for e in extractions if e is not None for d in e.diagnostics]
    return inventory, diagnostics


def test_model_matches_the_reviewed_expectation(
    extracted: tuple[Inventory, list[str]], update_snapshots: bool
) -> None:
    inventory, diagnostics = extracted
    actual = inventory_json(inventory)
    if update_snapshots:
        EXPECTED.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    assert actual == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert diagnostics == []


def test_instances_and_addresses(extracted: tuple[Inventory, list[str]]) -> None:
    inventory, _ = extracted
    addresses = {item["resource"] for item in inventory_json(inventory) if isinstance(item, dict)}
    assert {
        "aws_kms_key.regional[0]",
        "aws_kms_key.regional[1]",
        'module.storage["artifacts"].aws_s3_bucket.this',
        'module.storage["website"].aws_s3_bucket.this',
        "module.iam.aws_iam_role.deployer",
        'module.iam.aws_iam_user.admin["alice"]',
        'module.iam.aws_iam_user.admin["bob"]',
    } <= addresses
    assert not any("aws_s3_bucket_acl.this" in a for a in addresses)


def test_value_from_tfvars_is_located_there(extracted: tuple[Inventory, list[str]]) -> None:
    inventory, _ = extracted
    [website] = [
        b
        for b in inventory_json(inventory)
        if b["resource"] == 'module.storage["website"].aws_s3_bucket.this'
    ]
    assert website["acls"][0]["canned"] == {
        "value": "public-read",
        "at": "terraform.tfvars:7:23-7:36",
    }
