"""Terraform plan JSON (``terraform show -json``): model values, positions in the plan, joins, the
pairing with configuration, and bad plans.

``testdata/terraform/plan/plan.json`` is a plan of a root module and a registry module
(``module.logs``) with values known only after apply; ``paired/`` holds a plan next to the
configuration it was planned from; ``malformed/`` holds plans that cannot be read.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyguard.cli import main
from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel
from policyguard.location import Span
from policyguard.model import Inventory, KmsKey, PolicyKind, PolicyResource, Principal, S3Bucket
from policyguard.model.iam import Effect
from policyguard.model.organizations import OrganizationPolicy, OrganizationPolicyAttachment
from policyguard.model.principals import PolicyAttachment, PrincipalType
from policyguard.model.resources import Resource
from policyguard.model.values import Unresolved
from policyguard.parse.parsed import ExtractContext
from policyguard.plugins import Plugins
from policyguard.source import SourceFile
from tests.conftest import Scan
from tests.helpers import PROJECT, TESTDATA

PLANS = TESTDATA / "terraform" / "plan"
PLAN = PLANS / "plan.json"
PLAN_PATH = "testdata/terraform/plan/plan.json"
UNKNOWN = "known only after apply"

Extracted = tuple[Inventory, list[Diagnostic]]


def extract_files(plugins: Plugins, directory: Path) -> Extracted:
    """Parse and extract every file under ``directory`` (paths relative to it)."""
    hook = plugins.manager.hook
    parsed = [
        hook.policyguard_parse_file(source=SourceFile(path, path.relative_to(directory).as_posix()))
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    ]
    extractions = hook.policyguard_extract(
        files=[p for p in parsed if p is not None], context=ExtractContext()
    )
    inventory = Inventory.of(o for e in extractions if e is not None for o in e.objects)
    return inventory, [d for e in extractions if e is not None for d in e.diagnostics]


@pytest.fixture(scope="module")
def plan_only(plugins: Plugins, tmp_path_factory: pytest.TempPathFactory) -> Extracted:
    directory = tmp_path_factory.mktemp("plan")
    shutil.copy(PLAN, directory / "plan.json")
    return extract_files(plugins, directory)


@pytest.fixture(scope="module")
def inventory(plan_only: Extracted) -> Inventory:
    return plan_only[0]


def one(inventory: Inventory, kind: type[object], address: str) -> Any:
    """The one object of ``kind`` whose resource is ``address`` (read without type checks)."""
    objects: tuple[Any, ...] = inventory.of_type(kind)
    [found] = [o for o in objects if o.resource.address == address]
    return found


def unknown(expression: str) -> Unresolved:
    return Unresolved(expression, UNKNOWN)


# -- plan only ------------------------------------------------------------------------------


def test_managed_resources_of_root_and_child_modules(inventory: Inventory) -> None:
    addresses = {r.address for r in inventory.of_type(Resource)}
    assert addresses == {
        "aws_iam_policy.break_glass",
        "aws_iam_role.deployer",
        "aws_iam_role_policy.deployer_reports",
        "aws_iam_role_policy_attachment.deployer_admin",
        "aws_kms_key.data",
        "aws_kms_key.legacy",
        "aws_organizations_policy.deny_leaving",
        "aws_organizations_policy_attachment.deny_leaving",
        "aws_s3_bucket.reports",
        "aws_s3_bucket_acl.reports",
        "aws_s3_bucket_ownership_controls.reports",
        "module.logs.aws_kms_key.this",
        'module.logs.aws_s3_bucket.this["eu"]',
        'module.logs.aws_s3_bucket_public_access_block.this["eu"]',
        'module.logs.aws_s3_bucket_server_side_encryption_configuration.this["eu"]',
        'module.logs.aws_s3_bucket_versioning.this["eu"]',
    }  # the data source is left out
    [bucket] = [
        r
        for r in inventory.of_type(Resource)
        if r.address == 'module.logs.aws_s3_bucket.this["eu"]'
    ]
    assert bucket.location.path == "plan.json"
    assert bucket.location.span == Span(235, 15, 235, 66)  # its "address" line
    assert bucket.extent == Span(234, 13, 253, 14)


def test_public_acl_joins_its_bucket_through_the_configuration_reference(
    inventory: Inventory,
) -> None:
    bucket = one(inventory, S3Bucket, "aws_s3_bucket.reports")
    assert bucket.name.value == "acme-reports-111122223333"
    assert bucket.name.location.span == Span(158, 23, 158, 50)
    [acl] = bucket.acls  # aws_s3_bucket_acl.bucket is unknown in the plan
    assert acl.source.address == "aws_s3_bucket_acl.reports"
    assert acl.canned.value == "public-read"
    assert acl.canned.location.path == "plan.json"
    assert acl.canned.location.span == Span(173, 20, 173, 33)
    assert acl.grants == ()  # access_control_policy: computed, not written, left out
    # the ownership controls name the bucket by its literal name: joined by value
    assert bucket.object_ownership.value == "ObjectWriter"
    assert bucket.object_ownership.location.span == Span(189, 37, 189, 51)
    assert bucket.policy is None  # unknown but not written: the provider's default
    assert bucket.versioning is None and bucket.encryption is None


def test_admin_policy_from_a_json_string(inventory: Inventory) -> None:
    policy = one(inventory, PolicyResource, "aws_iam_policy.break_glass")
    assert policy.managed
    assert policy.name.value == "break-glass-admin"
    assert policy.name.location.span == Span(17, 21, 17, 40)
    [statement] = policy.document.statements
    assert statement.sid == "Everything"
    assert statement.effect.value is Effect.ALLOW
    assert [a.value for a in statement.actions] == ["*"]
    assert [r.value for r in statement.resources] == ["*"]
    # an escaped JSON string: every element is located at the string
    assert statement.location.span == Span(19, 23, 19, 151)
    assert statement.actions[0].location.span == Span(19, 23, 19, 151)


def test_role_trust_policy_and_unknown_attributes(inventory: Inventory) -> None:
    role = one(inventory, Principal, "aws_iam_role.deployer")
    assert role.name.value == "ci-deployer"
    assert role.managed_policy_arns == ()  # unknown, not written: left out
    assert role.inline_policies == ()
    assert role.permissions_boundary is None  # null
    [statement] = role.trust_policy.statements
    assert [(p.kind, p.value) for p in statement.principals] == [
        ("Service", "codebuild.amazonaws.com")
    ]


def test_attachment_joins_a_policy_whose_arn_is_unknown(inventory: Inventory) -> None:
    attachment = one(inventory, PolicyAttachment, "aws_iam_role_policy_attachment.deployer_admin")
    assert attachment.policy.value == unknown(
        "aws_iam_role_policy_attachment.deployer_admin.policy_arn"
    )
    assert attachment.policy.location.span == Span(56, 11, 56, 69)  # absent: the header
    assert attachment.policy_address == "aws_iam_policy.break_glass"
    assert attachment.principal.value == "ci-deployer"
    assert attachment.principal_address == "aws_iam_role.deployer"


def test_policy_known_only_after_apply_is_a_note(plan_only: Extracted) -> None:
    inventory, diagnostics = plan_only
    inline = one(inventory, PolicyResource, "aws_iam_role_policy.deployer_reports")
    assert inline.document.unresolved == unknown("aws_iam_role_policy.deployer_reports.policy")
    assert inline.document.statements == ()
    assert [(t.type, t.name.value) for t in inline.attached_to] == [
        (PrincipalType.ROLE, unknown("aws_iam_role_policy.deployer_reports.role"))
    ]
    assert [(d.path, d.span, d.id, d.level) for d in diagnostics] == [
        ("plan.json", Span(44, 11, 44, 60), DiagnosticId.NOT_RESOLVED, DiagnosticLevel.NOTE)
    ]


def test_key_without_rotation(inventory: Inventory) -> None:
    key = one(inventory, KmsKey, "aws_kms_key.data")
    assert key.rotation_enabled.value is False
    assert key.rotation_enabled.location.span == Span(80, 36, 80, 41)
    assert key.key_spec.value == "SYMMETRIC_DEFAULT"
    assert key.origin is None  # custom_key_store_id is null
    assert key.deletion_window_days.value == 30
    assert key.policy is None  # computed default key policy


def test_existing_key_with_state_values(inventory: Inventory) -> None:
    """A no-op resource shows its state: "" for unset strings, the default key policy."""
    key = one(inventory, KmsKey, "aws_kms_key.legacy")
    assert key.origin is None  # custom_key_store_id is "", not a custom key store
    assert key.deletion_window_days is None
    assert key.rotation_enabled.value is False
    [statement] = key.policy.statements
    assert [a.value for a in statement.actions] == ["kms:*"]
    assert key.policy.kind is PolicyKind.KEY


def test_scp_and_its_attachment(inventory: Inventory) -> None:
    policy = one(inventory, OrganizationPolicy, "aws_organizations_policy.deny_leaving")
    assert policy.kind is PolicyKind.SCP
    [statement] = policy.document.statements
    assert statement.effect.value is Effect.DENY
    assert [(p.kind, p.value) for p in statement.principals] == [("AWS", "*")]
    assert statement.principals[0].location.span == Span(128, 24, 128, 212)
    attachment = one(
        inventory, OrganizationPolicyAttachment, "aws_organizations_policy_attachment.deny_leaving"
    )
    assert attachment.policy_address == "aws_organizations_policy.deny_leaving"
    assert attachment.target.value == "ou-abcd-11111111"


def test_module_bucket_with_nested_blocks_and_unknown_nested_values(inventory: Inventory) -> None:
    bucket = one(inventory, S3Bucket, 'module.logs.aws_s3_bucket.this["eu"]')
    assert bucket.name is None  # bucket_prefix: the name is computed, not written
    encryption = bucket.encryption
    assert encryption.source.address == (
        'module.logs.aws_s3_bucket_server_side_encryption_configuration.this["eu"]'
    )
    assert encryption.algorithm.value == "aws:kms"
    assert encryption.algorithm.location.span == Span(284, 42, 284, 51)
    assert encryption.bucket_key.value is True
    assert encryption.kms_key.value == unknown(
        'module.logs.aws_s3_bucket_server_side_encryption_configuration.this["eu"]'
        ".rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"
    )
    assert encryption.kms_key.location.span == Span(283, 23, 285, 24)  # the enclosing object
    versioning = bucket.versioning
    assert versioning.status.value == "Enabled"
    assert versioning.status.location.span == Span(314, 31, 314, 40)
    assert versioning.mfa_delete.is_unresolved
    block = bucket.public_access_block
    assert [s.value for s in (block.block_public_acls, block.ignore_public_acls)] == [True, True]
    key = one(inventory, KmsKey, "module.logs.aws_kms_key.this")
    assert key.rotation_enabled.value is True


# -- small plans written by the tests ----------------------------------------------------


def resource(address: str, values: dict[str, Any], mode: str = "managed") -> dict[str, Any]:
    kind, name = address.split(".")[-2:]
    return {
        "address": address,
        "mode": mode,
        "type": kind,
        "name": name.split("[")[0],
        "values": values,
    }


def plan(
    resources: list[dict[str, Any]],
    unknown_values: dict[str, Any] | None = None,
    configuration: dict[str, Any] | None = None,
    modules: dict[str, list[dict[str, Any]]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {
            "root_module": {
                "resources": resources,
                "child_modules": [
                    {"address": address, "resources": items}
                    for address, items in (modules or {}).items()
                ],
            }
        },
        "resource_changes": [
            {"address": address, "mode": "managed", "change": {"after_unknown": marks}}
            for address, marks in (unknown_values or {}).items()
        ],
        **extra,
    }
    if configuration is not None:
        document["configuration"] = {"root_module": configuration}
    return document


def write(directory: Path, name: str, document: dict[str, Any], *, indent: int | None = 2) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=indent) + "\n", encoding="utf-8")
    return path


def test_value_join_prefers_the_same_module_and_refuses_ambiguity(
    plugins: Plugins, tmp_path: Path
) -> None:
    acl = {"acl": "public-read", "bucket": "shared-name"}
    write(
        tmp_path,
        "plan.json",
        plan(
            [
                resource("aws_s3_bucket.a", {"bucket": "shared-name"}),
                resource("aws_s3_bucket_acl.a", acl),
            ],
            modules={
                "module.m": [
                    resource("module.m.aws_s3_bucket.b", {"bucket": "shared-name"}),
                    resource("module.m.aws_s3_bucket_acl.b", acl),
                ],
                "module.n": [resource("module.n.aws_s3_bucket_acl.c", acl)],
            },
        ),
    )
    inventory, _ = extract_files(plugins, tmp_path)
    acls = {
        b.resource.address: [a.source.address for a in b.acls] for b in inventory.of_type(S3Bucket)
    }
    assert acls == {
        "aws_s3_bucket.a": ["aws_s3_bucket_acl.a"],
        "module.m.aws_s3_bucket.b": ["module.m.aws_s3_bucket_acl.b"],
    }  # module.n's ACL could name either bucket: joined to none


def test_count_index_reference_joins_the_instance_of_the_same_index(
    plugins: Plugins, tmp_path: Path
) -> None:
    buckets = [resource(f"aws_s3_bucket.b[{n}]", {"bucket_prefix": "b-"}) for n in (0, 1)]
    acls = [
        resource(f"aws_s3_bucket_acl.b[{n}]", {"acl": acl})
        for n, acl in enumerate(("private", "public-read"))
    ]
    configuration = {
        "resources": [
            {
                "address": "aws_s3_bucket_acl.b",
                "mode": "managed",
                "type": "aws_s3_bucket_acl",
                "name": "b",
                "expressions": {
                    "acl": {"references": ["var.acls", "count.index"]},
                    "bucket": {"references": ["aws_s3_bucket.b", "count.index"]},
                },
            }
        ]
    }
    marks = {f"aws_s3_bucket_acl.b[{n}]": {"bucket": True, "id": True} for n in (0, 1)}
    write(tmp_path, "plan.json", plan(buckets + acls, marks, configuration))
    inventory, _ = extract_files(plugins, tmp_path)
    canned = {
        b.resource.address: [a.canned and a.canned.value for a in b.acls]
        for b in inventory.of_type(S3Bucket)
    }
    assert canned == {"aws_s3_bucket.b[0]": ["private"], "aws_s3_bucket.b[1]": ["public-read"]}


def configured(kind: str, name: str, expressions: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": f"{kind}.{name}",
        "mode": "managed",
        "type": kind,
        "name": name,
        "expressions": expressions,
    }


def test_references_join_only_resources_of_the_type_an_attribute_names(
    plugins: Plugins, tmp_path: Path
) -> None:
    """``bucket = local.p ? aws_s3_bucket_policy.b.id : aws_s3_bucket.b.id`` joins the bucket;
    a key policy joins its key although the key's id is unknown."""
    bucket_ref = [
        "local.p",
        "aws_s3_bucket_policy.b.id",
        "aws_s3_bucket_policy.b",
        "aws_s3_bucket.b.id",
        "aws_s3_bucket.b",
    ]
    resources = [
        resource("aws_s3_bucket.b", {"bucket_prefix": "b-"}),
        resource("aws_s3_bucket_policy.b", {"policy": '{"Statement": []}'}),
        resource(
            "aws_s3_bucket_ownership_controls.b",
            {"rule": [{"object_ownership": "BucketOwnerEnforced"}]},
        ),
        resource("aws_kms_key.k", {"enable_key_rotation": True}),
        resource("aws_kms_key_policy.k", {"policy": '{"Statement": []}'}),
    ]
    configuration = {
        "resources": [
            configured(
                "aws_s3_bucket_ownership_controls", "b", {"bucket": {"references": bucket_ref}}
            ),
            configured(
                "aws_s3_bucket_policy",
                "b",
                {"bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]}},
            ),
            configured(
                "aws_kms_key_policy",
                "k",
                {"key_id": {"references": ["aws_kms_key.k.id", "aws_kms_key.k"]}},
            ),
        ]
    }
    marks = {
        "aws_s3_bucket_ownership_controls.b": {"bucket": True},
        "aws_s3_bucket_policy.b": {"bucket": True},
        "aws_kms_key_policy.k": {"key_id": True},
    }
    write(tmp_path, "plan.json", plan(resources, marks, configuration))
    inventory, _ = extract_files(plugins, tmp_path)
    bucket = one(inventory, S3Bucket, "aws_s3_bucket.b")
    assert bucket.object_ownership.value == "BucketOwnerEnforced"
    assert bucket.policy.owner == "aws_s3_bucket_policy.b"
    assert one(inventory, KmsKey, "aws_kms_key.k").policy.owner == "aws_kms_key_policy.k"


def test_unknown_elements_of_lists_and_attributes_without_configuration(
    plugins: Plugins, tmp_path: Path
) -> None:
    """Without a ``configuration`` section every unknown value stays, unresolved."""
    role = resource(
        "aws_iam_role.r",
        {
            "name": "r",
            "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", None],
            "assume_role_policy": None,
        },
    )
    marks = {"aws_iam_role.r": {"managed_policy_arns": [False, True], "permissions_boundary": True}}
    path = write(tmp_path, "plan.json", plan([role], marks))
    inventory, diagnostics = extract_files(plugins, tmp_path)
    principal = one(inventory, Principal, "aws_iam_role.r")
    known, later = principal.managed_policy_arns
    assert known.value == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert later.value == unknown("aws_iam_role.r.managed_policy_arns[1]")
    [(line, column)] = [
        (number, text.index("null") + 1)
        for number, text in enumerate(path.read_text().splitlines(), 1)
        if text.strip() == "null"
    ]
    assert later.location.span == Span(line, column, line, column + 4)
    assert principal.permissions_boundary.value == unknown("aws_iam_role.r.permissions_boundary")
    assert principal.trust_policy is None  # null: not set
    assert diagnostics == []


