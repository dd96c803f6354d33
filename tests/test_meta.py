"""Every rule is complete: unique id, full document, fixtures in both formats, docs in sync."""

from __future__ import annotations

import re

import pytest

from policyguard.checks import Check, rules_markdown
from policyguard.plugins import Plugins
from tests.helpers import PROJECT, TESTDATA

REQUIRED_SECTIONS = ("What it does", "Why is this bad?", "Example", "Known problems", "References")
BUILTIN_DOMAINS = {"IAM", "TRUST", "RES", "SCP", "KMS", "S3", "LOG", "NET", "AUTH", "PG"}


def builtin_checks(plugins: Plugins) -> list[Check]:
    return list(plugins.checks)


def test_rule_ids_are_unique_and_in_builtin_domains(plugins: Plugins) -> None:
    ids = [c.id for c in plugins.checks]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        domain, number = rule_id.split("-")
        assert domain in BUILTIN_DOMAINS
        assert not 900 <= int(number) <= 999, "900-999 are left to users"


def test_rule_documents_have_every_section(plugins: Plugins) -> None:
    for check in plugins.checks:
        missing = [s for s in REQUIRED_SECTIONS if not check.section(s)]
        assert not missing, f"{check.id} lacks {missing}"
        example = check.section("Example")
        assert "```hcl" in example and "```yaml" in example, f"{check.id}: example in both formats"
        assert "Use instead:" in example
        assert re.search(r"https://docs\.aws\.amazon\.com/", check.section("References"))


def test_every_rule_has_pass_and_fail_fixtures_in_both_formats(plugins: Plugins) -> None:
    for check in plugins.checks:
        for fmt in ("terraform", "cloudformation"):
            directory = TESTDATA / "checks" / check.id / fmt
            text = "\n".join(p.read_text() for p in sorted(directory.glob("*")) if p.is_file())
            assert re.search(r"(?i)\bpass_?\w*", text), f"{check.id} {fmt}: no pass fixture"
            assert re.search(r"(?i)\bfail_?\w*", text), f"{check.id} {fmt}: no fail fixture"


def test_rule_reference_in_docs_is_in_sync(plugins: Plugins) -> None:
    written = (PROJECT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(plugins.checks), "run `make docs` to regenerate docs/rules.md"


@pytest.mark.parametrize("field", ["short_description", "full_description"])
def test_descriptions_are_plain_and_bounded(plugins: Plugins, field: str) -> None:
    for check in plugins.checks:
        text = getattr(check, field)
        assert text and len(text) <= 1024 and "\n" not in text
