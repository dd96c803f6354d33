# IAM-002 (wildcard-action) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# s3:* on one bucket's objects
resource "aws_iam_policy" "fail_service_wildcard" {
  name   = "fail-service-wildcard"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:*",
          "Resource": "arn:aws:s3:::artifacts/*"
        }
      ]
    }
  EOF
}

# '*' on one bucket (not every resource, so not IAM-001's)
resource "aws_iam_policy" "fail_every_action_one_bucket" {
  name   = "fail-every-action-one-bucket"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "s3:GetObject",
            "*"
          ],
          "Resource": "arn:aws:s3:::artifacts"
        }
      ]
    }
  EOF
}

# ec2:* under a caller condition: conditions do not silence it
resource "aws_iam_policy" "fail_under_condition" {
  name   = "fail-under-condition"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "ec2:*",
          "Resource": "*",
          "Condition": {
            "IpAddress": {
              "aws:SourceIp": "203.0.113.0/24"
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

# partial wildcards are not flagged
resource "aws_iam_policy" "pass_partial_wildcard" {
  name   = "pass-partial-wildcard"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:Get*",
          "Resource": "arn:aws:s3:::artifacts/*"
        }
      ]
    }
  EOF
}

# a Deny of s3:* grants nothing
resource "aws_iam_policy" "pass_deny" {
  name   = "pass-deny"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Action": "s3:*",
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
