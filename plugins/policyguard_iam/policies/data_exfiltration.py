"""IAM-007: actions that read stored data, granted on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.grants import Category, category_findings


@check(
    id="IAM-007",
    name="data-exfiltration",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege", "data-protection"),
    cwe=(200,),
)
def data_exfiltration(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` actions reading stored data
    (`s3:GetObject`, `ssm:GetParameter(s)`, `ssm:GetParametersByPath`,
    `secretsmanager:GetSecretValue`) on `Resource: "*"`.

    ## Why is this bad?
    With these actions on every resource, a leaked credential or a compromised workload can read
    every object of every bucket, every parameter and every secret of the account, not only its
    own: database passwords, other teams' data, backups.

    ## Example
    ```hcl
    resource "aws_iam_policy" "app" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["ssm:GetParameter"], Resource = "*" }]
      })
    }
    ```
    ```yaml
    App:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: ssm:GetParameter
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:GetParameter"]
      Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    The list of actions is Cloudsplaining's "data exfiltration" list; other read actions on every
    resource are IAM-003's. One statement gets one finding from IAM-003 to IAM-007: from the rule of
    the most serious kind of action it grants on every resource (permissions management IAM-004,
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
    - [Cloudsplaining: data exfiltration](https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/)
    - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    """
    return category_findings(policy, Category.EXFILTRATION, inventory)
