# KMS-008 (disabled-key-in-use): disabled keys that other declared resources use.
# Must fail: fail_*. Must pass: pass_*.

resource "aws_kms_key" "fail_disabled_in_use" {
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
      kms_master_key_id = aws_kms_key.fail_disabled_in_use.arn
    }
  }
}

resource "aws_kms_key" "pass_disabled_unused" {
  enable_key_rotation = true
  is_enabled          = false
}

resource "aws_kms_key" "pass_enabled_in_use" {
  enable_key_rotation = true
}

resource "aws_iam_policy" "pass_reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = aws_kms_key.pass_enabled_in_use.arn
    }]
  })
}
