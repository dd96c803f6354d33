"""IAM-001: identity policies that allow every action on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.model import PolicyDocument, PolicyKind, Statement
from policyguard.model.iam import Effect
from policyguard_iam.policies.grants import every_action, every_resource


@check(
    id="IAM-001",
    name="admin-access",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(269,),
    compliance=("cis-aws:1.16", "aws-fsbp:IAM.1"),
)
def admin_access(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` the action `*` on the resource `*`.

    ## Why is this bad?
    Such a statement is full administrator access: whoever holds the policy can read every
    secret, change every policy (including their own), delete audit trails and leave the
    organization. A leaked access key or a compromised workload with this policy is a
    compromised account. Least privilege means granting the actions a job needs on the
    resources it touches.

    ## Example
    ```hcl
    resource "aws_iam_policy" "deployer" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
      })
    }
    ```
    ```yaml
    Deployer:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: "*"
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::artifacts-bucket/*"
    }]
    ```

    ## Known problems
    Actions and resources are read through the IAM engine: `*:*` or any pattern that expands
    to every action in the catalog counts, and so does a resource pattern such as `arn:*` that
    covers every resource. When `Action` or `Resource` cannot be resolved statically (a
    variable, an intrinsic function) and could be `*`, the finding is reported with low
    confidence. Conditions on the
    statement do not silence it: access under conditions is still administrator access.
    Permissions boundaries and SCPs may cap the effective access; this rule judges the policy
    as written.

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [CIS AWS Foundations Benchmark v3.0.0, 1.16](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [AWS Security Hub IAM.1](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if policy.kind is not PolicyKind.IDENTITY:
        return
    for statement in policy.statements:
        finding = _admin_statement(policy, statement)
        if finding is not None:
            yield finding


def _admin_statement(policy: PolicyDocument, statement: Statement) -> Finding | None:
    if not statement.effect.may_be(Effect.ALLOW):
        return None
    action = every_action(statement.actions)
    resource = every_resource(statement.resources)
    if action is None or resource is None:
        return None
    unknown = [e for e in (statement.effect, action, resource) if e.is_unresolved]
    conditions = " under conditions" if statement.conditions or statement.unresolved else ""
    message = (
        f"{policy.describe()}: {statement.describe()} allows every action on every "
        f"resource{conditions} (administrator access)."
    )
    if unknown:
        message += " It depends on values not resolved statically: " + ", ".join(
            str(e.value) for e in unknown
        )
    return Finding.at(
        action,
        message,
        evidence=f"{policy.name}:{statement.describe()}:*:*",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
        related=(Related(resource.location, f"Resource {resource.describe()!r}"),),
    )
