"""AUTH-004: console users whose policies do not require MFA."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard_iam.principals.names import local_inventory, named_principals

from policyguard import Confidence, Finding, Severity, check
from policyguard.iam.holders import holders_of
from policyguard.model import Inventory, LoginProfile, PolicyDocument, PrincipalType, Statement

_MFA_KEY = "aws:multifactorauthpresent"


@check(
    id="AUTH-004",
    name="console-user-without-mfa-policy",
    severity=Severity.MEDIUM,
    targets=(LoginProfile,),
    tags=("auth", "mfa", "console"),
    cwe=(308,),
    compliance=("cis-aws:1.10", "aws-fsbp:IAM.5"),
)
def console_user_without_mfa_policy(
    profile: LoginProfile, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags IAM users with a console password none of whose policies (their own, their groups',
    attached managed policies) deny actions when `aws:MultiFactorAuthPresent` is false.

    ## Why is this bad?
    Without MFA a phished, guessed or reused password is enough to sign in with all of the
    user's permissions. IAM cannot force a user to register an MFA device, but a policy that
    denies everything except managing one's own MFA device while
    `aws:MultiFactorAuthPresent` is false makes the password alone worthless.

    ## Example
    ```hcl
    resource "aws_iam_user_login_profile" "alice" {
      user = aws_iam_user.alice.name
    }
    ```
    ```yaml
    Alice:
      Type: AWS::IAM::User
      Properties:
        LoginProfile:
          Password: '{{resolve:secretsmanager:alice-initial:SecretString:password}}'
          PasswordResetRequired: true
    ```
    Use instead: add the user to a group with a policy such as
    ```json
    {"Effect": "Deny", "NotAction": ["iam:ChangePassword", "iam:CreateVirtualMFADevice",
     "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices",
     "iam:ResyncMFADevice", "sts:GetSessionToken"], "Resource": "*",
     "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
    ```
    (`iam:ChangePassword` lets a user whose password must be reset set a new one before
    registering a device; allow the listed actions on the user's own ARN elsewhere.)

    ## Known problems
    Whether the user has an MFA device is not visible in the code; the rule looks for the
    policy that enforces it. CIS 1.10 and Security Hub IAM.5 check the device itself, so
    this rule supports those controls but does not replace them. A user not declared in the
    scanned code, or with policies that cannot be known, gives a finding with low confidence.

    ## Options
    `[accounts] deployments`: the account or OU a file deploys to; the SCPs above it cap the
    effective permissions (without it, only policies attached at the root count).

    ## References
    - [AWS IAM: allow MFA-authenticated users to manage their own credentials](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html)
    - [AWS Security Hub IAM.5](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5)
    - [AWS IAM: condition key aws:MultiFactorAuthPresent](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent)
    - [CWE-308](https://cwe.mitre.org/data/definitions/308.html)
    """
    local = local_inventory(inventory, profile.resource)
    named = named_principals(
        profile.user, profile.user_address, profile.resource, PrincipalType.USER, local
    )
    if not named.principals:
        yield Finding.at(
            profile,
            f"{profile.describe()}: user {profile.user.describe()} is not declared in the "
            "scanned code, so no policy requiring MFA is known.",
            evidence="mfa",
            confidence=Confidence.LOW,
        )
        return
    holders = holders_of(inventory)
    for user in named.principals:
        policies = holders.of(user)
        if policies is None:
            continue
        if any(_requires_mfa(document) for document in policies.identity):
            continue
        message = f"{profile.describe()}: no policy of {user.describe()} denies access without MFA."
        if not policies.complete:
            message += " Some of its policies are not known: " + ", ".join(
                value.expression for value in policies.unknown
            )
        yield Finding.at(
            profile,
            message,
            evidence="mfa",
            confidence=Confidence.HIGH if policies.complete else Confidence.LOW,
        )


def _requires_mfa(document: PolicyDocument) -> bool:
    return any(_denies_without_mfa(statement) for statement in document.statements)


def _denies_without_mfa(statement: Statement) -> bool:
    """A ``Deny`` that applies when ``aws:MultiFactorAuthPresent`` is false or absent."""
    if statement.is_allow:
        return False
    for condition in statement.conditions:
        if condition.key.lower() != _MFA_KEY:
            continue
        values = {str(value.value).lower() for value in condition.values}
        operator = condition.operator.removeprefix("ForAnyValue:").removeprefix("ForAllValues:")
        if operator in ("Bool", "BoolIfExists") and "false" in values:
            return True
        if operator == "Null" and "true" in values:
            return True
    return False
