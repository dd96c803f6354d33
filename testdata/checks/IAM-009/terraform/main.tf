# IAM-009 (allow-not-action) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# everything but IAM
resource "aws_iam_policy" "fail_not_action" {
  name   = "fail-not-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "NotAction": "iam:*",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# a guardrail: deny everything but reads
resource "aws_iam_policy" "pass_deny_not_action" {
  name   = "pass-deny-not-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "NotAction": [
            "s3:Get*",
            "s3:List*"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# a plain Action
resource "aws_iam_policy" "pass_action" {
  name   = "pass-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::data/*"
        }
      ]
    }
  EOF
}
