"""S3-029: buckets without a bucket policy."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3Bucket


@check(
    id="S3-029",
    name="bucket-policy-missing",
    severity=Severity.INFO,
    targets=(S3Bucket,),
    tags=("s3", "policy"),
)
def bucket_policy_missing(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Notes buckets that no bucket policy is attached to. Informational: a bucket without a
    policy is private unless its ACLs say otherwise.

    ## Why is this bad?
    It is not a weakness by itself. The bucket policy is where the guardrails that identity
    policies cannot give are written: denying plain-HTTP requests (`aws:SecureTransport`),
    limiting access to the organization or to VPC endpoints, and requiring encryption headers
    on uploads. A bucket without one has none of them; the specific missing guardrails are
    reported by their own rules, such as the TLS-only rule.

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
    resource "aws_s3_bucket_policy" "records" {
      bucket = aws_s3_bucket.records.id
      policy = data.aws_iam_policy_document.records_tls_only.json
    }
    ```
    ```yaml
    RecordsPolicy:
      Type: AWS::S3::BucketPolicy
      Properties:
        Bucket: !Ref Records
        PolicyDocument:
          Statement:
            - Effect: Deny
              Principal: "*"
              Action: "s3:*"
              Resource: [!GetAtt Records.Arn, !Sub "${Records.Arn}/*"]
              Condition:
                Bool:
                  aws:SecureTransport: false
    ```

    ## Known problems
    A policy attached in another module, stack or outside infrastructure as code is not seen,
    nor one whose `bucket` cannot be matched to the bucket (a computed name).

    ## References
    - [Amazon S3: bucket policies](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html)
    - [Amazon S3: security best practices](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html)
    """
    if bucket.policy is None:
        yield Finding.at(
            bucket, f"{bucket.describe()}: no bucket policy is attached.", evidence="absent"
        )
