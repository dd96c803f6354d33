"""SCP-002: an organization without all features, where SCPs and RCPs cannot be used."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Organization

ALL_FEATURES = "ALL"


@check(
    id="SCP-002",
    name="organization-all-features-disabled",
    severity=Severity.MEDIUM,
    targets=(Organization,),
    tags=("scp", "organizations"),
    cwe=(1188,),
)
def organization_all_features_disabled(organization: Organization) -> Iterator[Finding]:
    """## What it does
    Flags an organization whose feature set is not `ALL` (`feature_set`, `FeatureSet` set to
    `CONSOLIDATED_BILLING`). Not written, the feature set is `ALL`.

    ## Why is this bad?
    An organization with consolidated billing only cannot use service control policies,
    resource control policies or other authorization policies: no guardrail can stop a member
    account from leaving the organization, turning off CloudTrail or using unapproved regions,
    and the management account has no control over what members do.

    ## Example
    ```hcl
    resource "aws_organizations_organization" "org" {
      feature_set = "CONSOLIDATED_BILLING"
    }
    ```
    ```yaml
    Organization:
      Type: AWS::Organizations::Organization
      Properties:
        FeatureSet: CONSOLIDATED_BILLING
    ```
    Use instead:
    ```hcl
    resource "aws_organizations_organization" "org" {
      feature_set          = "ALL"
      enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
    }
    ```

    ## Known problems
    A feature set that cannot be resolved statically gives a finding with low confidence.

    ## References
    - [AWS Organizations: enabling all features](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html)
    - [CWE-1188](https://cwe.mitre.org/data/definitions/1188.html)
    """
    feature_set = organization.feature_set
    if feature_set is None or feature_set.known() == ALL_FEATURES:
        return
    unresolved = feature_set.is_unresolved
    message = f"{organization.describe()}: the feature set is {feature_set.describe()}"
    message += (
        ", not resolved statically; service control policies need ALL."
        if unresolved
        else ", not ALL, so service control policies cannot be used."
    )
    yield Finding.at(
        feature_set,
        message,
        evidence="feature-set",
        confidence=Confidence.LOW if unresolved else Confidence.HIGH,
    )
