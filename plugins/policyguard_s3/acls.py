"""S3-006: buckets that keep ACLs enabled, and ACL grants that hand out WRITE_ACP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import AclGrant, S3Bucket
from policyguard.model.values import Unresolved

ACLS_DISABLED: Final = "BucketOwnerEnforced"
_OWNER_ID_SOURCE: Final = "aws_canonical_user_id"
"""The data source whose id is the owner's own canonical user."""
_REWRITES_ACL: Final = frozenset({"WRITE_ACP", "FULL_CONTROL"})


@check(
    id="S3-006",
    name="bucket-acls-enabled",
    severity=Severity.MEDIUM,
    targets=(S3Bucket,),
    tags=("s3", "access-control"),
    cwe=(732,),
    compliance=("aws-fsbp:S3.12",),
)
def bucket_acls_enabled(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags buckets that re-enable ACLs, by object ownership `ObjectWriter` or
    `BucketOwnerPreferred` instead of `BucketOwnerEnforced`, and ACL grants of `WRITE_ACP`
    or `FULL_CONTROL` (which includes it) to anyone but the bucket owner where ACLs are not
    disabled. One finding per setting or grant.

    ## Why is this bad?
    With ACLs enabled, access is decided by two systems at once: every object can carry its
    own ACL, set by whoever uploads it (`ObjectWriter` even leaves the uploader as the owner),
    so one `public-read` upload publishes an object that no bucket policy review shows, and
    objects written by other accounts stay out of the bucket owner's control. A `WRITE_ACP`
    grant goes further: the grantee can rewrite the bucket's ACL, grant itself or `AllUsers`
    read and write access, or remove the owner's grants. AWS disables ACLs on every bucket
    created since April 2023 and recommends keeping them disabled, granting access through
    policies only.

    ## Example
    ```hcl
    resource "aws_s3_bucket_ownership_controls" "data" {
      bucket = aws_s3_bucket.data.id
      rule {
        object_ownership = "ObjectWriter"
      }
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
      Properties:
        OwnershipControls:
          Rules:
            - ObjectOwnership: BucketOwnerPreferred
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_ownership_controls" "data" {
      bucket = aws_s3_bucket.data.id
      rule {
        object_ownership = "BucketOwnerEnforced"
      }
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
      Properties:
        OwnershipControls:
          Rules:
            - ObjectOwnership: BucketOwnerEnforced
    ```

    ## Known problems
    An ownership setting or grantee that cannot be resolved statically gives a finding with
    low confidence (the owner's own id from the `aws_canonical_user_id` data source is
    recognised). A bucket that declares no ownership but writes a public ACL is reported by
    S3-001, which names the settings a new bucket needs changed. CloudFormation declares
    bucket ACLs only as canned ACLs, none of which grants `WRITE_ACP`. Server access logging
    through the log delivery group's ACL needs ACLs; grant the logging service principal in
    the bucket policy instead.

    ## References
    - [Amazon S3: controlling ownership of objects and disabling ACLs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)
    - [Amazon S3: access control list overview, permissions](https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html)
    - [AWS Security Hub S3.12: ACLs should not be used to manage user access to S3 general purpose buckets](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-12)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    ownership = bucket.object_ownership
    name = bucket.describe()
    if ownership is not None:
        value = ownership.value
        if value == ACLS_DISABLED:
            return
        if isinstance(value, Unresolved):
            message = (
                f"{name}: object ownership {value.expression} is not resolved statically; "
                f"unless it is {ACLS_DISABLED}, ACLs are enabled."
            )
            yield Finding.at(ownership, message, evidence="ownership", confidence=Confidence.LOW)
        else:
            message = f"{name}: object ownership {value} keeps ACLs enabled."
            yield Finding.at(ownership, message, evidence="ownership")
    for acl in bucket.acls:
        for grant in acl.grants:
            if grant.permission.value in _REWRITES_ACL and not _is_owner(grant):
                yield _write_acp(bucket, grant)


def _is_owner(grant: AclGrant) -> bool:
    value = grant.grantee.value
    return isinstance(value, Unresolved) and _OWNER_ID_SOURCE in value.expression


def _write_acp(bucket: S3Bucket, grant: AclGrant) -> Finding:
    grantee = grant.grantee.describe()
    permission = grant.permission.describe()
    unknown = grant.grantee.is_unresolved
    message = (
        f"{bucket.describe()} grants {permission} to {grant.grantee_type or 'a grantee'} "
        f"{grantee}, which can then rewrite the bucket's ACL"
    )
    message += " (the grantee is not resolved statically)." if unknown else "."
    return Finding.at(
        grant,
        message,
        evidence=f"{permission} {grantee}",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )
