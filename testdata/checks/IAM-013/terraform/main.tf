# IAM-013 (effective-admin) fixture.
# Must fail: aws_iam_user.fail_dev (user dev → role ci-deployer → AdministratorAccess),
#   aws_iam_user.fail_in_admin_group (AdministratorAccess through its group).
# Must pass: aws_iam_user.pass_reader (no path to administrator access); aws_iam_role.ci_deployer
#   holds AdministratorAccess directly (left to the rules about attached policies).

resource "aws_iam_user" "fail_dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev_assume" {
  user = aws_iam_user.fail_dev.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.ci_deployer.arn }]
  })
}

resource "aws_iam_role" "ci_deployer" {
  name                = "ci-deployer"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_user.fail_dev.arn } }]
  })
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "fail_in_admin_group" {
  name = "ops"
}

resource "aws_iam_user_group_membership" "ops" {
  user   = aws_iam_user.fail_in_admin_group.name
  groups = [aws_iam_group.admins.name]
}

resource "aws_iam_user" "pass_reader" {
  name = "reader"
}

resource "aws_iam_user_policy_attachment" "reader" {
  user       = aws_iam_user.pass_reader.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
