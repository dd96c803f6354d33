# S3-020 (bucket-versioning-disabled): versioning not configured, Suspended or Disabled.
# Buckets and their separate settings share one name.
#
# Must fail:
#   fail_not_configured     no versioning at all (off by default)
#   fail_legacy_disabled    versioning { enabled = false } inside the bucket (provider v3)
#   fail_suspended          aws_s3_bucket_versioning status = "Suspended"
#   fail_unresolved         status from a variable: low confidence
# Must pass: pass_legacy_enabled, pass_enabled, pass_object_lock (object lock keeps versioning on).

variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "fail_not_configured" {
  bucket = "records-plain"
}

resource "aws_s3_bucket" "fail_legacy_disabled" {
  bucket = "records-legacy"
  versioning {
    enabled = false
  }
}

resource "aws_s3_bucket" "fail_suspended" {
  bucket = "records-suspended"
}

resource "aws_s3_bucket_versioning" "fail_suspended" {
  bucket = aws_s3_bucket.fail_suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket" "fail_unresolved" {
  bucket = "records-variable"
}

resource "aws_s3_bucket_versioning" "fail_unresolved" {
  bucket = aws_s3_bucket.fail_unresolved.id
  versioning_configuration {
    status = var.versioning_status
  }
}

resource "aws_s3_bucket" "pass_legacy_enabled" {
  bucket = "records-legacy-enabled"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "pass_enabled" {
  bucket = "records-enabled"
}

resource "aws_s3_bucket_versioning" "pass_enabled" {
  bucket = aws_s3_bucket.pass_enabled.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "pass_object_lock" {
  bucket              = "records-locked"
  object_lock_enabled = true
}
