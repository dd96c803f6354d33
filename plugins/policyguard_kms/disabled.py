"""KMS-007 and KMS-008: disabled keys, and disabled keys that declared resources still use."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.model import Inventory, KmsKey, Located, Resource


@check(
    id="KMS-007",
    name="key-disabled",
    severity=Severity.LOW,
    targets=(KmsKey,),
    tags=("kms", "availability"),
    cwe=(1188,),
)
def key_disabled(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags keys declared disabled (`is_enabled = false`, `Enabled: false`) that no other
    resource of the scan refers to. A disabled key that is still used is KMS-008.

    ## Why is this bad?
    A disabled key cannot encrypt or decrypt: data already encrypted under it is unreadable
    until someone enables it again, which is an availability outage waiting for the first
    caller, or a key that should be scheduled for deletion instead of being left behind with
    a policy that still names its administrators.

    ## Example
    ```hcl
    resource "aws_kms_key" "old" {
      is_enabled = false
    }
    ```
    ```yaml
    OldKey:
      Type: AWS::KMS::Key
      Properties:
        Enabled: false
    ```
    Use instead: enable the key (`is_enabled = true`), or schedule its deletion by removing it.

    ## Known problems
    A setting that cannot be resolved statically gives a finding with low confidence. Uses
    outside the scanned code (other stacks, applications) are not known.

    ## References
    - [AWS KMS: enabling and disabling keys](https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html)
    - [CWE-1188](https://cwe.mitre.org/data/definitions/1188.html)
    """
    if _may_be_disabled(key) and not key_users(key, inventory):
        yield _finding(key, "is disabled")


@check(
    id="KMS-008",
    name="disabled-key-in-use",
    severity=Severity.MEDIUM,
    targets=(KmsKey,),
    tags=("kms", "availability"),
    cwe=(1188,),
)
def disabled_key_in_use(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags keys declared disabled (`is_enabled = false`, `Enabled: false`) that other resources
    of the scan refer to (a bucket's default encryption, a policy's `Resource`, ...); those
    resources are given as related locations.

    ## Why is this bad?
    Every request that needs the key fails while it is disabled: writes to a bucket encrypted
    with it are refused, reads of its objects, secrets, snapshots and logs fail. Deploying a
    disabled key together with its users is an outage, or an attempt to cut off access that
    leaves the data in place.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      is_enabled = false
    }
    resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
      bucket = aws_s3_bucket.data.id
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = aws_kms_key.data.arn
        }
      }
    }
    ```
    ```yaml
    DataKey:
      Type: AWS::KMS::Key
      Properties:
        Enabled: false
    ```
    Use instead: enable the key, or point its users at a key that is enabled.

    ## Known problems
    Only references written as plain references (`aws_kms_key.data.arn`, `!GetAtt Key.Arn`,
    `!Ref Key`) in modelled settings and policies are seen. A setting that cannot be resolved
    statically gives a finding with low confidence.

    ## References
    - [AWS KMS: enabling and disabling keys](https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html)
    - [AWS KMS: key states and their effect](https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html)
    - [CWE-1188](https://cwe.mitre.org/data/definitions/1188.html)
    """
    if not _may_be_disabled(key):
        return
    users = key_users(key, inventory)
    if users:
        names = ", ".join(user.address for user in users)
        related = tuple(Related(u.location, f"{u.address} uses the key") for u in users)
        yield _finding(key, f"is disabled but used by {names}", related)


def key_users(key: KmsKey, inventory: Inventory) -> list[Resource]:
    """The other resources that refer to ``key``."""
    from policyguard_kms.references import key_users as users  # noqa: PLC0415  the engine loads only when scanning

    return users(key, inventory)


def _may_be_disabled(key: KmsKey) -> bool:
    return key.enabled is not None and key.enabled.known() is not True


def _finding(key: KmsKey, what: str, related: tuple[Related, ...] = ()) -> Finding:
    enabled = key.enabled if key.enabled is not None else key.resource
    unresolved = isinstance(enabled, Located) and enabled.is_unresolved
    message = f"{key.describe()} {what}"
    if unresolved:
        message += f" (if {enabled.describe()}, not resolved statically, is false)"
    return Finding.at(
        enabled,
        message + ".",
        evidence="disabled",
        confidence=Confidence.LOW if unresolved else Confidence.HIGH,
        related=related,
    )
