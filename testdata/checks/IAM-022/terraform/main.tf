# IAM-022 (policy-attached-to-user) fixture.
resource "aws_iam_user" "fail_inline_block" {
  name = "alice"
  inline_policy {
    name   = "read"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
  }
}

resource "aws_iam_user_policy_attachment" "fail_attachment" {
  user       = aws_iam_user.fail_inline_block.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy" "fail_inline_resource" {
  user   = "bob"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_policy_attachment" "fail_exclusive" {
  name       = "readers"
  users      = ["carol"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_group_policy_attachment" "pass_group" {
  group      = "readers"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "pass_exclusive_roles" {
  name       = "roles"
  roles      = ["reader"]
  users      = []
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user" "pass_plain_user" {
  name = "dave"
}
