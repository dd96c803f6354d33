"""IAM-029: Lambda functions and ECS tasks that run with an administrator or full-access role."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.iam.holders import holders_of
from policyguard.model import Inventory, PrincipalType, WorkloadRole
from policyguard_iam.principals.names import local_inventory, named_principals

if TYPE_CHECKING:
    from policyguard.iam.catalog import Catalog
    from policyguard.iam.effective import PrincipalPolicies
    from policyguard.iam.evaluate import Evaluation


@check(
    id="IAM-029",
    name="workload-role-privileged",
    severity=Severity.HIGH,
    targets=(WorkloadRole,),
    tags=("iam", "least-privilege", "compute"),
    cwe=(250,),
)
def workload_role_privileged(workload: WorkloadRole, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags Lambda functions and ECS task definitions whose role may perform every action, every
    IAM action, or every action on some resources, judged on the role's effective permissions
    (inline policies, policy resources, attachments, AWS managed policies, boundaries).

    ## Why is this bad?
    Code runs with its role's permissions, and code can be exploited: a deserialization bug,
    a dependency with a backdoor or server-side request forgery to the credentials endpoint
    hands the role to the attacker. A function with administrator or full IAM access turns
    one application bug into control of the account.

    ## Example
    ```hcl
    resource "aws_lambda_function" "resize" {
      function_name = "resize"
      role          = aws_iam_role.resize.arn  # has AdministratorAccess attached
    }
    ```
    ```yaml
    Resize:
      Type: AWS::Lambda::Function
      Properties:
        Role: !GetAtt ResizeRole.Arn  # its policy allows "*"
    ```
    Use instead: give the function a role whose policies name the actions and resources it
    uses (`s3:GetObject` on the upload bucket, `s3:PutObject` on the thumbnails bucket).

    ## Known problems
    Only roles declared in the scanned code are judged; a role named by an ARN or name of a
    role outside the scan is not. Policies that cannot be known (an ARN of a policy not in the
    scan) are left out of the judgement and named in the message; the finding then has low
    confidence. The ECS service role (`iam_role`, `Role`), used by ECS to register load
    balancer targets, is not the task's role and is not judged.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to; the SCPs above it cap the
    effective permissions (without it, only policies attached at the root count).

    ## References
    - [AWS Lambda execution role](https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html)
    - [Amazon ECS task IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
    - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    """
    from policyguard.iam.catalog import load_catalog  # noqa: PLC0415 - engine loads late
    from policyguard.iam.effective import allowed_actions  # noqa: PLC0415

    local = local_inventory(inventory, workload.resource)
    named = named_principals(
        workload.role, workload.role_address, workload.resource, PrincipalType.ROLE, local
    )
    holders = holders_of(inventory)
    catalog = load_catalog()
    for role in named.principals:
        policies = holders.of(role)
        if policies is None:
            continue
        allowed = allowed_actions(policies, catalog)
        grant = _privilege(policies, allowed, catalog)
        if grant is None:
            continue
        message = f"{workload.describe()}: role {role.describe()} may perform {grant}."
        if policies.unknown:
            message += " Some of its policies are not known: " + ", ".join(
                value.expression for value in policies.unknown
            )
        yield Finding.at(
            workload.role,
            message,
            evidence=role.describe(),
            confidence=Confidence.LOW if not policies.complete else Confidence.HIGH,
            related=(Related(role.resource.location, f"role {role.describe()}"),),
        )


def _privilege(
    policies: PrincipalPolicies, allowed: Mapping[str, Evaluation], catalog: Catalog
) -> str | None:
    """What makes the role privileged, or ``None``."""
    if len(allowed) >= len(catalog.expand("*")):
        return "every action on every resource (administrator access)"
    if catalog.expand("iam:*") <= allowed.keys():
        return "every IAM action, enough to grant itself administrator access"
    for document in policies.identity:
        for statement in document.statements:
            if statement.is_allow and any(a.value == "*" for a in statement.actions or ()):
                resources = ", ".join(r.describe() for r in statement.resources or ())
                return f"every action on {resources or 'some resources'} ({document.describe()})"
    return None
