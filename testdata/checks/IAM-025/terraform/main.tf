# IAM-025 (group-without-users) fixture.
resource "aws_iam_group" "fail_empty" {
  name = "legacy"
}

resource "aws_iam_group" "fail_empty_membership" {
  name = "nobody"
}

resource "aws_iam_group_membership" "nobody" {
  name  = "nobody"
  group = aws_iam_group.fail_empty_membership.name
  users = []
}

resource "aws_iam_group" "pass_membership" {
  name = "ops"
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops"
  group = aws_iam_group.pass_membership.name
  users = ["alice"]
}

resource "aws_iam_group" "pass_user_groups" {
  name = "dev"
}

resource "aws_iam_user_group_membership" "bob" {
  user   = "bob"
  groups = ["dev"]
}
