# S3-026 (bucket-mfa-delete-disabled): versioning configured without MFA delete, or MFA delete
# on a bucket whose versioning is not enabled.
#
# Must fail:
#   fail_legacy_no_mfa        versioning { enabled = true } (provider v3)
#   fail_legacy_mfa_false     versioning { enabled = true, mfa_delete = false }
#   fail_split_no_mfa         aws_s3_bucket_versioning without mfa_delete
#   fail_split_mfa_disabled   mfa_delete = "Disabled"
#   fail_mfa_without_versioning  mfa_delete = "Enabled" with status "Suspended"
# Must pass:
#   pass_legacy_mfa           versioning { enabled = true, mfa_delete = true }
#   pass_split_mfa            status "Enabled", mfa_delete "Enabled"
#   pass_no_versioning        versioning not configured: left to bucket-versioning-disabled

variable "mfa" {
  type = string
}

resource "aws_s3_bucket" "fail_legacy_no_mfa" {
  bucket = "records-legacy"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "fail_legacy_mfa_false" {
  bucket = "records-legacy-false"
  versioning {
    enabled    = true
    mfa_delete = false
  }
}

resource "aws_s3_bucket" "fail_split_no_mfa" {
  bucket = "records-split"
}

resource "aws_s3_bucket_versioning" "fail_split_no_mfa" {
  bucket = aws_s3_bucket.fail_split_no_mfa.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "fail_split_mfa_disabled" {
  bucket = "records-split-disabled"
}

resource "aws_s3_bucket_versioning" "fail_split_mfa_disabled" {
  bucket = aws_s3_bucket.fail_split_mfa_disabled.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}

resource "aws_s3_bucket" "fail_mfa_without_versioning" {
  bucket = "records-suspended"
}

resource "aws_s3_bucket_versioning" "fail_mfa_without_versioning" {
  bucket = aws_s3_bucket.fail_mfa_without_versioning.id
  mfa    = var.mfa
  versioning_configuration {
    status     = "Suspended"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket" "pass_legacy_mfa" {
  bucket = "records-legacy-mfa"
  versioning {
    enabled    = true
    mfa_delete = true
  }
}

resource "aws_s3_bucket" "pass_split_mfa" {
  bucket = "records-mfa"
}

resource "aws_s3_bucket_versioning" "pass_split_mfa" {
  bucket = aws_s3_bucket.pass_split_mfa.id
  mfa    = var.mfa
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket" "pass_no_versioning" {
  bucket = "scratch"
}
