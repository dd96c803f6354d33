"""IAM-013: users and roles that are administrators without a policy saying so directly."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.iam.holders import holders_of, reachability_of
from policyguard.model import Inventory, PolicyDocument, Principal, PrincipalType
from policyguard_iam.policies.administrators import is_administrator

if TYPE_CHECKING:
    from policyguard.iam.effective import PrincipalPolicies
    from policyguard.iam.reachability import Path


@check(
    id="IAM-013",
    name="effective-admin",
    severity=Severity.HIGH,
    targets=(Principal,),
    tags=("iam", "least-privilege", "privilege-escalation"),
    cwe=(269,),
)
def effective_admin(principal: Principal, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags users and roles that have administrator access (every action on every resource)
    indirectly: through a group, through the combination of several policies none of which is
    administrator access alone, or by assuming (or passing) a role that has it, shown as a path
    such as `user dev → role ci-deployer → AdministratorAccess`.

    ## Why is this bad?
    Reviews look at one policy at a time. A developer user whose own policy is small but who may
    assume the deployment role, or whose group carries `AdministratorAccess`, is an
    administrator: phishing that user, or leaking their access key, compromises the account.

    ## Example
    ```hcl
    resource "aws_iam_role" "ci_deployer" {
      name                = "ci-deployer"
      managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      assume_role_policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                       Principal = { AWS = aws_iam_user.dev.arn } }]
      })
    }
    ```
    ```yaml
    CiDeployer:
      Type: AWS::IAM::Role
      Properties:
        ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
        AssumeRolePolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: sts:AssumeRole
              Principal: { AWS: !GetAtt Dev.Arn }
    ```
    Use instead: trust only the pipeline's own identity (an OIDC provider with a `sub`
    condition), and give people a role without administrator access.
    ```hcl
    Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
    ```

    ## Known problems
    A principal that holds a single administrator policy directly is left to IAM-001 (a policy
    granting `*` on `*`) and to the rules about attached AWS managed policies; this rule reports
    what those cannot see. Paths follow trust and identity policies as the engine evaluates them
    (explicit denies, boundaries); paths that hold only under conditions or assumptions (an
    unknown account, an unresolved name) are reported with low confidence. Only the first
    administrator path is shown, with the number of others. Role paths (`path = "/ci/"`) are not
    modelled.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to; the SCPs above it cap the
    effective permissions (without it, only policies attached at the root count).

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [IAM roles: switching to a role](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if principal.type is PrincipalType.GROUP:
        return
    policies = holders_of(inventory).of(principal)
    if policies is None:
        return
    if is_administrator(policies):
        finding = _indirect_admin(principal, policies)
    else:
        finding = _admin_path(principal, inventory)
    if finding is not None:
        yield finding


def _indirect_admin(principal: Principal, policies: PrincipalPolicies) -> Finding | None:
    alone = [d for d in policies.identity if is_administrator(replace(policies, identity=(d,)))]
    if any(_held_directly(d, policies) for d in alone):
        return None
    if alone:
        document = alone[0]
        groups = sorted({s.group for s in policies.sources.get(document, ()) if s.group})
        via = f"group {', '.join(groups)}" if groups else "an attachment"
        message = (
            f"{principal.describe()} has administrator access through {via} "
            f"({document.describe()})."
        )
        related = tuple(
            Related(s.membership or s.location, s.describe())
            for s in policies.sources.get(document, ())
        )
    else:
        names = ", ".join(d.describe() for d in policies.identity)
        message = (
            f"{principal.describe()} has administrator access through the combination of its "
            f"policies ({names}), none of which grants it alone."
        )
        related = tuple(Related(d.location, d.describe()) for d in policies.identity)
    return Finding.at(principal, message, evidence="administrator access", related=related)


def _held_directly(document: PolicyDocument, policies: PrincipalPolicies) -> bool:
    return any(s.group is None for s in policies.sources.get(document, ()))


def _admin_path(principal: Principal, inventory: Inventory) -> Finding | None:
    from policyguard.iam.units import unit_of

    graph = reachability_of(inventory, principal)
    unit = holders_of(inventory).by_unit.get(unit_of(principal), {})
    admin: list[Path] = []
    for path in graph.reachable_from(principal.resource.address):
        reached = unit.get(path.end.key)
        if reached is not None and reached.principal != principal and is_administrator(reached):
            admin.append(path)
    if not admin:
        return None
    path = min(admin, key=lambda p: (p.conditional, len(p.edges)))
    others = f" ({len(admin) - 1} more paths)" if len(admin) > 1 else ""
    message = f"{principal.describe()} can reach administrator access: {path.render()}{others}."
    related = tuple(
        Related(s.location, f"{edge.describe()}: {s.describe()}")
        for edge in path.edges
        for s in edge.deciding
    )
    return Finding.at(
        principal,
        message,
        evidence=f"path to {path.end.key}",
        confidence=Confidence.LOW if path.conditional else Confidence.HIGH,
        related=related,
    )
