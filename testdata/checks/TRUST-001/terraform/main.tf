variable "trusted" {
  type = string
}

resource "aws_iam_role" "fail_everyone" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "fail_with_external_id" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "not-a-secret" } }
    }]
  })
}

resource "aws_iam_role" "fail_unresolved" {
  name = "shared"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = var.trusted }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "pass_organization" {
  name = "org"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_iam_role" "pass_deny" {
  name = "locked"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "pass_service" {
  name = "ec2"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
