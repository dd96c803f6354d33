# IAM-006 (credentials-exposure) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# access keys for every user
resource "aws_iam_policy" "fail_create_access_key" {
  name   = "fail-create-access-key"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:CreateAccessKey",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# sts:AssumeRole on every role
resource "aws_iam_policy" "fail_assume_any_role" {
  name   = "fail-assume-any-role"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sts:AssumeRole",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# ecr:GetAuthorizationToken accepts only '*'
resource "aws_iam_policy" "pass_ecr_token" {
  name   = "pass-ecr-token"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "ecr:GetAuthorizationToken",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# access keys for the caller only
resource "aws_iam_policy" "pass_own_keys" {
  name   = "pass-own-keys"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:CreateAccessKey",
          "Resource": "arn:aws:iam::111122223333:user/$${aws:username}"
        }
      ]
    }
  EOF
}
