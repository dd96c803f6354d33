# S3-008 (bucket-policy-lockout) fixture: unconditional Deny statements that keep every
# principal (or every principal but account roots) from managing the bucket policy.
#
# Must fail:
#   fail_deny_all             Deny Principal "*" Action s3:* Resource "*"
#   fail_deny_policy_changes  Deny Principal {AWS: "*"} s3:PutBucketPolicy on the bucket
#   fail_not_principal_root   Deny everyone but the account root (NotPrincipal root)
#
# Must pass:
#   pass_tls_deny             the Deny has a condition (aws:SecureTransport)
#   pass_admin_exempt         the Deny exempts an administrator role through NotPrincipal
#   pass_objects_only         the Deny covers objects only, not the bucket's policy

resource "aws_s3_bucket_policy" "fail_deny_all" {
  bucket = "deny-all"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_s3_bucket_policy" "fail_deny_policy_changes" {
  bucket = "deny-policy-changes"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"]
      Resource  = "arn:aws:s3:::deny-policy-changes"
    }]
  })
}

resource "aws_s3_bucket_policy" "fail_not_principal_root" {
  bucket = "not-principal-root"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:root" }
      Action       = "s3:*"
      Resource     = ["arn:aws:s3:::not-principal-root", "arn:aws:s3:::not-principal-root/*"]
    }]
  })
}

resource "aws_s3_bucket_policy" "pass_tls_deny" {
  bucket = "tls-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::tls-deny", "arn:aws:s3:::tls-deny/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "pass_admin_exempt" {
  bucket = "admin-exempt"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = ["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:root"] }
      Action       = "s3:*"
      Resource     = "arn:aws:s3:::admin-exempt"
    }]
  })
}

resource "aws_s3_bucket_policy" "pass_objects_only" {
  bucket = "objects-only"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::objects-only/*" }]
  })
}
