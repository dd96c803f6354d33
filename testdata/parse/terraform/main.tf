# IAM policies written three ways.
terraform {
  required_version = ">= 1.5"
}

variable "bucket_name" {
  type    = string
  default = "example-logs" // overridden per workspace
}

variable "retention_days" {
  default = 30
}

locals {
  prefix = "arn:aws:s3:::${var.bucket_name}/*"
  admins = ["alice", "bob"]
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  # policyguard:ignore IAM-001 -- deploy role needs it
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"] # policyguard:ignore IAM-002 -- reviewed
        Resource = local.prefix
      },
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_policy" "legacy" {
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
    }
  EOT
}

resource "aws_iam_policy" "templated" {
  policy = <<EOF
{"Resource": "arn:aws:s3:::${var.bucket_name}/*"}
EOF
}

/* Buckets
   and their settings */
resource "aws_s3_bucket" "logs" {
  bucket        = var.bucket_name
  force_destroy = false

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

module "network" {
  source  = "./modules/network"
  cidr    = "10.0.0.0/16"
  enabled = var.retention_days > 0 ? true : false
}
