# KMS-007 (key-disabled): disabled keys no other resource refers to.
# Must fail: fail_*. Must pass: pass_* (a disabled key in use is KMS-008).

resource "aws_kms_key" "fail_disabled" {
  enable_key_rotation = true
  is_enabled          = false
}

resource "aws_kms_key" "pass_enabled" {
  enable_key_rotation = true
  is_enabled          = true
}

resource "aws_kms_key" "pass_default" {
  enable_key_rotation = true
}

resource "aws_kms_key" "pass_disabled_in_use" {
  enable_key_rotation = true
  is_enabled          = false
}

resource "aws_s3_bucket" "pass_data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_data" {
  bucket = aws_s3_bucket.pass_data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.pass_disabled_in_use.arn
    }
  }
}
