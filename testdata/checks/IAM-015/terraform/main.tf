# IAM-015 (policy-validation-warning) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# a misspelt action
resource "aws_iam_policy" "fail_unknown_action" {
  name   = "fail-unknown-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObjects",
          "Resource": "arn:aws:s3:::data/*"
        }
      ]
    }
  EOF
}

# s3:GetObject acts on objects, not the bucket
resource "aws_iam_policy" "fail_bucket_for_object_action" {
  name   = "fail-bucket-for-object-action"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::data"
        }
      ]
    }
  EOF
}

# a valid statement
resource "aws_iam_policy" "pass_valid" {
  name   = "pass-valid"
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
