"""SCP-003: SCPs and RCPs over the Organizations size quota."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import OrganizationPolicy


@check(
    id="SCP-003",
    name="organization-policy-too-large",
    severity=Severity.MEDIUM,
    targets=(OrganizationPolicy,),
    tags=("scp", "organizations", "validation"),
    cwe=(1284,),
)
def organization_policy_too_large(policy: OrganizationPolicy) -> Iterator[Finding]:
    """## What it does
    Flags service and resource control policies longer than the Organizations quota of 5,120
    characters, counted on the smallest JSON the document can be written as.

    ## Why is this bad?
    Organizations rejects a policy over the quota, so the deployment fails and the guardrails
    it carries (deny leaving the organization, deny turning off logging) are not in force
    while someone works around it, often by dropping statements.

    ## Example
    ```hcl
    resource "aws_organizations_policy" "guardrails" {
      content = file("everything-in-one-scp.json") # 7,000 characters
    }
    ```
    ```yaml
    Guardrails:
      Type: AWS::Organizations::Policy
      Properties:
        Type: SERVICE_CONTROL_POLICY
        Content: {Statement: [...]}  # 7,000 characters
    ```
    Use instead: split the statements over several policies (up to five per attach point),
    and shorten action lists with wildcards (`cloudtrail:Delete*`).

    ## Known problems
    Organizations counts the text as sent, white space included, so a document near the quota
    may already be rejected. Parts that cannot be resolved statically count with their known
    characters only, so the size reported is a lower bound and the excess certain.

    ## References
    - [AWS Organizations: quotas, maximum policy size](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html)
    - [CWE-1284](https://cwe.mitre.org/data/definitions/1284.html)
    """
    from policyguard.iam.validation import policy_size, size_quota  # noqa: PLC0415  the engine loads only when scanning

    quota = size_quota(policy.kind)
    size = policy_size(policy.document)
    if quota is None or size is None or size.characters <= quota.limit:
        return
    at_least = "" if size.complete else "at least "
    yield Finding.at(
        policy.document,
        f"{policy.describe()}: the policy is {at_least}{size.characters} characters, over the "
        f"quota of {quota.limit} for {quota.what}.",
        evidence="size",
    )
