# KMS-005 (key-policy-lockout): the lockout safety check bypassed with a policy that does not
# let the account root change it. Must fail: fail_*. Must pass: pass_*.

resource "aws_kms_key" "fail_bypass_without_root" {
  enable_key_rotation                = true
  bypass_policy_lockout_safety_check = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/deployer" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "fail_separate_policy" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "fail_separate_policy" {
  key_id                             = aws_kms_key.fail_separate_policy.id
  bypass_policy_lockout_safety_check = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "pass_bypass_with_root" {
  enable_key_rotation                = true
  bypass_policy_lockout_safety_check = true
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

resource "aws_kms_key" "pass_no_bypass" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/deployer" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "pass_bypass_default_policy" {
  enable_key_rotation                = true
  bypass_policy_lockout_safety_check = true
}
