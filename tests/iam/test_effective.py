"""Effective permissions: the policies that apply to each principal, and what they allow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyguard.iam.catalog import Catalog, open_catalog
from policyguard.iam.effective import (
    AccountPlacement,
    PrincipalPolicies,
    Via,
    allowed_actions,
    principal_policies,
    referenced_address,
)
from policyguard.iam.evaluate import (
    AccountContext,
    Decision,
    Evaluation,
    PolicySet,
    Principal,
    PrincipalKind,
    Request,
    evaluate,
)
from policyguard.iam.managed import SNAPSHOT_DATE, full_aws_access_scp
from policyguard.location import SourceLocation, Span
from policyguard.model import (
    Account,
    Condition,
    Effect,
    GroupMembership,
    Inventory,
    Located,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
    PolicyAttachment,
    PolicyDocument,
    PolicyKind,
    PolicyResource,
    PolicyTarget,
    PrincipalType,
    Resource,
    SourceFormat,
    Statement,
    Unresolved,
)
from policyguard.model import Principal as ModelPrincipal
from tests.conftest import Extract

# ---------------------------------------------------------------------------------------------
# Building model objects


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return open_catalog(cache_dir=None)


_LINE = iter(range(1, 1_000_000))


def at(address: str) -> SourceLocation:
    line = next(_LINE)
    return SourceLocation("main.tf", Span(line, 1, line, 10), address)


def resource(address: str) -> Resource:
    kind = "AWS::IAM::Role" if address.startswith("Resources/") else address.split(".")[-2]
    return Resource(address, kind, SourceFormat.TERRAFORM, at(address))


def value(text: str | Unresolved, address: str = "x") -> Located[str]:
    return Located(text, at(address))


Values = str | Unresolved | Sequence[str | Unresolved]


def elements(values: Values | None) -> tuple[Located[str], ...] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str | Unresolved) else list(values)
    return tuple(value(item) for item in items)


def stmt(
    effect: str = "Allow",
    action: Values | None = None,
    *,
    not_action: Values | None = None,
    resource: Values | None = "*",
    condition: Mapping[str, Mapping[str, str]] | None = None,
    sid: str | None = None,
) -> Statement:
    location = at("statement")
    return Statement(
        location=location,
        index=0,
        sid=sid,
        effect=Located(Effect(effect), location),
        actions=elements(action),
        not_actions=elements(not_action),
        resources=elements(resource),
        conditions=tuple(
            Condition(operator, key, elements(v) or (), location)
            for operator, tests in (condition or {}).items()
            for key, v in tests.items()
        ),
    )


def doc(
    owner: str, *statements: Statement, kind: PolicyKind = PolicyKind.IDENTITY
) -> PolicyDocument:
    return PolicyDocument(kind, owner, "policy", at(owner), statements=statements)


def principal(
    address: str,
    *inline: Statement,
    name: str | None = None,
    managed: Sequence[str | Unresolved] = (),
    boundary: str | Unresolved | None = None,
    groups: Sequence[str | Unresolved] = (),
) -> ModelPrincipal:
    kind = {
        "aws_iam_user": PrincipalType.USER,
        "aws_iam_role": PrincipalType.ROLE,
        "aws_iam_group": PrincipalType.GROUP,
    }[address.split(".", maxsplit=1)[0]]
    documents = (doc(address, *inline),) if inline else ()
    return ModelPrincipal(
        resource(address),
        kind,
        value(name or address.split(".")[1], address),
        documents,
        tuple(value(arn, address) for arn in managed),
        None,
        value(boundary, address) if boundary is not None else None,
        tuple(value(group, address) for group in groups),
    )


def policy(
    address: str,
    *statements: Statement,
    name: str | None = None,
    attached_to: Sequence[str | Unresolved] = (),
) -> PolicyResource:
    managed = address.startswith("aws_iam_policy.")
    return PolicyResource(
        resource(address),
        doc(address, *statements),
        managed,
        value(name, address) if name is not None else None,
        tuple(
            PolicyTarget(_INLINE_TARGETS[address.split(".", maxsplit=1)[0]], value(target, address))
            for target in attached_to
        ),
    )


_INLINE_TARGETS = {
    "aws_iam_role_policy": PrincipalType.ROLE,
    "aws_iam_user_policy": PrincipalType.USER,
    "aws_iam_group_policy": PrincipalType.GROUP,
}


def attach(
    address: str,
    policy_value: str | Unresolved,
    target: ModelPrincipal,
    *,
    policy_address: str | None = None,
    by_name: bool = False,
) -> PolicyAttachment:
    assert target.name is not None
    return PolicyAttachment(
        resource(address),
        value(policy_value, address),
        target.type,
        value(target.name.value, address),
        policy_address,
        None if by_name else target.resource.address,
    )


def policies_of(
    *objects: object, placement: AccountPlacement | None = None
) -> dict[str, PrincipalPolicies]:
    return principal_policies(Inventory.of(objects), placement)


def allowed(policies: PrincipalPolicies, catalog: Catalog) -> set[str]:
    return set(allowed_actions(policies, catalog))


# ---------------------------------------------------------------------------------------------
# Which policies apply


def test_user_with_inline_attached_and_group_policies(catalog: Catalog) -> None:
    alice = principal("aws_iam_user.alice", stmt(action="s3:*"))
    readers = policy("aws_iam_policy.readers", stmt(action="dynamodb:GetItem"), name="readers")
    devs = principal("aws_iam_group.devs")
    deny = policy(
        "aws_iam_group_policy.no_delete",
        stmt("Deny", "s3:DeleteBucket"),
        attached_to=["devs"],
    )
    membership = GroupMembership(
        resource("aws_iam_group_membership.devs"),
        value("alice"),
        value("devs"),
        "aws_iam_user.alice",
        "aws_iam_group.devs",
    )
    found = policies_of(
        alice,
        readers,
        devs,
        deny,
        membership,
        attach(
            "aws_iam_user_policy_attachment.a", "arn:aws:iam::111122223333:policy/readers", alice
        ),
    )
    entry = found["aws_iam_user.alice"]
    assert entry.complete
    assert [d.owner for d in entry.identity] == [
        "aws_iam_user.alice",
        "aws_iam_policy.readers",
        "aws_iam_group_policy.no_delete",
    ]
    [through_group] = entry.sources[deny.document]
    assert through_group.via is Via.INLINE_RESOURCE
    assert through_group.group == "aws_iam_group.devs"
    assert through_group.membership == membership.group.location
    assert "through group aws_iam_group.devs" in through_group.describe()
    [attached] = entry.sources[readers.document]
    assert (attached.via, attached.by) == (Via.ATTACHMENT, "aws_iam_user_policy_attachment.a")

    result = allowed_actions(entry, catalog)
    assert "s3:GetObject" in result
    assert "dynamodb:GetItem" in result
    assert "s3:DeleteBucket" not in result  # the group's Deny cancels the user's Allow
    assert result["s3:GetObject"].certainly_allowed
    assert result["s3:GetObject"].deciding == alice.inline_policies[0].statements
    # The group itself is a holder with its own entry.
    assert [d.owner for d in found["aws_iam_group.devs"].identity] == [
        "aws_iam_group_policy.no_delete"
    ]


def test_groups_by_name_written_on_the_user(catalog: Catalog) -> None:
    bob = principal("aws_iam_user.bob", groups=["ops", "nobody-declared-this"])
    ops = principal("aws_iam_group.ops", managed=["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
    entry = policies_of(bob, ops)["aws_iam_user.bob"]
    assert [d.owner for d in entry.identity] == ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    [unknown] = entry.unknown
    assert unknown.expression == "nobody-declared-this"
    assert not entry.complete
    assert "s3:GetObject" in allowed(entry, catalog)
    assert "s3:PutObject" not in allowed(entry, catalog)


def test_role_boundary_caps_its_policies(catalog: Catalog) -> None:
    boundary = policy("aws_iam_policy.boundary", stmt(action="s3:*"), name="boundary")
    role = principal(
        "aws_iam_role.app",
        stmt(action=["s3:*", "iam:*"]),
        boundary="arn:aws:iam::111122223333:policy/boundary",
    )
    entry = policies_of(boundary, role)["aws_iam_role.app"]
    assert entry.boundary is boundary.document
    assert [d.owner for d in entry.identity] == ["aws_iam_role.app"]  # the boundary grants nothing
    [source] = entry.sources[boundary.document]
    assert source.via is Via.PERMISSIONS_BOUNDARY
    actions = allowed(entry, catalog)
    assert "s3:GetObject" in actions
    assert not any(a.startswith("iam:") for a in actions)


def test_aws_managed_boundary_by_reference_and_partition(catalog: Catalog) -> None:
    role = principal(
        "aws_iam_role.app",
        managed=["arn:aws:iam::aws:policy/AdministratorAccess"],
        boundary="arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess",
    )
    entry = policies_of(role)["aws_iam_role.app"]
    assert isinstance(entry.boundary, PolicyDocument)
    actions = allowed(entry, catalog)
    assert "s3:GetObject" in actions
    assert "s3:PutObject" not in actions
    assert "ec2:RunInstances" not in actions


def test_unknown_boundary_makes_everything_conditional(catalog: Catalog) -> None:
    role = principal(
        "aws_iam_role.app", stmt(action="s3:GetObject"), boundary=Unresolved("var.b", "a variable")
    )
    entry = policies_of(role)["aws_iam_role.app"]
    assert isinstance(entry.boundary, Unresolved)
    assert not entry.complete
    result = allowed_actions(entry, catalog)
    assert list(result) == ["s3:GetObject"]
    assert result["s3:GetObject"].conditional


def test_attachment_naming_an_unknown_policy_is_incomplete(catalog: Catalog) -> None:
    role = principal("aws_iam_role.app", stmt(action="s3:GetObject"))
    found = policies_of(
        role,
        attach(
            "aws_iam_role_policy_attachment.a", "arn:aws:iam::111122223333:policy/missing", role
        ),
        attach(
            "aws_iam_role_policy_attachment.b",
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            role,
        ),
        attach("aws_iam_role_policy_attachment.c", Unresolved("var.policy", "a variable"), role),
    )
    entry = found["aws_iam_role.app"]
    assert not entry.complete
    reasons = {u.expression: u.reason for u in entry.unknown}
    assert reasons["arn:aws:iam::111122223333:policy/missing"] == (
        "names no policy declared in the scanned code"
    )
    assert str(SNAPSHOT_DATE) in reasons["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]
    assert "var.policy" in reasons
    assert list(allowed_actions(entry, catalog)) == ["s3:GetObject"]


def test_attachment_that_may_name_the_principal_is_incomplete() -> None:
    role = principal("aws_iam_role.app", name="app")
    other = principal("aws_iam_role.other", name="other")
    maybe = PolicyAttachment(
        resource("aws_iam_role_policy_attachment.x"),
        value("arn:aws:iam::aws:policy/AdministratorAccess"),
        PrincipalType.ROLE,
        value(Unresolved.of_parts("a${var.rest}", "a variable", ["a", None])),
    )
    found = policies_of(role, other, maybe)
    assert not found["aws_iam_role.app"].complete  # "a${var.rest}" may be "app"
    assert found["aws_iam_role.other"].complete


def test_two_policies_combine_into_an_escalation(catalog: Catalog) -> None:
    passer = policy("aws_iam_policy.pass", stmt(action="iam:PassRole"), name="pass")
    creator = policy("aws_iam_policy.create", stmt(action="lambda:CreateFunction"), name="create")
    role = principal("aws_iam_role.ci")
    entry = policies_of(
        passer,
        creator,
        role,
        attach("aws_iam_role_policy_attachment.p", "x", role, policy_address="aws_iam_policy.pass"),
        attach(
            "aws_iam_role_policy_attachment.c", "x", role, policy_address="aws_iam_policy.create"
        ),
    )["aws_iam_role.ci"]
    result = allowed_actions(entry, catalog)
    assert {"iam:PassRole", "lambda:CreateFunction"} <= set(result)
    assert result["iam:PassRole"].deciding == passer.document.statements
    assert result["lambda:CreateFunction"].deciding == creator.document.statements


def test_inline_policy_resources_by_name_and_reference(catalog: Catalog) -> None:
    role = principal("aws_iam_role.app", name="app")
    user = principal("aws_iam_user.app", name="app")
    by_name = policy("aws_iam_role_policy.a", stmt(action="sqs:SendMessage"), attached_to=["app"])
    by_reference = policy(
        "aws_iam_role_policy.b",
        stmt(action="sns:Publish"),
        attached_to=[Unresolved("aws_iam_role.app.id", "known after apply")],
    )
    found = policies_of(role, user, by_name, by_reference)
    assert [d.owner for d in found["aws_iam_role.app"].identity] == [
        "aws_iam_role_policy.a",
        "aws_iam_role_policy.b",
    ]
    assert found["aws_iam_user.app"].identity == ()  # a role policy never names a user


def test_managed_policy_arns_by_reference_and_by_unknown_account() -> None:
    pol = policy("aws_iam_policy.p", stmt(action="s3:*"), name="pol")
    role = principal(
        "aws_iam_role.app",
        managed=[
            Unresolved("aws_iam_policy.p.arn", "known after apply"),
            Unresolved.of_parts("x", "account", ["arn:aws:iam::", None, ":policy/pol"]),
        ],
    )
    entry = policies_of(pol, role)["aws_iam_role.app"]
    assert entry.identity == (pol.document,)
    assert len(entry.sources[pol.document]) == 2
    assert entry.complete


def test_sources_are_keyed_by_the_document_object() -> None:
    role = principal("aws_iam_role.app", stmt(action="s3:GetObject"))
    entry = policies_of(role)["aws_iam_role.app"]
    [document] = entry.identity
    assert entry.sources[document][0].via is Via.INLINE
    twin = doc("aws_iam_role.app", *document.statements)
    with pytest.raises(KeyError):
        entry.sources[twin]
    assert list(entry.sources) == [document]


@pytest.mark.parametrize(
    ("expression", "referrer", "expected"),
    [
        ("aws_iam_policy.p.arn", "aws_iam_role.r", "aws_iam_policy.p"),
        ('aws_iam_policy.p["x"].arn', "aws_iam_role.r", 'aws_iam_policy.p["x"]'),
        (
            "aws_iam_policy.p[0].arn",
            'module.a["k"].aws_iam_role.r',
            'module.a["k"].aws_iam_policy.p[0]',
        ),
        ('{"Ref":"Pol"}', "Resources/Role", "Resources/Pol"),
        ('{"Fn::GetAtt":["Pol","Arn"]}', "Resources/Role", "Resources/Pol"),
        ('{"Fn::GetAtt":"Pol.Arn"}', "Resources/Role", "Resources/Pol"),
        ("var.policy", "aws_iam_role.r", None),
        ('{"Fn::Sub":"arn:${AWS::Partition}:x"}', "Resources/Role", None),
        ("aws_iam_policy.p[count.index].arn", "aws_iam_role.r", None),
    ],
)
def test_referenced_address(expression: str, referrer: str, expected: str | None) -> None:
    owner = Resource(
        referrer,
        "AWS::IAM::Role" if referrer.startswith("Resources/") else "aws_iam_role",
        SourceFormat.TERRAFORM,
        at(referrer),
    )
    assert referenced_address(Unresolved(expression, "r"), owner) == expected


# ---------------------------------------------------------------------------------------------
# Organizations


def organization(*scps: tuple[str, str, PolicyDocument]) -> list[object]:
    """Root (the organization), OU ``prod`` under it, account ``prod`` in the OU, and SCPs
    given as (policy address, target address, document)."""
    objects: list[object] = [
        Organization(resource("aws_organizations_organization.org")),
        OrganizationalUnit(
            resource("aws_organizations_organizational_unit.prod"),
            parent=value(Unresolved("aws_organizations_organization.org.roots[0].id", "r")),
            parent_address="aws_organizations_organization.org",
        ),
        Account(
            resource("aws_organizations_account.prod"),
            parent=value(Unresolved("aws_organizations_organizational_unit.prod.id", "r")),
            parent_address="aws_organizations_organizational_unit.prod",
        ),
    ]
    for number, (address, target, document) in enumerate(scps):
        objects.append(OrganizationPolicy(resource(address), PolicyKind.SCP, document))
        objects.append(
            OrganizationPolicyAttachment(
                resource(f"aws_organizations_policy_attachment.a{number}"),
                value(Unresolved(f"{address}.id", "r")),
                value(Unresolved(f"{target}.id", "r")),
                address,
                target,
            )
        )
    return objects


def test_scp_levels_from_root_to_account(catalog: Catalog) -> None:
    deny = doc("aws_organizations_policy.deny", stmt("Deny", "iam:*"), kind=PolicyKind.SCP)
    role = principal("aws_iam_role.admin", managed=["arn:aws:iam::aws:policy/AdministratorAccess"])
    objects = [
        role,
        *organization(
            ("aws_organizations_policy.deny", "aws_organizations_organizational_unit.prod", deny)
        ),
    ]
    placement = AccountPlacement(account="aws_organizations_account.prod")
    entry = policies_of(*objects, placement=placement)["aws_iam_role.admin"]
    assert entry.scps is not None
    full = full_aws_access_scp()
    assert [list(level) for level in entry.scps] == [[full], [full, deny], [full]]
    [source] = entry.sources[deny]
    assert (source.via, source.level) == (Via.SCP, 1)
    actions = allowed(entry, catalog)
    assert "s3:GetObject" in actions
    assert not any(a.startswith("iam:") for a in actions)  # the OU's SCP caps the admin


def test_allow_list_scp_caps_without_full_aws_access(catalog: Catalog) -> None:
    allow_list = doc("aws_organizations_policy.only_s3", stmt(action="s3:*"), kind=PolicyKind.SCP)
    full = doc("aws_organizations_policy.all", stmt(action="*"), kind=PolicyKind.SCP)
    role = principal("aws_iam_role.admin", managed=["arn:aws:iam::aws:policy/AdministratorAccess"])
    objects = [
        role,
        *organization(
            ("aws_organizations_policy.all", "aws_organizations_organization.org", full),
            (
                "aws_organizations_policy.only_s3",
                "aws_organizations_organizational_unit.prod",
                allow_list,
            ),
        ),
    ]
    placement = AccountPlacement(
        ou_path=(
            "aws_organizations_organization.org",
            "aws_organizations_organizational_unit.prod",
        ),
        full_aws_access=False,
    )
    entry = policies_of(*objects, placement=placement)["aws_iam_role.admin"]
    assert entry.scps is not None
    assert [list(level) for level in entry.scps] == [[full], [allow_list]]
    actions = allowed(entry, catalog)
    assert actions == set(catalog.expand("s3:*"))

    management = AccountPlacement(
        ou_path=placement.ou_path, full_aws_access=False, management_account=True
    )
    entry = policies_of(*objects, placement=management)["aws_iam_role.admin"]
    assert entry.scps is None  # SCPs do not apply in the management account
    assert "iam:CreateUser" in allowed(entry, catalog)


def test_unknown_parent_and_unknown_scp_are_incomplete() -> None:
    account = Account(
        resource("aws_organizations_account.prod"),
        parent=value("ou-ab12-34567890"),
        parent_address=None,
    )
    attachment = OrganizationPolicyAttachment(
        resource("aws_organizations_policy_attachment.x"),
        value("p-examplepolicy"),
        value("ou-ab12-34567890"),
    )
    role = principal("aws_iam_role.app")
    entry = policies_of(
        role,
        account,
        attachment,
        placement=AccountPlacement(account="aws_organizations_account.prod"),
    )["aws_iam_role.app"]
    assert entry.scps is not None
    ou_level, _ = entry.scps
    assert any(d.unresolved is not None for d in ou_level)
    assert not entry.complete
    assert {u.reason for u in entry.unknown} >= {
        "the OU path above aws_organizations_account.prod is not known",
        "an SCP not declared in the scanned code",
    }


def test_root_by_id_matches_the_one_declared_organization() -> None:
    deny = doc("aws_organizations_policy.deny", stmt("Deny", "s3:*"), kind=PolicyKind.SCP)
    role = principal("aws_iam_role.app")
    objects = [
        role,
        *organization(
            ("aws_organizations_policy.deny", "aws_organizations_organization.org", deny)
        ),
    ]
    entry = policies_of(
        *objects, placement=AccountPlacement(account="111122223333", ou_path=("r-ab12",))
    )["aws_iam_role.app"]
    assert entry.account == "111122223333"
    assert entry.scps is not None
    assert deny in entry.scps[0]


def test_placement_per_principal() -> None:
    role = principal("aws_iam_role.app")
    other = principal("aws_iam_role.other")
    found = policies_of(
        role,
        other,
        *organization(),
        placement=lambda p: (
            AccountPlacement(account="aws_organizations_account.prod")
            if p.resource.address == "aws_iam_role.app"
            else None
        ),
    )
    assert found["aws_iam_role.app"].scps is not None
    assert found["aws_iam_role.other"].scps is None


# ---------------------------------------------------------------------------------------------
# Allowed actions


def test_not_action_and_conditions(catalog: Catalog) -> None:
    role = principal(
        "aws_iam_role.app",
        stmt(not_action=["iam:*", "organizations:*"]),
        stmt(action="iam:PassRole", condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
    )
    entry = policies_of(role)["aws_iam_role.app"]
    result = allowed_actions(entry, catalog)
    assert "ec2:RunInstances" in result
    assert result["ec2:RunInstances"].certainly_allowed
    assert result["iam:PassRole"].conditional
    assert "iam:CreateUser" not in result
    assert list(result) == sorted(result)  # catalog order
    assert len(result) == len(catalog.expand("*")) - len(
        (catalog.expand("iam:*") | catalog.expand("organizations:*")) - {"iam:PassRole"}
    )


def test_specific_resources_count_only_for_that_resource(catalog: Catalog) -> None:
    role = principal(
        "aws_iam_role.app", stmt(action="s3:GetObject", resource="arn:aws:s3:::reports/*")
    )
    entry = policies_of(role)["aws_iam_role.app"]
    assert allowed_actions(entry, catalog) == {}
    result = allowed_actions(entry, catalog, "arn:aws:s3:::reports/2026.csv")
    assert list(result) == ["s3:GetObject"]
    assert result["s3:GetObject"].certainly_allowed


def test_no_policies_allow_nothing(catalog: Catalog) -> None:
    entry = policies_of(principal("aws_iam_role.empty"))["aws_iam_role.empty"]
    assert allowed_actions(entry, catalog) == {}


def test_read_only_access_allows_reads_only(catalog: Catalog) -> None:
    role = principal("aws_iam_role.auditor", managed=["arn:aws:iam::aws:policy/ReadOnlyAccess"])
    entry = policies_of(role)["aws_iam_role.auditor"]
    result = allowed_actions(entry, catalog)
    assert "s3:GetObject" in result
    assert "ec2:DescribeInstances" in result
    assert "s3:PutObject" not in result
    assert "iam:CreateUser" not in result
    [document] = entry.identity
    assert result["s3:GetObject"].deciding[0] in document.statements


# ---------------------------------------------------------------------------------------------
# Properties


ACTIONS = [
    "*",
    "s3:*",
    "s3:Get*",
    "s3:GetObject",
    "s3:PutObject",
    "iam:PassRole",
    "iam:*",
    "iam:Create*",
    "lambda:CreateFunction",
    "lambda:*",
    "ec2:Describe*",
    "ec2:RunInstances",
    "kms:Decrypt",
    "sts:AssumeRole",
]
SAMPLE = sorted(
    {
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteBucket",
        "s3:GetBucketPolicy",
        "iam:PassRole",
        "iam:CreateUser",
        "iam:CreateRole",
        "iam:GetUser",
        "lambda:CreateFunction",
        "lambda:InvokeFunction",
        "ec2:DescribeInstances",
        "ec2:RunInstances",
        "kms:Decrypt",
        "sts:AssumeRole",
        "dynamodb:GetItem",
        "sqs:SendMessage",
    }
)


@st.composite
def statements(draw: st.DrawFn, effect: str | None = None) -> Statement:
    chosen = effect or draw(st.sampled_from(["Allow", "Allow", "Deny"]))
    patterns = draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3, unique=True))
    negative = draw(st.booleans()) and draw(st.booleans())
    unknown = draw(st.sampled_from([None, None, None, ("s3:", None), (None,)]))
    if unknown is not None:
        patterns = [*patterns, Unresolved.of_parts("var.a", "a variable", unknown)]  # type: ignore[list-item]
    resource = draw(st.sampled_from(["*", "*", "arn:aws:s3:::b/*"]))
    condition = draw(
        st.sampled_from([None, None, {"Bool": {"aws:MultiFactorAuthPresent": "true"}}])
    )
    return stmt(
        chosen,
        None if negative else patterns,
        not_action=patterns if negative else None,
        resource=resource,
        condition=condition,
    )


@st.composite
def role_with_policies(draw: st.DrawFn) -> ModelPrincipal:
    inline = draw(st.lists(statements(), min_size=1, max_size=4))
    return principal("aws_iam_role.r", *inline)


def entry_for(role: ModelPrincipal, *objects: object) -> PrincipalPolicies:
    return policies_of(role, *objects)["aws_iam_role.r"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(role=role_with_policies(), deny=statements("Deny"))
def test_adding_a_deny_never_adds_an_allowed_action(
    catalog: Catalog, role: ModelPrincipal, deny: Statement
) -> None:
    before = allowed_actions(entry_for(role), catalog)
    extra = policy("aws_iam_role_policy.deny", deny, attached_to=["r"])
    after = allowed_actions(entry_for(role, extra), catalog)
    assert set(after) <= set(before)
    for action, evaluation in after.items():
        assert before[action].certainly_allowed or evaluation.conditional


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(role=role_with_policies(), boundary=st.lists(statements(), min_size=1, max_size=2))
def test_adding_a_boundary_never_adds_an_allowed_action(
    catalog: Catalog, role: ModelPrincipal, boundary: list[Statement]
) -> None:
    before = allowed_actions(entry_for(role), catalog)
    capped = ModelPrincipal(
        role.resource,
        role.type,
        role.name,
        role.inline_policies,
        permissions_boundary=value("arn:aws:iam::111122223333:policy/cap"),
    )
    cap = policy("aws_iam_policy.cap", *boundary, name="cap")
    after = allowed_actions(policies_of(capped, cap)["aws_iam_role.r"], catalog)
    assert set(after) <= set(before)


def naive(entry: PrincipalPolicies, catalog: Catalog, action: str) -> Evaluation:
    """What evaluate says about one action with the whole documents, as allowed_actions asks."""
    boundary = entry.boundary
    return evaluate(
        Request(principal=Principal(kind=PrincipalKind.ROLE), action=action, resource="*"),
        PolicySet(
            identity=entry.identity,
            boundaries=None if boundary is None else [boundary],  # type: ignore[list-item]
            scps=entry.scps,
        ),
        AccountContext(principal_account="<own account>", resource_account="<own account>"),
        catalog,
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    role=role_with_policies(),
    boundary=st.none() | st.lists(statements(), min_size=1, max_size=2),
    scp=st.none() | st.lists(statements(), min_size=1, max_size=2),
)
def test_grouped_evaluation_agrees_with_evaluating_each_action(
    catalog: Catalog,
    role: ModelPrincipal,
    boundary: list[Statement] | None,
    scp: list[Statement] | None,
) -> None:
    objects: list[object] = []
    if boundary is not None:
        role = ModelPrincipal(
            role.resource,
            role.type,
            role.name,
            role.inline_policies,
            permissions_boundary=value("arn:aws:iam::111122223333:policy/cap"),
        )
        objects.append(policy("aws_iam_policy.cap", *boundary, name="cap"))
    placement = None
    if scp is not None:
        document = doc("aws_organizations_policy.scp", *scp, kind=PolicyKind.SCP)
        objects += organization(
            ("aws_organizations_policy.scp", "aws_organizations_organizational_unit.prod", document)
        )
        placement = AccountPlacement(account="aws_organizations_account.prod")
    entry = policies_of(role, *objects, placement=placement)["aws_iam_role.r"]
    result = allowed_actions(entry, catalog)
    for action in SAMPLE:
        expected = naive(entry, catalog, action)
        if expected.decision is Decision.ALLOW:
            assert result.get(action) == expected, action
        else:
            assert action not in result, action


def test_grouped_evaluation_agrees_on_every_catalog_action(catalog: Catalog) -> None:
    """One mixed case, every action of the catalog evaluated one by one."""
    role = ModelPrincipal(
        resource("aws_iam_role.r"),
        PrincipalType.ROLE,
        value("r"),
        (
            doc(
                "aws_iam_role.r",
                stmt(not_action=["iam:*", "organizations:*"]),
                stmt(action=["iam:Get*", Unresolved.of_parts("x", "v", ["iam:Pass", None])]),
                stmt("Deny", "ec2:*", condition={"Bool": {"aws:MultiFactorAuthPresent": "false"}}),
                stmt("Deny", "s3:DeleteBucket"),
                stmt(action="kms:*", resource="arn:aws:kms:eu-west-1:111122223333:key/k"),
            ),
        ),
        (
            value("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
            value("arn:aws:iam::aws:policy/AWSLambda_FullAccess"),
        ),
        permissions_boundary=value("arn:aws:iam::111122223333:policy/cap"),
    )
    cap = policy(
        "aws_iam_policy.cap",
        stmt(action=["s3:*", "ec2:*", "iam:*", "lambda:Get*", "dynamodb:*"]),
        stmt(action="sqs:*", condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}),
        name="cap",
    )
    scp = doc("aws_organizations_policy.scp", stmt("Deny", "dynamodb:Delete*"), kind=PolicyKind.SCP)
    entry = policies_of(
        role,
        cap,
        *organization(("aws_organizations_policy.scp", "aws_organizations_organization.org", scp)),
        placement=AccountPlacement(account="aws_organizations_account.prod"),
    )["aws_iam_role.r"]
    result = allowed_actions(entry, catalog)
    expected = {}
    for action in sorted(catalog.expand("*")):
        evaluation = naive(entry, catalog, action)
        if evaluation.decision is Decision.ALLOW:
            expected[action] = evaluation
    assert result == expected
    assert list(result) == list(expected)
    assert any(e.conditional for e in result.values())
    assert any(e.certainly_allowed for e in result.values())


# ---------------------------------------------------------------------------------------------
# From templates, through the plugin hooks


TERRAFORM = """
data "aws_partition" "current" {}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  managed_policy_arns = [
    "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess",
  ]
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.app.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }]
  })
}

resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:*"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "attached" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.boundary.arn
}

resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "no_iam" {
  name    = "no-iam"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "iam:*", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.no_iam.id
  target_id = aws_organizations_organization.org.roots[0].id
}
"""


def test_terraform_project(extract: Extract, tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    inventory = extract(tmp_path)
    placement = AccountPlacement(
        account="111122223333", ou_path=("aws_organizations_organization.org",)
    )
    entry = principal_policies(inventory, placement)["aws_iam_role.app"]
    assert entry.complete
    assert [d.owner for d in entry.identity] == [
        "aws_iam_role_policy.inline",
        "aws_iam_policy.boundary",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]
    assert isinstance(entry.boundary, PolicyDocument)
    assert entry.boundary.owner == "aws_iam_policy.boundary"
    assert entry.scps is not None and len(entry.scps) == 2
    [how] = entry.sources[entry.identity[0]]
    assert how.location.path == "main.tf"
    result = allowed_actions(entry, catalog)
    assert {"s3:PutObject", "s3:GetObject", "s3:DeleteBucket"} <= set(result)
    assert not any(a.startswith("iam:") for a in result)  # the root SCP denies IAM
    assert "ec2:DescribeInstances" not in result  # ReadOnlyAccess, capped by the boundary


CLOUDFORMATION = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: ["s3:*", "logs:*"], Resource: "*"}]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      PermissionsBoundary: !Ref Boundary
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]
  User:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Ops]
  Ops:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [!Ref Boundary]
"""


