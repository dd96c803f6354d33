"""S3-001: buckets made public by an explicit ACL."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Related, Severity, check
from policyguard.model import S3Bucket
from policyguard.model.s3 import ALL_USERS_URI, AUTHENTICATED_USERS_URI
from policyguard.model.values import Located

PUBLIC_CANNED_ACLS = {
    "public-read": "everyone can list and read objects",
    "public-read-write": "everyone can list, read and write objects",
    "authenticated-read": "every AWS account can list and read objects",
}
PUBLIC_GRANTEES = {ALL_USERS_URI: "everyone", AUTHENTICATED_USERS_URI: "every AWS account"}
ACLS_DISABLED = "BucketOwnerEnforced"


@check(
    id="S3-001",
    name="bucket-public-acl",
    severity=Severity.HIGH,
    targets=(S3Bucket,),
    tags=("s3", "exposure"),
    cwe=(732,),
    compliance=("aws-fsbp:S3.2", "aws-fsbp:S3.3"),
)
def bucket_public_acl(bucket: S3Bucket) -> Iterator[Finding]:
    """## What it does
    Flags buckets whose ACL grants access to everyone or to every AWS account. The grant is
    a canned ACL (`public-read`, `public-read-write`, `authenticated-read`) or an explicit
    grant to the `AllUsers` or `AuthenticatedUsers` group; it does not count when the bucket's
    public access block ignores or blocks public ACLs or its object ownership disables ACLs.

    ## Why is this bad?
    Anyone on the internet (or anyone with any AWS account, which is the same thing) can list
    and download the objects, and with write access overwrite them or plant content under your
    name. Public buckets are among the most common causes of data breaches in AWS.

    ## Example
    ```hcl
    resource "aws_s3_bucket_acl" "reports" {
      bucket = aws_s3_bucket.reports.id
      acl    = "public-read"
    }
    ```
    ```yaml
    Reports:
      Type: AWS::S3::Bucket
      Properties:
        AccessControl: PublicRead
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_ownership_controls" "reports" {
      bucket = aws_s3_bucket.reports.id
      rule {
        object_ownership = "BucketOwnerEnforced"
      }
    }
    ```

    ## Known problems
    An ACL, public access block or ownership setting that cannot be resolved statically gives
    a finding with low confidence. Buckets created since April 2023 disable ACLs and block
    public ones by default, so a public ACL on such a bucket without explicit ownership and
    public access block settings is rejected at deployment; the finding is still reported,
    since the same template makes an older or imported bucket public. An account-level public
    access block is not yet taken into account. Serving a website publicly is better done
    through CloudFront with origin access control than through a public bucket.

    ## References
    - [Amazon S3: blocking public access](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    - [Amazon S3: object ownership](
      https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)
    - [AWS Foundational Security Best Practices S3.2, S3.3](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    neutralizers = _neutralizers(bucket)
    if any(setting.value is True for setting in neutralizers):
        return
    unknown = [str(s.value) for s in neutralizers if s.is_unresolved]
    for acl in bucket.acls:
        grants: list[tuple[Located[str], str]] = []
        if acl.canned is not None and _public_canned(acl.canned):
            grants.append((acl.canned, _canned_effect(acl.canned)))
        grants += [
            (
                grant.grantee,
                f"{PUBLIC_GRANTEES[str(grant.grantee.value)]} gets {grant.permission.value}",
            )
            for grant in acl.grants
            if grant.grantee.value in PUBLIC_GRANTEES
        ]
        for deciding, effect in grants:
            yield _finding(bucket, deciding, effect, unknown)


def _neutralizers(bucket: S3Bucket) -> list[Located[bool]]:
    """Settings that make ACLs harmless: ``True`` when they do, unresolved when unknown."""
    settings: list[Located[bool]] = []
    block = bucket.public_access_block
    if block is not None:
        settings += [s for s in (block.block_public_acls, block.ignore_public_acls) if s]
    ownership = bucket.object_ownership
    if ownership is not None:
        value = ownership.value
        settings.append(
            Located(
                value if not isinstance(value, str) else value == ACLS_DISABLED, ownership.location
            )
        )
    return settings


def _public_canned(canned: Located[str]) -> bool:
    return canned.is_unresolved or canned.value in PUBLIC_CANNED_ACLS


def _canned_effect(canned: Located[str]) -> str:
    if isinstance(canned.value, str):
        return f"canned ACL '{canned.value}': {PUBLIC_CANNED_ACLS[canned.value]}"
    return f"the ACL {canned.value.expression} is not resolved statically and may be public"


def _finding(bucket: S3Bucket, deciding: Located[str], effect: str, unknown: list[str]) -> Finding:
    message = f"{bucket.describe()} is public through its ACL: {effect}."
    if bucket.object_ownership is None:
        message += (
            " (Buckets created since April 2023 disable ACLs unless object ownership says"
            " otherwise, so there this ACL is rejected; on older or imported buckets it applies.)"
        )
    if unknown:
        message += " Whether a public access block or object ownership disables it is not "
        message += "resolved statically: " + ", ".join(unknown)
    related: tuple[Related, ...] = ()
    if deciding.location.logical_name != bucket.resource.address:
        related = (Related(bucket.resource.location, f"the bucket {bucket.describe()}"),)
    return Finding.at(
        deciding,
        message,
        evidence=deciding.describe(),
        confidence=Confidence.LOW if unknown or deciding.is_unresolved else Confidence.HIGH,
        related=related,
    )
