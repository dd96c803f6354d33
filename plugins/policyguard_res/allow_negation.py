"""RES-004: resource policies that ``Allow`` with ``NotAction`` or ``NotPrincipal``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind
from policyguard_res.negation import allow_negations

_KINDS = (PolicyKind.RESOURCE, PolicyKind.BUCKET, PolicyKind.KEY)


@check(
    id="RES-004",
    name="resource-policy-allow-negation",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("resource-policy", "least-privilege"),
    cwe=(732,),
)
def resource_policy_allow_negation(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags `Allow` statements of resource policies (of any service, S3 bucket and KMS key
    policies included) that use `NotAction` or `NotPrincipal`.

    ## Why is this bad?
    `Allow` with `NotAction` grants every action that applies to the resource except the listed
    ones, so a topic policy meant to forbid `sns:DeleteTopic` grants `sns:SetTopicAttributes`
    and every action AWS adds later. `Allow` with `NotPrincipal` grants everyone except the listed
    principals: anonymous callers and every other AWS account. Both read as restrictions and
    act as broad grants.

    ## Example
    ```hcl
    resource "aws_sns_topic_policy" "alerts" {
      arn = aws_sns_topic.alerts.arn
      policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::111122223333:root" }
          NotAction = "sns:DeleteTopic"
          Resource  = aws_sns_topic.alerts.arn
        }]
      })
    }
    ```
    ```yaml
    AlertsPolicy:
      Type: AWS::SNS::TopicPolicy
      Properties:
        Topics: [!Ref Alerts]
        PolicyDocument:
          Statement:
            - Effect: Allow
              NotPrincipal: { AWS: arn:aws:iam::111122223333:root }
              Action: sns:Publish
              Resource: !Ref Alerts
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = ["sns:Publish", "sns:Subscribe"]
      Resource  = aws_sns_topic.alerts.arn
    }]
    ```

    ## Known problems
    A statement whose effect is not resolved statically is not flagged. `Deny` with
    `NotAction` or `NotPrincipal` is a common, safe guardrail and is not flagged.

    ## References
    - [IAM: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    - [IAM: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if policy.kind in _KINDS:
        yield from allow_negations(policy)
