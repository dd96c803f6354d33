"""S3-023: buckets that serve a static website."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3Bucket


@check(
    id="S3-023",
    name="bucket-website-hosting-enabled",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "exposure", "tls"),
    cwe=(319,),
)
def bucket_website_hosting_enabled(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags buckets with static website hosting that serves objects. A website configuration
    that only redirects every request to another host serves nothing and is not flagged.

    ## Why is this bad?
    The website endpoint answers anonymous requests only, so hosting requires making the
    objects public, and it speaks plain HTTP only: visitors can be served tampered content by
    anyone on the network path, and anything uploaded by mistake is readable by the world. A
    website configuration on a bucket that is not public yet invites someone to "fix" the
    403 errors by opening the bucket. CloudFront with origin access control serves the same
    content over HTTPS from a private bucket.

    ## Example
    ```hcl
    resource "aws_s3_bucket_website_configuration" "site" {
      bucket = aws_s3_bucket.site.id
      index_document {
        suffix = "index.html"
      }
    }
    ```
    ```yaml
    Site:
      Type: AWS::S3::Bucket
      Properties:
        WebsiteConfiguration:
          IndexDocument: index.html
    ```
    Use instead:
    ```hcl
    resource "aws_cloudfront_origin_access_control" "site" {
      name                              = "site"
      origin_access_control_origin_type = "s3"
      signing_behavior                  = "always"
      signing_protocol                  = "sigv4"
    }
    ```
    ```yaml
    SiteAccessControl:
      Type: AWS::CloudFront::OriginAccessControl
      Properties:
        OriginAccessControlConfig:
          Name: site
          OriginAccessControlOriginType: s3
          SigningBehavior: always
          SigningProtocol: sigv4
    ```

    ## Known problems
    Whether the bucket is actually public is judged by the public-access rules, not here.
    Sites that are meant to be public and carry no sensitive data may accept the finding;
    suppress it with that reason.

    ## References
    - [Amazon S3: hosting a static website](https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html)
    - [Amazon S3: website endpoints (HTTP only)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html)
    - [Amazon CloudFront: restricting access to an Amazon S3 origin](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html)
    - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    """
    website = bucket.website
    if website is None or website.redirect_all_to is not None:
        return
    yield Finding.at(
        website.source,
        f"{bucket.describe()}: static website hosting is enabled; the website endpoint serves "
        "only anonymous requests, over plain HTTP.",
        evidence="website",
    )
