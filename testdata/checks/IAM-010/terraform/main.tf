# IAM-010 (allow-not-resource) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# every bucket but production's
resource "aws_iam_policy" "fail_not_resource" {
  name   = "fail-not-resource"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "NotResource": "arn:aws:s3:::prod-data/*"
        }
      ]
    }
  EOF
}

# deny outside the team's bucket
resource "aws_iam_policy" "pass_deny_not_resource" {
  name   = "pass-deny-not-resource"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Action": "s3:*",
          "NotResource": [
            "arn:aws:s3:::team",
            "arn:aws:s3:::team/*"
          ]
        }
      ]
    }
  EOF
}

# a plain Resource
resource "aws_iam_policy" "pass_resource" {
  name   = "pass-resource"
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
