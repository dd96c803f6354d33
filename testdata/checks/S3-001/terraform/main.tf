# S3-001 (bucket-public-or-cross-account) fixture: a bucket made public by an explicit ACL
# (canned public-read, public-read-write or authenticated-read, or a grant to the AllUsers or
# AuthenticatedUsers group) or by a bucket policy statement, that no explicit public access
# block and no BucketOwnerEnforced ownership setting neutralises. An explicit grant is intent:
# settings left to the post-2023 defaults do not neutralise it.
#
# The bucket and the resources that configure it share one name, so "fail_x" names both
# aws_s3_bucket.fail_x and aws_s3_bucket_acl.fail_x.
#
# Must fail (by resource name):
#   fail_legacy_bucket_acl            acl = "public-read" on aws_s3_bucket (provider v3 style)
#   fail_canned_public_read           aws_s3_bucket_acl public-read, ownership BucketOwnerPreferred
#   fail_canned_public_read_write     public-read-write, public access block all false
#   fail_canned_authenticated_read    authenticated-read
#   fail_grant_all_users              access_control_policy grant to AllUsers (READ)
#   fail_grant_authenticated_users    access_control_policy grant to AuthenticatedUsers (WRITE)
#   fail_block_without_ignore         public access block that does not ignore public ACLs
#   fail_ownership_object_writer      public-read, ownership ObjectWriter (ACLs still enabled)
#   fail_acl_on_defaults              public-read, nothing else declared (intent; the message
#                                     names the defaults a new bucket must change)
#   fail_policy_public                bucket policy Principal "*" (separate aws_s3_bucket_policy)
#   fail_policy_not_principal         Allow with NotPrincipal: everyone but one account
#   fail_policy_public_ip             Principal "*" limited to an IP range: still public
#   fail_policy_unresolved_principal  principal from a variable (low confidence)
#   fail_policy_orphan                policy for a bucket not declared here
#
# Must pass: every resource named pass_* (data.aws_canonical_user_id.current and
# data.aws_caller_identity.current are helpers).

variable "environment" {
  type    = string
  default = "test"
}

data "aws_canonical_user_id" "current" {}

data "aws_caller_identity" "current" {}

variable "reader_principal" {
  type = string
}

# ---------------------------------------------------------------------------------------------
# Failing
# ---------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "fail_legacy_bucket_acl" {
  bucket = "legacy-site-${var.environment}"
  acl    = "public-read"
}

