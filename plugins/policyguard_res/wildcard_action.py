"""RES-003: resource policies that allow every action, of all services or of one."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind
from policyguard_res.wildcards import wildcard_action_findings


@check(
    id="RES-003",
    name="resource-policy-wildcard-action",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("resource-policy", "least-privilege"),
    cwe=(732,),
)
def resource_policy_wildcard_action(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags `Allow` statements of resource policies of other services (SNS, SQS, Lambda, ECR,
    Secrets Manager, OpenSearch, CloudWatch Logs, …) whose `Action` is `*` or every action of a
    service (`sqs:*`).

    ## Why is this bad?
    A resource policy alone is enough for principals of the resource's own account; those of
    another account also need an identity policy of their own, which that account controls,
    not you. `sqs:*` on a queue lets the principals it names read and delete every message,
    purge the queue, change its policy and delete it; `*` on a secret lets them replace its
    value and its policy. Grants on resource policies should list the few actions the
    integration needs (`sqs:SendMessage` for an SNS subscription).

    ## Example
    ```hcl
    resource "aws_sqs_queue_policy" "jobs" {
      queue_url = aws_sqs_queue.jobs.id
      policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::111122223333:root" }
          Action    = "sqs:*"
          Resource  = aws_sqs_queue.jobs.arn
        }]
      })
    }
    ```
    ```yaml
    JobsPolicy:
      Type: AWS::SQS::QueuePolicy
      Properties:
        Queues: [!Ref Jobs]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { AWS: arn:aws:iam::111122223333:root }
              Action: "*"
              Resource: !GetAtt Jobs.Arn
    ```
    Use instead:
    ```hcl
    Action = ["sqs:SendMessage"]
    ```

    ## Known problems
    An action not resolved statically is not flagged. S3 bucket and KMS key policies are left
    to the S3 and KMS rules (the default key policy grants `kms:*` to the account by design).

    ## References
    - [IAM: Action element](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
    - [IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if policy.kind is PolicyKind.RESOURCE:
        yield from wildcard_action_findings(policy)
