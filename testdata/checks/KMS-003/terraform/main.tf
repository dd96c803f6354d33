# KMS-003 (key-policy-cross-account): key policy grants to accounts outside the zone of trust.
# Without [accounts] configuration a literal account id cannot be told from the owner's account
# and is not reported (tests/test_account_aware_rules.py covers the configured case); a principal
# that is not resolved statically is reported with low confidence.
# Must fail: fail_*. Must pass: pass_*.

variable "partner_account" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "fail_other_account_root" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Owner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Partner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.partner_account}:role/reader" }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "pass_owner_only" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "pass_service" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "kms:GenerateDataKey*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "pass_default_policy" {
  enable_key_rotation = true
}

resource "aws_kms_key" "pass_literal_account_unconfigured" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
