"""IAM-011: principals (or unattached policies) that allow a known privilege escalation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.iam.holders import holders_of
from policyguard.model import Inventory, PolicyResource, Principal, PrincipalType, Statement
from policyguard_iam.policies.administrators import is_administrator

if TYPE_CHECKING:
    from policyguard.iam.effective import PolicySource, PrincipalPolicies
    from policyguard.iam.escalation import EscalationPath

_SHOWN = 3


@check(
    id="IAM-011",
    name="privilege-escalation",
    severity=Severity.HIGH,
    targets=(Principal, PolicyResource),
    tags=("iam", "privilege-escalation"),
    cwe=(269,),
)
def privilege_escalation(
    subject: Principal | PolicyResource, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags users, groups and roles whose policies, taken together, allow a published privilege
    escalation method: `iam:CreatePolicyVersion`, `iam:AttachUserPolicy`, `iam:PassRole` with
    `ec2:RunInstances`, `iam:UpdateAssumeRolePolicy` with `sts:AssumeRole`, and the others
    documented by Rhino Security Labs, Cloudsplaining and pathfinding.cloud. A managed or inline
    policy that no declared principal holds is judged on its own, as its future holder's.

    ## Why is this bad?
    Whoever holds these permissions can give themselves more: attach `AdministratorAccess` to
    themselves, rewrite their own policy, start an instance or function under a more privileged
    role and take its credentials. The policy looks limited in review, but the principal is
    effectively as powerful as the best role it can reach.

    ## Example
    ```hcl
    resource "aws_iam_user_policy" "deploy" {
      user = aws_iam_user.ci.name
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect   = "Allow"
          Action   = ["iam:PassRole", "ec2:RunInstances"]
          Resource = "*"
        }]
      })
    }
    ```
    ```yaml
    Deploy:
      Type: AWS::IAM::Policy
      Properties:
        PolicyName: deploy
        Users: [!Ref Ci]
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: [iam:PassRole, ec2:RunInstances]
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::111122223333:role/app-instance"
      Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } }
    }, {
      Effect   = "Allow"
      Action   = "ec2:RunInstances"
      Resource = "*"
    }]
    ```

    ## Known problems
    The engine evaluates all identity policies of the principal together (inline, attached,
    AWS managed from a bundled snapshot, through groups), after wildcard expansion and explicit
    `Deny`, with permissions boundaries and, when account placement is configured, SCPs. A
    method split over two policies is found and reported at the first statement it needs, the
    others as related locations. Grants limited to some resources still count (whether the
    named role is more privileged is not examined); `iam:PassRole` limited by
    `iam:PassedToService` to services a method does not use does not. A user is not reported
    again for what its groups allow: the group is. Findings that hold only under conditions
    say so; those relying on policies that cannot be known have low confidence. A principal that
    already has every action is not reported (IAM-001, IAM-013). The statement a finding points
    at may also be reported by IAM-004 or IAM-008 for its scope: those say what the statement
    grants, this rule what the principal can make of it.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to; the SCPs above it cap the
    effective permissions (without it, only policies attached at the root count).

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [AWS IAM: permissions boundaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)
    - [Rhino Security Labs: AWS IAM privilege escalation](https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)
    - [Cloudsplaining: privilege escalation](https://cloudsplaining.readthedocs.io/en/latest/glossary/privilege-escalation/)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    holders = holders_of(inventory)
    if isinstance(subject, Principal):
        policies = holders.of(subject)
        # Already allowed every action: nothing to escalate to (IAM-001 and IAM-013 report it).
        if policies is None or is_administrator(policies):
            return
        paths = _paths(policies)
        if subject.type is PrincipalType.USER:
            paths = _beyond_groups(paths, policies, inventory)
        whom = f"{subject.describe()}" + (
            " (its members)" if subject.type is PrincipalType.GROUP else ""
        )
        finding = _finding(whom, paths, policies, subject)
    else:
        if holders.holding(subject.document):
            return
        policies = _alone(subject)
        if is_administrator(policies):
            return
        finding = _finding(
            f"whoever holds {subject.describe()}", _paths(policies), policies, subject
        )
    if finding is not None:
        yield finding


def _paths(policies: PrincipalPolicies) -> list[EscalationPath]:
    from policyguard.iam.escalation import principal_escalation_paths

    return principal_escalation_paths(policies)


def _beyond_groups(
    paths: list[EscalationPath], policies: PrincipalPolicies, inventory: Inventory
) -> list[EscalationPath]:
    """The paths of a user that none of its groups has on its own."""
    from policyguard.iam.units import unit_of

    principals = holders_of(inventory).by_unit.get(unit_of(policies.principal), {})
    groups = {s.group for sources in policies.sources.values() for s in sources if s.group}
    covered = {
        path.method.id
        for group in groups
        if group in principals
        for path in _paths(principals[group])
    }
    return [path for path in paths if path.method.id not in covered]


def _alone(policy: PolicyResource) -> PrincipalPolicies:
    """The policy as the only one of a hypothetical role."""
    from policyguard.iam.effective import PrincipalPolicies

    holder = Principal(resource=policy.resource, type=PrincipalType.ROLE, name=None)
    return PrincipalPolicies(
        principal=holder,
        identity=(policy.document,),
        boundary=None,
        scps=None,
        unknown=(),
        sources={},
    )


def _finding(
    whom: str,
    paths: list[EscalationPath],
    policies: PrincipalPolicies,
    subject: Principal | PolicyResource,
) -> Finding | None:
    if not paths:
        return None
    statements = _deciding(paths, policies)
    anchor: Statement | PolicySource | Principal | PolicyResource = (
        statements[0] if statements else subject
    )
    shown = "; ".join(
        f"{p.method.name} ({', '.join(p.actions)})" + (" under conditions" if p.conditional else "")
        for p in paths[:_SHOWN]
    )
    more = f"; and {len(paths) - _SHOWN} more" if len(paths) > _SHOWN else ""
    message = f"{whom} can escalate privileges: {shown}{more}."
    low = not policies.complete or all(p.conditional for p in paths)
    if not policies.complete:
        message += " Some of its policies are not known statically."
    related = [Related(s.location, f"also needed: {s.describe()}") for s in statements[1:]]
    if anchor is not subject:
        holder = "the principal" if isinstance(subject, Principal) else "the policy, held by none"
        related.append(Related(subject.resource.location, holder))
    return Finding.at(
        anchor,
        message,
        evidence=f"{whom}:" + ",".join(sorted({p.method.id for p in paths})),
        confidence=Confidence.LOW if low else Confidence.HIGH,
        related=tuple(related),
    )


def _deciding(
    paths: list[EscalationPath], policies: PrincipalPolicies
) -> list[Statement | PolicySource]:
    """Where the identity ``Allow`` statements the paths rely on are written, first path first,
    each once: the statement, or for an AWS managed policy the attachment that applies it."""
    owner = {id(s): d for d in policies.identity for s in d.statements}
    found: dict[int, Statement | PolicySource] = {}
    for path in paths:
        for statement in path.deciding:
            document = owner.get(id(statement))
            if document is None or not statement.is_allow:
                continue
            sources = policies.sources.get(document, ())
            if document.location.path.startswith("<") and sources:
                found.setdefault(id(document), sources[0])
            else:
                found.setdefault(id(statement), statement)
    return list(found.values())
