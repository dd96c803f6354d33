# KMS-001 (key-rotation-disabled) fixture: a symmetric encryption key of origin AWS_KMS without
# automatic rotation. Rotation is only available for such keys, so asymmetric, HMAC, imported
# (EXTERNAL) and custom key store keys must never be flagged.
#
# Must fail (by resource name):
#   aws_kms_key.fail_rotation_absent           enable_key_rotation not written (defaults to false)
#   aws_kms_key.fail_rotation_false            enable_key_rotation = false
#   aws_kms_key.fail_explicit_symmetric_spec   customer_master_key_spec = "SYMMETRIC_DEFAULT"
#   aws_kms_key.fail_multi_region              multi-Region primary key without rotation
#
# Must pass: every resource named pass_* (aliases share their key's name).
#
# Note: aws_kms_key has no `origin` argument. An imported key (origin EXTERNAL) is the separate
# aws_kms_external_key resource; a key in a CloudHSM custom key store (origin AWS_CLOUDHSM) is an
# aws_kms_key with custom_key_store_id.

variable "deletion_window_in_days" {
  type    = number
  default = 30
}

# ---------------------------------------------------------------------------------------------
# Failing
# ---------------------------------------------------------------------------------------------

resource "aws_kms_key" "fail_rotation_absent" {
  description             = "Application data"
  deletion_window_in_days = var.deletion_window_in_days
}

resource "aws_kms_alias" "fail_rotation_absent" {
  name          = "alias/app-data"
  target_key_id = aws_kms_key.fail_rotation_absent.key_id
}

resource "aws_kms_key" "fail_rotation_false" {
  description             = "Backups"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = false
}

resource "aws_kms_key" "fail_explicit_symmetric_spec" {
  description              = "Queue encryption"
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  is_enabled               = true
}

resource "aws_kms_key" "fail_multi_region" {
  description  = "Cross-region replication"
  multi_region = true
}

# ---------------------------------------------------------------------------------------------
# Passing
# ---------------------------------------------------------------------------------------------

resource "aws_kms_key" "pass_rotation_true" {
  description             = "Customer records"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
}

resource "aws_kms_alias" "pass_rotation_true" {
  name          = "alias/customer-records"
  target_key_id = aws_kms_key.pass_rotation_true.key_id
}

resource "aws_kms_key" "pass_rotation_custom_period" {
  description             = "Payment tokens"
  enable_key_rotation     = true
  rotation_period_in_days = 90
}

# Asymmetric keys cannot be rotated automatically.
resource "aws_kms_key" "pass_asymmetric_rsa" {
  description              = "Release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
}

resource "aws_kms_key" "pass_asymmetric_ecc" {
  description              = "JWT signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
  enable_key_rotation      = false
}

# HMAC keys cannot be rotated automatically.
resource "aws_kms_key" "pass_hmac" {
  description              = "Webhook MACs"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}

# Imported key material (origin EXTERNAL): rotation is manual by design.
resource "aws_kms_external_key" "pass_external_origin" {
  description             = "Key material from the on-premises HSM"
  deletion_window_in_days = 30
}

# Key in a CloudHSM custom key store (origin AWS_CLOUDHSM): no automatic rotation.
resource "aws_kms_key" "pass_custom_key_store" {
  description         = "Regulated workloads"
  custom_key_store_id = "cks-1234567890abcdef0"
}
