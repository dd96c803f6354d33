"""S3-025: KMS encryption asked for without a customer managed key, or without the key the
configuration requires."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Inventory, Located, S3Bucket, S3Object
from policyguard.model.requirements import Requirements

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


@check(
    id="S3-025",
    name="encryption-not-customer-managed-key",
    severity=Severity.LOW,
    targets=(S3Bucket, S3Object),
    tags=("s3", "encryption", "kms"),
    cwe=(311,),
)
def encryption_not_customer_managed_key(
    subject: S3Bucket | S3Object, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags encryption that asks for SSE-KMS without naming the key: a bucket whose default
    encryption is `aws:kms` (or `aws:kms:dsse`) without a KMS key, and an object uploaded or
    copied with `aws:kms` or an S3 Bucket Key but no `kms_key_id`. S3 then uses the AWS managed
    key `aws/s3` instead of a customer managed key.

    With `s3-kms = true` in `[requirements]` it also flags buckets that do not encrypt with
    SSE-KMS at all (SSE-S3, the default); with `s3-kms-keys`, buckets whose key is not one of
    those keys.

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
    A key written as the alias `alias/aws/s3` is the AWS managed key too and is flagged. Without
    `[requirements]`, SSE-S3 buckets are not flagged (see `encryption-not-configured`). A key
    required by `s3-kms-keys` is recognised by its ARN, alias ARN or id as written; a key that
    is a reference to a key created in the same code cannot be compared and gives a finding
    with low confidence, like an algorithm that cannot be resolved statically.

    ## Options
    `[requirements] s3-kms = true`: every bucket must use SSE-KMS with a customer managed
    key; `s3-kms-keys = [...]`: with one of these keys (ARNs, alias ARNs or ids).

    ## References
    - [Amazon S3: using server-side encryption with AWS KMS keys](https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html)
    - [AWS KMS: AWS managed keys and customer managed keys](https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt)
    - [CWE-311](https://cwe.mitre.org/data/definitions/311.html)
    """
    algorithm, key, bucket_key = _settings(subject)
    bucket_key_on = bucket_key is not None and bucket_key.value is True
    asks_for_kms = _asks_for_kms(algorithm) or (algorithm is None and bucket_key_on)
    if asks_for_kms and (key is None or _aws_managed(key)):
        yield _aws_managed_key_finding(subject, algorithm, key, bucket_key)
    elif isinstance(subject, S3Bucket) and inventory.requirements.s3_kms:
        yield from _required_kms(subject, algorithm, key, inventory.requirements)


def _aws_managed_key_finding(
    subject: S3Bucket | S3Object,
    algorithm: Located[str] | None,
    key: Located[str] | None,
    bucket_key: Located[bool] | None,
) -> Finding:
    message = (
        f"{subject.describe()}: server-side encryption uses the AWS managed key aws/s3, "
        "not a customer managed KMS key."
    )
    unknown = algorithm is not None and algorithm.is_unresolved
    if algorithm is not None and unknown:
        message += f" It depends on a value not resolved statically: {algorithm.value}."
    return Finding.at(
        key or algorithm or bucket_key or subject,
        message,
        evidence="aws/s3",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )


def _required_kms(
    bucket: S3Bucket,
    algorithm: Located[str] | None,
    key: Located[str] | None,
    required: Requirements,
) -> Iterator[Finding]:
    """What ``[requirements]`` asks of a bucket's encryption and the bucket does not do."""
    name = bucket.describe()
    keys = ", ".join(sorted(required.s3_kms_keys))
    wanted = f"SSE-KMS with one of {keys}" if keys else "SSE-KMS with a customer managed key"
    if not _asks_for_kms(algorithm):
        uses = algorithm.describe() if algorithm is not None else "SSE-S3, the default"
        yield Finding.at(
            algorithm or bucket,
            f"{name}: encrypts with {uses}; the configuration requires {wanted}.",
            evidence="required-kms",
        )
    elif required.s3_kms_keys and key is not None:
        written = key.known()
        if written is None:
            yield Finding.at(
                key,
                f"{name}: its KMS key {key.describe()} is not resolved statically; the "
                f"configuration requires {wanted}.",
                evidence="required-kms-key",
                confidence=Confidence.LOW,
            )
        elif not _is_one_of(written, required.s3_kms_keys):
            yield Finding.at(
                key,
                f"{name}: encrypts with the KMS key {written}; the configuration requires "
                f"{wanted}.",
                evidence=f"required-kms-key:{written}",
            )


def _is_one_of(key: str, allowed: frozenset[str]) -> bool:
    """Whether a key as written (ARN, alias ARN, alias or id) names one of ``allowed``."""
    tail = key.rsplit(":", 1)[-1].removeprefix("key/")
    return key in allowed or any(a.rsplit(":", 1)[-1].removeprefix("key/") == tail for a in allowed)


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
