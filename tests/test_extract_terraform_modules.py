"""Terraform resolution across a module: cycles, instances, module sources, merged documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.diagnostics import DiagnosticId
from policyguard.findings import Confidence
from policyguard.model import Inventory, KmsKey, PolicyResource, Resource, Unresolved
from tests.conftest import Extract, Scan
from tests.helpers import TESTDATA

CONSTRUCTS = TESTDATA / "terraform" / "constructs"


@pytest.fixture(scope="module")
def cycle(extract: Extract) -> Inventory:
    return extract(CONSTRUCTS / "cycle")


@pytest.fixture(scope="module")
def merge(extract: Extract) -> Inventory:
    return extract(CONSTRUCTS / "merge")


def addresses(inventory: Inventory) -> set[str]:
    return {r.address for r in inventory.of_type(Resource)}


def test_count_zero_creates_nothing_and_unknown_count_one_marked_instance(
    cycle: Inventory,
) -> None:
    assert "aws_kms_key.none" not in {a.split("[")[0] for a in addresses(cycle)}
    [unknown] = [r for r in cycle.of_type(Resource) if r.address.startswith("aws_kms_key.unknown")]
    assert unknown.address == "aws_kms_key.unknown_count[?]"
    assert isinstance(unknown.unknown_instances, Unresolved)


def test_local_cycle_is_unresolved_not_a_hang(cycle: Inventory) -> None:
    [key] = [k for k in cycle.of_type(KmsKey) if k.resource.address == "aws_kms_key.cyclic"]
    assert key.rotation_enabled is not None and key.rotation_enabled.value is True


def test_finding_on_unknown_instances_has_low_confidence(scan: Scan) -> None:
    report = scan(CONSTRUCTS / "cycle", select=["KMS-001"])
    [result] = report.results
    assert result.location.logical_name == "aws_kms_key.unknown_count[?]"
    assert result.finding.confidence is Confidence.LOW
    assert "not known statically" in result.finding.message


def test_remote_and_missing_module_sources_are_named_once_each(scan: Scan) -> None:
    report = scan(CONSTRUCTS / "cycle", select=["KMS-001"])
    notes = [d for d in report.diagnostics if d.id is DiagnosticId.NOT_RESOLVED]
    # the s3-bucket call on line 20 is read from its built-in description: no note
    assert [(d.span.start_line if d.span else 0) for d in notes] == [26, 30]
    assert "git::https://example.com/modules.git" in notes[0].message
    assert "does-not-exist" in notes[1].message


def statements(inventory: Inventory, address: str) -> list[tuple[str | None, str, list[str]]]:
    [policy] = [p for p in inventory.of_type(PolicyResource) if p.resource.address == address]
    return [
        (
            s.sid,
            str(s.effect.value.value) if hasattr(s.effect.value, "value") else "?",
            [str(a.value) for a in s.actions or ()],
        )
        for s in policy.document.statements
    ]


def test_source_and_override_documents_merge_by_sid(merge: Inventory) -> None:
    assert statements(merge, "aws_iam_policy.merged") == [
        ("ReadLogs", "Deny", ["logs:*"]),
        ("Shared", "Allow", ["s3:GetObject"]),
    ]


def test_templatefile_policy_is_rendered_and_located_at_the_call(merge: Inventory) -> None:
    [policy] = [
        p for p in merge.of_type(PolicyResource) if p.resource.address.endswith("templated")
    ]
    [statement] = policy.document.statements
    [resource] = statement.resources or ()
    assert resource.value == "arn:aws:s3:::reports/*"
    assert (resource.location.path, resource.location.start_line) == ("main.tf", 35)


def test_heredoc_with_unknown_pieces_is_read_as_structure(merge: Inventory) -> None:
    [policy] = [p for p in merge.of_type(PolicyResource) if p.resource.address.endswith("heredoc")]
    assert policy.document.unresolved is None
    [statement] = policy.document.statements
    assert [a.value for a in statement.actions or ()] == ["s3:GetObject"]
    [resource] = statement.resources or ()
    assert isinstance(resource.value, Unresolved)
    assert resource.value.parts == ("arn:aws:s3:::", None, "/*")
    assert not resource.may_be("*")


def test_values_from_a_data_block_name_the_consuming_resource(scan: Scan) -> None:
    report = scan(TESTDATA / "checks" / "IAM-001" / "terraform", select=["IAM-001"])
    [result] = [r for r in report.results if "data_source" in r.location.logical_name]
    assert result.location.logical_name == "aws_iam_policy.fail_data_source"
    assert [r.message for r in result.finding.related][-1] == (
        "used by aws_iam_policy.fail_data_source"
    )


def test_counted_policy_document_is_read_per_instance(scan: Scan, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'data "aws_iam_policy_document" "admin" {\n  count = 1\n  statement {\n'
        '    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n\n'
        'resource "aws_iam_policy" "fail_counted" {\n'
        "  policy = data.aws_iam_policy_document.admin[0].json\n}\n"
    )
    [result] = scan(tmp_path, select=["IAM-001"]).results
    assert (result.location.start_line, result.location.logical_name) == (
        4,
        "aws_iam_policy.fail_counted",
    )
