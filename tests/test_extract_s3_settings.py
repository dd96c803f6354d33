"""Extraction of the S3 settings the hygiene rules read: CORS rules, website hosting, logging
targets, object lock configurations, objects, and settings that name their bucket literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.model import Inventory, S3Bucket, S3Object
from tests.conftest import Extract

TERRAFORM = """
resource "aws_s3_bucket" "logs" {
  bucket = "access-logs"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
  logging {
    target_bucket = aws_s3_bucket.logs.id
  }
  website {
    index_document = "index.html"
  }
  cors_rule {
    allowed_origins = ["*"]
    allowed_methods = ["GET"]
  }
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket_cors_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  cors_rule {
    allowed_origins = ["https://app.example.com"]
    allowed_methods = ["PUT", "POST"]
    allowed_headers = ["*"]
  }
}

resource "aws_s3_bucket_website_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  redirect_all_requests_to {
    host_name = "www.example.com"
  }
}

resource "aws_s3_bucket_policy" "by_name" {
  bucket = "access-logs"
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_s3_bucket_object_lock_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 1
    }
  }
}

resource "aws_s3_object_copy" "copy" {
  bucket             = aws_s3_bucket.logs.id
  key                = "copy"
  source             = "elsewhere/key"
  bucket_key_enabled = true
}

resource "aws_s3_bucket_object" "legacy" {
  bucket                 = "access-logs"
  key                    = "legacy"
  server_side_encryption = "aws:kms"
  kms_key_id             = "alias/records"
}
"""

CLOUDFORMATION = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: access-logs
      WebsiteConfiguration:
        RedirectAllRequestsTo:
          HostName: www.example.com
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: access-logs
      PolicyDocument:
        Statement: []
  Site:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
      WebsiteConfiguration:
        IndexDocument: index.html
      ObjectLockConfiguration:
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 1
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: ["*"]
            AllowedMethods: [GET, PUT]
            AllowedHeaders: ["*"]
"""


def _inventory(extract: Extract, tmp_path: Path, name: str, text: str) -> Inventory:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return extract(tmp_path)


def _buckets(inventory: Inventory) -> dict[str, S3Bucket]:
    return {
        b.resource.address.rsplit(".", 1)[-1].rsplit("/", 1)[-1]: b
        for b in inventory.of_type(S3Bucket)
    }


@pytest.fixture
def terraform(extract: Extract, tmp_path: Path) -> Inventory:
    return _inventory(extract, tmp_path, "main.tf", TERRAFORM)


@pytest.fixture
def cloudformation(extract: Extract, tmp_path: Path) -> Inventory:
    return _inventory(extract, tmp_path, "template.yaml", CLOUDFORMATION)


def test_terraform_cors_rules_inline_and_separate(terraform: Inventory) -> None:
    buckets = _buckets(terraform)
    [inline] = buckets["site"].cors_rules
    assert [o.value for o in inline.allowed_origins] == ["*"]
    assert inline.source.address == "aws_s3_bucket.site"
    [separate] = buckets["logs"].cors_rules
    assert [m.value for m in separate.allowed_methods] == ["PUT", "POST"]
    assert [h.value for h in separate.allowed_headers] == ["*"]
    assert separate.source.address == "aws_s3_bucket_cors_configuration.logs"


def test_terraform_website_logging_and_object_lock(terraform: Inventory) -> None:
    buckets = _buckets(terraform)
    site, logs = buckets["site"], buckets["logs"]
    assert site.website is not None and site.website.redirect_all_to is None
    assert logs.website is not None and logs.website.redirect_all_to is not None
    assert logs.website.redirect_all_to.value == "www.example.com"
    assert site.logging is not None and site.logging.target_address == "aws_s3_bucket.logs"
    assert site.object_lock is not None and site.object_lock.configured
    assert site.object_lock.enabled is not None and site.object_lock.enabled.value is True
    assert logs.object_lock is not None and logs.object_lock.configured
    assert logs.object_lock.enabled is None


def test_terraform_policy_joins_a_literal_bucket_name(terraform: Inventory) -> None:
    buckets = _buckets(terraform)
    assert buckets["logs"].policy is not None
    assert buckets["site"].policy is None


def test_terraform_objects(terraform: Inventory) -> None:
    objects = {o.resource.address: o for o in terraform.of_type(S3Object)}
    copy = objects["aws_s3_object_copy.copy"]
    assert copy.bucket_key is not None and copy.bucket_key.value is True
    assert copy.server_side_encryption is None and copy.kms_key is None
    legacy = objects["aws_s3_bucket_object.legacy"]
    assert legacy.server_side_encryption is not None
    assert legacy.server_side_encryption.value == "aws:kms"
    assert legacy.kms_key is not None and legacy.kms_key.value == "alias/records"


def test_cloudformation_settings(cloudformation: Inventory) -> None:
    buckets = _buckets(cloudformation)
    site, logs = buckets["Site"], buckets["Logs"]
    [rule] = site.cors_rules
    assert [o.value for o in rule.allowed_origins] == ["*"]
    assert [m.value for m in rule.allowed_methods] == ["GET", "PUT"]
    assert site.logging is not None and site.logging.target_address == "Resources/Logs"
    assert site.website is not None and site.website.redirect_all_to is None
    assert logs.website is not None and logs.website.redirect_all_to is not None
    assert site.object_lock is not None and site.object_lock.configured
    assert site.object_lock.enabled is None


def test_cloudformation_policy_joins_a_literal_bucket_name(cloudformation: Inventory) -> None:
    buckets = _buckets(cloudformation)
    assert buckets["Logs"].policy is not None
    assert buckets["Site"].policy is None
