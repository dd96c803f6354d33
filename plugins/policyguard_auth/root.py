"""AUTH-001: access keys for the root user."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard_iam.principals.names import local_inventory, refers_to_declared

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import AccessKey, Inventory, Principal, PrincipalType, Unresolved


@check(
    id="AUTH-001",
    name="root-access-key",
    severity=Severity.CRITICAL,
    targets=(AccessKey,),
    tags=("auth", "root", "credentials"),
    cwe=(250, 798),
    compliance=("cis-aws:1.4", "aws-fsbp:IAM.4"),
)
def root_access_key(key: AccessKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags access keys declared for the root user: keys whose user is `root` and no IAM user
    of that name is declared.

    ## Why is this bad?
    The root user can do everything in the account, including closing it, and no IAM policy
    or permissions boundary limits it (only SCPs do, in member accounts). A root access key
    that leaks through a laptop, a CI variable or a repository is a complete and
    unrestricted takeover. AWS recommends that the root user has no access keys at all.

    ## Example
    ```hcl
    resource "aws_iam_access_key" "admin" {
      user = "root"
    }
    ```
    ```yaml
    AdminKey:
      Type: AWS::IAM::AccessKey
      Properties:
        UserName: root
    ```
    Use instead: delete the key; automation assumes a role with the permissions it needs.
    ```hcl
    resource "aws_iam_role" "automation" {
      assume_role_policy = data.aws_iam_policy_document.automation_trust.json
    }
    ```

    ## Known problems
    IAM acts on the root user's keys only when the root user itself calls `CreateAccessKey`
    without a user name; a template naming the user `root` either fails or creates a key for
    an IAM user called `root` declared elsewhere. Either way it shows an intent to give the
    root user a key, and the finding stands. A user name not resolved statically (a variable, a
    parameter) could be `root`: the finding then has low confidence. A user name that refers
    to a declared resource is never the root user.

    ## References
    - [AWS IAM: root user best practices](https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html)
    - [AWS Security Hub IAM.4](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4)
    - [CIS AWS Foundations Benchmark v3.0.0, 1.4](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    """
    if key.user_address is not None or not key.may_be_active:
        return
    value = key.user.value
    if isinstance(value, Unresolved):
        if not refers_to_declared(value, key.resource, inventory) and value.may_equal("root"):
            yield Finding.at(
                key.user,
                f"{key.describe()} may be an access key of the root user: its user is not "
                f"resolved statically: {value}",
                evidence="root",
                confidence=Confidence.LOW,
            )
        return
    if value.lower() == "root" and not _declared_user(
        value, local_inventory(inventory, key.resource)
    ):
        yield Finding.at(
            key.user, f"{key.describe()} is an access key of the root user.", evidence="root"
        )


def _declared_user(name: str, inventory: Inventory) -> bool:
    return any(
        p.type is PrincipalType.USER and p.name is not None and p.name.known() == name
        for p in inventory.of_type(Principal)
    )