def test_single_line_plan_keeps_columns(plugins: Plugins, tmp_path: Path) -> None:
    """``terraform show -json`` prints one line; positions are columns on it."""
    key = resource("aws_kms_key.k", {"enable_key_rotation": False})
    path = write(tmp_path, "plan.json", plan([key]), indent=None)
    inventory, _ = extract_files(plugins, tmp_path)
    rotation = one(inventory, KmsKey, "aws_kms_key.k").rotation_enabled
    column = path.read_text().index('"enable_key_rotation": false') + len('"enable_key_rotation": ')
    assert rotation.value is False
    assert rotation.location.span == Span(1, column + 1, 1, column + 6)


@pytest.mark.parametrize(
    ("extra", "message", "extracted"),
    [
        ({"format_version": "2.0"}, "format_version '2.0'", False),
        ({"errored": True}, "failed `terraform plan`", True),
    ],
    ids=["unsupported-version", "errored-plan"],
)
def test_plans_that_are_not_fully_read_get_a_note(
    plugins: Plugins, tmp_path: Path, extra: dict[str, Any], message: str, extracted: bool
) -> None:
    write(tmp_path, "plan.json", plan([resource("aws_kms_key.k", {})], **extra))
    inventory, diagnostics = extract_files(plugins, tmp_path)
    [note] = diagnostics
    assert (note.id, note.level) == (DiagnosticId.NOT_RESOLVED, DiagnosticLevel.NOTE)
    assert message in note.message
    assert bool(inventory.of_type(KmsKey)) is extracted


