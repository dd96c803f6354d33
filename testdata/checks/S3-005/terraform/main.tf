# S3-005 (public-grant-neutralised) fixture: public grants that explicit settings of the same
# bucket neutralise (conflicting intent). Bucket and settings share their name.
#
# Must fail:
#   fail_acl_ignored          public-read-write ACL, public access block ignores public ACLs
#   fail_acl_disabled         public-read ACL, ownership BucketOwnerEnforced
#   fail_policy_blocked       Principal "*" policy, block_public_policy = true
#
# Must pass:
#   pass_acl_public           a public ACL nothing neutralises (that is S3-001)
#   pass_acl_on_defaults      a public ACL relying on the post-2023 defaults (S3-001 too)
#   pass_private              a private ACL under a full block

resource "aws_s3_bucket" "fail_acl_ignored" {
  bucket = "acl-ignored"
  acl    = "public-read-write"
}

resource "aws_s3_bucket_public_access_block" "fail_acl_ignored" {
  bucket                  = aws_s3_bucket.fail_acl_ignored.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "fail_acl_disabled" {
  bucket = "acl-disabled"
}

resource "aws_s3_bucket_ownership_controls" "fail_acl_disabled" {
  bucket = aws_s3_bucket.fail_acl_disabled.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_acl" "fail_acl_disabled" {
  bucket = aws_s3_bucket.fail_acl_disabled.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "fail_policy_blocked" {
  bucket = "policy-blocked"
}

resource "aws_s3_bucket_public_access_block" "fail_policy_blocked" {
  bucket                  = aws_s3_bucket.fail_policy_blocked.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "fail_policy_blocked" {
  bucket = aws_s3_bucket.fail_policy_blocked.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.fail_policy_blocked.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "pass_acl_public" {
  bucket = "acl-public"
}

resource "aws_s3_bucket_ownership_controls" "pass_acl_public" {
  bucket = aws_s3_bucket.pass_acl_public.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_public_access_block" "pass_acl_public" {
  bucket                  = aws_s3_bucket.pass_acl_public.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_acl" "pass_acl_public" {
  bucket = aws_s3_bucket.pass_acl_public.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "pass_acl_on_defaults" {
  bucket = "acl-on-defaults"
  acl    = "public-read"
}

resource "aws_s3_bucket" "pass_private" {
  bucket = "private"
  acl    = "private"
}

resource "aws_s3_bucket_public_access_block" "pass_private" {
  bucket                  = aws_s3_bucket.pass_private.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
