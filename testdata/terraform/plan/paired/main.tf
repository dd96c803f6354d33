# The configuration that paired/plan.json was planned from: findings about these resources are
# located here; only the resources of the registry module (not scanned) come from the plan.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets-111122223333"
}

resource "aws_s3_bucket_acl" "assets" {
  bucket = aws_s3_bucket.assets.id
  acl    = "public-read"
}

resource "aws_kms_key" "assets" {
  description = "Asset encryption"
}

resource "aws_iam_policy" "operators" {
  name = "operators"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

module "audit" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.2"

  bucket                   = "acme-audit-111122223333"
  acl                      = "public-read"
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
  block_public_acls        = false
  ignore_public_acls       = false
}