# -- plan and configuration --------------------------------------------------------------


FIRST_RULES = ["IAM-001", "KMS-001", "S3-001", "SCP-001"]
"""The rules these plans were written for; the others are tested on their own fixtures."""


def test_plan_next_to_its_configuration_gives_each_finding_once(scan: Scan) -> None:
    report = scan(PLANS / "paired", root=PROJECT, select=FIRST_RULES)
    located = sorted(
        (r.rule_id, r.location.path, r.location.start_line, r.location.logical_name)
        for r in report.results
    )
    assert located == [
        ("IAM-001", "testdata/terraform/plan/paired/main.tf", 36, "aws_iam_policy.operators"),
        ("KMS-001", "testdata/terraform/plan/paired/main.tf", 26, "aws_kms_key.assets"),
        ("S3-001", "testdata/terraform/plan/paired/main.tf", 23, "aws_s3_bucket_acl.assets"),
        # the registry module is read from its built-in description: the configuration wins,
        # at the module input that makes the bucket public
        (
            "S3-001",
            "testdata/terraform/plan/paired/main.tf",
            47,
            "module.audit.aws_s3_bucket_acl.this[0]",
        ),
    ]


def test_plan_skips_every_instance_of_a_resource_with_unknown_keys(
    plugins: Plugins, tmp_path: Path
) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "names" {}\n\nresource "aws_kms_key" "k" {\n  for_each = var.names\n}\n',
        encoding="utf-8",
    )
    keys = [resource(f'aws_kms_key.k["{n}"]', {"enable_key_rotation": False}) for n in "ab"]
    write(tmp_path, "plan.json", plan(keys))
    inventory, _ = extract_files(plugins, tmp_path)
    assert {(k.resource.address, k.resource.location.path) for k in inventory.of_type(KmsKey)} == {
        ("aws_kms_key.k[?]", "main.tf")
    }


