resource "aws_iam_role" "deployer" {
  name = "${var.name_prefix}-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.trusted_account}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.deploy_bucket_arn}/*"]
  }

  statement {
    sid       = "PassRole"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_iam_group" "admins" {
  name = "${var.name_prefix}-admins"
}

resource "aws_iam_user" "admin" {
  for_each = toset(var.admin_users)
  name     = each.value
}

resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [for user in aws_iam_user.admin : user.name]
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
