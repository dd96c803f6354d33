"""Every built-in check on its pass and fail fixtures, in both formats.

Fixture resources say what they expect: Terraform names start with ``pass_`` or ``fail_``,
CloudFormation logical ids with ``Pass`` or ``Fail``. A check must flag exactly the ``fail``
ones; settings on separate resources share their bucket's or key's name.
"""

from __future__ import annotations

import pytest

from policyguard.model import Resource
from policyguard.plugins import Plugins
from tests.conftest import Extract, Scan
from tests.helpers import TESTDATA

CASES = sorted(
    (path.parent.name, path.name) for path in TESTDATA.glob("checks/*/*") if path.is_dir()
)


def short_name(logical_name: str) -> str:
    """``fail_x`` for ``aws_kms_key.fail_x``; ``FailX`` for ``Resources/FailX``."""
    return logical_name.rsplit("/", 1)[-1].rsplit(".", 1)[-1]


@pytest.mark.parametrize(("rule_id", "fmt"), CASES, ids=[f"{r}-{f}" for r, f in CASES])
def test_check_flags_exactly_the_fail_resources(
    scan: Scan, extract: Extract, rule_id: str, fmt: str
) -> None:
    directory = TESTDATA / "checks" / rule_id / fmt
    names = {short_name(r.address) for r in extract(directory).of_type(Resource)}
    expected = {n for n in names if n.lower().startswith("fail")}
    assert expected, "the fixture declares no fail resource"
    assert any(n.lower().startswith("pass") for n in names), "the fixture declares no pass case"

    report = scan(directory, select=[rule_id])
    flagged = {short_name(r.location.logical_name) for r in report.results}
    assert flagged == expected
    assert [d for d in report.diagnostics if d.level.value == "error"] == []


def test_every_check_has_fixtures_in_both_formats(plugins: Plugins) -> None:
    assert {rule for rule, _ in CASES} == {c.id for c in plugins.checks}
    assert all(
        {fmt for rule, fmt in CASES if rule == c.id} == {"terraform", "cloudformation"}
        for c in plugins.checks
    )
