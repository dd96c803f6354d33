# S3-004 (public-access-block-not-declared) fixture: buckets for which nothing declares a
# public access block, neither on the bucket nor for the account (hygiene: since April 2023
# new buckets get all four switches on by default).
#
# Must fail: fail_no_block, fail_legacy_bucket.
# Must pass: pass_with_block (its own block, even one with switches off: that is S3-003).

resource "aws_s3_bucket" "fail_no_block" {
  bucket = "no-block"
}

resource "aws_s3_bucket" "fail_legacy_bucket" {
  bucket = "legacy"
  acl    = "private"
}

resource "aws_s3_bucket" "pass_with_block" {
  bucket = "with-block"
}

resource "aws_s3_bucket_public_access_block" "pass_with_block" {
  bucket                  = aws_s3_bucket.pass_with_block.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}
