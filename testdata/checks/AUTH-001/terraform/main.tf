# AUTH-001 (root-access-key) fixture.
resource "aws_iam_access_key" "fail_root" {
  user = "root"
}

resource "aws_iam_access_key" "fail_root_upper" {
  user   = "Root"
  status = "Active"
}

resource "aws_iam_access_key" "pass_user" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "pass_inactive_root" {
  user   = "root"
  status = "Inactive"
}
