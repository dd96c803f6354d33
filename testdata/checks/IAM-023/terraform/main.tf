# IAM-023 (user-or-group-inline-policy) fixture.
resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy" "fail_group_policy" {
  group  = aws_iam_group.ops.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] })
}

resource "aws_iam_user" "fail_user_block" {
  name = "alice"
  inline_policy {
    name   = "read"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
  }
}

# Inline policies of roles are how roles are scoped.
resource "aws_iam_role_policy" "pass_role_policy" {
  role   = "worker"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_group_policy_attachment" "pass_managed" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
