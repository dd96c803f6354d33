# S3-006 (bucket-acls-enabled) fixture: object ownership that keeps ACLs enabled, and ACL
# grants of WRITE_ACP or FULL_CONTROL to anyone but the owner. Bucket and settings share
# their name.
#
# Must fail:
#   fail_object_writer        ownership ObjectWriter
#   fail_owner_preferred      ownership BucketOwnerPreferred
#   fail_write_acp_grant      WRITE_ACP granted to the log delivery group, ownership undeclared
#   fail_full_control_email   FULL_CONTROL granted by email (includes WRITE_ACP)
#
# Must pass:
#   pass_enforced             ownership BucketOwnerEnforced (even with a grant: ACLs disabled)
#   pass_no_ownership         nothing declared: new buckets disable ACLs
#   pass_owner_grants         FULL_CONTROL to the owner's own canonical id, READ_ACP to a group

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "fail_object_writer" {
  bucket = "object-writer"
}

resource "aws_s3_bucket_ownership_controls" "fail_object_writer" {
  bucket = aws_s3_bucket.fail_object_writer.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket" "fail_owner_preferred" {
  bucket = "owner-preferred"
}

resource "aws_s3_bucket_ownership_controls" "fail_owner_preferred" {
  bucket = aws_s3_bucket.fail_owner_preferred.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket" "fail_write_acp_grant" {
  bucket = "write-acp"
}

resource "aws_s3_bucket_acl" "fail_write_acp_grant" {
  bucket = aws_s3_bucket.fail_write_acp_grant.id
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
      permission = "WRITE_ACP"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "fail_full_control_email" {
  bucket = "full-control-email"
}

resource "aws_s3_bucket_acl" "fail_full_control_email" {
  bucket = aws_s3_bucket.fail_full_control_email.id
  access_control_policy {
    grant {
      grantee {
        email_address = "partner@example.com"
        type          = "AmazonCustomerByEmail"
      }
      permission = "FULL_CONTROL"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "pass_enforced" {
  bucket = "enforced"
}

resource "aws_s3_bucket_ownership_controls" "pass_enforced" {
  bucket = aws_s3_bucket.pass_enforced.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket" "pass_no_ownership" {
  bucket = "no-ownership"
}

resource "aws_s3_bucket" "pass_owner_grants" {
  bucket = "owner-grants"
}

resource "aws_s3_bucket_acl" "pass_owner_grants" {
  bucket = aws_s3_bucket.pass_owner_grants.id
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
      permission = "READ_ACP"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}
