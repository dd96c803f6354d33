"""IAM-002: ``Allow`` of every action, or of every action of a service."""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Element, PolicyDocument, PolicyKind
from policyguard.model.values import Unresolved
from policyguard_iam.policies.grants import allows, denied_everywhere, is_admin

_SERVICE_WILDCARD = re.compile(r"(?:\*|[a-z0-9-]+):\*", re.IGNORECASE)


@check(
    id="IAM-002",
    name="wildcard-action",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(269,),
    compliance=("aws-fsbp:IAM.21",),
)
def wildcard_action(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` the action `*` or every action of a service
    (`s3:*`, `iam:*`).

    ## Why is this bad?
    A service wildcard grants every action the service has and every action AWS adds to it later:
    `s3:*` includes `s3:PutBucketPolicy` (make the bucket public) and `s3:DeleteBucket`, `iam:*`
    is administrator access in disguise. The holder can do far more than the job needs, and a
    leaked credential can too.

    ## Example
    ```hcl
    resource "aws_iam_policy" "artifacts" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::artifacts/*" }]
      })
    }
    ```
    ```yaml
    Artifacts:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:*
              Resource: arn:aws:s3:::artifacts/*
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::artifacts/*"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    Partial wildcards (`s3:Get*`) are not flagged. A statement that IAM-001 reports (every action
    on every resource) is not reported again. With `Resource: "*"` the same statement is also
    reported by the rules about what it grants on every resource (IAM-003 to IAM-008): scoping
    the actions and scoping the resources are separate fixes. An action element not resolved
    statically that could be a wildcard is reported with low confidence; conditions do not
    silence the finding.

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [AWS Security Hub IAM.21](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    from policyguard.iam.catalog import load_catalog

    if policy.kind is not PolicyKind.IDENTITY:
        return
    denied = denied_everywhere(policy)
    catalog = load_catalog()
    for statement in policy.statements:
        if not allows(statement) or is_admin(statement):
            continue
        for element in statement.actions or ():
            if not _may_be_wildcard(element) or (
                isinstance(element.value, str) and catalog.expand(element.value) <= denied
            ):
                continue
            low = element.is_unresolved or statement.effect.is_unresolved
            message = (
                f"{policy.describe()}: {statement.describe()} allows "
                f"{'every action' if element.may_be('*') else 'every action of a service'} "
                f"({element.describe()})."
            )
            if low:
                message += " It depends on values not resolved statically."
            yield Finding.at(
                element,
                message,
                evidence=f"{policy.name}:{statement.describe()}:{element.describe()}",
                confidence=Confidence.LOW if low else Confidence.HIGH,
            )


def _may_be_wildcard(element: Element) -> bool:
    value = element.value
    if isinstance(value, str):
        return value == "*" or _SERVICE_WILDCARD.fullmatch(value) is not None
    return value.may_equal("*") or _may_be_service_wildcard(value)


def _may_be_service_wildcard(value: Unresolved) -> bool:
    first = value.parts[0]
    if first is None or ":" not in first:
        return False
    return value.may_equal(first.split(":", 1)[0] + ":*")
