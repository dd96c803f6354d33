# IAM-007 (data-exfiltration) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# every parameter
resource "aws_iam_policy" "fail_get_parameter" {
  name   = "fail-get-parameter"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "ssm:GetParameter",
            "ssm:GetParametersByPath"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# every object of every bucket
resource "aws_iam_policy" "fail_get_object" {
  name   = "fail-get-object"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# the application's parameters
resource "aws_iam_policy" "pass_scoped" {
  name   = "pass-scoped"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "ssm:GetParameter",
          "Resource": "arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"
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
          "Action": "secretsmanager:GetSecretValue",
          "Resource": "*"
        }
      ]
    }
  EOF
}
