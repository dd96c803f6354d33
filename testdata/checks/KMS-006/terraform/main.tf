# KMS-006 (key-deletion-window-invalid): waiting period below 7 days or above AWS's maximum of 30.
# Must fail: fail_*. Must pass: pass_* (a missing period is AWS's default of 30 days).

variable "window" {
  type = number
}

resource "aws_kms_key" "fail_too_short" {
  enable_key_rotation     = true
  deletion_window_in_days = 5
}

resource "aws_kms_key" "fail_too_long" {
  enable_key_rotation     = true
  deletion_window_in_days = 31
}

resource "aws_kms_key" "fail_unresolved" {
  enable_key_rotation     = true
  deletion_window_in_days = var.window
}

resource "aws_kms_key" "pass_minimum" {
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

resource "aws_kms_key" "pass_default" {
  enable_key_rotation = true
}
