"""S3-024: buckets and objects that rely on S3's default encryption."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3Bucket, S3Object


@check(
    id="S3-024",
    name="encryption-not-configured",
    severity=Severity.INFO,
    targets=(S3Bucket, S3Object),
    tags=("s3", "encryption"),
    cwe=(311,),
)
def encryption_not_configured(subject: S3Bucket | S3Object) -> Iterator[Finding]:
    """## What it does
    Notes buckets without a default encryption configuration, and objects uploaded or copied
    without server-side encryption settings. Informational: since January 2023 S3 encrypts
    every new object with SSE-S3 (AES-256) when nothing else is asked for.

    ## Why is this bad?
    It is not a weakness by itself: the data is encrypted at rest either way. Writing the
    encryption down documents the choice and is where SSE-KMS with a customer managed key is
    chosen, which adds a second permission (`kms:Decrypt`) an attacker must hold to read the
    data, an audit trail of every decryption in CloudTrail, and the ability to revoke access
    to all objects by disabling the key.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "records" {
      bucket = "records"
    }
    ```
    ```yaml
    Records:
      Type: AWS::S3::Bucket
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
      bucket = aws_s3_bucket.records.id
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = aws_kms_key.records.arn
        }
        bucket_key_enabled = true
      }
    }
    ```
    ```yaml
    Records:
      Type: AWS::S3::Bucket
      Properties:
        BucketEncryption:
          ServerSideEncryptionConfiguration:
            - ServerSideEncryptionByDefault:
                SSEAlgorithm: aws:kms
                KMSMasterKeyID: !GetAtt RecordsKey.Arn
              BucketKeyEnabled: true
    ```

    ## Known problems
    An object without its own settings takes the default encryption of its bucket, which may
    well be SSE-KMS; the note on the object only says the upload does not choose.

    ## References
    - [Amazon S3: default encryption (SSE-S3 for all new objects since January 2023)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html)
    - [Amazon S3: setting default server-side encryption for buckets](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html)
    - [CWE-311](https://cwe.mitre.org/data/definitions/311.html)
    """
    if isinstance(subject, S3Bucket):
        if subject.encryption is None:
            yield Finding.at(
                subject,
                f"{subject.describe()}: no default encryption is configured; S3 applies SSE-S3.",
                evidence="absent",
            )
    elif subject.server_side_encryption is None and subject.kms_key is None:
        yield Finding.at(
            subject,
            f"{subject.describe()}: the object sets no server-side encryption; it gets the "
            "bucket's default encryption.",
            evidence="absent",
        )
