# S3-003 (public-access-block-disabled) fixture: public access blocks, of buckets or of the
# account, that turn a switch off: written false or left out of a declared block. Bucket and
# block share their name. The account-level block below applies to every bucket here: it
# turns RestrictPublicBuckets off (flagged) and the other three on, so a bucket switch that
# the account turns on anyway is not flagged.
#
# Must fail:
#   fail_account              the account turns restrict_public_buckets off
#   fail_restrict_off         restrict_public_buckets = false
#   fail_partial_block        only block_public_policy written: restrict_public_buckets is off
#   fail_unresolved_switch    restrict_public_buckets from a variable (low confidence)
#
# Must pass: every resource named pass_*; pass_no_block declares no block at all (S3-004's
# hygiene finding, not this rule's).

variable "restrict_buckets" {
  type = bool
}

resource "aws_s3_account_public_access_block" "fail_account" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "fail_restrict_off" {
  bucket = "restrict-off"
}

resource "aws_s3_bucket_public_access_block" "fail_restrict_off" {
  bucket                  = aws_s3_bucket.fail_restrict_off.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "fail_partial_block" {
  bucket = "partial-block"
}

resource "aws_s3_bucket_public_access_block" "fail_partial_block" {
  bucket              = aws_s3_bucket.fail_partial_block.id
  block_public_policy = true
}

resource "aws_s3_bucket" "fail_unresolved_switch" {
  bucket = "unresolved-switch"
}

resource "aws_s3_bucket_public_access_block" "fail_unresolved_switch" {
  bucket                  = aws_s3_bucket.fail_unresolved_switch.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = var.restrict_buckets
}

# ACL switches off on the bucket, but the account turns them on.
resource "aws_s3_bucket" "pass_covered_by_account" {
  bucket = "covered-by-account"
}

resource "aws_s3_bucket_public_access_block" "pass_covered_by_account" {
  bucket                  = aws_s3_bucket.pass_covered_by_account.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "pass_all_on" {
  bucket = "all-on"
}

resource "aws_s3_bucket_public_access_block" "pass_all_on" {
  bucket                  = aws_s3_bucket.pass_all_on.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "pass_no_block" {
  bucket = "no-block"
}

# The block of a bucket declared elsewhere (another stack, imported): judged on its own.
resource "aws_s3_bucket_public_access_block" "fail_block_of_an_undeclared_bucket" {
  bucket                  = "acme-legacy-uploads"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = false # the account block leaves this one off too
}

resource "aws_s3_bucket_public_access_block" "pass_block_of_an_undeclared_bucket" {
  bucket                  = "acme-legacy-archive"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
