# S3-007 (bucket-policy-wildcard-action) fixture: Allow statements of bucket policies whose
# Action is "*" or "s3:*". Bucket and policy share their name.
#
# Must fail:
#   fail_s3_star              s3:* to another account's role
#   fail_star_document        Action "*" through an aws_iam_policy_document
#   fail_legacy_inline        "S3:*" (any letter case) inside the bucket (provider v3)
#
# Must pass:
#   pass_named_actions        s3:GetObject and s3:PutObject
#   pass_deny_star            a Deny of s3:* (not a grant)
#   pass_get_wildcard         s3:Get* (narrower wildcards are not this rule's)

resource "aws_s3_bucket" "fail_s3_star" {
  bucket = "s3-star"
}

resource "aws_s3_bucket_policy" "fail_s3_star" {
  bucket = aws_s3_bucket.fail_s3_star.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/pipeline" }
      Action    = ["s3:GetObject", "s3:*"]
      Resource  = "${aws_s3_bucket.fail_s3_star.arn}/*"
    }]
  })
}

data "aws_iam_policy_document" "fail_star_document" {
  statement {
    actions   = ["*"]
    resources = [aws_s3_bucket.fail_star_document.arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_s3_bucket" "fail_star_document" {
  bucket = "star-document"
}

resource "aws_s3_bucket_policy" "fail_star_document" {
  bucket = aws_s3_bucket.fail_star_document.id
  policy = data.aws_iam_policy_document.fail_star_document.json
}

resource "aws_s3_bucket" "fail_legacy_inline" {
  bucket = "legacy-inline"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
      "Action": "S3:*",
      "Resource": "arn:aws:s3:::legacy-inline/*"
    }
  ]
}
POLICY
}

resource "aws_s3_bucket" "pass_named_actions" {
  bucket = "named-actions"
}

resource "aws_s3_bucket_policy" "pass_named_actions" {
  bucket = aws_s3_bucket.pass_named_actions.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/app" }
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.pass_named_actions.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "pass_deny_star" {
  bucket = "deny-star"
}

resource "aws_s3_bucket_policy" "pass_deny_star" {
  bucket = aws_s3_bucket.pass_deny_star.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "${aws_s3_bucket.pass_deny_star.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "pass_get_wildcard" {
  bucket = "get-wildcard"
}

resource "aws_s3_bucket_policy" "pass_get_wildcard" {
  bucket = aws_s3_bucket.pass_get_wildcard.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/app" }
      Action    = "s3:Get*"
      Resource  = "${aws_s3_bucket.pass_get_wildcard.arn}/*"
    }]
  })
}
