# IAM-005 (write-access-unconstrained) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# s3:PutObject on every bucket
resource "aws_iam_policy" "fail_put_object" {
  name   = "fail-put-object"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:PutObject",
          "Resource": "*"
        }
      ]
    }
  EOF
}

# write and read actions: reported here, the message lists the reads
resource "aws_iam_policy" "fail_with_reads" {
  name   = "fail-with-reads"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "s3:PutObject",
            "s3:ListBucket"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# with s3:PutBucketPolicy the statement is IAM-004's
resource "aws_iam_policy" "pass_with_permissions_management" {
  name   = "pass-with-permissions-management"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "s3:PutObject",
            "s3:PutBucketPolicy"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# actions that accept only '*'
resource "aws_iam_policy" "pass_unrestrictable" {
  name   = "pass-unrestrictable"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# one bucket's objects
resource "aws_iam_policy" "pass_scoped" {
  name   = "pass-scoped"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::uploads/*"
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
          "Action": "s3:PutObject",
          "Resource": "*"
        }
      ]
    }
  EOF
}
