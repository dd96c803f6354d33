"""S3-001: buckets that the public or other accounts can reach, by the engine's verdict."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.iam.exposure import (
    ExposingGrant,
    ExposureContext,
    ExposureKind,
    bucket_exposure,
    policy_exposure,
)
from policyguard.model import Inventory, PolicyDocument, S3Bucket
from policyguard_s3.bucket_policies import unattached_bucket_policy
from policyguard_s3.related import related_bucket
from policyguard_s3.scope import account_block, exposure_context

_AUDIENCE = {
    ExposureKind.PUBLIC: "public",
    ExposureKind.CROSS_ACCOUNT: "open to other AWS accounts",
}


@check(
    id="S3-001",
    name="bucket-public-or-cross-account",
    severity=Severity.HIGH,
    targets=(S3Bucket, PolicyDocument),
    tags=("s3", "exposure"),
    cwe=(732,),
    compliance=("aws-fsbp:S3.2", "aws-fsbp:S3.3"),
)
def bucket_public_or_cross_account(
    subject: S3Bucket | PolicyDocument, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags every ACL grant and bucket policy statement that lets the public (anyone, or every
    AWS account) or accounts outside the zone of trust reach a bucket, after the bucket's and
    the account's public access block and its object ownership. The verdict is the IAM
    engine's: a canned ACL (`public-read`, `public-read-write`, `authenticated-read`), a grant
    to the `AllUsers` or `AuthenticatedUsers` group, and a policy statement whose principal is
    `*` (or `NotPrincipal`) without a condition that pins the caller's account, organization or
    VPC all count; `BlockPublicAcls`/`IgnorePublicAcls` and `BucketOwnerEnforced` neutralise
    public ACLs, `BlockPublicPolicy`/`RestrictPublicBuckets` a public policy. Grants to named
    accounts are reported when the `[accounts]` configuration says which accounts are trusted.

    ## Why is this bad?
    Anyone on the internet (or anyone with an AWS account, which anyone can open) can list and
    download the objects, and with write access overwrite them, plant malware under your domain
    or run up your bill. Grants to foreign accounts hand your data to whoever controls those
    accounts. Public buckets are among the most common causes of data breaches on AWS.

    Decision: an explicit public ACL or policy statement is intent to be public and is
    reported unless explicit settings neutralise it. Since April 2023 a new bucket blocks
    public access and disables ACLs by default, so such a template also has to turn the public
    access block off and (for ACLs) choose `ObjectWriter` or `BucketOwnerPreferred` ownership
    before it deploys; the message says which. Older and imported buckets honour the grant as
    written. A bucket that writes no grant is not public: a missing public access block is
    hygiene (S3-004), not exposure.

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
    ```yaml
    Reports:
      Type: AWS::S3::Bucket
      Properties:
        OwnershipControls:
          Rules:
            - ObjectOwnership: BucketOwnerEnforced
    ```
    Serve public content through CloudFront with origin access control instead.

    ## Known problems
    A resource control policy in the scan that denies what a grant allows, where the
    resource deploys, is shown as related information and lowers the finding's confidence.

    A grant, principal, condition, public access block switch or ownership setting that cannot
    be resolved statically gives a finding with low confidence. Without the `[accounts]`
    configuration a grant to a named account cannot be told from the owner's own and is not
    reported. A condition on `aws:SourceIp` does not make a policy private (anyone at those
    addresses is let in) but is noted. An account-level public access block counts when it is
    declared for the same deployment account or in the same directory. Access point policies
    and object ACLs written by uploaders are not considered.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [Amazon S3: blocking public access, "The meaning of public"](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    - [Amazon S3: controlling object ownership and disabling ACLs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)
    - [Amazon S3: default settings for new buckets (April 2023)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html)
    - [AWS Security Hub S3.2, S3.3: S3 general purpose buckets should block public read and write access](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if isinstance(subject, S3Bucket):
        context = exposure_context(subject.resource, inventory)
        block = account_block(subject.resource, inventory)
        grants = bucket_exposure(subject, context, block).grants
        yield from _findings(subject.describe(), subject, grants, context, inventory)
        return
    policy = unattached_bucket_policy(subject, inventory)
    if policy is not None:
        context = ExposureContext.deployed(inventory.accounts, policy.location.path)
        grants = policy_exposure(policy, context).grants
        name = f"the bucket of {policy.describe()}"
        yield from _findings(name, None, grants, context, inventory)


def _findings(
    name: str,
    bucket: S3Bucket | None,
    grants: tuple[ExposingGrant, ...],
    context: ExposureContext,
    inventory: Inventory,
) -> Iterator[Finding]:
    """One finding per grant; an RCP that denies what a grant allows is shown with it."""
    from policyguard.iam.ceiling import neutralised_grant  # noqa: PLC0415 - engine loads late

    comparable = context.account_id is not None
    for grant in grants:
        if comparable or _beyond_doubt(grant):
            yield neutralised_grant(_finding(name, bucket, grant), inventory, grant.actions)


def _beyond_doubt(grant: ExposingGrant) -> bool:
    """Public, possibly public, or certainly cross-account: what needs no account settings."""
    return grant.most is ExposureKind.PUBLIC or grant.least is ExposureKind.CROSS_ACCOUNT


def _finding(name: str, bucket: S3Bucket | None, grant: ExposingGrant) -> Finding:
    kind = _AUDIENCE[grant.most]
    audience = grant.audience
    if grant.network_restricted:
        audience = f"everyone at the addresses of {audience}"
    if grant.certain:
        message = f"{name} is {kind}: {grant.what} lets in {audience}."
    else:
        message = f"{name} may be {kind}: {grant.what} may let in {audience}"
        message += f" ({'; '.join(grant.notes)})." if grant.notes else "."
    if bucket is None:
        message += (
            " The bucket is not declared in the scanned code; its own settings may neutralise"
            " this grant."
        )
    elif bucket.website is not None and grant.most is ExposureKind.PUBLIC:
        message += " The bucket also hosts a static website."
    if grant.requires:
        message += (
            " A bucket created since April 2023 rejects this grant unless the configuration"
            f" also sets {', '.join(grant.requires)}; an older or imported bucket honours it."
        )
    related = related_bucket(bucket, grant.location) if bucket is not None else ()
    return Finding.at(
        grant,
        message,
        evidence=grant.what,
        confidence=Confidence.HIGH if grant.certain else Confidence.LOW,
        related=related,
    )
