"""IAM-005: write actions granted on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.grants import Category, category_findings


@check(
    id="IAM-005",
    name="write-access-unconstrained",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(732,),
)
def write_access_unconstrained(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` write actions that can be scoped to resources
    (`s3:PutObject`, `dynamodb:DeleteTable`, `lambda:UpdateFunctionCode`, ...) on
    `Resource: "*"`.

    ## Why is this bad?
    A write action on every resource lets whoever holds the policy (or steals its credentials)
    modify or destroy every table, bucket, function or instance of the service in the account,
    not just the ones the workload owns: ransomware, tampering with other teams' code, deleting
    backups.

    ## Example
    ```hcl
    resource "aws_iam_policy" "uploader" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "*" }]
      })
    }
    ```
    ```yaml
    Uploader:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "arn:aws:s3:::uploads-bucket/*"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    Write actions that support only `Resource: "*"` (`xray:PutTraceSegments`) are not reported: they
    cannot be scoped. One statement gets one finding from IAM-003 to IAM-007: from the rule of the
    most serious kind of action it grants on every resource (permissions management IAM-004,
    credentials exposure IAM-006, data exfiltration IAM-007, write IAM-005, the rest IAM-003), and
    the message lists the others; scoping `Resource` fixes them all. `iam:PassRole` is IAM-008's,
    and a statement that IAM-001 reports as administrator access gets none of them. See IAM-004 for
    conditions, `NotResource` and unresolved values.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to, whose SCPs and RCPs in the
    scan are shown with a finding they neutralise; without it, only policies attached at the
    organization root count.

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [Access levels in policy summaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    return category_findings(policy, Category.WRITE, inventory)
