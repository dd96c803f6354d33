"""Registry modules: copies that ``terraform init`` downloaded, and module descriptions."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from policyguard import hookimpl
from policyguard.diagnostics import DiagnosticId
from policyguard.findings import Confidence
from policyguard.parse.parsed import ModuleDescription
from policyguard.plugins import Plugins
from policyguard.report.base import ScanReport
from policyguard.scan import ScanOptions, run_scan

BUCKET_MODULE = """\
variable "bucket" {
  type = string
}

variable "acl" {
  type    = string
  default = DEFAULT_ACL
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "this" {
  count  = var.acl != null ? 1 : 0
  bucket = aws_s3_bucket.this.id
  acl    = var.acl
}

resource "aws_kms_key" "this" {
  description = "bucket key"
}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def caller(root: Path, source: str, version: str, acl: str | None) -> Path:
    acl_line = f'  acl     = "{acl}"\n' if acl else ""
    return write(
        root / "main.tf",
        f'module "logs" {{\n  source  = "{source}"\n  version = "{version}"\n'
        f'  bucket  = "acme-logs"\n{acl_line}}}\n',
    )


def scan(plugins: Plugins, root: Path) -> ScanReport:
    return run_scan(ScanOptions((root,), root, plugins.checks), plugins)


def initialized(root: Path, acl: str | None) -> None:
    caller(root, "terraform-aws-modules/s3-bucket/aws", "4.1.0", acl)
    write(root / ".terraform/modules/logs/main.tf", BUCKET_MODULE.replace("DEFAULT_ACL", "null"))
    manifest = {
        "Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {
                "Key": "logs",
                "Source": "registry.terraform.io/terraform-aws-modules/s3-bucket/aws",
                "Version": "4.1.0",
                "Dir": ".terraform/modules/logs",
            },
        ]
    }
    write(root / ".terraform/modules/modules.json", json.dumps(manifest))


def test_downloaded_module_is_instantiated_with_the_call_inputs(
    plugins: Plugins, tmp_path: Path
) -> None:
    initialized(tmp_path, "public-read")
    report = scan(plugins, tmp_path)
    found = {(r.rule_id, r.location.path, r.location.start_line) for r in report.results}
    assert ("S3-001", "main.tf", 5) in found
    assert [d for d in report.diagnostics if d.id is DiagnosticId.NOT_RESOLVED] == []


def test_value_written_in_the_downloaded_module_lands_on_the_module_call(
    plugins: Plugins, tmp_path: Path
) -> None:
    initialized(tmp_path, None)
    report = scan(plugins, tmp_path)
    [key] = [r for r in report.results if r.rule_id == "KMS-001"]
    assert (key.location.path, key.location.start_line) == ("main.tf", 1)
    assert key.location.logical_name == "module.logs.aws_kms_key.this"
    related = [(r.location.path, r.message) for r in key.finding.related]
    assert (".terraform/modules/logs/main.tf", "where the module sets the value") in related
    assert "S3-001" not in {r.rule_id for r in report.results}


def test_downloaded_modules_are_never_roots(plugins: Plugins, tmp_path: Path) -> None:
    initialized(tmp_path, None)
    report = scan(plugins, tmp_path)
    assert report.results
    assert all(r.location.logical_name.startswith("module.logs.") for r in report.results)


def test_unknown_registry_module_is_one_note_naming_the_source(
    plugins: Plugins, tmp_path: Path
) -> None:
    caller(tmp_path, "acme/unknown/aws", "1.0.0", "public-read")
    report = scan(plugins, tmp_path)
    [note] = report.diagnostics
    assert note.id is DiagnosticId.NOT_RESOLVED
    assert "acme/unknown/aws" in note.message
    assert report.results == ()


class _Descriptions:
    """A third-party plugin that describes versions of ``acme/bucket/aws``."""

    def __init__(self, descriptions: list[ModuleDescription]) -> None:
        self.descriptions = descriptions

    @hookimpl
    def policyguard_module_descriptions(self) -> list[ModuleDescription]:
        return self.descriptions


@pytest.fixture
def describe(plugins: Plugins, tmp_path: Path):  # type: ignore[no-untyped-def]
    registered: list[object] = []

    def register(*defaults: tuple[str, str]) -> None:
        descriptions = []
        for versions, default in defaults:
            directory = tmp_path / "descriptions" / versions.replace(" ", "").replace(",", "_")
            write(directory / "main.tf", BUCKET_MODULE.replace("DEFAULT_ACL", default))
            descriptions.append(ModuleDescription("acme/bucket/aws", versions, directory))
        plugin = _Descriptions(descriptions)
        plugins.manager.register(plugin)
        registered.append(plugin)

    yield register
    for plugin in registered:
        plugins.manager.unregister(plugin)


@pytest.mark.parametrize(
    ("version", "expected", "confidence"),
    [
        ("1.2.0", set(), None),
        ("2.0.1", {"S3-001"}, Confidence.HIGH),
        ("~> 1.0", set(), None),
        (">= 1.0.0", {"S3-001"}, Confidence.LOW),
    ],
    ids=["v1-private-default", "v2-public-default", "range-inside-v1", "range-across-defaults"],
)
def test_described_module_defaults_follow_the_pinned_versions(
    plugins: Plugins,
    tmp_path: Path,
    describe,  # type: ignore[no-untyped-def]
    version: str,
    expected: set[str],
    confidence: Confidence | None,
) -> None:
    describe((">= 1.0.0, < 2.0.0", "null"), (">= 2.0.0, < 3.0.0", '"public-read"'))
    project = tmp_path / "project"
    caller(project, "acme/bucket/aws", version, None)
    report = scan(plugins, project)
    acl_results = [r for r in report.results if r.rule_id == "S3-001"]
    assert {r.rule_id for r in acl_results} == expected
    for result in acl_results:
        assert result.finding.confidence is confidence
        assert (result.location.path, result.location.start_line) == ("main.tf", 1)
        assert all(r.location.path == "main.tf" for r in result.finding.related)
