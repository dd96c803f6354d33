"""SCP-001: SCP statements that name a principal; RCP statements that name one other than ``*``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind, Unresolved


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
    Flags statements of service control policies that use `Principal` or `NotPrincipal`, and
    statements of resource control policies (RCPs) that use `NotPrincipal` or name any
    principal other than `"Principal": "*"` (which RCPs require).

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

    RCPs are the other way round: every statement must say `"Principal": "*"` (the policy
    applies to every caller of the account's resources), `NotPrincipal` is rejected, and
    exemptions are written as conditions. An RCP with another principal is rejected too.

    ## Known problems
    A principal that cannot be resolved statically and may be `"*"` is not flagged in an RCP.

    ## References
    - [AWS Organizations: SCP syntax](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html)
    - [AWS Organizations: RCP syntax](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html)
    - [CWE-1284](https://cwe.mitre.org/data/definitions/1284.html)
    """
    if policy.kind is PolicyKind.SCP:
        yield from _scp_principals(policy)
    elif policy.kind is PolicyKind.RCP:
        yield from _rcp_principals(policy)


def _scp_principals(policy: PolicyDocument) -> Iterator[Finding]:
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


def _rcp_principals(policy: PolicyDocument) -> Iterator[Finding]:
    for statement in policy.statements:
        where = f"{policy.describe()}: {statement.describe()}"
        if statement.not_principals is not None:
            subject = statement.not_principals[0] if statement.not_principals else statement
            yield Finding.at(
                subject,
                f"{where} uses NotPrincipal, which resource control policies do not accept.",
                evidence=f"{statement.describe()}:NotPrincipal",
            )
        elif statement.principals is None:
            yield Finding.at(
                statement,
                f'{where} names no Principal; resource control policies need "Principal": "*".'
                + (" (The statement was not read completely.)" if statement.unresolved else ""),
                evidence=f"{statement.describe()}:Principal",
                confidence=Confidence.LOW if statement.unresolved else Confidence.HIGH,
            )
        else:
            for element in statement.principals:
                if isinstance(element.value, Unresolved):
                    if element.value.may_equal("*"):
                        continue
                elif element.kind == "*" and element.value == "*":
                    continue
                yield Finding.at(
                    element,
                    f'{where} names a principal other than "*", which resource control '
                    "policies do not accept; narrow it with conditions such as "
                    "aws:PrincipalArn or aws:PrincipalAccount.",
                    evidence=f"{statement.describe()}:Principal",
                )
