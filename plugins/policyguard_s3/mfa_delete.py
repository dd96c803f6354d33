"""S3-026: versioned buckets without MFA delete."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3Bucket
from policyguard_s3.unresolved import depends_on_unresolved
from policyguard_s3.versioning import ENABLED


@check(
    id="S3-026",
    name="bucket-mfa-delete-disabled",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "resilience", "mfa"),
    cwe=(308,),
    compliance=("cis-aws:2.1.2",),
)
def bucket_mfa_delete_disabled(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags buckets that configure versioning without MFA delete, and buckets that turn MFA
    delete on while versioning is not enabled (MFA delete works only on versioned buckets).
    Buckets that do not configure versioning at all are left to `bucket-versioning-disabled`.

    ## Why is this bad?
    Versioning keeps old object versions, but anyone with `s3:DeleteObjectVersion` and
    `s3:PutBucketVersioning` (a stolen access key is enough) can still delete every version or
    suspend versioning first. MFA delete requires a one-time code from the root user's MFA
    device for both, so stolen credentials alone cannot destroy the history.

    ## Example
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
    Use instead:
    ```hcl
    resource "aws_s3_bucket_versioning" "records" {
      bucket = aws_s3_bucket.records.id
      mfa    = "${var.root_mfa_serial} ${var.root_mfa_code}"
      versioning_configuration {
        status     = "Enabled"
        mfa_delete = "Enabled"
      }
    }
    ```

    ## Known problems
    Only the root user can enable MFA delete, through the API with a current MFA code;
    CloudFormation cannot set it, so every versioned CloudFormation bucket is flagged unless
    suppressed (enable it out of band and suppress with that reason). MFA delete cannot be
    used together with lifecycle rules and blocks automation that deletes versions; object
    lock is the automatable alternative. A value that cannot be resolved statically gives a
    low-confidence finding.

    ## References
    - [Amazon S3: configuring MFA delete](https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html)
    - [CIS AWS Foundations Benchmark v3.0.0 2.1.2: ensure MFA Delete is enabled on S3 buckets](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-308](https://cwe.mitre.org/data/definitions/308.html)
    """
    versioning = bucket.versioning
    if versioning is None:
        return
    name = bucket.describe()
    mfa, status = versioning.mfa_delete, versioning.status
    if mfa is None:
        yield Finding.at(versioning.source, f"{name}: versioning is configured without MFA delete.")
    elif mfa.is_unresolved:
        yield depends_on_unresolved(name, "MFA delete", mfa)
    elif mfa.value is not True:
        yield Finding.at(mfa, f"{name}: MFA delete is turned off.")
    elif status is None or status.known() not in (ENABLED, None):
        yield Finding.at(
            status or versioning.source,
            f"{name}: MFA delete has no effect because versioning is not enabled.",
        )
