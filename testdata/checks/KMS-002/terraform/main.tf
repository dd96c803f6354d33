# KMS-002 (key-policy-public): key policy Allow statements that let everyone use the key.
# Must fail: fail_* keys. Must pass: pass_* keys.

resource "aws_kms_key" "fail_wildcard_principal" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "fail_aws_wildcard_in_list" {
  enable_key_rotation = true
  policy              = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
    "Action": "kms:*",
    "Resource": "*"
  }]
}
POLICY
}

resource "aws_kms_key" "fail_condition_with_if_exists" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEqualsIfExists = { "kms:CallerAccount" = "111122223333" } }
    }]
  })
}

resource "aws_kms_key" "pass_caller_account_condition" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }
    }]
  })
}

resource "aws_kms_key" "pass_deny_everyone" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "pass_no_policy" {
  enable_key_rotation = true
}

resource "aws_kms_key" "pass_service_principal" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.amazonaws.com" }
      Action    = "kms:GenerateDataKey*"
      Resource  = "*"
    }]
  })
}

# A bare string or list of strings other than "*" is not a valid principal: it names nobody.
resource "aws_kms_key" "pass_malformed_principals" {
  enable_key_rotation = true
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = ["foo", "bar"], Action = "kms:*", Resource = "*" }]
  })
}
