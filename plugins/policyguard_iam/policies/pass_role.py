"""IAM-008: ``iam:PassRole`` on every role, or without ``iam:PassedToService``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.model import Element, Inventory, PolicyDocument, PolicyKind, Statement
from policyguard_iam.policies.grants import (
    allows,
    conditions_scope,
    denied_everywhere,
    granting_element,
    is_admin,
)

_PASSED_TO_SERVICE = "iam:passedtoservice"
_ROLE_FORMAT = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
# Two roles of different accounts, names and paths: a pattern covering both covers every role.
_SAMPLE_ROLES = (
    "arn:aws:iam::123456789012:role/admin",
    "arn:aws:iam::210987654321:role/path/deploy",
)


@check(
    id="IAM-008",
    name="pass-role-unconstrained",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege", "privilege-escalation"),
    cwe=(269,),
)
def pass_role_unconstrained(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` `iam:PassRole` on every role
    (`Resource: "*"`, `arn:aws:iam::*:role/*`) or without an `iam:PassedToService` condition.

    ## Why is this bad?
    Passing a role to a service gives the service, and whoever controls what it runs, that role's
    permissions. With `iam:PassRole` on every role, a user allowed `ec2:RunInstances` or
    `lambda:CreateFunction` starts code under the most privileged role of the account and takes
    its credentials. Without `iam:PassedToService`, even a named role can be handed to any
    service, including ones that run arbitrary code.

    ## Example
    ```hcl
    resource "aws_iam_policy" "deployer" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
      })
    }
    ```
    ```yaml
    Deployer:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::111122223333:role/app-task"
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    Wildcards (`iam:Pass*`, `iam:*`) and `NotAction` are expanded; a statement that IAM-001
    reports as administrator access is not reported again, and `iam:PassRole` on every resource
    is reported here, not by IAM-003 to IAM-007. A `Resource` that names no role
    (`arn:aws:s3:::*`) grants nothing and is not flagged. Conditions are evaluated three-valued:
    `iam:PassedToService` counts only when the condition cannot hold without it, and a condition
    on the role (`aws:ResourceTag/...`) scopes the roles like a `Resource` would. Values not
    resolved statically give findings with low confidence.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to, whose SCPs and RCPs in the
    scan are shown with a finding they neutralise; without it, only policies attached at the
    organization root count.

    ## References
    - [Granting a user permissions to pass a role to an AWS service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)
    - [IAM condition keys: iam:PassedToService](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    from policyguard.iam.ceiling import neutralised

    if policy.kind is not PolicyKind.IDENTITY or "iam:PassRole" in denied_everywhere(policy):
        return
    for statement in policy.statements:
        if not allows(statement) or is_admin(statement):
            continue
        finding = _pass_role(policy, statement)
        if finding is not None:
            yield neutralised(finding, inventory, ("iam:PassRole",))


def _pass_role(policy: PolicyDocument, statement: Statement) -> Finding | None:
    action = granting_element(statement, "iam:PassRole")
    resource = _role_element(statement)
    if action is None or resource is None:
        return None
    every_role = (
        statement.not_resources is not None or _covers_every_role(resource)
    ) and not conditions_scope(statement)
    any_service = not _requires_passed_to_service(statement)
    if not every_role and not any_service:
        return None
    what = "every role" if every_role else f"{resource.describe()}"
    to = "any service" if any_service else "the services iam:PassedToService names"
    message = f"{policy.describe()}: {statement.describe()} allows passing {what} to {to}."
    low = any(e.is_unresolved for e in (statement.effect, action, resource)) or bool(
        statement.unresolved
    )
    if low:
        message += " It depends on values not resolved statically."
    return Finding.at(
        action,
        message,
        evidence=f"{policy.name}:{statement.describe()}:iam:PassRole",
        confidence=Confidence.LOW if low else Confidence.HIGH,
        related=(Related(resource.location, f"Resource {resource.describe()!r}"),),
    )


def _role_element(statement: Statement) -> Element | None:
    """The ``Resource`` element that can name a role, preferring one that names every role
    (the first ``NotResource`` element: it grants every resource it does not list)."""
    from policyguard.iam.arn import arn_matches_format

    if statement.not_resources is not None:
        return statement.not_resources[0] if statement.not_resources else None
    candidates = [e for e in statement.resources or () if arn_matches_format(e.value, _ROLE_FORMAT)]
    return min(candidates, key=lambda e: (not _covers_every_role(e), e.is_unresolved), default=None)


def _covers_every_role(element: Element) -> bool:
    from policyguard.iam.arn import match_resource_unresolved
    from policyguard.iam.tristate import Tri

    return all(
        match_resource_unresolved(element.value, role) is not Tri.FALSE for role in _SAMPLE_ROLES
    )


def _requires_passed_to_service(statement: Statement) -> bool:
    from policyguard.iam.conditions import Context, evaluate_statement_conditions
    from policyguard.iam.tristate import Tri

    outcome = evaluate_statement_conditions(statement, Context(absent=[_PASSED_TO_SERVICE]))
    return outcome is Tri.FALSE
