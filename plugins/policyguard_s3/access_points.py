"""S3-009: access points that turn their public access block off."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Finding, Severity, check
from policyguard.model import S3AccessPoint
from policyguard.model.values import Located
from policyguard_s3.block_switches import SWITCHES, switch_off


@check(
    id="S3-009",
    name="access-point-public-access-block-disabled",
    severity=Severity.MEDIUM,
    targets=(S3AccessPoint,),
    tags=("s3", "exposure"),
    cwe=(732,),
    compliance=("aws-fsbp:S3.19",),
)
def access_point_public_access_block_disabled(access_point: S3AccessPoint) -> Iterator[Finding]:
    """## What it does
    Flags S3 access points whose public access block turns a switch off
    (`BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy` or `RestrictPublicBuckets`
    written `false`). An access point that declares no block gets all four switches on.

    ## Why is this bad?
    An access point is a second door to the bucket's data with its own policy. With its
    public access block off, a policy that grants `Principal: "*"` on the access point makes
    the data reachable by anyone through the access point, unless the bucket's or the
    account's public access block stops it (S3 applies all three to requests through an
    access point); the access point's own block is the guardrail that does not depend on
    settings managed elsewhere. It cannot be changed after creation, so a mistake stays until
    the access point is replaced.

    ## Example
    ```hcl
    resource "aws_s3_access_point" "data" {
      bucket = aws_s3_bucket.data.id
      name   = "data"
      public_access_block_configuration {
        block_public_policy     = false
        restrict_public_buckets = false
      }
    }
    ```
    ```yaml
    DataAccessPoint:
      Type: AWS::S3::AccessPoint
      Properties:
        Bucket: !Ref Data
        PublicAccessBlockConfiguration:
          BlockPublicPolicy: false
          RestrictPublicBuckets: false
    ```
    Use instead:
    ```hcl
    resource "aws_s3_access_point" "data" {
      bucket = aws_s3_bucket.data.id
      name   = "data"
    }
    ```
    ```yaml
    DataAccessPoint:
      Type: AWS::S3::AccessPoint
      Properties:
        Bucket: !Ref Data
    ```

    ## Known problems
    A switch that cannot be resolved statically gives a finding with low confidence. A switch
    left out of a declared block is on: AWS enables every setting an access point does not
    explicitly disable. The access point's own policy is not evaluated. An access point
    restricted to a VPC is still flagged, since its block is the guardrail if the restriction
    is ever lifted by re-creation; the message says so.

    ## References
    - [Amazon S3: configuring block public access settings for access points](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html)
    - [AWS Security Hub S3.19: S3 access points should have block public access settings enabled](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-19)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    block = access_point.public_access_block
    if block is None:
        return
    vpc = " (it is restricted to a VPC)" if access_point.vpc is not None else ""
    for switch, (title, effect) in SWITCHES.items():
        setting: Located[bool] | None = getattr(block, switch)
        if setting is None or setting.value is True:
            continue
        yield switch_off(f"{access_point.describe()}{vpc}", title, _through(effect), setting)


def _through(effect: str) -> str:
    return effect.replace("bucket policy", "access point policy") + " through the access point"
