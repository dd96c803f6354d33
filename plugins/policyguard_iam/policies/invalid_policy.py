"""IAM-014: identity policies that AWS rejects, or parts of them that can never work."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument, Principal
from policyguard_iam.policies.validity import validation_findings


@check(
    id="IAM-014",
    name="invalid-policy",
    severity=Severity.LOW,
    targets=(PolicyDocument, Principal),
    tags=("iam", "validation"),
    cwe=(732,),
)
def invalid_policy(subject: PolicyDocument | Principal, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Validates identity policies and permissions boundaries offline, as IAM would, and flags what
    AWS rejects or what can never work: a missing or wrong `Version`, no statements, duplicate
    or invalid `Sid`s, a missing or invalid `Effect`, no `Action`, `Action` together with
    `NotAction`, a missing `Resource`, a `Principal` in an identity policy, a malformed action,
    an unknown condition operator, a condition value of the wrong type, and a policy (or a
    principal's inline policies together) over IAM's size quota.

    ## Why is this bad?
    A policy AWS rejects fails the deployment halfway, often leaving the old, broader policy in
    place. Worse are the parts AWS accepts but never applies: with a `Version` of `2008-10-17`
    (or none) `${aws:username}` is a literal string, so a statement scoped with it silently
    matches nothing.

    ## Example
    ```hcl
    resource "aws_iam_policy" "app" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:GetObject" }]
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
              Action: s3:GetObject
    ```
    Use instead:
    ```hcl
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::app/*" }]
    ```

    ## Known problems
    Problems are split by what to do about them: this rule reports what AWS rejects or what can
    never take effect; IAM-015 reports what AWS accepts but is probably a mistake (unknown
    actions or condition keys, resources no action of the statement acts on). Values not
    resolved statically are not validated and give no finding. Trust, resource-based, SCP and
    other policy kinds are validated by the rules of their domains. Sizes count the smallest
    text the document can be written as, so a reported excess is certain.

    ## References
    - [IAM JSON policy grammar](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html)
    - [IAM and AWS STS quotas](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
    - [Validating IAM policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_policy-validator.html)
    """
    from policyguard.iam.validation import Level

    return validation_findings(subject, inventory, Level.ERROR)
