# S3-009 (access-point-public-access-block-disabled) fixture: access points whose public
# access block turns a switch off.
#
# Must fail: fail_all_off (four switches false), fail_policy_off (block_public_policy false,
#            in a VPC), fail_unresolved (a switch from a variable: low confidence).
# Must pass: pass_all_on, pass_missing (no block: all four on), pass_partial (unwritten
#            switches default to true in the provider).

variable "block_policy" {
  type = bool
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_access_point" "fail_all_off" {
  bucket = aws_s3_bucket.data.id
  name   = "all-off"
  public_access_block_configuration {
    block_public_acls       = false
    ignore_public_acls      = false
    block_public_policy     = false
    restrict_public_buckets = false
  }
}

resource "aws_s3_access_point" "fail_policy_off" {
  bucket = aws_s3_bucket.data.id
  name   = "policy-off"
  public_access_block_configuration {
    block_public_policy = false
  }
  vpc_configuration {
    vpc_id = "vpc-0123456789abcdef0"
  }
}

resource "aws_s3_access_point" "fail_unresolved" {
  bucket = aws_s3_bucket.data.id
  name   = "unresolved"
  public_access_block_configuration {
    block_public_policy = var.block_policy
  }
}

resource "aws_s3_access_point" "pass_all_on" {
  bucket = aws_s3_bucket.data.id
  name   = "all-on"
  public_access_block_configuration {
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = true
    restrict_public_buckets = true
  }
}

resource "aws_s3_access_point" "pass_missing" {
  bucket = aws_s3_bucket.data.id
  name   = "missing"
}

resource "aws_s3_access_point" "pass_partial" {
  bucket = aws_s3_bucket.data.id
  name   = "partial"
  public_access_block_configuration {
    block_public_acls = true
  }
}
