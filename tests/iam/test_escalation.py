"""Privilege escalation methods: the data file, and matching on effective permissions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyguard.iam.catalog import load_catalog
from policyguard.iam.effective import PrincipalPolicies
from policyguard.iam.escalation import (
    METHODS_RESOURCE,
    EscalationPath,
    MethodsError,
    ResourceScope,
    escalation_paths,
    load_methods,
    parse_methods,
    principal_escalation_paths,
)
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Condition, Effect, PolicyDocument, PolicyKind, Statement
from policyguard.model.principals import Principal, PrincipalType
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.values import Located, Unresolved

LOC = SourceLocation("main.tf", Span(1, 1, 1, 2), "aws_iam_policy.p")
ACCOUNT = "111122223333"
CATALOG = load_catalog()


def statement(
    actions: str | Sequence[str],
    resources: str | Sequence[str | Unresolved] | None = "*",
    *,
    effect: Effect = Effect.ALLOW,
    not_resources: Sequence[str] | None = None,
    conditions: Mapping[str, Mapping[str, str]] | None = None,
) -> Statement:
    action_list = [actions] if isinstance(actions, str) else list(actions)
    resource_list = [resources] if isinstance(resources, str) else resources
    return Statement(
        location=LOC,
        index=0,
        sid=None,
        effect=Located(effect, LOC),
        actions=tuple(Located(a, LOC) for a in action_list),
        resources=None if resource_list is None else tuple(Located(r, LOC) for r in resource_list),
        not_resources=None
        if not_resources is None
        else tuple(Located(r, LOC) for r in not_resources),
        conditions=tuple(
            Condition(op, key, (Located(value, LOC),), LOC)
            for op, tests in (conditions or {}).items()
            for key, value in tests.items()
        ),
    )


@dataclass(frozen=True)
class Eval:
    """An evaluation as :func:`policyguard.iam.effective.allowed_actions` returns it."""

    deciding: tuple[Statement, ...] = ()
    conditional: bool = False
    allowed: bool = True


def granted(*statements: Statement, conditional: bool = False) -> dict[str, Eval]:
    """Every action the statements name, each decided by the statements that name it."""
    result: dict[str, Eval] = {}
    for s in statements:
        for element in s.actions or ():
            name = str(element.value)
            previous = result.get(name, Eval(conditional=conditional))
            result[name] = replace(previous, deciding=(*previous.deciding, s))
    return result


def method_ids(paths: Sequence[EscalationPath]) -> set[str]:
    return {path.method.id for path in paths}


# ---------------------------------------------------------------------------------------------
# The data file


def test_data_file_loads_and_every_method_is_well_formed() -> None:
    methods = load_methods()
    assert len(methods) >= 50
    assert len({m.id for m in methods}) == len(methods)
    for method in methods:
        assert method.sources, method.id
        assert all(source.startswith("https://") for source in method.sources)
        for action in method.actions:
            assert CATALOG.action(action) is not None, (method.id, action)
        for constraint in method.constraints:
            info = CATALOG.action(constraint.action)
            assert info is not None
            assert constraint.resource_type in {r.name for r in info.resource_types}, method.id


def test_every_passrole_method_constrains_the_role() -> None:
    for method in load_methods():
        if "iam:PassRole" in method.actions:
            assert any(
                c.action == "iam:PassRole" and c.resource_type == "role" for c in method.constraints
            ), method.id


@pytest.mark.parametrize(
    "method_id",
    [
        "create-policy-version",
        "set-default-policy-version",
        "create-access-key",
        "create-login-profile",
        "update-login-profile",
        "attach-user-policy",
        "attach-group-policy",
        "attach-role-policy",
        "put-user-policy",
        "put-group-policy",
        "put-role-policy",
        "add-user-to-group",
        "update-assume-role-policy",
        "passrole-ec2-run-instances",
        "passrole-lambda-create-invoke",
        "passrole-lambda-event-source",
        "passrole-cloudformation-create-stack",
        "passrole-datapipeline",
        "passrole-glue-dev-endpoint",
        "glue-update-dev-endpoint",
        "lambda-update-function-code",
        "passrole-sagemaker-notebook",
        "passrole-codestar-project",
        "ssm-send-command",
        "ssm-start-session",
        "assume-role",
    ],
)
def test_the_published_methods_are_present(method_id: str) -> None:
    assert method_id in {m.id for m in load_methods()}


def test_the_package_data_is_declared_in_pyproject() -> None:
    assert files("policyguard.iam").joinpath(METHODS_RESOURCE).is_file()
    text = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert '"policyguard.iam" = ["*.json"]' in text


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files("policyguard.iam").joinpath(METHODS_RESOURCE).read_text()
    )
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a"),
        (lambda d: d.update(version=99), "unsupported version"),
        (lambda d: d["methods"].append(dict(d["methods"][0])), "duplicate"),
        (lambda d: d["methods"][0].update(sources=["http://insecure"]), "https"),
        (lambda d: d["methods"][0].update(actions=["not an action"]), "bad actions"),
        (lambda d: d["methods"][0].update(category="nope"), "unknown category"),
        (
            lambda d: d["methods"][0].update(constraints=[{"action": "x:Y", "resource_type": "r"}]),
            "names no action",
        ),
    ],
)
def test_malformed_data_is_refused(change: object, message: str) -> None:
    data = _data()
    change(data)  # type: ignore[operator]
    with pytest.raises(MethodsError, match=message):
        parse_methods(data)


# ---------------------------------------------------------------------------------------------
# Matching


ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"


@pytest.mark.parametrize(
    ("statements", "present", "absent"),
    [
        pytest.param(
            [statement(["iam:PassRole", "ec2:RunInstances"])],
            {"passrole-ec2-run-instances"},
            {"passrole-lambda-create-invoke"},
            id="passrole-and-run-instances",
        ),
        pytest.param(
            [statement("ec2:RunInstances")],
            set(),
            {"passrole-ec2-run-instances"},
            id="run-instances-alone",
        ),
        pytest.param(
            [statement(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])],
            {"passrole-lambda-create-invoke"},
            {"passrole-lambda-event-source"},
            id="lambda-invoke",
        ),
        pytest.param(
            [
                statement(
                    ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"]
                )
            ],
            {"passrole-lambda-event-source"},
            {"passrole-lambda-create-invoke"},
            id="lambda-event-source",
        ),
        pytest.param(
            [statement("iam:CreatePolicyVersion")],
            {"create-policy-version"},
            set(),
            id="create-policy-version",
        ),
        pytest.param(
            [statement(["ssm:SendCommand", "ssm:StartSession"])],
            {"ssm-send-command", "ssm-start-session"},
            set(),
            id="ssm",
        ),
        pytest.param(
            [statement("sts:AssumeRole", ROLE)],
            {"assume-role"},
            set(),
            id="assume-role",
        ),
    ],
)
def test_methods_match_their_actions(
    statements: list[Statement], present: set[str], absent: set[str]
) -> None:
    found = method_ids(escalation_paths(granted(*statements)))
    assert present <= found
    assert not absent & found


def test_names_are_compared_without_letter_case() -> None:
    paths = escalation_paths({"IAM:passrole", "ec2:runinstances"})
    assert "passrole-ec2-run-instances" in method_ids(paths)


def test_denied_evaluations_do_not_count() -> None:
    allowed = {"iam:CreatePolicyVersion": Eval(allowed=False)}
    assert escalation_paths(allowed) == []


def test_conditional_and_deciding_come_from_the_evaluations() -> None:
    passrole = statement("iam:PassRole")
    run = statement("ec2:RunInstances")
    allowed = {
        "iam:PassRole": Eval(deciding=(passrole,), conditional=True),
        "ec2:RunInstances": Eval(deciding=(run,)),
    }
    (path,) = [p for p in escalation_paths(allowed) if p.method.id == "passrole-ec2-run-instances"]
    assert path.conditional
    assert path.deciding == (passrole, run)
    assert path.actions == ("iam:PassRole", "ec2:RunInstances")


@pytest.mark.parametrize(
    ("resources", "scope", "limited_to"),
    [
        pytest.param("*", ResourceScope.ANY, (), id="star"),
        pytest.param(f"arn:aws:iam::{ACCOUNT}:role/*", ResourceScope.ANY, (), id="every-role"),
        pytest.param("arn:aws:iam::*:role/*", ResourceScope.ANY, (), id="every-account"),
        pytest.param(ROLE, ResourceScope.LIMITED, (ROLE,), id="one-role"),
        pytest.param(
            f"arn:aws:iam::{ACCOUNT}:role/app-*",
            ResourceScope.LIMITED,
            (f"arn:aws:iam::{ACCOUNT}:role/app-*",),
            id="some-roles",
        ),
        pytest.param(
            [Unresolved("var.role_arn", "a variable")], ResourceScope.UNKNOWN, (), id="unknown"
        ),
    ],
)
def test_passrole_scope(
    resources: str | list[str | Unresolved], scope: ResourceScope, limited_to: tuple[str, ...]
) -> None:
    allowed = granted(statement("iam:PassRole", resources), statement("ec2:RunInstances"))
    (path,) = [p for p in escalation_paths(allowed) if p.method.id == "passrole-ec2-run-instances"]
    (role_scope,) = path.scopes
    assert role_scope.scope is scope
    assert role_scope.resources == limited_to
    assert path.resource_limited is (scope is ResourceScope.LIMITED)


def test_not_resource_counts_as_any() -> None:
    passrole = statement("iam:PassRole", None, not_resources=[ROLE])
    allowed = granted(passrole, statement("ec2:RunInstances"))
    (path,) = [p for p in escalation_paths(allowed) if p.method.id == "passrole-ec2-run-instances"]
    assert path.scopes[0].scope is ResourceScope.ANY


def test_passrole_on_something_that_is_not_a_role_serves_no_method() -> None:
    allowed = granted(
        statement("iam:PassRole", "arn:aws:s3:::bucket/*"), statement("ec2:RunInstances")
    )
    assert "passrole-ec2-run-instances" not in method_ids(escalation_paths(allowed))


@pytest.mark.parametrize(
    ("service", "matches"),
    [("ec2.amazonaws.com", True), ("lambda.amazonaws.com", False)],
)
def test_passed_to_service_condition(service: str, matches: bool) -> None:
    passrole = statement(
        "iam:PassRole", conditions={"StringEquals": {"iam:PassedToService": service}}
    )
    allowed = granted(passrole, statement("ec2:RunInstances"))
    assert ("passrole-ec2-run-instances" in method_ids(escalation_paths(allowed))) is matches


def test_credentials_of_oneself_are_no_escalation() -> None:
    self_only = statement("iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
    assert "create-access-key" not in method_ids(escalation_paths(granted(self_only)))
    other = statement("iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/admin")
    (path,) = escalation_paths(granted(other))
    assert path.method.id == "create-access-key"
    assert path.scopes[0].scope is ResourceScope.LIMITED


def test_attaching_a_policy_to_oneself_is_an_escalation() -> None:
    self_only = statement("iam:AttachUserPolicy", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
    (path,) = escalation_paths(granted(self_only))
    assert path.method.id == "attach-user-policy"
    assert path.scopes[0].scope is ResourceScope.SELF
    assert path.resource_limited


def test_plain_names_have_an_unknown_scope() -> None:
    (path,) = [
        p
        for p in escalation_paths({"iam:PassRole", "ec2:RunInstances"})
        if p.method.id == "passrole-ec2-run-instances"
    ]
    assert path.scopes[0].scope is ResourceScope.UNKNOWN
    assert not path.conditional
    assert path.deciding == ()


def test_actions_granted_only_on_some_resources_count_and_are_marked() -> None:
    passrole = statement("iam:PassRole", ROLE)
    run = statement("ec2:RunInstances")
    paths = escalation_paths(
        granted(run),
        limited={"iam:PassRole": {ROLE: Eval(deciding=(passrole,))}},
    )
    (path,) = [p for p in paths if p.method.id == "passrole-ec2-run-instances"]
    assert path.resource_limited
    assert path.scopes[0].resources == (ROLE,)


def test_unconstrained_actions_granted_on_some_resources_are_marked_too() -> None:
    run = statement("ec2:RunInstances", f"arn:aws:ec2:*:{ACCOUNT}:instance/*")
    paths = escalation_paths(
        granted(statement("iam:PassRole")),
        limited={"ec2:RunInstances": {"arn:aws:ec2:*:*:instance/*": Eval(deciding=(run,))}},
    )
    (path,) = [p for p in paths if p.method.id == "passrole-ec2-run-instances"]
    assert path.resource_limited
    assert {s.action for s in path.scopes} == {"iam:PassRole", "ec2:RunInstances"}


# ---------------------------------------------------------------------------------------------
# From a principal's policies, through effective.allowed_actions


def _principal_policies(*statements: Statement) -> PrincipalPolicies:
    resource = Resource("aws_iam_role.app", "aws_iam_role", SourceFormat.TERRAFORM, LOC)
    document = PolicyDocument(
        PolicyKind.IDENTITY,
        "aws_iam_role.app",
        "inline",
        LOC,
        Located("2012-10-17", LOC),
        tuple(replace(s, index=i) for i, s in enumerate(statements)),
    )
    return PrincipalPolicies(
        principal=Principal(resource, PrincipalType.ROLE, Located("app", LOC)),
        identity=(document,),
        boundary=None,
        scps=None,
        unknown=(),
        sources={},
        account=ACCOUNT,
    )


def test_principal_paths_see_resource_limited_passrole() -> None:
    policies = _principal_policies(statement("iam:PassRole", ROLE), statement("ec2:RunInstances"))
    paths = principal_escalation_paths(policies, CATALOG)
    (path,) = [p for p in paths if p.method.id == "passrole-ec2-run-instances"]
    assert path.resource_limited
    assert path.scopes[0].resources == (ROLE,)


def test_principal_paths_respect_denies() -> None:
    policies = _principal_policies(
        statement(["iam:*", "ec2:*"]),
        statement("iam:PassRole", effect=Effect.DENY),
    )
    found = method_ids(principal_escalation_paths(policies, CATALOG))
    assert "passrole-ec2-run-instances" not in found
    assert "create-policy-version" in found


def test_principal_paths_expand_wildcards() -> None:
    policies = _principal_policies(statement("iam:Put*Policy"))
    found = method_ids(principal_escalation_paths(policies, CATALOG))
    assert {"put-user-policy", "put-group-policy", "put-role-policy"} <= found
    assert "attach-role-policy" not in found


# ---------------------------------------------------------------------------------------------
# Properties


_ALL_ACTIONS = sorted({action for method in load_methods() for action in method.actions})


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.sampled_from(_ALL_ACTIONS), min_size=1),
    st.data(),
)
def test_removing_an_action_never_adds_a_path(actions: set[str], data: st.DataObject) -> None:
    removed = data.draw(st.sampled_from(sorted(actions)))
    allowed = granted(statement(sorted(actions)))
    fewer = granted(statement(sorted(actions - {removed})))
    before = method_ids(escalation_paths(allowed))
    after = method_ids(escalation_paths(fewer))
    assert after <= before
    assert all(removed not in m.actions for m in load_methods() if m.id in after)


@settings(max_examples=100, deadline=None)
@given(st.sets(st.sampled_from(_ALL_ACTIONS), min_size=1))
def test_a_path_is_reported_exactly_when_all_its_actions_are_granted(actions: set[str]) -> None:
    found = method_ids(escalation_paths(actions))
    expected = {m.id for m in load_methods() if set(m.actions) <= actions}
    assert found == expected


def test_limited_grants_on_resources_the_action_cannot_act_on_do_not_count() -> None:
    bucket_only = statement("*", "arn:aws:s3:::bucket/*")
    paths = escalation_paths(
        {},
        limited={
            "ssm:SendCommand": {"arn:aws:s3:::bucket/*": Eval(deciding=(bucket_only,))},
            "iam:CreatePolicyVersion": {"arn:aws:s3:::bucket/*": Eval(deciding=(bucket_only,))},
        },
    )
    assert paths == []


def test_principal_paths_ignore_grants_on_unrelated_resources() -> None:
    policies = _principal_policies(statement("*", "arn:aws:s3:::bucket/*"))
    assert principal_escalation_paths(policies, CATALOG) == []
