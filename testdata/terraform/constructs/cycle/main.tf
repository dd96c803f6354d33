# locals that refer to each other, a module that calls itself, and unknown instance counts.
locals {
  a = local.b
  b = local.a
}

resource "aws_kms_key" "cyclic" {
  description         = local.a
  enable_key_rotation = true
}

resource "aws_kms_key" "unknown_count" {
  count = length(data.aws_availability_zones.available.names)
}

resource "aws_kms_key" "none" {
  count = 0
}

module "registry" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  acl     = "public-read"
}

module "git" {
  source = "git::https://example.com/modules.git//bucket?ref=v1.2.0"
}

module "missing" {
  source = "./does-not-exist"
}
