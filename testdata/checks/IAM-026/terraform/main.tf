# IAM-026 (iam-user-defined) fixture: every IAM user is reported.
resource "aws_iam_user" "fail_user" {
  name = "deploy"
}

resource "aws_iam_role" "pass_role" {
  name               = "deploy"
  assume_role_policy = "{}"
}

resource "aws_iam_group" "pass_group" {
  name = "ops"
}
