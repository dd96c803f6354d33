"""The bundled snapshot of AWS managed policies: lookup by ARN, documents, locations, README."""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from importlib import resources

import pytest

from policyguard.iam.catalog import Catalog, open_catalog
from policyguard.iam.managed import (
    FULL_AWS_ACCESS_SCP_ID,
    MANAGED_PATH_PREFIX,
    SNAPSHOT_DATE,
    full_aws_access_scp,
    managed_policy,
    managed_policy_entry,
    parse_managed_arn,
    snapshot_names,
)
from policyguard.model.iam import Effect, PolicyKind
from policyguard.model.values import Unresolved
from tests.helpers import PROJECT

PACKAGE = "policyguard.iam.managed_policies"
SERVICE_ROLE = {
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AmazonECSTaskExecutionRolePolicy",
}
REQUIRED = {
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "ReadOnlyAccess",
    "AmazonS3FullAccess",
    "AWSKeyManagementServicePowerUser",
    "AmazonEC2FullAccess",
    "AWSLambda_FullAccess",
    "AWSOrganizationsFullAccess",
    "AmazonS3ReadOnlyAccess",
    "AWSLambdaBasicExecutionRole",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return open_catalog(cache_dir=None)


def arn_of(name: str, partition: str = "aws") -> str:
    path = "service-role/" if name in SERVICE_ROLE else ""
    return f"arn:{partition}:iam::aws:policy/{path}{name}"


def file_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")


def test_the_snapshot_holds_the_policies_checks_rely_on() -> None:
    assert set(snapshot_names()) >= REQUIRED
    assert list(snapshot_names()) == sorted(snapshot_names())


@pytest.mark.parametrize("name", snapshot_names())
def test_every_file_is_a_well_formed_entry(name: str) -> None:
    text = file_text(name)
    data = json.loads(text)
    assert text == json.dumps(data, indent=2) + "\n"  # the layout locations rely on
    assert data["PolicyName"] == name
    assert data["Arn"] == arn_of(name)
    assert re.fullmatch(r"v\d+", data["VersionId"])
    created = datetime.datetime.fromisoformat(data["VersionCreateDate"])
    assert created.date() <= SNAPSHOT_DATE
    entry = managed_policy_entry(arn_of(name))
    assert entry is not None
    assert (entry.name, entry.arn, entry.version_id) == (name, arn_of(name), data["VersionId"])
    assert entry.path == ("service-role/" if name in SERVICE_ROLE else "")


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws-cn:iam::aws:policy/AdministratorAccess",
        "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
        "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess",
        "arn:${Partition}:iam::aws:policy/AdministratorAccess",
        "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess",
    ],
)
def test_any_partition_names_the_policy(arn: str) -> None:
    document = managed_policy(arn)
    assert document is not None
    [statement] = document.statements
    assert [e.value for e in statement.actions or ()] == ["*"]
    partition = arn.split(":")[1]
    expected = partition if not partition.startswith("$") else "aws"
    assert document.owner == f"arn:{expected}:iam::aws:policy/AdministratorAccess"


def test_an_unresolved_partition_alone_still_names_the_policy() -> None:
    value = Unresolved.of_parts(
        '"arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"',
        "the attribute partition is not known statically",
        ["arn:", None, ":iam::aws:policy/ReadOnlyAccess"],
    )
    document = managed_policy(value)
    assert document is not None
    assert document.owner == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert parse_managed_arn(value) is not None


def test_service_role_policies_need_their_path() -> None:
    assert managed_policy("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    assert managed_policy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole") is None
    assert managed_policy("arn:aws:iam::aws:policy/job-function/AdministratorAccess") is None


@pytest.mark.parametrize(
    "value",
    [
        "arn:aws:iam::aws:policy/NoSuchPolicy",
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        "arn:aws:iam::111122223333:policy/AdministratorAccess",
        "AdministratorAccess",
        "arn:aws:iam::aws:role/AdministratorAccess",
        "",
        Unresolved("var.policy_arn", "a variable"),
        Unresolved.of_parts(
            "x", "y", ["arn:", None, ":iam::", None, ":policy/AdministratorAccess"]
        ),
        Unresolved.of_parts("x", "y", ["arn:aws:iam::aws:policy/", None]),
    ],
)
def test_anything_else_is_unknown(value: str | Unresolved) -> None:
    assert managed_policy(value) is None