def test_cloudformation_template(extract: Extract, tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION, encoding="utf-8")
    found = principal_policies(extract(tmp_path))
    role = found["Resources/Role"]
    assert role.complete
    assert [d.owner for d in role.identity] == [
        "Resources/Extra",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    ]
    assert isinstance(role.boundary, PolicyDocument)
    assert set(allowed_actions(role, catalog)) == {
        "s3:GetObject",
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
    }
    user = found["Resources/User"]
    assert [d.owner for d in user.identity] == ["Resources/Boundary"]
    [source] = user.sources[user.identity[0]]
    assert source.group == "Resources/Ops"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("envs/prod/main.tf", AccountPlacement(account="111122223333")),
        ("stacks/app.yaml", AccountPlacement(ou_path=("ou-ab12-cdef3456",))),
        ("envs/dev/main.tf", None),
    ],
)
def test_configured_placement_follows_the_deployments_setting(
    path: str, expected: AccountPlacement | None
) -> None:
    from policyguard.iam.effective import configured_placement
    from policyguard.location import SourceLocation, Span
    from policyguard.model import Principal, PrincipalType, Resource, SourceFormat
    from policyguard.model.accounts import AccountSettings

    settings = AccountSettings(
        deployments=(("envs/prod", "111122223333"), ("stacks/*.yaml", "ou-ab12-cdef3456"))
    )
    location = SourceLocation(path, Span(1, 1, 1, 2), "aws_iam_role.r")
    resource = Resource("aws_iam_role.r", "aws_iam_role", SourceFormat.TERRAFORM, location)
    principal = Principal(resource, PrincipalType.ROLE, None)
    assert configured_placement(settings)(principal) == expected
