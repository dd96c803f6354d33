"""SCP-004: guardrails missing from the SCPs at the root and the OUs of a declared organization."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Inventory, Organization


@check(
    id="SCP-004",
    name="organization-guardrail-missing",
    severity=Severity.MEDIUM,
    targets=(Organization,),
    tags=("scp", "organizations", "guardrails"),
    cwe=(693,),
)
def organization_guardrail_missing(
    organization: Organization, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    For an organization declared in the scan, reports each guardrail that the SCPs attached at
    the root do not enforce, one finding per guardrail, naming the attach points (the root,
    the OUs) where it is missing: deny leaving the organization; deny stopping or deleting
    CloudTrail, AWS Config, GuardDuty and IAM Access Analyzer; deny the root user's actions;
    deny unapproved regions. An OU is covered when an SCP attached to it or above it enforces
    the guardrail; a `Deny` with conditions (exempting an administrator role) counts.

    ## Why is this bad?
    Without these guardrails anyone with administrator access in a member account can take
    the account out of the organization (and out of every control), turn off the trail and
    detectors that would record what they do next, use the root user of the account, or
    create resources in regions nobody monitors.

    ## Example
    ```hcl
    resource "aws_organizations_organization" "org" {
      feature_set = "ALL"
    }
    ```
    ```yaml
    Organization:
      Type: AWS::Organizations::Organization
      Properties:
        FeatureSet: ALL
    ```
    Use instead:
    ```hcl
    resource "aws_organizations_policy" "guardrails" {
      content = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect   = "Deny"
          Action   = ["organizations:LeaveOrganization", "cloudtrail:StopLogging",
                      "cloudtrail:DeleteTrail"]
          Resource = "*"
        }]
      })
    }
    resource "aws_organizations_policy_attachment" "guardrails" {
      policy_id = aws_organizations_policy.guardrails.id
      target_id = aws_organizations_organization.org.roots[0].id
    }
    ```

    ## Known problems
    SCPs attached through targets or policies not declared in the scan cannot be read; the
    findings then have low confidence. Guardrails enforced otherwise (Control Tower controls
    deployed outside the scan) are not seen.

    ## References
    - [AWS Organizations: SCP examples](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html)
    - [AWS Organizations: service control policies](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html)
    - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    """
    from policyguard_scp.guardrail_policies import missing_guardrails  # noqa: PLC0415  the engine loads only when scanning

    missing, unknown = missing_guardrails(organization, inventory)
    for guardrail, points in missing:
        names = ["the root", *points[1:]]
        message = (
            f"{organization.describe()}: no SCP enforces the guardrail to {guardrail.what} "
            f"at {', '.join(names)}"
        )
        if unknown:
            message += f" (SCPs not known statically are attached: {unknown})"
        yield Finding.at(
            organization,
            message + ".",
            evidence=f"guardrail:{guardrail.name}",
            confidence=Confidence.LOW if unknown else Confidence.HIGH,
        )
