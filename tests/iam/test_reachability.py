"""Reachability: assume and pass-role edges between principals, and the paths they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.iam.catalog import Catalog, open_catalog
from policyguard.iam.effective import principal_policies
from policyguard.iam.reachability import (
    ASSUME_ROLE,
    PASS_ROLE,
    Edge,
    EdgeKind,
    Node,
    NodeKind,
    Reachability,
    assume_edges,
    pass_role_edges,
    paths,
)
from policyguard.iam.tristate import Tri
from policyguard.model import Inventory
from policyguard.model import Principal as ModelPrincipal
from tests.conftest import Extract

ACCOUNT = "111122223333"

MAIN_TF = """
resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name = "dev"
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Assume", Effect = "Allow", Action = "sts:AssumeRole",
        Resource = "arn:aws:iam::*:role/ci-*" },
      { Sid = "PassToLambda", Effect = "Allow", Action = "iam:PassRole",
        Resource = aws_iam_role.fn.arn,
        Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } } },
    ]
  })
}

resource "aws_iam_user" "blocked" {
  name = "blocked"
}

resource "aws_iam_user_policy" "blocked" {
  name = "blocked"
  user = aws_iam_user.blocked.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Sid = "NoAssume", Effect = "Deny", Action = "sts:AssumeRole", Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "ci" {
  name = "ci-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole",
      Principal = { AWS = [aws_iam_user.dev.arn, aws_iam_user.blocked.arn] }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "other" {
  name = "ci-other"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole",
      Principal = { AWS = "arn:aws:iam::111122223333:user/someone-else" }
    }]
  })
}

