"""RES-001: resource policies that let anyone in."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument, PolicyKind
from policyguard_res.exposure_findings import public_findings


@check(
    id="RES-001",
    name="resource-policy-public",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("resource-policy", "exposure"),
    cwe=(284,),
    compliance=("aws-fsbp:Lambda.1", "aws-fsbp:SNS.4", "aws-fsbp:SQS.3"),
)
def resource_policy_public(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags statements of resource policies (SNS topics, SQS queues, Lambda permissions, ECR
    repositories, secrets, Glacier vaults, OpenSearch domains, event buses, …) that allow
    everyone (`Principal: "*"`, `{"AWS": "*"}` or `NotPrincipal`) without a condition that pins
    the caller's account, organization or network.

    ## Why is this bad?
    Anyone with an AWS account, and for some services anonymous callers, can call the allowed
    actions: read a queue's messages or a secret, publish to a topic, pull or push container
    images, invoke a function. Data leaks and attackers plant data or code. Conditions such as
    `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID` or `aws:SourceVpce` restrict who
    can call and make the statement private; `aws:SourceIp` alone does not (anyone at those
    addresses gets in) and is reported with that noted.

    ## Example
    ```hcl
    resource "aws_sqs_queue_policy" "orders" {
      queue_url = aws_sqs_queue.orders.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage" }]
      })
    }
    ```
    ```yaml
    OrdersPolicy:
      Type: AWS::SQS::QueuePolicy
      Properties:
        Queues: [!Ref Orders]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: sqs:SendMessage
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.orders.arn } }
    }]
    ```

    ## Known problems
    A resource control policy in the scan that denies what a grant allows, where the
    resource deploys, is shown as related information and lowers the finding's confidence.

    A principal or condition not resolved statically that may make a statement public gives a
    finding with low confidence. Services' own public-access blocks (Lambda function URLs with
    `AWS_IAM` auth, Secrets Manager's `BlockPublicPolicy`) are not modelled. S3 bucket and KMS
    key policies are checked by the S3 and KMS rules. Security Hub Lambda.1 also fails a
    function that S3 may invoke without an `aws:SourceAccount` condition; statements naming a
    service principal are not judged here.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [IAM: the meaning of public for resource policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html)
    - [AWS Security Hub Lambda.1](https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1)
    - [AWS Security Hub SNS.4](https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-4)
    - [AWS Security Hub SQS.3](https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3)
    - [Amazon SQS: basic policy examples](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is PolicyKind.RESOURCE:
        yield from public_findings(
            policy,
            inventory,
            allows="allows everyone",
            network="at the source IP addresses its condition lists",
        )
