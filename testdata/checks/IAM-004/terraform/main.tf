# IAM-004 (permissions-management-unconstrained) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# iam:PutRolePolicy on every role
resource "aws_iam_policy" "fail_put_role_policy" {
  name   = "fail-put-role-policy"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PutRolePolicy",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# iam:Attach* expands to permissions-management actions
resource "aws_iam_policy" "fail_attach_wildcard" {
  name   = "fail-attach-wildcard"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:Attach*",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# NotAction grants every other action, permissions management included
resource "aws_iam_policy" "fail_not_action" {
  name   = "fail-not-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "NotAction": [
            "iam:*",
            "organizations:*"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# one path of roles
resource "aws_iam_policy" "pass_scoped" {
  name   = "pass-scoped"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PutRolePolicy",
          "Resource": "arn:aws:iam::111122223333:role/app/*"
        }
      ]
    }
  EOF
}

# only roles tagged for the team
resource "aws_iam_policy" "pass_resource_tag" {
  name   = "pass-resource-tag"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PutRolePolicy",
          "Resource": "*",
          "Condition": {
            "StringEquals": {
              "aws:ResourceTag/team": "payments"
            }
          }
        }
      ]
    }
  EOF
}

# '*' on '*' is IAM-001's
resource "aws_iam_policy" "pass_admin" {
  name   = "pass-admin"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# A Deny of the same policy takes the actions away on every resource: nothing is granted.
resource "aws_iam_policy" "pass_cancelled_by_a_deny_of_the_same_policy" {
  name = "cancelled"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Broad", Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Sid = "NoIam", Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}
