# IAM-028 (user-multiple-access-keys) fixture: every active key of a user with several.
resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "fail_first" {
  user = aws_iam_user.ci.name
}

# The same user by name.
resource "aws_iam_access_key" "fail_second" {
  user = "ci"
}

resource "aws_iam_access_key" "pass_inactive" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}

resource "aws_iam_access_key" "pass_single" {
  user = "deploy"
}
