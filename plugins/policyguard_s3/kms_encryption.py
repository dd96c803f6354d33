"""S3-025: KMS encryption asked for without a customer managed key."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Located, S3Bucket, S3Object

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


@check(
    id="S3-025",
    name="encryption-not-customer-managed-key",
    severity=Severity.LOW,
    targets=(S3Bucket, S3Object),
    tags=("s3", "encryption", "kms"),
    cwe=(311,),
)
def encryption_not_customer_managed_key(subject: S3Bucket | S3Object) -> Iterator[Finding]:
    """## What it does
    Flags encryption that asks for SSE-KMS without naming the key: a bucket whose default
    encryption is `aws:kms` (or `aws:kms:dsse`) without a KMS key, and an object uploaded or
    copied with `aws:kms` or an S3 Bucket Key but no `kms_key_id`. S3 then uses the AWS managed
    key `aws/s3` instead of a customer managed key.

    ## Why is this bad?
    The configuration asks for KMS to get control over who can decrypt, but the AWS managed
    key's policy cannot be changed: every principal of the account with S3 read access can
    decrypt, the key cannot be shared with another account (cross-account readers and
    replication fail), cannot be disabled to cut off access in an incident, and its use
    cannot be limited by key policy conditions.

    ## Example
    ```hcl
    resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
      bucket = aws_s3_bucket.records.id
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm = "aws:kms"
        }
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
    ```

    ## Known problems
    A key written as the alias `alias/aws/s3` is the AWS managed key too and is flagged. A
    project that requires one particular key for every bucket cannot say so yet: a key other
    than the one required is not found. SSE-S3 buckets are not flagged (see
    `encryption-not-configured`). An algorithm that cannot be resolved statically gives a
    finding with low confidence.

    ## References
    - [Amazon S3: using server-side encryption with AWS KMS keys](https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html)
    - [AWS KMS: AWS managed keys and customer managed keys](https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt)
    - [CWE-311](https://cwe.mitre.org/data/definitions/311.html)
    """
    algorithm, key, bucket_key = _settings(subject)
    bucket_key_on = bucket_key is not None and bucket_key.value is True
    if not (_asks_for_kms(algorithm) or (algorithm is None and bucket_key_on)):
        return
    if key is not None and not _aws_managed(key):
        return
    message = (
        f"{subject.describe()}: server-side encryption uses the AWS managed key aws/s3, "
        "not a customer managed KMS key."
    )
    unknown = algorithm is not None and algorithm.is_unresolved
    if algorithm is not None and unknown:
        message += f" It depends on a value not resolved statically: {algorithm.value}."
    yield Finding.at(
        key or algorithm or bucket_key,
        message,
        evidence="aws/s3",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )


def _settings(
    subject: S3Bucket | S3Object,
) -> tuple[Located[str] | None, Located[str] | None, Located[bool] | None]:
    """The algorithm, the key and the S3 Bucket Key switch (objects only) as written."""
    if isinstance(subject, S3Object):
        return subject.server_side_encryption, subject.kms_key, subject.bucket_key
    encryption = subject.encryption
    if encryption is None:
        return None, None, None
    return encryption.algorithm, encryption.kms_key, None


def _asks_for_kms(algorithm: Located[str] | None) -> bool:
    """Whether the algorithm is, or may be, SSE-KMS."""
    return algorithm is not None and any(algorithm.may_be(name) for name in KMS_ALGORITHMS)


def _aws_managed(key: Located[str]) -> bool:
    return key.known() in ("alias/aws/s3", "aws/s3")
