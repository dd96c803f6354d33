"""Rules that read ``[requirements]``: what a project's standards ask beyond AWS's defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.findings import Confidence
from policyguard.model.requirements import Requirements
from policyguard.plugins import Plugins
from policyguard.scan import ScanOptions, run_scan

REQUIRED_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0f9e8d7c-aaaa-bbbb-cccc-111122223333"

TERRAFORM = f"""
resource "aws_kms_key" "ten_days" {{
  enable_key_rotation     = true
  deletion_window_in_days = 10
}}

resource "aws_s3_bucket" "plain" {{
  bucket = "acme-plain"
}}

resource "aws_s3_bucket" "locked" {{
  bucket              = "acme-locked"
  object_lock_enabled = true
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "locked" {{
  bucket = aws_s3_bucket.locked.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "{REQUIRED_KEY}"
    }}
  }}
}}

resource "aws_s3_bucket" "other_key" {{
  bucket = "acme-other-key"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "other_key" {{
  bucket = aws_s3_bucket.other_key.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/another"
    }}
  }}
}}
"""

CLOUDFORMATION = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TenDays:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      PendingWindowInDays: 10
  Plain:
    Type: AWS::S3::Bucket
  Locked:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: true
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: 0f9e8d7c-aaaa-bbbb-cccc-111122223333
  OtherKey:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt SomeKey.Arn
  SomeKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
"""

STRICT = Requirements(14, True, True, frozenset({REQUIRED_KEY}))


def findings(
    plugins: Plugins, tmp_path: Path, name: str, text: str, requirements: Requirements
) -> set[tuple[str, str, Confidence]]:
    (tmp_path / name).write_text(text)
    checks = tuple(c for c in plugins.checks if c.id in ("KMS-006", "S3-022", "S3-025"))
    options = ScanOptions((tmp_path,), tmp_path, checks, requirements=requirements)
    return {
        (
            r.rule_id,
            r.location.logical_name.rsplit(".", 1)[-1].rsplit("/", 1)[-1],
            r.finding.confidence,
        )
        for r in run_scan(options, plugins).results
    }


@pytest.mark.parametrize(
    ("name", "text", "other_key", "ten_days", "plain", "other_confidence"),
    [
        ("main.tf", TERRAFORM, "other_key", "ten_days", "plain", Confidence.HIGH),
        # a key created beside the bucket cannot be compared with the required ARN
        ("template.yaml", CLOUDFORMATION, "OtherKey", "TenDays", "Plain", Confidence.LOW),
    ],
)
def test_requirements_raise_the_bar(
    plugins: Plugins,
    tmp_path: Path,
    name: str,
    text: str,
    other_key: str,
    ten_days: str,
    plain: str,
    other_confidence: Confidence,
) -> None:
    assert findings(plugins, tmp_path, name, text, Requirements()) == set()
    assert findings(plugins, tmp_path, name, text, STRICT) == {
        ("KMS-006", ten_days, Confidence.HIGH),
        ("S3-022", plain, Confidence.HIGH),
        ("S3-022", other_key, Confidence.HIGH),
        ("S3-025", plain, Confidence.HIGH),
        ("S3-025", other_key, other_confidence),
    }
