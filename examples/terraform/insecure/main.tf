# acme-shop: storefront assets, order data and the IAM around them, as a team might first write
# it. This stack is INSECURE ON PURPOSE: it is what `policyguard scan examples/` finds problems
# in. See ../secure/main.tf for the same stack with every problem fixed.
#
# Expected findings:
#   IAM-001  aws_iam_policy.administrator            Allow "*" on "*"
#   S3-001   aws_s3_bucket.storefront                public-read ACL (aws_s3_bucket_acl), nothing blocks it
#   KMS-001  aws_kms_key.orders                      symmetric key without rotation
#   SCP-001  aws_organizations_policy.protect_guardduty  NotPrincipal in an SCP

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

resource "aws_iam_user" "ci" {
  name = "${local.name}-ci"
  path = "/automation/"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}

# "Temporary" full access for the developers so nobody is blocked during the launch.
resource "aws_iam_policy" "administrator" {
  name        = "${local.name}-administrator"
  description = "Full access for the launch, remove afterwards"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EverythingEverywhere"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_group_policy_attachment" "developers_administrator" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.administrator.arn
}

# The CI user uploads the storefront build.
data "aws_iam_policy_document" "ci_deploy" {
  statement {
    sid       = "UploadStorefront"
    actions   = ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.storefront.arn, "${aws_s3_bucket.storefront.arn}/*"]
  }
}

resource "aws_iam_user_policy" "ci_deploy" {
  name   = "deploy-storefront"
  user   = aws_iam_user.ci.name
  policy = data.aws_iam_policy_document.ci_deploy.json
}

# Role of the order service (runs on ECS).
resource "aws_iam_role" "orders" {
  name = "${local.name}-orders"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
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

# Encrypts the order table. Nobody turned on automatic rotation.
resource "aws_kms_key" "orders" {
  description             = "${local.name} order data"
  deletion_window_in_days = 30
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

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}

# =============================================================================================
# Storefront assets
# =============================================================================================

resource "aws_s3_bucket" "storefront" {
  bucket = "${local.name}-storefront"
}

# ACLs were switched back on and the public access block switched off so that the ACL below
# is accepted: every object in the bucket is readable by anyone on the internet.
resource "aws_s3_bucket_ownership_controls" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_public_access_block" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_acl" "storefront" {
  bucket = aws_s3_bucket.storefront.id
  acl    = "public-read"

  depends_on = [
    aws_s3_bucket_ownership_controls.storefront,
    aws_s3_bucket_public_access_block.storefront,
  ]
}

resource "aws_s3_bucket_website_configuration" "storefront" {
  bucket = aws_s3_bucket.storefront.id

  index_document {
    suffix = "index.html"
  }
}

# =============================================================================================
# Organization guardrails (applied from the management account)
# =============================================================================================

# Meant to let only the security account touch GuardDuty. SCPs have no Principal element:
# Organizations rejects this policy.
resource "aws_organizations_policy" "protect_guardduty" {
  name        = "protect-guardduty"
  description = "Only the security team may change GuardDuty"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid          = "DenyGuardDutyChanges"
        Effect       = "Deny"
        NotPrincipal = { AWS = "arn:aws:iam::${var.security_account_id}:root" }
        Action = [
          "guardduty:DeleteDetector",
          "guardduty:DisassociateFromMasterAccount",
          "guardduty:UpdateDetector",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "protect_guardduty" {
  policy_id = aws_organizations_policy.protect_guardduty.id
  target_id = var.workloads_ou_id
}
