"""AUTH-002 and AUTH-003: console passwords written in plain text, or weak."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import LoginProfile, PasswordSource

MINIMUM_LENGTH = 14
"""The password length CIS and AWS Security Hub ask for."""


@check(
    id="AUTH-002",
    name="login-profile-plaintext-password",
    severity=Severity.HIGH,
    targets=(LoginProfile,),
    tags=("auth", "credentials", "secrets"),
    cwe=(256, 798),
)
def login_profile_plaintext_password(profile: LoginProfile) -> Iterator[Finding]:
    """## What it does
    Flags console passwords of IAM users that can be read from the code, the stack or the
    state: a literal, a plain (not `SecureString`) SSM parameter, a CloudFormation parameter
    that has a default or is not `NoEcho`, or a password Terraform generates without a
    `pgp_key` (it is then stored in plain text in the state).

    ## Why is this bad?
    Whoever can read the repository, the template in S3, the stack's parameters or the
    plan can sign in as the user. Passwords in code end up in forks, backups and CI logs and
    are never rotated. The message never repeats the password.

    ## Example
    ```yaml
    Alice:
      Type: AWS::IAM::User
      Properties:
        LoginProfile:
          Password: Winter2024!
          PasswordResetRequired: true
    ```
    ```hcl
    resource "aws_iam_user_login_profile" "alice" {
      user = aws_iam_user.alice.name  # no pgp_key: the password is in the state
    }
    ```
    Use instead:
    ```yaml
        LoginProfile:
          Password: '{{resolve:secretsmanager:alice-initial:SecretString:password}}'
          PasswordResetRequired: true
    ```

    ## Known problems
    A password computed by an expression not resolved statically is not reported.

    ## References
    - [AWS CloudFormation: AWS::IAM::User LoginProfile](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html)
    - [AWS CloudFormation: dynamic references](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html)
    - [Terraform: aws_iam_user_login_profile](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_user_login_profile)
    - [CWE-256](https://cwe.mitre.org/data/definitions/256.html)
    """
    password = profile.password
    if password is None or not password.is_plaintext:
        return
    if password.source is PasswordSource.PARAMETER:
        why = (
            "has a default written in the template"
            if password.has_default
            else "is not NoEcho, so its value shows in the stack's parameters"
        )
        message = (
            f"{profile.describe()}: the console password comes from {password.describe()}, "
            f"which {why}."
        )
    elif password.source is PasswordSource.PLAIN_REFERENCE:
        message = (
            f"{profile.describe()}: the console password is read from a plain SSM String "
            "parameter, not a SecureString."
        )
    elif password.source is PasswordSource.GENERATED:
        message = (
            f"{profile.describe()}: the generated console password is kept in plain text in "
            "the Terraform state (no pgp_key)."
        )
    else:
        message = f"{profile.describe()}: the console password is written in plain text."
    yield Finding.at(password, message, evidence=password.describe())


@check(
    id="AUTH-003",
    name="login-profile-weak-password",
    severity=Severity.MEDIUM,
    targets=(LoginProfile,),
    tags=("auth", "credentials"),
    cwe=(521,),
)
def login_profile_weak_password(profile: LoginProfile) -> Iterator[Finding]:
    """## What it does
    Flags console passwords that the user is not required to change at first sign-in, and
    literal or generated passwords shorter than 14 characters.

    ## Why is this bad?
    An initial password is known to whoever set it, and often travels by chat or e-mail;
    without a required reset it stays the user's password. A short password falls to
    guessing and to offline cracking of leaked material.

    ## Example
    ```hcl
    resource "aws_iam_user_login_profile" "alice" {
      user            = aws_iam_user.alice.name
      password_length = 10
    }
    ```
    ```yaml
    Alice:
      Type: AWS::IAM::User
      Properties:
        LoginProfile:
          Password: '{{resolve:secretsmanager:alice-initial:SecretString:password}}'
    ```
    Use instead:
    ```hcl
    resource "aws_iam_user_login_profile" "alice" {
      user                    = aws_iam_user.alice.name
      password_length         = 20
      password_reset_required = true
    }
    ```

    ## Known problems
    A reset setting not resolved statically gives a finding with low confidence. The length
    of a password that comes from a parameter or a secret is not known and not judged; the
    account password policy (a later rule) enforces it when the password is set.

    ## References
    - [AWS IAM: setting a user's password](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html)
    - [CWE-521](https://cwe.mitre.org/data/definitions/521.html)
    """
    reset = profile.reset_required
    if reset is None:
        yield Finding.at(
            profile,
            f"{profile.describe()}: the user is not required to reset the initial password "
            "(password reset is off by default).",
            evidence="reset",
        )
    elif reset.value is not True:
        unresolved = reset.is_unresolved
        message = f"{profile.describe()}: the user is not required to reset the initial password."
        if unresolved:
            message += f" It depends on a value not resolved statically: {reset.value}"
        yield Finding.at(
            reset,
            message,
            evidence="reset",
            confidence=Confidence.LOW if unresolved else Confidence.HIGH,
        )
    password = profile.password
    if password is not None and password.length is not None and password.length < MINIMUM_LENGTH:
        yield Finding.at(
            password,
            f"{profile.describe()}: the {password.describe()} is shorter than "
            f"{MINIMUM_LENGTH} characters.",
            evidence="length",
        )
