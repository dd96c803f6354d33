"""S3-005: public grants that explicit settings of the same bucket neutralise."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.iam.exposure import bucket_exposure
from policyguard.model import Inventory, S3Bucket
from policyguard_s3.related import related_bucket
from policyguard_s3.scope import account_block, exposure_context


@check(
    id="S3-005",
    name="public-grant-neutralised",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "exposure", "conflicting-intent"),
    cwe=(732,),
)
def public_grant_neutralised(bucket: S3Bucket, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags public grants (a public canned ACL, an ACL grant to `AllUsers` or
    `AuthenticatedUsers`, a public bucket policy statement) that the bucket's own or the
    account's public access block, or `BucketOwnerEnforced` object ownership, keeps from
    taking effect.

    ## Why is this bad?
    The configuration says two opposite things: the grant asks for public access and another
    setting forbids it. Today the bucket is private, but the grant is a loaded gun: whoever
    "fixes" the failing deployment or the unexpected 403s by relaxing the public access block
    or the ownership publishes the bucket at once. S3 also rejects a public ACL under
    `BlockPublicAcls` or `BucketOwnerEnforced`, and a public policy under `BlockPublicPolicy`,
    so such a template may not even deploy. Remove the grant, or document why it is there.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "site" {
      bucket = "example-site"
      acl    = "public-read"
    }
    resource "aws_s3_bucket_public_access_block" "site" {
      bucket             = aws_s3_bucket.site.id
      block_public_acls  = true
      ignore_public_acls = true
    }
    ```
    ```yaml
    Site:
      Type: AWS::S3::Bucket
      Properties:
        AccessControl: PublicRead
        PublicAccessBlockConfiguration:
          BlockPublicAcls: true
          IgnorePublicAcls: true
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket" "site" {
      bucket = "example-site"
    }
    ```
    ```yaml
    Site:
      Type: AWS::S3::Bucket
      Properties:
        PublicAccessBlockConfiguration:
          BlockPublicAcls: true
          IgnorePublicAcls: true
    ```

    ## Known problems
    Only explicit settings count: a bucket that relies on the defaults of buckets created
    since April 2023 gets a finding from S3-001 instead, which names the defaults that the
    grant would need changed.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [Amazon S3: blocking public access to your storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    - [Amazon S3: controlling object ownership and disabling ACLs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)
    """
    context = exposure_context(bucket.resource, inventory)
    exposure = bucket_exposure(bucket, context, account_block(bucket.resource, inventory))
    for grant in exposure.neutralised:
        message = (
            f"{bucket.describe()}: {grant.what} asks for public access ({grant.audience}), "
            f"but {'; '.join(grant.notes)}: conflicting intent."
        )
        related = related_bucket(bucket, grant.location)
        yield Finding.at(grant, message, evidence=grant.what, related=related)
