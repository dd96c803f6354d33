# S3-022 (bucket-object-lock-disabled): an object lock configuration that does not enable
# object lock.
#
# Must fail:
#   fail_configuration_disabled   object_lock_configuration { object_lock_enabled = "Disabled" }
#   fail_retention_without_lock   aws_s3_bucket_object_lock_configuration with a retention rule
#                                 on a bucket without object_lock_enabled
# Must pass:
#   pass_enabled                  object_lock_enabled = true with a retention rule
#   pass_legacy_enabled           object_lock_configuration { object_lock_enabled = "Enabled" }
#   pass_not_asked                no object lock configuration at all
#   pass_switch_off               object_lock_enabled = false, no configuration: a choice

resource "aws_s3_bucket" "fail_configuration_disabled" {
  bucket = "audit-legacy"
  object_lock_configuration {
    object_lock_enabled = "Disabled"
  }
}

resource "aws_s3_bucket" "fail_retention_without_lock" {
  bucket = "audit-retention"
}

resource "aws_s3_bucket_object_lock_configuration" "fail_retention_without_lock" {
  bucket = aws_s3_bucket.fail_retention_without_lock.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket" "pass_enabled" {
  bucket              = "audit"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "pass_enabled" {
  bucket = aws_s3_bucket.pass_enabled.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}

resource "aws_s3_bucket" "pass_legacy_enabled" {
  bucket = "audit-legacy-enabled"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "pass_not_asked" {
  bucket = "scratch"
}

resource "aws_s3_bucket" "pass_switch_off" {
  bucket              = "scratch-explicit"
  object_lock_enabled = false
}
