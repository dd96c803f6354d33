"""RES-002: resource policies that let in accounts outside the zone of trust."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.iam.exposure import ExposureKind
from policyguard.model import Inventory, PolicyDocument, PolicyKind
from policyguard_res.exposure_findings import accounts_finding
from policyguard_res.reach import exposure_context, grants, statement_exposure


@check(
    id="RES-002",
    name="resource-policy-cross-account",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("resource-policy", "exposure"),
    cwe=(284,),
)
def resource_policy_cross_account(
    policy: PolicyDocument, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags statements of resource policies of other services (SNS, SQS, Lambda, ECR, Secrets
    Manager, …) that let in principals of AWS accounts outside the zone of trust: the account
    the code deploys to, the trusted accounts and the organization of the `[accounts]`
    configuration.

    ## Why is this bad?
    A resource policy is enough for a principal of another account to use the resource: the
    other account's administrators decide who of theirs may. A forgotten vendor account, a
    typo in an account id or a decommissioned partner keeps reading the queue or publishing to
    the topic. Grants to other accounts should be deliberate: listed as trusted.

    ## Example
    ```hcl
    resource "aws_sns_topic_policy" "events" {
      arn = aws_sns_topic.events.arn
      policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::444455556666:role/reader" }
          Action    = "sns:Subscribe"
          Resource  = aws_sns_topic.events.arn
        }]
      })
    }
    ```
    ```yaml
    EventsPolicy:
      Type: AWS::SNS::TopicPolicy
      Properties:
        Topics: [!Ref Events]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { AWS: "444455556666" }
              Action: sns:Subscribe
              Resource: !Ref Events
    ```
    Use instead: list the account as trusted (`trusted_accounts` under `[accounts]`), or
    restrict the grant with `aws:PrincipalOrgID`.

    ## Known problems
    Without the account the code deploys to (`deployments`) an account named in a policy may
    be the owner's own: such findings have low confidence and say what was assumed. Public
    grants are reported by RES-001 instead. Accounts computed from values not resolved
    statically are not reported.

    ## Options
    `[accounts]`: `organization_id`, `trusted_accounts`, `deployments`.

    ## References
    - [IAM: cross-account resource access](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is not PolicyKind.RESOURCE:
        return
    context = exposure_context(policy, inventory)
    for statement in grants(policy):
        exposure = statement_exposure(policy, statement, context)
        if exposure.worst is not ExposureKind.CROSS_ACCOUNT or not exposure.accounts:
            continue
        yield accounts_finding(
            policy,
            statement,
            exposure,
            inventory,
            lets="lets in account(s) {accounts}",
            certain=exposure.kind is ExposureKind.CROSS_ACCOUNT,
        )