def test_plan_in_another_directory_is_not_paired(plugins: Plugins, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_kms_key" "k" {}\n', encoding="utf-8")
    write(tmp_path, "plans/plan.json", plan([resource("aws_kms_key.k", {})]))
    inventory, _ = extract_files(plugins, tmp_path)
    assert sorted(k.resource.location.path for k in inventory.of_type(KmsKey)) == [
        "main.tf",
        "plans/plan.json",
    ]


# -- bad plans -------------------------------------------------------------------------------


def test_malformed_plans_get_diagnostics(scan: Scan) -> None:
    report = scan(PLANS / "malformed", root=PLANS / "malformed")
    problems = sorted(
        (d.path, d.id, d.level, d.span.start_line if d.span else None) for d in report.diagnostics
    )
    assert problems == [
        ("no-planned-values.json", DiagnosticId.NOT_RESOLVED, DiagnosticLevel.NOTE, 1),
        ("truncated.json", DiagnosticId.PARSE_ERROR, DiagnosticLevel.ERROR, 45),
        ("wrong-shape.json", DiagnosticId.PARSE_ERROR, DiagnosticLevel.ERROR, 6),
    ]
    assert report.results == ()
    assert report.exit_code == 1


# -- the command line ----------------------------------------------------------------------


EXPECTED_PLAN_RESULTS = [
    ("IAM-001", 19, "aws_iam_policy.break_glass"),
    ("KMS-001", 80, "aws_kms_key.data"),
    ("KMS-001", 102, "aws_kms_key.legacy"),
    ("SCP-001", 128, "aws_organizations_policy.deny_leaving"),
    ("S3-001", 173, "aws_s3_bucket_acl.reports"),
]


def results_by_path(report: dict[str, Any]) -> Iterator[tuple[str, tuple[str, int, str]]]:
    for result in report["results"]:
        yield result["path"], (result["rule_id"], result["start_line"], result["logical_name"])


def test_command_line_scan_of_the_plan_directory() -> None:
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "policyguard"),
            "scan",
            "testdata/terraform/plan",
            "--format",
            "json",
            "--select",
            ",".join(FIRST_RULES),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found: dict[str, list[tuple[str, int, str]]] = {}
    for path, result in results_by_path(report):
        found.setdefault(path, []).append(result)
    assert found == {
        PLAN_PATH: EXPECTED_PLAN_RESULTS,
        "testdata/terraform/plan/paired/main.tf": [
            ("S3-001", 23, "aws_s3_bucket_acl.assets"),
            ("KMS-001", 26, "aws_kms_key.assets"),
            ("IAM-001", 36, "aws_iam_policy.operators"),
            ("S3-001", 47, "module.audit.aws_s3_bucket_acl.this[0]"),
        ],
    }
    errors = sorted(d["path"] for d in report["diagnostics"] if d["id"] == "PG-001")
    assert errors == [
        "testdata/terraform/plan/malformed/truncated.json",
        "testdata/terraform/plan/malformed/wrong-shape.json",
    ]


