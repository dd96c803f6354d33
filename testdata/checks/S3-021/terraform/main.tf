# S3-021 (bucket-access-logging-disabled): buckets without server access logging, except
# buckets that receive server access logs.
#
# Must fail:
#   fail_no_logging           nothing configured
#   fail_cloudtrail_logs      a CloudTrail log bucket: its reads are worth logging too
# Must pass:
#   pass_legacy_logging       logging { target_bucket } inside the bucket (provider v3)
#   pass_split_logging        aws_s3_bucket_logging
#   pass_access_logs          the target of pass_split_logging's logging (by reference)
#   pass_named_target         the target of pass_legacy_logging's logging (by literal name)
#   pass_log_delivery_acl     canned ACL log-delivery-write
#   pass_logging_service      its policy lets logging.s3.amazonaws.com write

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "fail_no_logging" {
  bucket = "records-unlogged"
}

resource "aws_s3_bucket" "fail_cloudtrail_logs" {
  bucket = "trail-logs"
}

resource "aws_s3_bucket_policy" "fail_cloudtrail_logs" {
  bucket = aws_s3_bucket.fail_cloudtrail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.fail_cloudtrail_logs.arn}/AWSLogs/*"
    }]
  })
}

resource "aws_s3_bucket" "pass_legacy_logging" {
  bucket = "records-legacy"
  logging {
    target_bucket = "central-access-logs"
    target_prefix = "records-legacy/"
  }
}

resource "aws_s3_bucket" "pass_named_target" {
  bucket = "central-access-logs"
}

resource "aws_s3_bucket" "pass_split_logging" {
  bucket = "records"
}

resource "aws_s3_bucket_logging" "pass_split_logging" {
  bucket        = aws_s3_bucket.pass_split_logging.id
  target_bucket = aws_s3_bucket.pass_access_logs.id
  target_prefix = "records/"
}

resource "aws_s3_bucket" "pass_access_logs" {
  bucket = "access-logs"
}

resource "aws_s3_bucket" "pass_log_delivery_acl" {
  bucket = "legacy-access-logs"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "pass_logging_service" {
  bucket = "service-access-logs"
}

resource "aws_s3_bucket_policy" "pass_logging_service" {
  bucket = aws_s3_bucket.pass_logging_service.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.pass_logging_service.arn}/*"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}
