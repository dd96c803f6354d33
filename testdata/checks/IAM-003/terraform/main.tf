# IAM-003 (wildcard-resource) fixture: one managed policy per case; fail_* must be flagged, pass_* not.

# dynamodb:Query supports table ARNs
resource "aws_iam_policy" "fail_query_every_table" {
  name   = "fail-query-every-table"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "dynamodb:Query",
            "sts:GetCallerIdentity"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# a condition on the caller does not narrow the resources
resource "aws_iam_policy" "fail_caller_condition" {
  name   = "fail-caller-condition"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "logs:GetLogEvents",
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

# actions that accept only '*'
resource "aws_iam_policy" "pass_only_star_actions" {
  name   = "pass-only-star-actions"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "sts:GetCallerIdentity",
            "s3:ListAllMyBuckets"
          ],
          "Resource": "*"
        }
      ]
    }
  EOF
}

# scoped to one table
resource "aws_iam_policy" "pass_scoped" {
  name   = "pass-scoped"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "dynamodb:Query",
          "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
        }
      ]
    }
  EOF
}

# a resource tag condition narrows the resources
resource "aws_iam_policy" "pass_resource_tag" {
  name   = "pass-resource-tag"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "dynamodb:Query",
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

# with a write action the statement is IAM-005's
resource "aws_iam_policy" "pass_write_and_read" {
  name   = "pass-write-and-read"
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
