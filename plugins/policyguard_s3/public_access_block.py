"""S3-003 and S3-004: public access blocks that are turned off, and buckets that declare none."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import (
    AccountPublicAccessBlock,
    Inventory,
    PublicAccessBlock,
    S3Bucket,
    UnjoinedPublicAccessBlock,
)
from policyguard.model.values import Located
from policyguard_s3.block_switches import SWITCHES, switch_off
from policyguard_s3.scope import account_block


@check(
    id="S3-003",
    name="public-access-block-disabled",
    severity=Severity.MEDIUM,
    targets=(S3Bucket, AccountPublicAccessBlock, UnjoinedPublicAccessBlock),
    tags=("s3", "exposure"),
    cwe=(732,),
    compliance=("cis-aws:2.1.4", "aws-fsbp:S3.1", "aws-fsbp:S3.8"),
)
def public_access_block_disabled(
    subject: S3Bucket | AccountPublicAccessBlock | UnjoinedPublicAccessBlock, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags public access blocks, of a bucket or of the account, that turn a switch off:
    `BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy` or `RestrictPublicBuckets`
    written `false`, or left out of a declared block (an unwritten switch is off). A bucket
    switch that the account's block turns on anyway is not flagged.

    ## Why is this bad?
    The public access block is the guardrail that keeps one mistaken ACL or policy statement
    from publishing a bucket: with it on, S3 refuses or ignores public grants. Turning a
    switch off removes that net for the bucket (or for every bucket of the account), so the
    next `public-read` ACL or `Principal: "*"` statement, written by a person or a tool,
    exposes the data at once. Buckets meant to be public are better served through CloudFront
    with origin access control, which keeps all four switches on.

    ## Example
    ```hcl
    resource "aws_s3_bucket_public_access_block" "data" {
      bucket              = aws_s3_bucket.data.id
      block_public_acls   = false
      block_public_policy = true
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
      Properties:
        PublicAccessBlockConfiguration:
          BlockPublicAcls: false
          BlockPublicPolicy: true
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_public_access_block" "data" {
      bucket                  = aws_s3_bucket.data.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
      Properties:
        PublicAccessBlockConfiguration:
          BlockPublicAcls: true
          IgnorePublicAcls: true
          BlockPublicPolicy: true
          RestrictPublicBuckets: true
    ```

    ## Known problems
    A switch that cannot be resolved statically gives a finding with low confidence. An
    `aws_s3_bucket_public_access_block` whose bucket is not declared in the scanned code is
    judged on its own. A bucket that is public on purpose needs the switches off: suppress the
    finding with the reason.

    ## References
    - [Amazon S3: blocking public access to your storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    - [AWS Security Hub S3.1: block public access settings enabled (account level)](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1)
    - [AWS Security Hub S3.8: S3 general purpose buckets should block public access](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8)
    - [CIS AWS Foundations Benchmark v3.0.0 2.1.4](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if isinstance(subject, AccountPublicAccessBlock):
        yield from _switches_off(
            f"{subject.describe()} (every bucket of the account)", subject.block, set()
        )
        return
    block = (
        subject.block
        if isinstance(subject, UnjoinedPublicAccessBlock)
        else (subject.public_access_block)
    )
    if block is None:
        return
    account = account_block(subject.resource, inventory)
    covered = set() if account is None else _on(account.block)
    yield from _switches_off(subject.describe(), block, covered)


def _on(block: PublicAccessBlock) -> set[str]:
    return {
        name for name in SWITCHES if (s := getattr(block, name)) is not None and s.value is True
    }


def _switches_off(name: str, block: PublicAccessBlock, covered: set[str]) -> Iterator[Finding]:
    unwritten = []
    for switch, (title, effect) in SWITCHES.items():
        if switch in covered:
            continue
        setting: Located[bool] | None = getattr(block, switch)
        if setting is None:
            unwritten.append(title)
        elif setting.is_unresolved or setting.value is False:
            yield switch_off(name, title, effect, setting)
    if unwritten:
        message = (
            f"{name}: the public access block leaves {', '.join(unwritten)} unset, and a switch "
            "that a declared block does not set is off."
        )
        yield Finding.at(block.source, message, evidence=",".join(unwritten))


@check(
    id="S3-004",
    name="public-access-block-not-declared",
    severity=Severity.LOW,
    targets=(S3Bucket,),
    tags=("s3", "exposure", "hygiene"),
    cwe=(1188,),
)
def public_access_block_not_declared(bucket: S3Bucket, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags buckets for which the configuration declares no public access block, neither on the
    bucket nor for the account.

    ## Why is this bad?
    This is hygiene, not exposure: since April 2023 S3 turns all four switches on for every new
    bucket, so the bucket is not public. But a bucket created earlier or imported keeps
    whatever it had, and nothing in the code records or restores the guardrail; a later
    console change goes unnoticed by every review.
    Declaring the block makes the intent explicit and lets drift detection put it back.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "data" {
      bucket = "example-data"
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_public_access_block" "data" {
      bucket                  = aws_s3_bucket.data.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
      Properties:
        PublicAccessBlockConfiguration:
          BlockPublicAcls: true
          IgnorePublicAcls: true
          BlockPublicPolicy: true
          RestrictPublicBuckets: true
    ```

    ## Known problems
    An account-level block counts when it is declared for the same deployment account or in
    the same directory; one managed elsewhere (another repository, the console) is not seen,
    so the finding is noise there: ignore the rule in the configuration.

    ## References
    - [Amazon S3: default settings for new buckets](https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html)
    - [Amazon S3: blocking public access to your storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    """
    if bucket.public_access_block is not None or account_block(bucket.resource, inventory):
        return
    message = (
        f"{bucket.describe()} declares no public access block; it relies on the defaults of "
        "buckets created since April 2023 (all four switches on), which an older or imported "
        "bucket may not have."
    )
    yield Finding.at(bucket, message, evidence="no public access block")
