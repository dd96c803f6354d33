"""IAM-009: ``Allow`` with ``NotAction``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument
from policyguard_iam.policies.not_elements import negated_allow_findings


@check(
    id="IAM-009",
    name="allow-not-action",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(732,),
)
def allow_not_action(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that combine `Effect: Allow` with `NotAction`.

    ## Why is this bad?
    `Allow` with `NotAction` grants every action except the listed ones, including every action
    of every service AWS launches later. `NotAction: iam:*` on `Resource: "*"` still allows
    deleting every bucket, reading every secret and leaving the organization; a forgotten
    exception is a silent grant.

    ## Example
    ```hcl
    resource "aws_iam_policy" "power_user" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }]
      })
    }
    ```
    ```yaml
    PowerUser:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              NotAction: iam:*
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"]
      Resource = "*"
    }]
    ```

    ## Known problems
    `Deny` with `NotAction` (a common guardrail, "deny everything but") is not flagged. What the
    statement grants on every resource is also reported by IAM-003 to IAM-008, per risk. Trust
    and resource-based policies have their own rules. Values not resolved statically give a
    finding with low confidence.

    ## References
    - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    return negated_allow_findings(policy, "NotAction", "every action")
