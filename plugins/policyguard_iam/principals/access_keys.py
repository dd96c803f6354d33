"""IAM-028: users with more than one active access key."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import AccessKey, Inventory, PrincipalType, Unresolved
from policyguard_iam.principals.names import local_inventory, named_principals


@check(
    id="IAM-028",
    name="user-multiple-access-keys",
    severity=Severity.MEDIUM,
    targets=(AccessKey,),
    tags=("iam", "credentials"),
    cwe=(798,),
    compliance=("cis-aws:1.13",),
)
def user_multiple_access_keys(key: AccessKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags the access keys of an IAM user that has more than one active key declared.

    ## Why is this bad?
    Every access key is a long-term secret that can leak. A second active key doubles what
    must be protected and rotated, and a forgotten old key keeps working after the new one
    replaced it. AWS allows two keys only so that one can be rotated: after rotation the old
    key should be deactivated and deleted.

    ## Example
    ```hcl
    resource "aws_iam_access_key" "ci_old" {
      user = aws_iam_user.ci.name
    }
    resource "aws_iam_access_key" "ci_new" {
      user = aws_iam_user.ci.name
    }
    ```
    ```yaml
    CiKeyOld:
      Type: AWS::IAM::AccessKey
      Properties:
        UserName: !Ref Ci
    CiKeyNew:
      Type: AWS::IAM::AccessKey
      Properties:
        UserName: !Ref Ci
    ```
    Use instead:
    ```hcl
    resource "aws_iam_access_key" "ci_old" {
      user   = aws_iam_user.ci.name
      status = "Inactive"
    }
    ```

    ## Known problems
    Keys are grouped by the user they name (a reference, or the user's name); keys whose
    user is not resolved statically are not grouped. A status not resolved statically counts
    as active, with low confidence.

    ## References
    - [AWS IAM: managing access keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)
    - [CIS AWS Foundations Benchmark v3.0.0, 1.13](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    """
    if not key.may_be_active:
        return
    inventory = local_inventory(inventory, key.resource)
    user = _user_of(key, inventory)
    if user is None:
        return
    others = [
        other
        for other in inventory.of_type(AccessKey)
        if other is not key and other.may_be_active and _user_of(other, inventory) == user
    ]
    if not others:
        return
    unknown = [
        k.status.value
        for k in (key, *others)
        if k.status is not None and isinstance(k.status.value, Unresolved)
    ]
    names = ", ".join(other.describe() for other in others)
    message = f"{key.describe()} is one of several active access keys of {user}: also {names}."
    if unknown:
        message += " It depends on values not resolved statically: " + ", ".join(
            str(value) for value in unknown
        )
    yield Finding.at(
        key.resource,
        message,
        evidence=user,
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )


def _user_of(key: AccessKey, inventory: Inventory) -> str | None:
    """The declared user the key belongs to (its address), else the name as written."""
    named = named_principals(
        key.user, key.user_address, key.resource, PrincipalType.USER, inventory
    )
    if named.principals:
        return named.principals[0].describe()
    if key.user_address is not None:
        return key.user_address
    value = key.user.value
    return value if isinstance(value, str) else None