resource "aws_iam_role" "fn" {
  name = "fn-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole",
      Principal = { Service = ["lambda.amazonaws.com", "ec2.amazonaws.com"] }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "fn_admin" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return open_catalog(cache_dir=None)


@pytest.fixture
def inventory(extract: Extract, tmp_path: Path) -> Inventory:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    return extract(tmp_path)


def pairs(edges: list[Edge]) -> set[tuple[str, str, str | None]]:
    return {(edge.source.key, edge.target.key, edge.service) for edge in edges}


def test_assume_edges_follow_trust_and_identity(inventory: Inventory, catalog: Catalog) -> None:
    edges = assume_edges(inventory, principal_policies(inventory), catalog, ACCOUNT)
    assert pairs(edges) == {
        ("aws_iam_user.dev", "aws_iam_role.ci", None),
        ("lambda.amazonaws.com", "aws_iam_role.fn", None),
        ("ec2.amazonaws.com", "aws_iam_role.fn", None),
    }
    [dev] = [edge for edge in edges if edge.source.key == "aws_iam_user.dev"]
    assert dev.kind is EdgeKind.ASSUME and dev.action == ASSUME_ROLE
    assert dev.allowed is Tri.TRUE and not dev.conditional and dev.reasons == ()
    # The deciding statements are the written ones (the trust statement as written, naming
    # aws_iam_user.dev.arn), so their locations point at main.tf.
    assert {s.location.logical_name for s in dev.deciding} == {
        "aws_iam_role.ci",
        "aws_iam_user_policy.dev",
    }
    [role] = [
        p for p in inventory.of_type(ModelPrincipal) if p.resource.address == "aws_iam_role.ci"
    ]
    assert role.trust_policy is not None
    assert any(s is role.trust_policy.statements[0] for s in dev.deciding)
    services = {edge.source for edge in edges if edge.source.kind is NodeKind.SERVICE}
    assert {node.describe() for node in services} == {
        "service lambda.amazonaws.com",
        "service ec2.amazonaws.com",
    }


def test_a_trust_naming_someone_else_gives_no_edge(inventory: Inventory, catalog: Catalog) -> None:
    edges = assume_edges(inventory, principal_policies(inventory), catalog, ACCOUNT)
    # dev's identity policy allows sts:AssumeRole on role/ci-*, which includes ci-other.
    assert not any(edge.target.key == "aws_iam_role.other" for edge in edges)


def test_a_deny_on_assume_role_gives_no_edge(inventory: Inventory, catalog: Catalog) -> None:
    edges = assume_edges(inventory, principal_policies(inventory), catalog, ACCOUNT)
    assert not any(edge.source.key == "aws_iam_user.blocked" for edge in edges)


def test_pass_role_to_a_trusted_service(inventory: Inventory, catalog: Catalog) -> None:
    edges = pass_role_edges(inventory, principal_policies(inventory), catalog, ACCOUNT)
    # blocked and ci-deployer (AdministratorAccess) may pass any role; dev only to lambda
    # (iam:PassedToService); no role passes itself.
    assert pairs(edges) == {
        ("aws_iam_user.dev", "aws_iam_role.fn", "lambda.amazonaws.com"),
        ("aws_iam_user.blocked", "aws_iam_role.fn", "lambda.amazonaws.com"),
        ("aws_iam_user.blocked", "aws_iam_role.fn", "ec2.amazonaws.com"),
        ("aws_iam_role.ci", "aws_iam_role.fn", "lambda.amazonaws.com"),
        ("aws_iam_role.ci", "aws_iam_role.fn", "ec2.amazonaws.com"),
    }
    [dev] = [edge for edge in edges if edge.source.key == "aws_iam_user.dev"]
    assert dev.kind is EdgeKind.PASS_ROLE and dev.action == PASS_ROLE
    assert not dev.conditional
    assert {s.sid for s in dev.deciding} >= {"PassToLambda"}


def test_reachable_from_renders_paths(inventory: Inventory, catalog: Catalog) -> None:
    graph = Reachability.of(inventory, catalog, account=ACCOUNT)
    assert [path.render() for path in graph.reachable_from("aws_iam_user.dev")] == [
        "user dev → role ci-deployer → AdministratorAccess",
        "user dev → role fn-admin (passed to lambda.amazonaws.com) → AdministratorAccess",
        "user dev → role ci-deployer → role fn-admin (passed to ec2.amazonaws.com)"
        " → AdministratorAccess",
        "user dev → role ci-deployer → role fn-admin (passed to lambda.amazonaws.com)"
        " → AdministratorAccess",
    ]
    assert graph.reachable_from("aws_iam_role.other") == []


def test_unknown_account_makes_edges_conditional(inventory: Inventory, catalog: Catalog) -> None:
    edges = assume_edges(inventory, principal_policies(inventory), catalog)
    [dev] = [edge for edge in edges if edge.source.key == "aws_iam_user.dev"]
    assert dev.target.key == "aws_iam_role.ci"
    assert dev.allowed is Tri.UNKNOWN and dev.conditional
    assert any("accounts are not known" in reason for reason in dev.reasons)
    # Still no edge where the trust names another user, or a Deny applies.
    assert {edge.source.key for edge in edges if edge.source.kind is NodeKind.USER} == {
        "aws_iam_user.dev"
    }
    [path, *_] = Reachability.of(inventory, catalog).reachable_from("aws_iam_user.dev")
    assert path.render() == "user dev → role ci-deployer → AdministratorAccess (under conditions)"


def _edge(source: Node, target: Node) -> Edge:
    return Edge(EdgeKind.ASSUME, source, target, ASSUME_ROLE, Tri.TRUE)


@pytest.mark.parametrize(("max_depth", "expected"), [(1, 1), (2, 2), (5, 2)], ids=str)
def test_paths_stop_at_cycles_and_depth(max_depth: int, expected: int) -> None:
    a, b = (Node(NodeKind.ROLE, f"aws_iam_role.{n}", n) for n in "ab")
    user = Node(NodeKind.USER, "aws_iam_user.u", "u")
    edges = [_edge(user, a), _edge(a, b), _edge(b, a)]
    found = paths(edges, user, max_depth=max_depth)
    assert len(found) == expected
    assert found[-1].render() == (
        "user u → role a → role b" if expected == 2 else "user u → role a"
    )
    assert paths(edges, "aws_iam_user.nobody") == []


def test_denied_edges_make_no_path() -> None:
    user = Node(NodeKind.USER, "aws_iam_user.u", "u")
    role = Node(NodeKind.ROLE, "aws_iam_role.r", "r")
    denied = Edge(EdgeKind.ASSUME, user, role, ASSUME_ROLE, Tri.FALSE)
    assert paths([denied], user) == []


UNNAMED_TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Named:
    Type: AWS::IAM::User
    Properties:
      UserName: dev
  Unnamed:
    Type: AWS::IAM::User
  Referenced:
    Type: AWS::IAM::User
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS:
                - arn:aws:iam::111122223333:user/dev
                - !GetAtt Referenced.Arn
"""


def test_a_generated_name_is_named_only_by_reference(
    extract: Extract, tmp_path: Path, catalog: Catalog
) -> None:
    (tmp_path / "template.yaml").write_text(UNNAMED_TEMPLATE)
    found = extract(tmp_path)
    edges = assume_edges(found, principal_policies(found), catalog, ACCOUNT)
    # Resources/Unnamed gets a name like "stack-Unnamed-1A2B3C": never "dev".
    callers = {e.source.key for e in edges if e.target.key == "Resources/Target"}
    assert callers == {"Resources/Named", "Resources/Referenced"}
