# S3-002 (bucket-tls-not-enforced) fixture: buckets whose bucket policy has no Deny of every
# plain-HTTP request (every principal, every S3 action, all objects, only the condition
# Bool aws:SecureTransport = false). Bucket and policy share their name.
#
# Must fail:
#   fail_no_policy                no bucket policy at all
#   fail_deny_put_only            the Deny covers s3:PutObject only
#   fail_deny_not_principal       the Deny exempts principals through NotPrincipal
#   fail_deny_bucket_only         the Deny covers the bucket ARN, not its objects
#   fail_allow_secure_only        only an Allow conditioned on aws:SecureTransport = true
#   fail_deny_extra_condition     the Deny also needs aws:SourceVpce to differ
#   fail_deny_unresolved_actions  actions from a variable (low confidence)
#
# Must pass: every resource named pass_*.

variable "denied_actions" {
  type = list(string)
}

resource "aws_s3_bucket" "fail_no_policy" {
  bucket = "no-policy"
}

resource "aws_s3_bucket" "fail_deny_put_only" {
  bucket = "deny-put-only"
}

resource "aws_s3_bucket_policy" "fail_deny_put_only" {
  bucket = aws_s3_bucket.fail_deny_put_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureUploads"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.fail_deny_put_only.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_deny_not_principal" {
  bucket = "deny-not-principal"
}

resource "aws_s3_bucket_policy" "fail_deny_not_principal" {
  bucket = aws_s3_bucket.fail_deny_not_principal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/legacy" }
      Action       = "s3:*"
      Resource     = "${aws_s3_bucket.fail_deny_not_principal.arn}/*"
      Condition    = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_deny_bucket_only" {
  bucket = "deny-bucket-only"
}

resource "aws_s3_bucket_policy" "fail_deny_bucket_only" {
  bucket = aws_s3_bucket.fail_deny_bucket_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::deny-bucket-only"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_allow_secure_only" {
  bucket = "allow-secure-only"
}

resource "aws_s3_bucket_policy" "fail_allow_secure_only" {
  bucket = aws_s3_bucket.fail_allow_secure_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.fail_allow_secure_only.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_deny_extra_condition" {
  bucket = "deny-extra-condition"
}

resource "aws_s3_bucket_policy" "fail_deny_extra_condition" {
  bucket = aws_s3_bucket.fail_deny_extra_condition.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "${aws_s3_bucket.fail_deny_extra_condition.arn}/*"
      Condition = {
        Bool            = { "aws:SecureTransport" = "false" }
        StringNotEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" }
      }
    }]
  })
}

resource "aws_s3_bucket" "fail_deny_unresolved_actions" {
  bucket = "deny-unresolved-actions"
}

resource "aws_s3_bucket_policy" "fail_deny_unresolved_actions" {
  bucket = aws_s3_bucket.fail_deny_unresolved_actions.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = var.denied_actions
      Resource  = "${aws_s3_bucket.fail_deny_unresolved_actions.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# ---------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "pass_full_deny" {
  bucket = "full-deny"
}

resource "aws_s3_bucket_policy" "pass_full_deny" {
  bucket = aws_s3_bucket.pass_full_deny.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.pass_full_deny.arn, "${aws_s3_bucket.pass_full_deny.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

data "aws_iam_policy_document" "pass_policy_document" {
  statement {
    sid     = "AllowSSLRequestsOnly"
    effect  = "Deny"
    actions = ["s3:*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    resources = [
      aws_s3_bucket.pass_policy_document.arn,
      "${aws_s3_bucket.pass_policy_document.arn}/*",
    ]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket" "pass_policy_document" {
  bucket = "policy-document"
}

resource "aws_s3_bucket_policy" "pass_policy_document" {
  bucket = aws_s3_bucket.pass_policy_document.id
  policy = data.aws_iam_policy_document.pass_policy_document.json
}

# Provider v3 style: the policy inside the bucket, Action "*" on Resource "*".
resource "aws_s3_bucket" "pass_legacy_inline" {
  bucket = "legacy-inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
