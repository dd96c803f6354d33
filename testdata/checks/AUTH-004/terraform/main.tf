# AUTH-004 (console-user-without-mfa-policy) fixture.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "fail_alice" {
  user    = aws_iam_user.alice.name
  pgp_key = "keybase:alice"
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_group_membership" "bob" {
  user   = aws_iam_user.bob.name
  groups = [aws_iam_group.mfa.name]
}

resource "aws_iam_group" "mfa" {
  name = "mfa-required"
}

resource "aws_iam_group_policy" "mfa" {
  group = aws_iam_group.mfa.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_user_login_profile" "pass_bob" {
  user    = aws_iam_user.bob.name
  pgp_key = "keybase:bob"
}
