# IAM-021 (elevated-managed-policy-attached) fixture.
resource "aws_iam_role" "fail_power_user" {
  name                = "ci"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}

resource "aws_iam_group_policy_attachment" "fail_iam_full" {
  group      = "identity"
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_role_policy_attachment" "pass_read_only" {
  role       = "reader"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# AdministratorAccess is IAM-020's.
resource "aws_iam_role_policy_attachment" "pass_admin" {
  role       = "admin"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
