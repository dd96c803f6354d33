"""IAM-004: permissions-management actions granted on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.grants import Category, category_findings


@check(
    id="IAM-004",
    name="permissions-management-unconstrained",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege", "privilege-escalation"),
    cwe=(269,),
)
def permissions_management_unconstrained(
    policy: PolicyDocument, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` permissions-management actions
    (`iam:PutRolePolicy`, `iam:AttachUserPolicy`, `s3:PutBucketPolicy`, `kms:PutKeyPolicy`, ...)
    on `Resource: "*"`.

    ## Why is this bad?
    Permissions-management actions change who may do what. On every resource they let the
    holder attach `AdministratorAccess` to themselves, rewrite a role's policy, or open a bucket
    or key to another account: one compromised credential becomes the whole account, or data
    shared with the world.

    ## Example
    ```hcl
    resource "aws_iam_policy" "ops" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["iam:PutRolePolicy"], Resource = "*" }]
      })
    }
    ```
    ```yaml
    Ops:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: iam:PutRolePolicy
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PutRolePolicy"]
      Resource = "arn:aws:iam::111122223333:role/app/*"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    Access levels come from the AWS Service Authorization Reference (through the bundled catalog);
    wildcards and `NotAction` are expanded. One statement gets one finding from IAM-003 to IAM-007:
    from the rule of the most serious kind of action it grants on every resource (permissions
    management IAM-004, credentials exposure IAM-006, data exfiltration IAM-007, write IAM-005, the
    rest IAM-003), and the message lists the others; scoping `Resource` fixes them all.
    `iam:PassRole` is IAM-008's, and a statement that IAM-001 reports as administrator access gets
    none of them. A condition on the resource's tags, account or organization
    (`aws:ResourceTag/...`, `ec2:ResourceTag/...`, `aws:ResourceAccount`) that cannot hold without
    them silences the finding, as a narrower `Resource` would; conditions on the caller
    (`aws:SourceIp`, MFA) or on request parameters (`rds:DatabaseEngine`) do not. `NotResource`
    statements are IAM-010's. Action elements not resolved statically are reported by IAM-003 only.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to, whose SCPs and RCPs in the
    scan are shown with a finding they neutralise; without it, only policies attached at the
    organization root count.

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [Access levels in policy summaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    return category_findings(policy, Category.PERMISSIONS, inventory)
