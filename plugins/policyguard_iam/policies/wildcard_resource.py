"""IAM-003: actions that could be scoped to resources, granted on ``Resource: "*"``."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.model import Inventory, PolicyDocument
from policyguard_iam.policies.grants import Category, category_findings, unconstrained_grants


@check(
    id="IAM-003",
    name="wildcard-resource",
    severity=Severity.LOW,
    targets=(PolicyDocument,),
    tags=("iam", "least-privilege"),
    cwe=(732,),
)
def wildcard_resource(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` read, list or tagging actions that support
    resource-level permissions on `Resource: "*"` (`ec2:DescribeInstanceAttribute`,
    `dynamodb:Query`, `logs:GetLogEvents`, ...). Actions that work only on `"*"`
    (`sts:GetCallerIdentity`, `s3:ListAllMyBuckets`) are not flagged.

    ## Why is this bad?
    `Resource: "*"` grants the actions on every present and future resource of the account,
    including other teams' tables, logs and functions. A compromised workload can then read and
    map far more than it needs, which is where data leaks and attack planning start.

    ## Example
    ```hcl
    resource "aws_iam_policy" "reader" {
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["dynamodb:Query"], Resource = "*" }]
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
              Action: dynamodb:Query
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:Query"]
      Resource = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
    }]
    ```

    ## Known problems
    A `Deny` of the same policy that takes actions away on every resource without a condition
    is honoured; Denies in other policies of a principal count in IAM-011 and IAM-013, which
    judge its effective permissions.

    An SCP or RCP declared in the scan that denies every action of a finding, where the policy
    deploys, is shown as related information and lowers the finding's confidence; the
    finding stays, since a guardrail can be detached or exempt the principal.

    One statement gets one finding from IAM-003 to IAM-007: from the rule of the most serious
    kind of action it grants on every resource (permissions management IAM-004, credentials
    exposure IAM-006, data exfiltration IAM-007, write IAM-005, the rest this rule), and the
    message lists the others; scoping `Resource` fixes them all. `iam:PassRole` is IAM-008's,
    and a statement that IAM-001 reports as administrator access gets none of them. Action
    elements not resolved statically on `Resource: "*"` are reported here with low confidence.
    A condition on the resource's tags, account or organization that cannot hold without them
    silences the finding (see IAM-004); other conditions do not. `NotResource` statements are
    IAM-010's.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to, whose SCPs and RCPs in the
    scan are shown with a finding they neutralise; without it, only policies attached at the
    organization root count.

    ## References
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    yield from category_findings(policy, Category.OTHER, inventory)
    for grant in unconstrained_grants(policy, inventory):
        for element in grant.unknown:
            yield Finding.at(
                element,
                f"{policy.describe()}: {grant.statement.describe()} allows actions not resolved "
                f"statically ({element.describe()}) on every resource.",
                confidence=Confidence.LOW,
                related=(
                    Related(grant.resource.location, f"Resource {grant.resource.describe()!r}"),
                ),
            )
