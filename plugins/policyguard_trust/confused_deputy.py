"""TRUST-007: service roles of services whose guidance asks for source conditions."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind, Statement
from policyguard_trust.tests import restricting

GUIDED_SERVICES = frozenset(
    {
        "bedrock.amazonaws.com",
        "cognito-idp.amazonaws.com",
        "config.amazonaws.com",
        "dms.amazonaws.com",
        "iot.amazonaws.com",
        "sagemaker.amazonaws.com",
        "scheduler.amazonaws.com",
        "ssm.amazonaws.com",
    }
)
"""Service principals whose documentation tells to pin the calling resource or account in the
role's trust policy to prevent the cross-service confused deputy problem."""

_SOURCE_KEYS = ("aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths")


@check(
    id="TRUST-007",
    name="trust-service-without-source-condition",
    severity=Severity.LOW,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "confused-deputy"),
    cwe=(441,),
)
def trust_service_without_source_condition(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags role trust policies that let one of the services whose documentation asks for it
    (AWS Config, SageMaker, Systems Manager, DMS, Bedrock, EventBridge Scheduler, IoT, Cognito
    user pools) assume the role without an `aws:SourceArn`, `aws:SourceAccount` or
    `aws:SourceOrgID` condition.

    ## Why is this bad?
    The service assumes the role on behalf of whoever configures it. A customer of the service
    in another account who learns the role's ARN can point their own configuration (a Config
    recorder, a schedule, a notebook) at it, and the service, acting as a confused deputy,
    assumes your role for them. The source conditions tie the trust to your account or your
    resource. Other service roles (Lambda, EC2, ECS tasks) are not flagged, although some of
    those services document the conditions too.

    ## Example
    ```hcl
    resource "aws_iam_role" "config" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { Service = "config.amazonaws.com" }
          Action    = "sts:AssumeRole"
        }]
      })
    }
    ```
    ```yaml
    SchedulerRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { Service: scheduler.amazonaws.com }
              Action: sts:AssumeRole
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
    ```

    ## Known problems
    Only the services listed above are checked; other services that support the conditions
    are not flagged. `sts:ExternalId` is accepted for Cognito user pools, which pass one.

    ## References
    - [IAM: the confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    - [AWS Config: permissions for the IAM role](https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html)
    - [EventBridge Scheduler: execution role](https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html)
    - [CWE-441](https://cwe.mitre.org/data/definitions/441.html)
    """
    if policy.kind is not PolicyKind.TRUST:
        return
    for statement in policy.statements:
        if not statement.is_allow or _pinned(statement):
            continue
        for element in statement.principals or ():
            service = element.value
            if (
                element.kind == "Service"
                and isinstance(service, str)
                and service.casefold() in GUIDED_SERVICES
            ):
                yield Finding.at(
                    element,
                    f"{policy.describe()}: {statement.describe()} lets {service} assume "
                    "the role without an aws:SourceArn or aws:SourceAccount condition.",
                    evidence=f"{statement.describe()}:{service}",
                )


def _pinned(statement: Statement) -> bool:
    return any(restricting(statement, *_SOURCE_KEYS, "sts:ExternalId"))