resource "aws_s3_bucket" "fail_canned_public_read" {
  bucket = "public-assets-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "fail_canned_public_read" {
  bucket = aws_s3_bucket.fail_canned_public_read.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "fail_canned_public_read" {
  bucket     = aws_s3_bucket.fail_canned_public_read.id
  acl        = "public-read"
  depends_on = [aws_s3_bucket_ownership_controls.fail_canned_public_read]
}

resource "aws_s3_bucket" "fail_canned_public_read_write" {
  bucket = "dropbox-${var.environment}"
}

resource "aws_s3_bucket_public_access_block" "fail_canned_public_read_write" {
  bucket                  = aws_s3_bucket.fail_canned_public_read_write.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_ownership_controls" "fail_canned_public_read_write" {
  bucket = aws_s3_bucket.fail_canned_public_read_write.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "fail_canned_public_read_write" {
  bucket = aws_s3_bucket.fail_canned_public_read_write.id
  acl    = "public-read-write"
}

resource "aws_s3_bucket" "fail_canned_authenticated_read" {
  bucket = "partner-exchange-${var.environment}"
}

resource "aws_s3_bucket_acl" "fail_canned_authenticated_read" {
  bucket = aws_s3_bucket.fail_canned_authenticated_read.id
  acl    = "authenticated-read"
}

resource "aws_s3_bucket" "fail_grant_all_users" {
  bucket = "downloads-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "fail_grant_all_users" {
  bucket = aws_s3_bucket.fail_grant_all_users.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "fail_grant_all_users" {
  bucket = aws_s3_bucket.fail_grant_all_users.id

  access_control_policy {
    grant {
      grantee {
        id   = data.aws_canonical_user_id.current.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "fail_grant_authenticated_users" {
  bucket = "uploads-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "fail_grant_authenticated_users" {
  bucket = aws_s3_bucket.fail_grant_authenticated_users.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "fail_grant_authenticated_users" {
  bucket = aws_s3_bucket.fail_grant_authenticated_users.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "WRITE"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "fail_block_without_ignore" {
  bucket = "media-${var.environment}"
}

# Blocks public policies, but existing and new public ACLs still take effect.
resource "aws_s3_bucket_public_access_block" "fail_block_without_ignore" {
  bucket                  = aws_s3_bucket.fail_block_without_ignore.id
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "fail_block_without_ignore" {
  bucket = aws_s3_bucket.fail_block_without_ignore.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "fail_block_without_ignore" {
  bucket = aws_s3_bucket.fail_block_without_ignore.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "fail_ownership_object_writer" {
  bucket = "reports-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "fail_ownership_object_writer" {
  bucket = aws_s3_bucket.fail_ownership_object_writer.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "fail_ownership_object_writer" {
  bucket = aws_s3_bucket.fail_ownership_object_writer.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "fail_acl_on_defaults" {
  bucket = "press-kit-${var.environment}"
  acl    = "public-read"
}

resource "aws_s3_bucket" "fail_policy_public" {
  bucket = "public-docs-${var.environment}"
}

resource "aws_s3_bucket_public_access_block" "fail_policy_public" {
  bucket                  = aws_s3_bucket.fail_policy_public.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "fail_policy_public" {
  bucket = aws_s3_bucket.fail_policy_public.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.fail_policy_public.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "fail_policy_not_principal" {
  bucket = "everyone-but-${var.environment}"
}

resource "aws_s3_bucket_policy" "fail_policy_not_principal" {
  bucket = aws_s3_bucket.fail_policy_not_principal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::444455556666:root" }
      Action       = "s3:GetObject"
      Resource     = "${aws_s3_bucket.fail_policy_not_principal.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "fail_policy_public_ip" {
  bucket = "office-share-${var.environment}"
}

resource "aws_s3_bucket_policy" "fail_policy_public_ip" {
  bucket = aws_s3_bucket.fail_policy_public_ip.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.fail_policy_public_ip.arn}/*"
      Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_policy_unresolved_principal" {
  bucket = "shared-${var.environment}"
}

resource "aws_s3_bucket_policy" "fail_policy_unresolved_principal" {
  bucket = aws_s3_bucket.fail_policy_unresolved_principal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader_principal }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.fail_policy_unresolved_principal.arn}/*"
    }]
  })
}

# The bucket is declared elsewhere: the policy is judged on its own.
resource "aws_s3_bucket_policy" "fail_policy_orphan" {
  bucket = "bucket-of-another-stack"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::bucket-of-another-stack/*"
    }]
  })
}

# ---------------------------------------------------------------------------------------------
# Passing
# ---------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "pass_private_acl" {
  bucket = "internal-${var.environment}"
}

resource "aws_s3_bucket_acl" "pass_private_acl" {
  bucket = aws_s3_bucket.pass_private_acl.id
  acl    = "private"
}

# public-read is written, but the public access block makes S3 ignore public ACLs.
resource "aws_s3_bucket" "pass_public_read_ignored" {
  bucket = "old-website-${var.environment}"
}

resource "aws_s3_bucket_public_access_block" "pass_public_read_ignored" {
  bucket             = aws_s3_bucket.pass_public_read_ignored.id
  ignore_public_acls = true
}

resource "aws_s3_bucket_ownership_controls" "pass_public_read_ignored" {
  bucket = aws_s3_bucket.pass_public_read_ignored.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "pass_public_read_ignored" {
  bucket = aws_s3_bucket.pass_public_read_ignored.id
  acl    = "public-read"
}

# Legacy acl argument, neutralised the same way.
resource "aws_s3_bucket" "pass_legacy_acl_ignored" {
  bucket = "legacy-docs-${var.environment}"
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "pass_legacy_acl_ignored" {
  bucket                  = aws_s3_bucket.pass_legacy_acl_ignored.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# BucketOwnerEnforced disables ACLs: the public-read ACL has no effect.
resource "aws_s3_bucket" "pass_bucket_owner_enforced" {
  bucket = "catalog-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "pass_bucket_owner_enforced" {
  bucket = aws_s3_bucket.pass_bucket_owner_enforced.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_acl" "pass_bucket_owner_enforced" {
  bucket = aws_s3_bucket.pass_bucket_owner_enforced.id
  acl    = "public-read"
}

# No ACL at all: new buckets are private.
resource "aws_s3_bucket" "pass_no_acl" {
  bucket = "data-lake-${var.environment}"

  tags = {
    Environment = var.environment
  }
}

# Grants to the owner and to the S3 log delivery group are not public.
resource "aws_s3_bucket" "pass_grant_log_delivery" {
  bucket = "access-logs-${var.environment}"
}

resource "aws_s3_bucket_ownership_controls" "pass_grant_log_delivery" {
  bucket = aws_s3_bucket.pass_grant_log_delivery.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "pass_grant_log_delivery" {
  bucket = aws_s3_bucket.pass_grant_log_delivery.id

  access_control_policy {
    grant {
      grantee {
        id   = data.aws_canonical_user_id.current.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# A public policy that the bucket's public access block rejects.
resource "aws_s3_bucket" "pass_policy_blocked" {
  bucket = "blocked-${var.environment}"
}

resource "aws_s3_bucket_public_access_block" "pass_policy_blocked" {
  bucket                  = aws_s3_bucket.pass_policy_blocked.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "pass_policy_blocked" {
  bucket = aws_s3_bucket.pass_policy_blocked.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.pass_policy_blocked.arn}/*"
    }]
  })
}

# Principal "*" pinned to a VPC endpoint, and the owner's own account: not public.
resource "aws_s3_bucket" "pass_policy_pinned" {
  bucket = "internal-api-${var.environment}"
}

resource "aws_s3_bucket_policy" "pass_policy_pinned" {
  bucket = aws_s3_bucket.pass_policy_pinned.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.pass_policy_pinned.arn}/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "s3:*"
        Resource  = "${aws_s3_bucket.pass_policy_pinned.arn}/*"
      },
      {
        Effect    = "Allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.pass_policy_pinned.arn}/*"
      },
    ]
  })
}

# A Deny with Principal "*" is not a grant.
resource "aws_s3_bucket" "pass_policy_deny_only" {
  bucket = "tls-only-${var.environment}"
}

resource "aws_s3_bucket_policy" "pass_policy_deny_only" {
  bucket = aws_s3_bucket.pass_policy_deny_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.pass_policy_deny_only.arn, "${aws_s3_bucket.pass_policy_deny_only.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
