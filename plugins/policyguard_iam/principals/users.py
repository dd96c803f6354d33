"""IAM-026 and IAM-027: IAM users, and IAM users who can sign in to the console."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import LoginProfile, Principal, PrincipalType


@check(
    id="IAM-026",
    name="iam-user-defined",
    severity=Severity.INFO,
    targets=(Principal,),
    tags=("iam", "identity"),
    cwe=(798,),
)
def iam_user_defined(user: Principal) -> Iterator[Finding]:
    """## What it does
    Reports every IAM user declared in the code (informational).

    ## Why is this bad?
    IAM users hold long-term credentials (passwords, access keys) that leak through laptops,
    CI logs and repositories and stay valid until someone rotates them. AWS recommends that
    people sign in through IAM Identity Center or another identity provider and that
    workloads use roles, which hand out temporary credentials.

    ## Example
    ```hcl
    resource "aws_iam_user" "deploy" {
      name = "deploy"
    }
    ```
    ```yaml
    Deploy:
      Type: AWS::IAM::User
    ```
    Use instead:
    ```hcl
    resource "aws_iam_role" "deploy" {
      name               = "deploy"
      assume_role_policy = data.aws_iam_policy_document.github_oidc.json
    }
    ```

    ## Known problems
    Some users are unavoidable (break-glass access, third parties that cannot assume roles);
    suppress the finding on them with a reason.

    ## References
    - [AWS IAM: require human users to use federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp)
    - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    """
    if user.type is PrincipalType.USER:
        yield Finding.at(
            user.resource,
            f"{user.describe()} is an IAM user, an identity with long-term credentials; people "
            "should sign in through federation or IAM Identity Center.",
        )


@check(
    id="IAM-027",
    name="user-console-access",
    severity=Severity.LOW,
    targets=(LoginProfile,),
    tags=("iam", "identity", "console"),
    cwe=(308,),
)
def user_console_access(profile: LoginProfile) -> Iterator[Finding]:
    """## What it does
    Reports IAM users given a console password (`aws_iam_user_login_profile`,
    `LoginProfile`).

    ## Why is this bad?
    A console password is a long-term secret that can be phished, guessed or reused from
    another breach; with it an attacker gets the user's permissions in the browser. People
    should sign in through IAM Identity Center or a federated identity provider, where
    MFA, session length and leavers are managed centrally.

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
    Use instead: remove the login profile and give the person access through IAM Identity
    Center.

    ## Known problems
    Break-glass users need a console password; suppress the finding on them with a reason.

    ## References
    - [AWS IAM: managing passwords for IAM users](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html)
    - [AWS IAM: require human users to use federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp)
    - [CWE-308](https://cwe.mitre.org/data/definitions/308.html)
    """
    yield Finding.at(
        profile,
        f"{profile.describe()} gives user {profile.user.describe()} a console password.",
        evidence=profile.user.describe(),
    )
