"""S3-027: CORS rules that let any website call the bucket."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import S3Bucket

ANY_ORIGIN = "*"


@check(
    id="S3-027",
    name="bucket-cors-any-origin",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "exposure", "cors"),
    cwe=(942,),
)
def bucket_cors_any_origin(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags CORS rules whose allowed origins include `*`, so that scripts on any website may
    read the bucket's responses (and, with `PUT`, `POST` or `DELETE`, send writes).

    ## Why is this bad?
    CORS decides which web pages a browser lets read S3 responses. With any origin allowed, a
    page on an attacker's site that a user visits can read whatever that user's browser can
    fetch from the bucket, such as content restricted by source IP (`aws:SourceIp`) to an
    office network the victim sits in. Listing the application's own origins removes that
    path.

    ## Example
    ```hcl
    resource "aws_s3_bucket_cors_configuration" "uploads" {
      bucket = aws_s3_bucket.uploads.id
      cors_rule {
        allowed_methods = ["GET", "PUT"]
        allowed_origins = ["*"]
      }
    }
    ```
    ```yaml
    Uploads:
      Type: AWS::S3::Bucket
      Properties:
        CorsConfiguration:
          CorsRules:
            - AllowedMethods: [GET, PUT]
              AllowedOrigins: ["*"]
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_cors_configuration" "uploads" {
      bucket = aws_s3_bucket.uploads.id
      cors_rule {
        allowed_methods = ["GET", "PUT"]
        allowed_origins = ["https://app.example.com"]
      }
    }
    ```
    ```yaml
    Uploads:
      Type: AWS::S3::Bucket
      Properties:
        CorsConfiguration:
          CorsRules:
            - AllowedMethods: [GET, PUT]
              AllowedOrigins: ["https://app.example.com"]
    ```

    ## Known problems
    Allowed headers of `*` are not flagged: they are AWS's own example and open nothing while
    the origins are listed. Public assets meant for any site (web fonts, a public CDN bucket)
    legitimately allow every origin for `GET`; suppress with that reason. An origin that
    cannot be resolved statically gives a finding with low confidence.

    ## References
    - [Amazon S3: using cross-origin resource sharing (CORS)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html)
    - [Amazon S3: CORS configuration elements](https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html)
    - [CWE-942](https://cwe.mitre.org/data/definitions/942.html)
    """
    name = bucket.describe()
    for rule in bucket.cors_rules:
        methods = ", ".join(m.describe() for m in rule.allowed_methods) or "no methods"
        for origin in rule.allowed_origins:
            if origin.known() == ANY_ORIGIN:
                yield Finding.at(origin, f"{name}: a CORS rule allows any origin ({methods}).")
            elif origin.is_unresolved and origin.may_be(ANY_ORIGIN):
                yield Finding.at(
                    origin,
                    f"{name}: a CORS rule's origin is not resolved statically and may be '*': "
                    f"{origin.value}.",
                    confidence=Confidence.LOW,
                )
