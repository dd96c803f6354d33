# S3-025 (encryption-not-customer-managed-key): SSE-KMS asked for without a customer managed
# key, so S3 uses the AWS managed key aws/s3.
#
# Must fail:
#   fail_bucket_no_key        sse_algorithm = "aws:kms" without kms_master_key_id
#   fail_bucket_alias         kms_master_key_id = "alias/aws/s3" (the AWS managed key)
#   fail_legacy_dsse          aws:kms:dsse inside the bucket (provider v3) without a key
#   fail_object               aws_s3_object with server_side_encryption = "aws:kms", no key
#   fail_copy_bucket_key      aws_s3_object_copy with bucket_key_enabled and no kms_key_id
# Must pass:
#   pass_bucket_cmk           aws:kms with a customer managed key
#   pass_bucket_sse_s3        AES256 (not asking for KMS)
#   pass_copy_cmk             aws_s3_object_copy with kms_key_id
#   pass_key                  the customer managed key

resource "aws_kms_key" "pass_key" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "fail_bucket_no_key" {
  bucket = "records-aws-managed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fail_bucket_no_key" {
  bucket = aws_s3_bucket.fail_bucket_no_key.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket" "fail_bucket_alias" {
  bucket = "records-alias"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fail_bucket_alias" {
  bucket = aws_s3_bucket.fail_bucket_alias.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
  }
}

resource "aws_s3_bucket" "fail_legacy_dsse" {
  bucket = "records-dsse"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms:dsse"
      }
    }
  }
}

resource "aws_s3_bucket" "pass_bucket_cmk" {
  bucket = "records-cmk"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_bucket_cmk" {
  bucket = aws_s3_bucket.pass_bucket_cmk.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.pass_key.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "pass_bucket_sse_s3" {
  bucket = "records-sse-s3"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_object" "fail_object" {
  bucket                 = aws_s3_bucket.pass_bucket_cmk.id
  key                    = "report.csv"
  source                 = "report.csv"
  server_side_encryption = "aws:kms"
}

resource "aws_s3_object_copy" "fail_copy_bucket_key" {
  bucket             = aws_s3_bucket.pass_bucket_cmk.id
  key                = "copy.csv"
  source             = "${aws_s3_bucket.pass_bucket_sse_s3.id}/report.csv"
  bucket_key_enabled = true
}

resource "aws_s3_object_copy" "pass_copy_cmk" {
  bucket             = aws_s3_bucket.pass_bucket_cmk.id
  key                = "copy-cmk.csv"
  source             = "${aws_s3_bucket.pass_bucket_sse_s3.id}/report.csv"
  bucket_key_enabled = true
  kms_key_id         = aws_kms_key.pass_key.arn
}
