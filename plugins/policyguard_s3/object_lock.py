"""S3-022: object lock configured, or required by the configuration, but not enabled."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, Located, S3Bucket
from policyguard_s3.unresolved import depends_on_unresolved


@check(
    id="S3-022",
    name="bucket-object-lock-disabled",
    severity=Severity.MEDIUM,
    targets=(S3Bucket,),
    tags=("s3", "resilience"),
    cwe=(693,),
)
def bucket_object_lock_disabled(bucket: S3Bucket, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags buckets whose configuration asks for object lock without enabling it: an object
    lock configuration that says it is not enabled, or a default retention rule on a bucket
    whose object lock is not turned on. A bucket that writes no object lock configuration is
    not flagged: whether data must be immutable is a decision per bucket, not a default, unless
    `s3-object-lock = true` in `[requirements]` asks it of every bucket.

    ## Why is this bad?
    A retention rule promises that objects cannot be deleted or overwritten for a period
    (protection against ransomware and against an insider deleting evidence, or a regulatory
    WORM requirement). When object lock is not enabled on the bucket the rule protects
    nothing: anyone with delete permission can still destroy the data, while the
    configuration suggests otherwise.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "audit" {
      bucket = "audit-records"
      object_lock_configuration {
        object_lock_enabled = "Disabled"
      }
    }
    ```
    ```yaml
    Audit:
      Type: AWS::S3::Bucket
      Properties:
        ObjectLockConfiguration:
          Rule:
            DefaultRetention:
              Mode: COMPLIANCE
              Days: 365
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket" "audit" {
      bucket              = "audit-records"
      object_lock_enabled = true
    }
    ```
    ```yaml
    Audit:
      Type: AWS::S3::Bucket
      Properties:
        ObjectLockEnabled: true
        ObjectLockConfiguration:
          ObjectLockEnabled: Enabled
          Rule:
            DefaultRetention:
              Mode: COMPLIANCE
              Days: 365
    ```

    ## Known problems
    Without `[requirements]`, buckets that need object lock but declare nothing about it are not
    found. A switch that cannot be resolved statically gives a finding with low confidence.

    ## Options
    `[requirements] s3-object-lock = true`: every bucket must enable object lock.

    ## References
    - [Amazon S3: locking objects with Object Lock](https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html)
    - [AWS CloudFormation: AWS::S3::Bucket ObjectLockConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-objectlockconfiguration.html)
    """
    lock = bucket.object_lock
    name = bucket.describe()
    if lock is None or not lock.configured:
        if inventory.requirements.s3_object_lock:
            yield from _required(bucket, lock.enabled if lock is not None else None)
        return
    enabled = lock.enabled
    if enabled is None:
        yield Finding.at(
            lock.mode or lock.source,
            f"{name}: an object lock configuration is written but object lock is not enabled.",
        )
    elif enabled.is_unresolved:
        yield depends_on_unresolved(name, "object lock", enabled)
    elif enabled.value is not True:
        yield Finding.at(enabled, f"{name}: the object lock configuration disables object lock.")


def _required(bucket: S3Bucket, enabled: Located[bool] | None) -> Iterator[Finding]:
    """A bucket without object lock where ``[requirements]`` asks every bucket for it."""
    name = bucket.describe()
    if enabled is not None and enabled.is_unresolved:
        yield depends_on_unresolved(name, "object lock", enabled)
    elif enabled is None or enabled.value is not True:
        yield Finding.at(
            enabled or bucket,
            f"{name}: object lock is not enabled; the configuration requires it of every "
            "bucket (s3-object-lock).",
            evidence="required-object-lock",
        )
