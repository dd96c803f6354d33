# acme-shop: the stack of ../insecure/main.tf with each problem fixed.
#
#   IAM-001  developers get a scoped policy instead of "*" on "*"; CI deploys through a GitHub
#            OIDC role limited to the storefront bucket instead of an IAM user
#   S3-001   the storefront bucket is private (BucketOwnerEnforced, full public access block,
#            private ACL) and served through CloudFront origin access control
#   KMS-001  the order key rotates automatically
#   SCP-001  the GuardDuty guardrail names the exempt account in a condition, not a Principal
#
# `policyguard scan examples/terraform/secure` reports no findings for these rules.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

locals {
  name = "${var.project}-${var.environment}"

  tags = {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}

data "aws_caller_identity" "current" {}

# =============================================================================================
# Identities
# =============================================================================================

resource "aws_iam_group" "developers" {
  name = "${local.name}-developers"
}

resource "aws_iam_user" "alice" {
  name = "alice"
  tags = { Team = "checkout" }
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}

# What developers need day to day: read the order table and its logs, nothing account-wide.
resource "aws_iam_policy" "developers" {
  name        = "${local.name}-developers"
  description = "Day-to-day access to the order service"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadOrders"
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query"]
        Resource = aws_dynamodb_table.orders.arn
      },
      {
        Sid      = "DecryptOrders"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.orders.arn
      },
      {
        Sid      = "ReadServiceLogs"
        Effect   = "Allow"
        Action   = ["logs:FilterLogEvents", "logs:GetLogEvents"]
        Resource = "arn:aws:logs:${var.region}:${data.aws_caller_identity.current.account_id}:log-group:/ecs/${local.name}-*"
      },
    ]
  })
}

resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.developers.arn
}

# CI deploys through short-lived OIDC credentials instead of an IAM user with access keys.
resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_policy_document" "ci_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/main"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name                 = "${local.name}-ci"
  assume_role_policy   = data.aws_iam_policy_document.ci_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "ci_deploy" {
  statement {
    sid       = "ListStorefront"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.storefront.arn]
  }

  statement {
    sid       = "UploadStorefront"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.storefront.arn}/*"]
  }
}

resource "aws_iam_role_policy" "ci_deploy" {
  name   = "deploy-storefront"
  role   = aws_iam_role.ci.id
  policy = data.aws_iam_policy_document.ci_deploy.json
}

# Role of the order service (runs on ECS), limited to this account's tasks.
resource "aws_iam_role" "orders" {
  name = "${local.name}-orders"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      },
    ]
  })
}

# Written out literally, as copied from the console; names follow "${local.name}-orders".
resource "aws_iam_role_policy" "orders_data" {
  name = "orders-data"
  role = aws_iam_role.orders.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "OrderTable",
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
          "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/acme-shop-production-orders"
        },
        {
          "Sid": "OrderKey",
          "Effect": "Allow",
          "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
          "Resource": "arn:aws:kms:eu-west-1:111122223333:key/*",
          "Condition": {
            "ForAnyValue:StringEquals": {
              "kms:ResourceAliases": "alias/acme-shop-production-orders"
            }
          }
        }
      ]
    }
  EOT
}

# =============================================================================================
# Encryption
# =============================================================================================

# The account root keeps kms:* (the default key policy; IAM policies decide who may use the key).
data "aws_iam_policy_document" "orders_key" {
  statement {
    sid       = "EnableIamPolicies"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "orders" {
  description             = "${local.name} order data"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.orders_key.json
}

resource "aws_kms_alias" "orders" {
  name          = "alias/${local.name}-orders"
  target_key_id = aws_kms_key.orders.key_id
}

resource "aws_dynamodb_table" "orders" {
  name         = "${local.name}-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}

# =============================================================================================
# Storefront assets (served by CloudFront, never directly)
# =============================================================================================

resource "aws_s3_bucket" "storefront" {
  bucket = "${local.name}-storefront"
}

resource "aws_s3_bucket_logging" "storefront" {
  bucket        = aws_s3_bucket.storefront.id
  target_bucket = "${local.name}-access-logs"
  target_prefix = "storefront/"
}

resource "aws_s3_bucket_ownership_controls" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_acl" "storefront" {
  bucket     = aws_s3_bucket.storefront.id
  acl        = "private"
  depends_on = [aws_s3_bucket_ownership_controls.storefront]
}

resource "aws_s3_bucket_versioning" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_policy" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudFrontReadOnly"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.storefront.arn}/*"
        Condition = {
          StringEquals = { "AWS:SourceArn" = var.storefront_distribution_arn }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.storefront.arn, "${aws_s3_bucket.storefront.arn}/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.storefront]
}

# =============================================================================================
# Organization guardrails (applied from the management account)
# =============================================================================================

# SCPs cannot name principals; the security account is exempted through a condition key.
resource "aws_organizations_policy" "protect_guardduty" {
  name        = "protect-guardduty"
  description = "Only the security team may change GuardDuty"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyGuardDutyChanges"
        Effect = "Deny"
        Action = [
          "guardduty:DeleteDetector",
          "guardduty:DisassociateFromMasterAccount",
          "guardduty:UpdateDetector",
        ]
        Resource = "*"
        Condition = {
          StringNotEquals = { "aws:PrincipalAccount" = var.security_account_id }
        }
      },
    ]
  })
}

resource "aws_organizations_policy" "baseline" {
  name        = "workload-baseline"
  description = "Keep accounts in the organization and in approved regions"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyLeaveOrganization"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      },
      {
        Sid       = "DenyOutsideApprovedRegions"
        Effect    = "Deny"
        NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:RequestedRegion" = var.allowed_regions }
        }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "protect_guardduty" {
  policy_id = aws_organizations_policy.protect_guardduty.id
  target_id = var.workloads_ou_id
}

resource "aws_organizations_policy_attachment" "baseline" {
  policy_id = aws_organizations_policy.baseline.id
  target_id = var.workloads_ou_id
}
