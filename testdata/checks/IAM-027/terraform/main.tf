# IAM-027 (user-console-access) fixture.
resource "aws_iam_user" "pass_user" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "fail_profile" {
  user                    = aws_iam_user.pass_user.name
  password_reset_required = true
}

resource "aws_iam_access_key" "pass_key" {
  user = aws_iam_user.pass_user.name
}
