# IAM-020 (admin-managed-policy-attached): AdministratorAccess attached to a principal.
resource "aws_iam_role" "fail_role_arns" {
  name                = "deployer"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_user_policy_attachment" "fail_user" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Several principals, one policy: one finding.
resource "aws_iam_policy_attachment" "fail_exclusive" {
  name       = "admins"
  users      = ["alice", "bob"]
  roles      = [aws_iam_role.fail_role_arns.name]
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

variable "policy_arn" {
  type = string
}

# Unresolved: may be AdministratorAccess (low confidence).
resource "aws_iam_group_policy_attachment" "fail_unresolved" {
  group      = "ops"
  policy_arn = var.policy_arn
}

resource "aws_iam_role_policy_attachment" "pass_read_only" {
  role       = "reader"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy" "pass_customer" {
  name   = "AdministratorAccess"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "pass_customer_attachment" {
  role       = "reader"
  policy_arn = aws_iam_policy.pass_customer.arn
}

# A customer managed policy in the own account is not the AWS managed one.
resource "aws_iam_role_policy_attachment" "pass_own_account" {
  role       = "reader"
  policy_arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}
