"""IAM-006: actions that return credentials, granted on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.grants import Category, category_findings


@check(
    id="IAM-006",
    name="credentials-exposure",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege", "credentials"),
    cwe=(522,),
)
def credentials_exposure(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` actions returning credentials, tokens or
    passwords (`iam:CreateAccessKey`, `sts:AssumeRole`, `ec2:GetPasswordData`,
    `redshift:GetClusterCredentials`, ...) on `Resource: "*"`.

    ## Why is this bad?
    These actions hand out new credentials. On every resource, the holder can create access keys
    for any user (including administrators), assume any role that trusts the account, or read
    the Windows administrator password of every instance: lateral movement and persistence
    that survive rotating the original credential.

    ## Example
    ```hcl
    resource "aws_iam_policy" "support" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["iam:CreateAccessKey"], Resource = "*" }]
      })
    }
    ```
    ```yaml
    Support:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: iam:CreateAccessKey
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey"]
      Resource = "arn:aws:iam::111122223333:user/$${aws:username}"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    The list of actions is Cloudsplaining's "credentials exposure" list. Actions of it that support
    only `Resource: "*"` (`ecr:GetAuthorizationToken`, `sts:GetSessionToken`) are not reported: they
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
    - [Managing access keys for IAM users](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)
    - [Cloudsplaining: credentials exposure](https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/)
    - [CWE-522](https://cwe.mitre.org/data/definitions/522.html)
    """
    return category_findings(policy, Category.CREDENTIALS, inventory)
