# S3-029 (bucket-policy-missing, informational): buckets with no bucket policy.
#
# Must fail: fail_no_policy.
# Must pass:
#   pass_split_policy      aws_s3_bucket_policy naming the bucket by reference
#   pass_named_policy      aws_s3_bucket_policy naming the bucket by its literal name
#   pass_legacy_policy     policy inside the bucket (provider v3)

resource "aws_s3_bucket" "fail_no_policy" {
  bucket = "records-no-policy"
}

resource "aws_s3_bucket" "pass_split_policy" {
  bucket = "records"
}

resource "aws_s3_bucket_policy" "pass_split_policy" {
  bucket = aws_s3_bucket.pass_split_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.pass_split_policy.arn, "${aws_s3_bucket.pass_split_policy.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "pass_named_policy" {
  bucket = "records-named"
}

resource "aws_s3_bucket_policy" "pass_named_policy" {
  bucket = "records-named"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::records-named", "arn:aws:s3:::records-named/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "pass_legacy_policy" {
  bucket = "records-legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::records-legacy", "arn:aws:s3:::records-legacy/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
