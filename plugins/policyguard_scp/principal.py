"""SCP-001: SCP statements that name a ``Principal`` or ``NotPrincipal``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind


@check(
    id="SCP-001",
    name="scp-principal",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("scp", "organizations", "validation"),
    cwe=(1284,),
)
def scp_principal(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags statements of service control policies that use `Principal` or `NotPrincipal`.

    ## Why is this bad?
    SCPs accept the full IAM policy language except `Principal` and `NotPrincipal`: an SCP
    applies to every principal of the accounts it is attached to. Organizations rejects such
    a policy, so the guardrail the author meant to deploy is missing; the usual intent (exempt
    a break-glass role, say) is written with a condition on `aws:PrincipalArn` instead.

    ## Example
    ```hcl
    resource "aws_organizations_policy" "deny_leave" {
      content = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect       = "Deny"
          NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/admin" }
          Action       = "organizations:LeaveOrganization"
          Resource     = "*"
        }]
      })
    }
    ```
    ```yaml
    DenyLeave:
      Type: AWS::Organizations::Policy
      Properties:
        Type: SERVICE_CONTROL_POLICY
        Content:
          Statement:
            - Effect: Deny
              Principal: "*"
              Action: organizations:LeaveOrganization
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Deny"
      Action    = "organizations:LeaveOrganization"
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/admin" } }
    }]
    ```

    ## Known problems
    Resource control policies (RCPs) require `Principal` and are not flagged.

    ## References
    - [AWS Organizations: SCP syntax](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html)
    - [CWE-1284](https://cwe.mitre.org/data/definitions/1284.html)
    """
    if policy.kind is not PolicyKind.SCP:
        return
    for statement in policy.statements:
        for element_name, principals in (
            ("Principal", statement.principals),
            ("NotPrincipal", statement.not_principals),
        ):
            if principals is None:
                continue
            subject = principals[0] if principals else statement
            yield Finding.at(
                subject,
                f"{policy.describe()}: {statement.describe()} uses {element_name}, which "
                "service control policies do not accept.",
                evidence=f"{statement.describe()}:{element_name}",
            )