def test_sarif_regions_point_into_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sarif = tmp_path / "plan.sarif"
    code = main(
        [
            "scan",
            str(PLAN),
            "--source-root",
            str(PROJECT),
            "--format",
            "sarif",
            "--output",
            str(sarif),
            "--select",
            ",".join(FIRST_RULES),
        ]
    )
    capsys.readouterr()
    assert code == 1
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    located = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            {
                key: value
                for key, value in r["locations"][0]["physicalLocation"]["region"].items()
                if key != "snippet"
            },
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        )
        for r in results
    ]
    assert located == [
        (
            "IAM-001",
            PLAN_PATH,
            {"startLine": 19, "startColumn": 23, "endLine": 19, "endColumn": 151},
            "aws_iam_policy.break_glass",
        ),
        (
            "KMS-001",
            PLAN_PATH,
            {"startLine": 80, "startColumn": 36, "endLine": 80, "endColumn": 41},
            "aws_kms_key.data",
        ),
        (
            "KMS-001",
            PLAN_PATH,
            {"startLine": 102, "startColumn": 36, "endLine": 102, "endColumn": 41},
            "aws_kms_key.legacy",
        ),
        (
            "SCP-001",
            PLAN_PATH,
            {"startLine": 128, "startColumn": 24, "endLine": 128, "endColumn": 212},
            "aws_organizations_policy.deny_leaving",
        ),
        (
            "S3-001",
            PLAN_PATH,
            {"startLine": 173, "startColumn": 20, "endLine": 173, "endColumn": 33},
            "aws_s3_bucket_acl.reports",
        ),
    ]
