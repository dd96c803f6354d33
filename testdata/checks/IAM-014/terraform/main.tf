# IAM-014 (invalid-policy) fixture.
# Must fail: aws_iam_policy.fail_no_resource (no Resource), aws_iam_policy.fail_bad_version
#   (Version "2012-10-18"), aws_iam_role_policy.fail_principal (Principal in an identity policy).
# Must pass: aws_iam_policy.pass_valid.

resource "aws_iam_policy" "fail_no_resource" {
  name = "no-resource"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject" }]
  })
}

resource "aws_iam_policy" "fail_bad_version" {
  name = "bad-version"
  policy = jsonencode({
    Version   = "2012-10-18"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }]
  })
}

resource "aws_iam_role_policy" "fail_principal" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::data/*"
    }]
  })
}

resource "aws_iam_policy" "pass_valid" {
  name = "valid"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }]
  })
}
