"""TRUST-006: trust policies that allow every action."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard_res.wildcards import wildcard_action_findings

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind


@check(
    id="TRUST-006",
    name="trust-wildcard-action",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "least-privilege"),
    cwe=(732,),
)
def trust_wildcard_action(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags `Allow` statements of role trust policies whose `Action` is `*` or `sts:*`.

    ## Why is this bad?
    A trusted principal gets every way of assuming the role (`sts:AssumeRole`,
    `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`) and may set session tags
    (`sts:TagSession`) and the source identity (`sts:SetSourceIdentity`). Session tags feed
    attribute-based access control: a caller that sets `team=admin` on its session gets what
    policies grant that team. A trust policy should list the one action each principal uses.

    ## Example
    ```hcl
    resource "aws_iam_role" "app" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { Service = "ec2.amazonaws.com" }
          Action    = "*"
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
              Action: "sts:*"
    ```
    Use instead:
    ```hcl
    Action = "sts:AssumeRole"
    ```

    ## Known problems
    An action not resolved statically is not flagged.

    ## References
    - [IAM: role trust policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html)
    - [IAM: passing session tags in AWS STS](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if policy.kind is PolicyKind.TRUST:
        yield from wildcard_action_findings(policy, on=" on the role")
