"""S3-021: buckets without server access logging."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import Inventory, S3Bucket

LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery"
LOGGING_SERVICE = "logging.s3.amazonaws.com"
LOG_DELIVERY_ACL = "log-delivery-write"


@check(
    id="S3-021",
    name="bucket-access-logging-disabled",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "logging"),
    cwe=(778,),
    compliance=("aws-fsbp:S3.9",),
)
def bucket_access_logging_disabled(bucket: S3Bucket, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags buckets without server access logging. Buckets that receive server access logs are
    not flagged: the target of another bucket's logging, a bucket with the
    `log-delivery-write` ACL or a grant to the `LogDelivery` group, and a bucket whose policy
    lets `logging.s3.amazonaws.com` write.

    ## Why is this bad?
    Server access logs record every request to the bucket, including anonymous ones and those
    refused, with the requester, source IP and object key. Without them, an exfiltration
    through a leaked key or a briefly public bucket leaves no trace of which objects were read
    and by whom (CloudTrail logs object reads only when data events are paid for). Logging a
    log bucket into itself creates an endless loop, which is why log buckets are exempt.

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
    resource "aws_s3_bucket_logging" "records" {
      bucket        = aws_s3_bucket.records.id
      target_bucket = aws_s3_bucket.access_logs.id
      target_prefix = "records/"
    }
    ```
    ```yaml
    Records:
      Type: AWS::S3::Bucket
      Properties:
        LoggingConfiguration:
          DestinationBucketName: !Ref AccessLogs
          LogFilePrefix: records/
    ```

    ## Known problems
    A log bucket configured in another stack or module is recognised only through its ACL or
    policy. CloudTrail data events for the bucket are an alternative this check does not see
    yet. Buckets that receive other logs (CloudTrail, load balancers) are flagged, since their
    reads are worth logging too.

    ## References
    - [Amazon S3: logging requests with server access logging](https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html)
    - [Amazon S3: enabling server access logging](https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)
    - [AWS Security Hub S3.9: S3 general purpose buckets should have server access logging enabled](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9)
    - [CWE-778](https://cwe.mitre.org/data/definitions/778.html)
    """
    if bucket.logging is not None or _receives_access_logs(bucket, inventory):
        return
    yield Finding.at(
        bucket, f"{bucket.describe()}: server access logging is not enabled.", evidence="absent"
    )


def _receives_access_logs(bucket: S3Bucket, inventory: Inventory) -> bool:
    return (
        _is_logging_target(bucket, inventory)
        or _log_delivery_acl(bucket)
        or _log_delivery_policy(bucket)
    )


def _is_logging_target(bucket: S3Bucket, inventory: Inventory) -> bool:
    name = bucket.name.known() if bucket.name is not None else None
    for source in inventory.of_type(S3Bucket):
        logging = source.logging
        if logging is None:
            continue
        if logging.target_address == bucket.resource.address:
            return True
        target = logging.target_bucket.known() if logging.target_bucket is not None else None
        if name is not None and target == name:
            return True
    return False


def _log_delivery_acl(bucket: S3Bucket) -> bool:
    return any(
        (acl.canned is not None and acl.canned.known() == LOG_DELIVERY_ACL)
        or any(grant.grantee.known() == LOG_DELIVERY_URI for grant in acl.grants)
        for acl in bucket.acls
    )


def _log_delivery_policy(bucket: S3Bucket) -> bool:
    statements = bucket.policy.statements if bucket.policy is not None else ()
    return any(
        statement.is_allow and principal.value == LOGGING_SERVICE
        for statement in statements
        for principal in statement.principals or ()
    )
