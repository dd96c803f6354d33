"""IAM-020 and IAM-021: administrator and other elevated AWS managed policies attached."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, PolicyAttachment, Principal
from policyguard_iam.principals.attached import AttachedArn, attached_managed_arns

ADMINISTRATOR = "AdministratorAccess"

ELEVATED = {
    "PowerUserAccess": "every action outside IAM, Organizations and Account Management",
    "IAMFullAccess": "every IAM action, enough to grant itself administrator access",
    "AWSOrganizationsFullAccess": "control of the whole organization",
    "AdministratorAccess-Amplify": "administrator access to Amplify and the services it uses",
    "AdministratorAccess-AWSElasticBeanstalk": "administrator access to Elastic Beanstalk",
}
"""AWS managed policies that grant close to administrator access, with what they grant."""


@check(
    id="IAM-020",
    name="admin-managed-policy-attached",
    severity=Severity.HIGH,
    targets=(PolicyAttachment, Principal),
    tags=("iam", "least-privilege"),
    cwe=(269,),
    compliance=("cis-aws:1.16",),
)
def admin_managed_policy_attached(
    subject: PolicyAttachment | Principal, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags the AWS managed policy `AdministratorAccess` attached to a user, group or role, by
    an attachment resource or by the principal's own list of managed policy ARNs.

    ## Why is this bad?
    `AdministratorAccess` allows every action on every resource. Whoever obtains the
    credentials of the principal (a leaked access key, a compromised CI job or instance that
    assumes the role) owns the account: they can read every secret, create backdoor users,
    turn off CloudTrail and delete data. Administrator access should be rare, short-lived and
    reached through a federated, MFA-protected role, never granted to workloads.

    ## Example
    ```hcl
    resource "aws_iam_role_policy_attachment" "deployer" {
      role       = aws_iam_role.deployer.name
      policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
    }
    ```
    ```yaml
    Deployer:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument: {...}
        ManagedPolicyArns:
          - arn:aws:iam::aws:policy/AdministratorAccess
    ```
    Use instead:
    ```hcl
    resource "aws_iam_role_policy_attachment" "deployer" {
      role       = aws_iam_role.deployer.name
      policy_arn = aws_iam_policy.deploy_app.arn  # only what the deployment needs
    }
    ```

    ## Known problems
    A policy ARN that is not resolved statically (a variable, a parameter) and could be
    `AdministratorAccess` gives a finding with low confidence. Customer managed policies that
    grant `*` on `*` are reported by IAM-001, not here.

    ## References
    - [AWS managed policy AdministratorAccess](https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html)
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [CIS AWS Foundations Benchmark v3.0.0, 1.16](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    for attached in attached_managed_arns(subject, inventory):
        if attached.name in (ADMINISTRATOR, None):
            yield _finding(attached, "AdministratorAccess (every action on every resource)")


@check(
    id="IAM-021",
    name="elevated-managed-policy-attached",
    severity=Severity.MEDIUM,
    targets=(PolicyAttachment, Principal),
    tags=("iam", "least-privilege"),
    cwe=(269,),
)
def elevated_managed_policy_attached(
    subject: PolicyAttachment | Principal, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags AWS managed policies that grant nearly administrator access (`PowerUserAccess`,
    `IAMFullAccess`, `AWSOrganizationsFullAccess`, the service `AdministratorAccess-*`
    policies) attached to a user, group or role.

    ## Why is this bad?
    `PowerUserAccess` allows every action outside IAM, Organizations and Account Management
    (`account:*`): reading every bucket and secret, deleting databases, running any compute.
    `IAMFullAccess` lets the holder attach `AdministratorAccess` to itself, so it is
    administrator access one API call away. An attacker with the principal's credentials gets
    the same reach.

    ## Example
    ```hcl
    resource "aws_iam_role" "ci" {
      name                = "ci"
      assume_role_policy  = data.aws_iam_policy_document.ci_trust.json
      managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
    }
    ```
    ```yaml
    CiRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument: {...}
        ManagedPolicyArns:
          - arn:aws:iam::aws:policy/PowerUserAccess
    ```
    Use instead:
    ```yaml
        ManagedPolicyArns:
          - !Ref DeployAppPolicy  # a customer managed policy with the actions CI needs
    ```

    ## Known problems
    A policy ARN that is not resolved statically gives a finding with low confidence. The
    list of elevated policies is fixed; other broad AWS managed policies (`*FullAccess` of a
    single service) are not reported here.

    ## References
    - [AWS managed policies for job functions](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html)
    - [AWS IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    for attached in attached_managed_arns(subject, inventory):
        if attached.name is None:
            yield _finding(attached, "an elevated AWS managed policy")
        elif attached.name in ELEVATED:
            yield _finding(attached, f"{attached.name} ({ELEVATED[attached.name]})")


def _finding(attached: AttachedArn, what: str) -> Finding:
    message = f"{attached.owner} attaches {what}."
    if attached.name is None:
        message = (
            f"{attached.owner} attaches a policy not resolved statically that may be {what}: "
            f"{attached.element.value}"
        )
    return Finding.at(
        attached.element,
        message,
        evidence=str(attached.element.value),
        confidence=attached.confidence,
    )
