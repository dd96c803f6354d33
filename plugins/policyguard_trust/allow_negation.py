"""TRUST-005: trust policies that ``Allow`` with ``NotAction`` or ``NotPrincipal``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard_res.negation import allow_negations

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind


@check(
    id="TRUST-005",
    name="trust-allow-negation",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "least-privilege"),
    cwe=(732,),
)
def trust_allow_negation(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags `Allow` statements of role trust policies that use `NotAction` or `NotPrincipal`.

    ## Why is this bad?
    `Allow` with `NotPrincipal` in a trust policy lets everyone except the listed principals
    assume the role: every AWS account in the world. `Allow` with `NotAction` allows every STS
    action on the role but the listed ones, such as `sts:AssumeRoleWithWebIdentity` and
    `sts:AssumeRoleWithSAML` for principals the author meant only for `sts:AssumeRole`, and
    `sts:TagSession` or `sts:SetSourceIdentity`, which let a caller set the session's tags used
    for attribute-based access control.

    ## Example
    ```hcl
    resource "aws_iam_role" "app" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect       = "Allow"
          NotPrincipal = { AWS = "arn:aws:iam::111122223333:user/mallory" }
          Action       = "sts:AssumeRole"
        }]
      })
    }
    ```
    ```yaml
    App:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { Service: ec2.amazonaws.com }
              NotAction: sts:AssumeRoleWithSAML
    ```
    Use instead:
    ```yaml
    Statement:
      - Effect: Allow
        Principal: { Service: ec2.amazonaws.com }
        Action: sts:AssumeRole
    ```

    ## Known problems
    A statement whose effect is not resolved statically is not flagged.

    ## References
    - [IAM: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    - [IAM: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if policy.kind is PolicyKind.TRUST:
        yield from allow_negations(policy)
