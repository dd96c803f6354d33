"""Time effective permissions: :func:`principal_policies` and :func:`allowed_actions`.

Usage::

    python benchmarks/effective.py [--json FILE]

The inventory is generated in memory as model objects (no parsing), from fixed parameters so
that results from different days compare:

======================================  ================================================
random seed                             20261127
principals                              1,000: 700 roles and 300 users
policies per principal                  10: 3 inline, 4 customer managed policies attached
                                        by attachment resources (from a pool of 600), and
                                        3 AWS managed policies (ARNs written on the
                                        principal, from the bundled snapshot)
groups                                  40, each with 2 inline policy resources and one
                                        customer managed attachment; every user is in 2
                                        groups (one by ``groups``, one by a membership
                                        resource)
statements per policy                   1 to 4
statement mix                           6% ``*``, 22% a service wildcard (``s3:*``), 24%
                                        prefix wildcards (``ec2:Describe*``), 26% lists of
                                        3 to 8 catalog actions, 10% ``NotAction``, 12%
                                        ``Deny``; 20% carry a condition, 20% name specific
                                        resources instead of ``*``
permissions boundaries                  on 30% of roles: one of 5 customer managed
                                        boundaries or AWS's ``PowerUserAccess``
Organizations                           root, OU ``workloads``, OU ``prod``, account; a
                                        ``Deny`` SCP at the root, an allow-list SCP on
                                        ``prod`` (``FullAWSAccess`` as AWS attaches it)
======================================  ================================================

The clock covers :func:`principal_policies` over the whole inventory and
:func:`allowed_actions` for every user and role (groups are holders, not callers); generating
the inventory and loading the catalog are timed apart. Each result is counted and dropped, as
a check would. ``peak MiB`` is the process's largest resident set size (``ru_maxrss``), the
catalog included. The target is 10 s on a 2-core machine. Unix only (``resource``).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policyguard.iam.catalog import Catalog, load_catalog
from policyguard.iam.effective import (
    AccountPlacement,
    allowed_actions,
    principal_policies,
)
from policyguard.iam.managed import snapshot_names
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
    Principal,
    PrincipalType,
    Resource,
    SourceFormat,
    Statement,
)

SEED = 20261127
ROLES = 700
USERS = 300
GROUPS = 40
INLINE_PER_PRINCIPAL = 3
ATTACHED_PER_PRINCIPAL = 4
AWS_MANAGED_PER_PRINCIPAL = 3
CUSTOMER_POLICIES = 600
BOUNDARY_SHARE = 0.3
TARGET_SECONDS = 10.0

SERVICE_PATH = {
    "AWSLambdaBasicExecutionRole": "service-role/",
    "AWSLambdaVPCAccessExecutionRole": "service-role/",
    "AmazonECSTaskExecutionRolePolicy": "service-role/",
}
SERVICES = (
    "s3",
    "ec2",
    "iam",
    "lambda",
    "dynamodb",
    "kms",
    "sqs",
    "sns",
    "logs",
    "cloudwatch",
    "sts",
    "ssm",
    "secretsmanager",
    "rds",
    "ecr",
    "ecs",
    "eks",
    "cloudformation",
    "organizations",
    "glue",
)
PREFIXES = ("Get", "List", "Describe", "Put", "Create", "Delete", "Update")


class Generator:
    def __init__(self, catalog: Catalog) -> None:
        self.random = random.Random(SEED)
        self.actions = {service: sorted(catalog.expand(f"{service}:*")) for service in SERVICES}
        self.files = 0
        self.objects: list[object] = []

    def location(self, address: str, line: int = 1) -> SourceLocation:
        return SourceLocation("bench.tf", Span(line, 1, line, 2), address)

    def resource(self, address: str, type_: str) -> Resource:
        self.files += 1
        return Resource(address, type_, SourceFormat.TERRAFORM, self.location(address, self.files))

    def elements(self, values: list[str], address: str) -> tuple[Located[str], ...]:
        location = self.location(address)
        return tuple(Located(value, location) for value in values)

    def action_patterns(self) -> list[str]:
        pick = self.random.random()
        service = self.random.choice(SERVICES)
        if pick < 0.06:
            return ["*"]
        if pick < 0.28:
            return [f"{service}:*"]
        if pick < 0.52:
            return [f"{service}:{self.random.choice(PREFIXES)}*"]
        return self.random.sample(self.actions[service], k=self.random.randint(3, 8))

    def statement(self, index: int, address: str) -> Statement:
        location = self.location(address, index + 1)
        deny = self.random.random() < 0.12
        negative = not deny and self.random.random() < 0.11
        if negative:
            patterns = [f"{s}:*" for s in self.random.sample(SERVICES, 2)]
        else:
            patterns = self.action_patterns()
        if self.random.random() < 0.2:
            service = self.random.choice(("s3", "dynamodb", "sqs"))
            resources = [f"arn:aws:{service}:::bench-{self.random.randint(1, 50)}/*"]
        else:
            resources = ["*"]
        conditions: tuple[Condition, ...] = ()
        if self.random.random() < 0.2:
            operator, key, value = self.random.choice(
                (
                    ("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
                    ("StringEquals", "aws:RequestedRegion", "eu-west-1"),
                    ("Bool", "aws:MultiFactorAuthPresent", "true"),
                )
            )
            conditions = (Condition(operator, key, self.elements([value], address), location),)
        elements = self.elements(patterns, address)
        return Statement(
            location=location,
            index=index,
            sid=None,
            effect=Located(Effect.DENY if deny else Effect.ALLOW, location),
            actions=None if negative else elements,
            not_actions=elements if negative else None,
            resources=self.elements(resources, address),
            conditions=conditions,
        )

    def document(self, address: str, name: str = "policy") -> PolicyDocument:
        count = self.random.randint(1, 4)
        return PolicyDocument(
            PolicyKind.IDENTITY,
            address,
            name,
            self.location(address),
            statements=tuple(self.statement(i, address) for i in range(count)),
        )

    def allow(self, address: str, patterns: list[str], kind: PolicyKind) -> PolicyDocument:
        location = self.location(address)
        statement = Statement(
            location=location,
            index=0,
            sid=None,
            effect=Located(Effect.ALLOW, location),
            actions=self.elements(patterns, address),
            resources=self.elements(["*"], address),
        )
        return PolicyDocument(kind, address, "policy", location, statements=(statement,))

    @staticmethod
    def name_of(named: Principal | PolicyResource) -> Located[str]:
        assert named.name is not None
        return named.name

    def add(self, obj: object) -> None:
        self.objects.append(obj)

    def build(self) -> Inventory:
        customer = []
        for number in range(CUSTOMER_POLICIES):
            address = f"aws_iam_policy.p{number}"
            policy = PolicyResource(
                self.resource(address, "aws_iam_policy"),
                self.document(address),
                True,
                Located(f"policy-{number}", self.location(address)),
            )
            customer.append(policy)
            self.add(policy)
        boundaries = []
        for number in range(5):
            address = f"aws_iam_policy.boundary{number}"
            services = self.random.sample(SERVICES, 6)
            policy = PolicyResource(
                self.resource(address, "aws_iam_policy"),
                self.allow(address, [f"{s}:*" for s in services], PolicyKind.IDENTITY),
                True,
                Located(f"boundary-{number}", self.location(address)),
            )
            boundaries.append(policy)
            self.add(policy)
        managed = list(snapshot_names())

        groups = []
        for number in range(GROUPS):
            address = f"aws_iam_group.g{number}"
            group = Principal(
                self.resource(address, "aws_iam_group"),
                PrincipalType.GROUP,
                Located(f"group-{number}", self.location(address)),
            )
            groups.append(group)
            self.add(group)
            for inline in range(2):
                policy_address = f"aws_iam_group_policy.g{number}_{inline}"
                self.add(
                    PolicyResource(
                        self.resource(policy_address, "aws_iam_group_policy"),
                        self.document(policy_address),
                        False,
                        None,
                        (
                            PolicyTarget(
                                PrincipalType.GROUP,
                                Located(f"group-{number}", self.location(policy_address)),
                            ),
                        ),
                    )
                )
            self.attach(PrincipalType.GROUP, group, self.random.choice(customer))

        for number in range(ROLES + USERS):
            kind = PrincipalType.ROLE if number < ROLES else PrincipalType.USER
            type_ = "aws_iam_role" if kind is PrincipalType.ROLE else "aws_iam_user"
            address = f"{type_}.p{number}"
            arns = [
                f"arn:aws:iam::aws:policy/{SERVICE_PATH.get(name, '')}{name}"
                for name in self.random.sample(managed, AWS_MANAGED_PER_PRINCIPAL)
            ]
            boundary = None
            if kind is PrincipalType.ROLE and self.random.random() < BOUNDARY_SHARE:
                choice = self.random.randrange(6)
                boundary = Located(
                    "arn:aws:iam::aws:policy/PowerUserAccess"
                    if choice == 5
                    else f"arn:aws:iam::111122223333:policy/boundary-{choice}",
                    self.location(address),
                )
            member_of = self.random.sample(groups, 2) if kind is PrincipalType.USER else []
            principal = Principal(
                self.resource(address, type_),
                kind,
                Located(f"principal-{number}", self.location(address)),
                tuple(
                    self.document(address, f"inline_policy.{i}")
                    for i in range(INLINE_PER_PRINCIPAL)
                ),
                self.elements(arns, address),
                None,
                boundary,
                (self.name_of(member_of[0]),) if member_of else (),
            )
            self.add(principal)
            for policy in self.random.sample(customer, ATTACHED_PER_PRINCIPAL):
                self.attach(kind, principal, policy)
            if member_of:
                membership = f"aws_iam_user_group_membership.p{number}"
                self.add(
                    GroupMembership(
                        self.resource(membership, "aws_iam_user_group_membership"),
                        Located(f"principal-{number}", self.location(membership)),
                        self.name_of(member_of[1]),
                        address,
                        member_of[1].resource.address,
                    )
                )
        self.organizations()
        return Inventory.of(self.objects)

    def attach(self, kind: PrincipalType, principal: Principal, policy: PolicyResource) -> None:
        address = f"aws_iam_{kind.value}_policy_attachment.a{len(self.objects)}"
        self.add(
            PolicyAttachment(
                self.resource(address, f"aws_iam_{kind.value}_policy_attachment"),
                Located(
                    f"arn:aws:iam::111122223333:policy/{self.name_of(policy).value}",
                    self.location(address),
                ),
                kind,
                self.name_of(principal),
                policy.resource.address,
                principal.resource.address,
            )
        )

    def organizations(self) -> None:
        org = "aws_organizations_organization.org"
        self.add(Organization(self.resource(org, "aws_organizations_organization")))
        workloads = "aws_organizations_organizational_unit.workloads"
        prod = "aws_organizations_organizational_unit.prod"
        self.add(
            OrganizationalUnit(
                self.resource(workloads, "aws_organizations_organizational_unit"),
                parent=Located("r-ab12", self.location(workloads)),
                parent_address=org,
            )
        )
        self.add(
            OrganizationalUnit(
                self.resource(prod, "aws_organizations_organizational_unit"),
                parent=Located("ou", self.location(prod)),
                parent_address=workloads,
            )
        )
        account = "aws_organizations_account.prod"
        self.add(
            Account(
                self.resource(account, "aws_organizations_account"),
                parent=Located("ou", self.location(account)),
                parent_address=prod,
            )
        )
        deny = "aws_organizations_policy.deny"
        location = self.location(deny)
        statement = Statement(
            location=location,
            index=0,
            sid="Guardrails",
            effect=Located(Effect.DENY, location),
            actions=self.elements(
                ["organizations:LeaveOrganization", "iam:CreateUser", "cloudtrail:StopLogging"],
                deny,
            ),
            resources=self.elements(["*"], deny),
        )
        self.add(
            OrganizationPolicy(
                self.resource(deny, "aws_organizations_policy"),
                PolicyKind.SCP,
                PolicyDocument(PolicyKind.SCP, deny, "content", location, statements=(statement,)),
            )
        )
        allow_list = "aws_organizations_policy.allow_list"
        self.add(
            OrganizationPolicy(
                self.resource(allow_list, "aws_organizations_policy"),
                PolicyKind.SCP,
                self.allow(allow_list, [f"{s}:*" for s in SERVICES[:15]], PolicyKind.SCP),
            )
        )
        for number, (policy, target) in enumerate(((deny, org), (allow_list, prod))):
            address = f"aws_organizations_policy_attachment.a{number}"
            self.add(
                OrganizationPolicyAttachment(
                    self.resource(address, "aws_organizations_policy_attachment"),
                    Located(f"{policy}.id", self.location(address)),
                    Located(f"{target}.id", self.location(address)),
                    policy,
                    target,
                )
            )


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    arguments = parser.parse_args()

    started = time.perf_counter()
    catalog = load_catalog()
    catalog_seconds = time.perf_counter() - started

    started = time.perf_counter()
    inventory = Generator(catalog).build()
    generate_seconds = time.perf_counter() - started
    before_mib = _peak_mib()

    started = time.perf_counter()
    policies = principal_policies(
        inventory, AccountPlacement(account="aws_organizations_account.prod")
    )
    join_seconds = time.perf_counter() - started

    started = time.perf_counter()
    principals = allowed = conditional = 0
    for entry in policies.values():
        if entry.principal.type is PrincipalType.GROUP:
            continue
        result = allowed_actions(entry, catalog)
        principals += 1
        allowed += len(result)
        conditional += sum(1 for evaluation in result.values() if evaluation.conditional)
    evaluate_seconds = time.perf_counter() - started
    total = join_seconds + evaluate_seconds
    report = {
        "seed": SEED,
        "principals": principals,
        "holders": len(policies),
        "catalog_load_seconds": round(catalog_seconds, 3),
        "generate_seconds": round(generate_seconds, 3),
        "principal_policies_seconds": round(join_seconds, 3),
        "allowed_actions_seconds": round(evaluate_seconds, 3),
        "total_seconds": round(total, 3),
        "allowed_pairs": allowed,
        "conditional_pairs": conditional,
        "peak_mib_before": round(before_mib, 1),
        "peak_mib": round(_peak_mib(), 1),
        "target_seconds": TARGET_SECONDS,
        "status": "ok" if total <= TARGET_SECONDS else "slow",
    }
    width = max(len(key) for key in report)
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
