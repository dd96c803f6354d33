"""TRUST-003: roles that accounts outside the zone of trust may assume."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from policyguard_res.exposure_findings import accounts_finding
from policyguard_res.reach import exposure_context, grants, statement_exposure

from policyguard import Finding, Severity, check
from policyguard.iam.exposure import ExposureKind
from policyguard.model import Inventory, PolicyDocument, PolicyKind


@check(
    id="TRUST-003",
    name="trust-untrusted-account",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "exposure"),
    cwe=(284,),
)
def trust_untrusted_account(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags role trust policies that let principals of AWS accounts outside the zone of trust
    assume the role: the account the code deploys to, the trusted accounts and the
    organization of the `[accounts]` configuration.

    ## Why is this bad?
    Whoever controls the other account decides who of theirs may take the role's permissions.
    A vendor no longer in use, a typo in an account id or an account that left the
    organization keeps a way into yours. Cross-account trust should be deliberate: listed as
    trusted, or pinned with `aws:PrincipalOrgID`.

    ## Example
    ```hcl
    resource "aws_iam_role" "support" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::444455556666:role/support" }
          Action    = "sts:AssumeRole"
        }]
      })
    }
    ```
    ```yaml
    Support:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { AWS: arn:aws:iam::444455556666:role/support }
              Action: sts:AssumeRole
    ```
    Use instead: add `444455556666` to `trusted_accounts` under `[accounts]` when the trust is
    intended, or restrict it:
    ```hcl
    Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    ```

    ## Known problems
    Without the account the code deploys to (`deployments`), an account named in a trust
    policy may be the owner's own: such findings have low confidence and say what was assumed.
    Federated and service principals are not accounts and are left to other rules.

    ## Options
    `[accounts]`: `organization_id`, `trusted_accounts`, `deployments`.

    ## References
    - [IAM: providing access to accounts you own](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is not PolicyKind.TRUST:
        return
    context = exposure_context(policy, inventory)
    for statement in grants(policy):
        accounts_only = tuple(e for e in statement.principals or () if e.kind == "AWS")
        if not accounts_only:
            continue
        narrowed = dataclasses.replace(statement, principals=accounts_only)
        exposure = statement_exposure(policy, narrowed, context)
        if not exposure.accounts:
            continue
        yield accounts_finding(
            policy,
            statement,
            exposure,
            inventory,
            lets="lets account(s) {accounts} assume the role",
            certain=exposure.kind in (ExposureKind.CROSS_ACCOUNT, ExposureKind.PUBLIC),
        )
