# An organization whose root SCP denies creating users and access keys, and two policies that
# grant permissions-management actions on every resource: one only what the SCP denies, one more.
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "no_iam_users" {
  name = "no-iam-users"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyUserCredentials"
      Effect   = "Deny"
      Action   = ["iam:CreateUser", "iam:CreateAccessKey"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.no_iam_users.id
  target_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_iam_policy" "denied_by_guardrail" {
  name = "onboarding"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Users", Effect = "Allow", Action = ["iam:CreateUser", "iam:CreateAccessKey"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "partly_denied" {
  name = "admin-helpers"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Users", Effect = "Allow", Action = ["iam:CreateUser", "iam:AttachUserPolicy"], Resource = "*" }]
  })
}
