"""S3-020: buckets without versioning."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3Bucket
from policyguard_s3.unresolved import depends_on_unresolved

ENABLED = "Enabled"


@check(
    id="S3-020",
    name="bucket-versioning-disabled",
    severity=Severity.MEDIUM,
    targets=(S3Bucket,),
    tags=("s3", "resilience"),
    cwe=(693,),
)
def bucket_versioning_disabled(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags buckets whose versioning is not enabled: not configured (off by default), or
    `Suspended`/`Disabled`. A bucket with object lock enabled is not flagged, since object
    lock keeps versioning on.

    ## Why is this bad?
    Without versioning an overwrite or a delete destroys the only copy of an object. Anyone
    who obtains write access to the bucket (a leaked key, a compromised build job, ransomware
    that encrypts objects in place) or a faulty deployment script can wipe its data beyond
    recovery; with versioning the previous versions stay recoverable.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "records" {
      bucket = "records"
    }
    ```
    ```yaml
    Records:
      Type: AWS::S3::Bucket
      Properties:
        VersioningConfiguration:
          Status: Suspended
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_versioning" "records" {
      bucket = aws_s3_bucket.records.id
      versioning_configuration {
        status = "Enabled"
      }
    }
    ```
    ```yaml
    Records:
      Type: AWS::S3::Bucket
      Properties:
        VersioningConfiguration:
          Status: Enabled
    ```

    ## Known problems
    A status that cannot be resolved statically gives a finding with low confidence. Buckets
    that only hold reproducible data (build caches, temporary exports) may not need
    versioning; suppress the finding there with a reason. Versioning keeps every old version,
    so pair it with a lifecycle rule that expires noncurrent versions.

    ## References
    - [Amazon S3: retaining multiple versions of objects with S3 Versioning](https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html)
    - [Amazon S3: object lock](https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html)
    """
    lock = bucket.object_lock
    if lock is not None and lock.enabled is not None and lock.enabled.value is True:
        return
    name = bucket.describe()
    status = bucket.versioning.status if bucket.versioning is not None else None
    if status is None:
        yield Finding.at(
            bucket, f"{name}: versioning is not enabled (it is off by default).", evidence="absent"
        )
    elif status.is_unresolved:
        yield depends_on_unresolved(name, "versioning", status)
    elif status.value != ENABLED:
        yield Finding.at(status, f"{name}: versioning is {status.describe()}, not {ENABLED}.")
