"""SCP-005: allow-list SCPs that do not allow the services the accounts under them deploy."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, Organization


@check(
    id="SCP-005",
    name="scp-allow-list-blocks-deployed-services",
    severity=Severity.LOW,
    targets=(Organization,),
    tags=("scp", "organizations", "availability"),
    cwe=(1188,),
)
def scp_allow_list_gaps(organization: Organization, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    For an organization declared in the scan, flags an allow-list SCP (an SCP whose `Allow`
    statements name services instead of `*`, attached where no `FullAWSAccess` is) that does
    not allow a service the accounts under its attach point deploy: the resources of the scan
    whose `[accounts] deployments` target lies at or below that attach point. One finding per
    attach point and service, on the SCP's first `Allow` statement, with the resources as
    related locations.

    ## Why is this bad?
    An allow-list SCP denies everything it does not name, for every principal of the accounts
    below it (administrators included). A deployment of a service it does not list fails,
    and the usual emergency fix (attaching `FullAWSAccess` again) removes the whole guardrail.

    ## Example
    ```hcl
    resource "aws_organizations_policy" "allow_list" {
      content = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["s3:*", "kms:*"], Resource = "*" }]
      })
    }
    resource "aws_lambda_function" "app" { ... } # lambda is not allowed
    ```
    ```yaml
    AllowList:
      Type: AWS::Organizations::Policy
      Properties:
        Type: SERVICE_CONTROL_POLICY
        TargetIds: [!GetAtt Organization.RootId]
        Content:
          Statement:
            - {Effect: Allow, Action: ["s3:*"], Resource: "*"}
    ```
    Use instead: add the service to the allow list (`lambda:*`), or deploy the workload to an
    account under an OU whose SCPs allow it.

    ## Known problems
    Without `[accounts] deployments` the accounts resources deploy to are not known: only
    SCPs attached at the root are checked, against every resource of the scan except the
    Organizations resources (which deploy to the management account, where SCPs do not
    apply), and the findings have low confidence. Resource types whose service is not known
    are skipped. Only the service is compared, not the individual actions a deployment needs.

    ## Options
    `[accounts] deployments` maps scanned paths to the account, OU or root they deploy to.

    ## References
    - [AWS Organizations: SCP allow-list strategy](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html)
    - [CWE-1188](https://cwe.mitre.org/data/definitions/1188.html)
    """
    from policyguard_scp.allowlist_gaps import allow_list_gaps  # noqa: PLC0415  the engine loads only when scanning

    yield from allow_list_gaps(organization, inventory)
