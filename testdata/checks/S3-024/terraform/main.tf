# S3-024 (encryption-not-configured, informational): buckets without a default encryption
# configuration and objects that choose no server-side encryption.
#
# Must fail:
#   fail_bucket              no default encryption (S3 applies SSE-S3)
#   fail_object              aws_s3_object without server_side_encryption or kms_key_id
#   fail_legacy_object       aws_s3_bucket_object (the old name) without either
# Must pass:
#   pass_bucket_sse_s3       aws_s3_bucket_server_side_encryption_configuration with AES256
#   pass_bucket_legacy_kms   server_side_encryption_configuration {} inside the bucket (v3)
#   pass_object_aes          server_side_encryption = "AES256"
#   pass_object_kms          kms_key_id set

resource "aws_kms_key" "pass_key" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "fail_bucket" {
  bucket = "records-default"
}

resource "aws_s3_bucket" "pass_bucket_sse_s3" {
  bucket = "records-sse-s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_bucket_sse_s3" {
  bucket = aws_s3_bucket.pass_bucket_sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "pass_bucket_legacy_kms" {
  bucket = "records-legacy-kms"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.pass_key.arn
      }
    }
  }
}

resource "aws_s3_object" "fail_object" {
  bucket = aws_s3_bucket.pass_bucket_sse_s3.id
  key    = "report.csv"
  source = "report.csv"
}

resource "aws_s3_bucket_object" "fail_legacy_object" {
  bucket = aws_s3_bucket.pass_bucket_sse_s3.id
  key    = "index.html"
  source = "index.html"
}

resource "aws_s3_object" "pass_object_aes" {
  bucket                 = aws_s3_bucket.pass_bucket_sse_s3.id
  key                    = "aes.csv"
  source                 = "aes.csv"
  server_side_encryption = "AES256"
}

resource "aws_s3_object" "pass_object_kms" {
  bucket     = aws_s3_bucket.pass_bucket_sse_s3.id
  key        = "kms.csv"
  source     = "kms.csv"
  kms_key_id = aws_kms_key.pass_key.arn
}