def test_aws_managed_arns_are_recognised_even_outside_the_snapshot() -> None:
    parsed = parse_managed_arn("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
    assert parsed is not None
    assert (parsed.partition, parsed.path, parsed.name) == (
        "aws",
        "job-function/",
        "ViewOnlyAccess",
    )
    assert parse_managed_arn("arn:aws:iam::111122223333:policy/x") is None


def test_documents_are_identity_policies_located_in_the_pseudo_file() -> None:
    document = managed_policy("arn:aws:iam::aws:policy/PowerUserAccess")
    assert document is not None
    assert document.kind is PolicyKind.IDENTITY
    assert document.location.path == f"{MANAGED_PATH_PREFIX}/PowerUserAccess.json"
    assert document.location.logical_name == "arn:aws:iam::aws:policy/PowerUserAccess"
    first, second = document.statements
    assert first.effect.value is Effect.ALLOW
    assert first.actions is None
    assert [e.value for e in first.not_actions or ()] == ["iam:*", "organizations:*", "account:*"]
    assert "iam:CreateServiceLinkedRole" in [e.value for e in second.actions or ()]
    assert managed_policy("arn:aws:iam::aws:policy/PowerUserAccess") is document  # cached


@pytest.mark.parametrize("name", snapshot_names())
def test_every_location_points_at_its_text(name: str) -> None:
    lines = file_text(name).splitlines()
    document = managed_policy(arn_of(name))
    assert document is not None

    def text_at(location) -> str:  # type: ignore[no-untyped-def]
        span = location.span
        assert span.start_line == span.end_line
        return lines[span.start_line - 1][span.start_column - 1 : span.end_column - 1]

    for statement in document.statements:
        assert lines[statement.location.start_line - 1].strip() in ("{", '"Statement": {')
        assert text_at(statement.effect.location) == json.dumps(statement.effect.value.value)
        for element in (
            *(statement.actions or ()),
            *(statement.not_actions or ()),
            *(statement.resources or ()),
        ):
            assert text_at(element.location) == json.dumps(element.value)
        for condition in statement.conditions:
            for value in condition.values:
                assert text_at(value.location) == json.dumps(value.value)


def test_conditions_are_read() -> None:
    document = managed_policy("arn:aws:iam::aws:policy/AWSLambda_FullAccess")
    assert document is not None
    [pass_role] = [
        s for s in document.statements if [e.value for e in s.actions or ()] == ["iam:PassRole"]
    ]
    [condition] = pass_role.conditions
    assert (condition.operator, condition.key) == ("StringEquals", "iam:PassedToService")
    assert [v.value for v in condition.values] == ["lambda.amazonaws.com"]


def test_read_only_access_is_the_whole_document(catalog: Catalog) -> None:
    entry = managed_policy_entry("arn:aws:iam::aws:policy/ReadOnlyAccess")
    assert entry is not None
    assert entry.version_id == "v178"
    statements = entry.document.statements
    assert [s.sid for s in statements] == ["ReadOnlyActionsGroup1", "ReadOnlyActionsGroup2"]
    actions = [e.value for s in statements for e in s.actions or ()]
    assert len(actions) == 2677
    assert len(set(actions)) == len(actions)
    # Read-only: no action of the catalog it grants is a write or permissions action,
    # and nearly every concrete name is one the catalog knows (a few services were retired).
    concrete = [a for a in actions if isinstance(a, str) and "*" not in a]
    known = [a for a in concrete if catalog.action(a) is not None]
    assert len(known) >= 0.98 * len(concrete)
    assert "iam:CreateUser" not in {n for a in actions for n in catalog.expand(str(a))}


def test_no_aws_managed_kms_full_access_policy_is_invented() -> None:
    assert not [n for n in snapshot_names() if "KeyManagement" in n and "FullAccess" in n]


def test_full_aws_access_scp() -> None:
    document = full_aws_access_scp()
    assert document.kind is PolicyKind.SCP
    assert document.name == FULL_AWS_ACCESS_SCP_ID
    [statement] = document.statements
    assert statement.effect.value is Effect.ALLOW
    assert [e.value for e in statement.actions or ()] == ["*"]
    assert [e.value for e in statement.resources or ()] == ["*"]


def test_readme_records_the_date_and_every_version() -> None:
    readme = resources.files(PACKAGE).joinpath("README.md").read_text(encoding="utf-8")
    assert SNAPSHOT_DATE.isoformat() in readme
    for name in snapshot_names():
        data = json.loads(file_text(name))
        assert re.search(rf"`{re.escape(name)}`.*\b{data['VersionId']}\b", readme), name


def test_the_snapshot_ships_with_the_package() -> None:
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]
    assert package_data[PACKAGE] == ["*.json", "README.md"]
