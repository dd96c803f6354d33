"""RES-005: statements of resource-based policies without ``Principal``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind

_KINDS = (PolicyKind.RESOURCE, PolicyKind.BUCKET, PolicyKind.KEY)


@check(
    id="RES-005",
    name="resource-policy-missing-principal",
    severity=Severity.LOW,
    targets=(PolicyDocument,),
    tags=("resource-policy", "validation"),
    cwe=(1284,),
)
def resource_policy_missing_principal(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags statements of resource-based policies (of any service, S3 bucket and KMS key
    policies included) that have neither `Principal` nor `NotPrincipal`.

    ## Why is this bad?
    A resource-based policy must say whom it applies to. AWS rejects such a policy
    (`MalformedPolicyDocument`), so the deployment fails or, when the template is fixed in a
    hurry with `Principal: "*"`, the resource becomes public. An identity policy pasted as a
    resource policy is the usual cause: the author expected the statement to apply to the
    caller's own identity.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      policy = jsonencode({
        Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }]
      })
    }
    ```
    ```yaml
    QueuePolicy:
      Type: AWS::SQS::QueuePolicy
      Properties:
        Queues: [!Ref Queue]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt Queue.Arn
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
    ```

    ## Known problems
    A statement that could not be read entirely (a principal built from an expression) is
    flagged with low confidence.

    ## References
    - [IAM: Principal element](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    - [CWE-1284](https://cwe.mitre.org/data/definitions/1284.html)
    """
    if policy.kind not in _KINDS:
        return
    for statement in policy.statements:
        if statement.principals is not None or statement.not_principals is not None:
            continue
        unknown = bool(statement.unresolved)
        message = f"{policy.describe()}: {statement.describe()} has no Principal"
        if unknown:
            message += " as far as it could be read (parts are not resolved statically)"
        yield Finding.at(
            statement,
            message + "; a resource-based policy must name one.",
            evidence=f"{statement.describe()}:no-principal",
            confidence=Confidence.LOW if unknown else Confidence.HIGH,
        )
