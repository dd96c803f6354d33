"""TRUST-001: roles that anyone may assume."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard_res.exposure_findings import public_findings

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument, PolicyKind


@check(
    id="TRUST-001",
    name="trust-any-principal",
    severity=Severity.CRITICAL,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "exposure"),
    cwe=(284,),
)
def trust_any_principal(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags role trust policies that allow everyone (`Principal: "*"`, `{"AWS": "*"}` or
    `NotPrincipal`) to assume the role, unless a condition pins the caller's account,
    organization or network (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpce`, …).

    ## Why is this bad?
    Any principal of any AWS account can call `sts:AssumeRole` and receive the role's
    permissions. Attackers scan for such roles by name; an `sts:ExternalId` condition does not
    help, since the external id is not a secret.

    ## Example
    ```hcl
    resource "aws_iam_role" "deploy" {
      assume_role_policy = jsonencode({
        Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
      })
    }
    ```
    ```yaml
    Deploy:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: sts:AssumeRole
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }
      Action    = "sts:AssumeRole"
    }]
    ```

    ## Known problems
    A resource control policy in the scan that denies what a grant allows, where the
    resource deploys, is shown as related information and lowers the finding's confidence.

    A principal or condition not resolved statically that may let everyone in gives a finding
    with low confidence.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [IAM: roles terms and concepts (trust policy)](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html)
    - [IAM: Principal element](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is PolicyKind.TRUST:
        yield from public_findings(
            policy,
            inventory,
            allows="lets anyone assume the role",
            network="from the source IP addresses its condition lists",
        )
