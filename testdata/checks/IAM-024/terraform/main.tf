# IAM-024 (user-without-group) fixture.
resource "aws_iam_user" "fail_alone" {
  name = "alice"
}

variable "member" {
  type = string
}

# A membership whose user is not known may name it: low confidence.
resource "aws_iam_user" "fail_maybe" {
  name = "bob"
}

resource "aws_iam_group_membership" "maybe" {
  name  = "maybe"
  group = "ops"
  users = [var.member]
}

resource "aws_iam_user" "pass_by_reference" {
  name = "carol"
}

resource "aws_iam_user_group_membership" "carol" {
  user   = aws_iam_user.pass_by_reference.name
  groups = ["ops"]
}

resource "aws_iam_user" "pass_by_name" {
  name = "dave"
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops"
  group = "ops"
  users = ["dave"]
}
