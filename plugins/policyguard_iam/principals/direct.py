"""IAM-022 and IAM-023: policies given to users directly, and inline policies of users and
groups."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import (
    PolicyAttachment,
    PolicyResource,
    Principal,
    PrincipalType,
)
from policyguard_iam.principals.inline import inline_policy_targets

_USER = (PrincipalType.USER,)


@check(
    id="IAM-022",
    name="policy-attached-to-user",
    severity=Severity.LOW,
    targets=(PolicyAttachment, PolicyResource, Principal),
    tags=("iam", "least-privilege"),
    cwe=(269,),
    compliance=("cis-aws:1.15", "aws-fsbp:IAM.2"),
)
def policy_attached_to_user(
    subject: PolicyAttachment | PolicyResource | Principal,
) -> Iterator[Finding]:
    """## What it does
    Flags policies given to an IAM user directly: managed policies attached to a user, inline
    policies written on a user or naming one, and managed policy ARNs listed on a user.

    ## Why is this bad?
    Permissions granted user by user drift apart: nobody can tell who may do what, leavers
    keep forgotten grants, and one over-broad policy on one user goes unnoticed. Granting
    permissions to groups (or, better, to roles reached through federation) keeps them
    reviewable and removes them with the membership.

    ## Example
    ```hcl
    resource "aws_iam_user_policy_attachment" "alice" {
      user       = aws_iam_user.alice.name
      policy_arn = aws_iam_policy.deploy.arn
    }
    ```
    ```yaml
    DeployPolicy:
      Type: AWS::IAM::ManagedPolicy
      Properties:
        PolicyDocument: {...}
        Users:
          - !Ref Alice
    ```
    Use instead:
    ```hcl
    resource "aws_iam_group_policy_attachment" "deployers" {
      group      = aws_iam_group.deployers.name
      policy_arn = aws_iam_policy.deploy.arn
    }
    ```

    ## Known problems
    A user named by a value not resolved statically is still reported: the attribute or list
    that names it (`user`, `Users`) says it is a user.

    ## References
    - [AWS IAM: use groups to assign permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    - [AWS Security Hub IAM.2](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if isinstance(subject, PolicyAttachment):
        if subject.principal_type is PrincipalType.USER:
            yield Finding.at(
                subject.principal,
                f"{subject.describe()} attaches a policy directly to user "
                f"{subject.principal.describe()} instead of to a group.",
                evidence=subject.principal.describe(),
            )
    elif isinstance(subject, PolicyResource):
        for target in inline_policy_targets(subject, _USER):
            yield Finding.at(
                target.name,
                f"user {target.name.describe()} receives permissions directly, not through a "
                f"group: inline policy {subject.describe()}.",
                evidence=target.name.describe(),
            )
    elif subject.type is PrincipalType.USER:
        for document in subject.inline_policies:
            yield Finding.at(
                document,
                f"{subject.describe()} receives permissions directly, not through a group: "
                f"inline policy {document.name}.",
                evidence=document.name,
            )
        for element in subject.managed_policy_arns:
            yield Finding.at(
                element,
                f"{subject.describe()} receives permissions directly, not through a group: "
                f"managed policy {element.describe()}.",
                evidence=element.describe(),
            )


@check(
    id="IAM-023",
    name="user-or-group-inline-policy",
    severity=Severity.LOW,
    targets=(PolicyResource, Principal),
    tags=("iam", "least-privilege"),
    cwe=(269,),
)
def user_or_group_inline_policy(
    subject: PolicyResource | Principal,
) -> Iterator[Finding]:
    """## What it does
    Flags inline policies of IAM users and groups, written on the principal (`inline_policy`,
    `Policies`) or as resources of their own (`aws_iam_user_policy`, `AWS::IAM::GroupPolicy`).

    ## Why is this bad?
    An inline policy lives and dies with one principal: it cannot be reused, versioned or
    reviewed in one place, and its grants are easy to miss in an audit. Customer managed
    policies attached to groups keep the same permissions visible, versioned and shared.
    Inline policies of roles are left alone: they are the usual way to scope a role.

    ## Example
    ```hcl
    resource "aws_iam_group_policy" "ops" {
      group  = aws_iam_group.ops.name
      policy = data.aws_iam_policy_document.ops.json
    }
    ```
    ```yaml
    Ops:
      Type: AWS::IAM::Group
      Properties:
        Policies:
          - PolicyName: ops
            PolicyDocument: {...}
    ```
    Use instead:
    ```hcl
    resource "aws_iam_policy" "ops" {
      policy = data.aws_iam_policy_document.ops.json
    }
    resource "aws_iam_group_policy_attachment" "ops" {
      group      = aws_iam_group.ops.name
      policy_arn = aws_iam_policy.ops.arn
    }
    ```

    ## Known problems
    Users and groups declared outside the scanned code are reported too: the attribute or list
    that names them (`group`, `Groups`) says what they are.

    ## References
    - [AWS IAM: managed policies and inline policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if isinstance(subject, PolicyResource):
        kinds = (PrincipalType.USER, PrincipalType.GROUP)
        for target in inline_policy_targets(subject, kinds):
            yield Finding.at(
                target.name,
                f"{subject.describe()} is an inline policy of {target.type.value} "
                f"{target.name.describe()}; a managed policy can be reviewed, versioned and "
                "reused.",
                evidence=target.name.describe(),
            )
    elif subject.type in (PrincipalType.USER, PrincipalType.GROUP):
        for document in subject.inline_policies:
            yield Finding.at(
                document,
                f"{subject.type.value} {subject.describe()} has the inline policy "
                f"{document.name}; a managed policy can be reviewed, versioned and reused.",
                evidence=document.name,
            )
