# IAM-008 (pass-role-unconstrained) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# iam:PassRole on '*'
resource "aws_iam_policy" "fail_every_role" {
  name   = "fail-every-role"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# one role, but to any service
resource "aws_iam_policy" "fail_any_service" {
  name   = "fail-any-service"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "arn:aws:iam::111122223333:role/app-task"
        }
      ]
    }
  EOF
}

# iam:Pass* on every role, even if only to ECS
resource "aws_iam_policy" "fail_every_role_one_service" {
  name   = "fail-every-role-one-service"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:Pass*",
          "Resource": "arn:aws:iam::*:role/*",
          "Condition": {
            "StringEquals": {
              "iam:PassedToService": "ecs-tasks.amazonaws.com"
            }
          }
        }
      ]
    }
  EOF
}

# one role, to ECS only
resource "aws_iam_policy" "pass_scoped" {
  name   = "pass-scoped"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "arn:aws:iam::111122223333:role/app-task",
          "Condition": {
            "StringEquals": {
              "iam:PassedToService": "ecs-tasks.amazonaws.com"
            }
          }
        }
      ]
    }
  EOF
}

# an S3 ARN names no role
resource "aws_iam_policy" "pass_not_a_role" {
  name   = "pass-not-a-role"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "arn:aws:s3:::*"
        }
      ]
    }
  EOF
}

# a Deny grants nothing
resource "aws_iam_policy" "pass_deny" {
  name   = "pass-deny"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Action": "iam:PassRole",
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
