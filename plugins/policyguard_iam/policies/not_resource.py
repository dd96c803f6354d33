"""IAM-010: ``Allow`` with ``NotResource``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument
from policyguard_iam.policies.not_elements import negated_allow_findings


@check(
    id="IAM-010",
    name="allow-not-resource",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(732,),
)
def allow_not_resource(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that combine `Effect: Allow` with `NotResource`.

    ## Why is this bad?
    `Allow` with `NotResource` grants the actions on every resource except the listed ones:
    every other bucket, table and role, in this and (for actions that accept them) other
    accounts, including resources created later. Meant as "everything but production", it
    also grants everything nobody thought of.

    ## Example
    ```hcl
    resource "aws_iam_policy" "dev" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{
          Effect      = "Allow"
          Action      = "s3:*"
          NotResource = "arn:aws:s3:::prod-data/*"
        }]
      })
    }
    ```
    ```yaml
    Dev:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:*
              NotResource: arn:aws:s3:::prod-data/*
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = ["arn:aws:s3:::dev-data", "arn:aws:s3:::dev-data/*"]
    }]
    ```

    ## Known problems
    `Deny` with `NotResource` is not flagged. Statements with `NotResource` are not reported by
    IAM-003 to IAM-007 (what they grant depends on the exceptions); `iam:PassRole` with
    `NotResource` is also reported by IAM-008. Values not resolved statically give a finding
    with low confidence.

    ## References
    - [IAM JSON policy elements: NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    return negated_allow_findings(policy, "NotResource", "the actions on every resource")
