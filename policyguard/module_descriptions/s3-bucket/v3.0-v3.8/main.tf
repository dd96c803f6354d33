# terraform-aws-modules/s3-bucket/aws, versions >= 3.0.0, < 3.9.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/s3-bucket/aws/3.8.2
#   (inputs and defaults: the module README and UPGRADE-3.0.md; 3.0.0 moved to the split
#   provider-v4 resources and made `acl` default to null.)
#
# The same resources as the >= 3.9.0 description; only the defaults differ: the public access
# block is created with all four settings false, and object_ownership defaults to
# "ObjectWriter" (ownership controls are still written only with control_object_ownership).
# Models: the bucket (count = create_bucket), its canned ACL and grants, the public access
# block (created while attach_public_policy is true, which it is by default), ownership
# controls, versioning, access logging, default encryption, object lock (the
# `object_lock_enabled` input of 3.1+), website hosting, and the bucket policy: the user's
# `policy` (with attach_policy) merged with the module's deny-insecure-transport and
# require-latest-TLS statements. The deny-incorrect-encryption-headers and
# deny-unencrypted-uploads switches arrived in 3.13; they are declared in every s3-bucket
# description so that all ranges declare the same inputs.
# Leaves out: lifecycle, replication, CORS, inventory, analytics, metrics, notifications,
# intelligent tiering, acceleration, request payment, and the ELB/ALB/NLB/S3 access log
# delivery policies.
# Data sources carry no count here: the module's counts only avoid reading them when no
# bucket is made, which changes nothing that is checked.

locals {
  create_bucket = var.create_bucket && var.putin_khuylo
  grants        = try(jsondecode(var.grant), var.grant)

  attach_policy = (var.attach_policy || var.attach_deny_insecure_transport_policy ||
    var.attach_require_latest_tls_policy || var.attach_deny_incorrect_encryption_headers ||
  var.attach_deny_unencrypted_object_uploads)
}

resource "aws_s3_bucket" "this" {
  count = local.create_bucket ? 1 : 0

  bucket              = var.bucket
  bucket_prefix       = var.bucket_prefix
  force_destroy       = var.force_destroy
  object_lock_enabled = var.object_lock_enabled
  tags                = var.tags
}

resource "aws_s3_bucket_acl" "this" {
  count = local.create_bucket && ((var.acl != null && var.acl != "null") || length(local.grants) > 0) ? 1 : 0

  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner
  acl                   = var.acl == "null" ? null : var.acl

  dynamic "access_control_policy" {
    for_each = length(local.grants) > 0 ? [true] : []

    content {
      dynamic "grant" {
        for_each = local.grants

        content {
          permission = grant.value.permission

          # The module writes a plain `grantee` block; a one-element dynamic block gives the
          # same result and keeps `grant` in scope for the extractor.
          dynamic "grantee" {
            for_each = [grant.value]

            content {
              type          = grantee.value.type
              id            = try(grantee.value.id, null)
              uri           = try(grantee.value.uri, null)
              email_address = try(grantee.value.email, null)
            }
          }
        }
      }

      owner {
        id           = try(var.owner["id"], data.aws_canonical_user_id.this.id)
        display_name = try(var.owner["display_name"], null)
      }
    }
  }
}

data "aws_canonical_user_id" "this" {}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.create_bucket && var.attach_public_policy ? 1 : 0

  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}

resource "aws_s3_bucket_ownership_controls" "this" {
  count = local.create_bucket && var.control_object_ownership ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  rule {
    object_ownership = var.object_ownership
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create_bucket && length(keys(var.versioning)) > 0 ? 1 : 0

  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner

  versioning_configuration {
    # `enabled` (true/false) wins over `status` ("Enabled", "Suspended", true or false).
    status = try(
      tobool(var.versioning["enabled"]) ? "Enabled" : "Suspended",
      tobool(var.versioning["status"]) ? "Enabled" : "Suspended",
      title(lower(var.versioning["status"])),
    )
    mfa_delete = try(
      tobool(var.versioning["mfa_delete"]) ? "Enabled" : "Disabled",
      title(lower(var.versioning["mfa_delete"])),
      null,
    )
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = local.create_bucket && length(keys(var.logging)) > 0 ? 1 : 0

  bucket        = aws_s3_bucket.this[0].id
  target_bucket = var.logging["target_bucket"]
  target_prefix = try(var.logging["target_prefix"], null)
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = local.create_bucket && length(keys(var.server_side_encryption_configuration)) > 0 ? 1 : 0

  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner

  dynamic "rule" {
    for_each = try(flatten([var.server_side_encryption_configuration["rule"]]), [])

    content {
      bucket_key_enabled = try(rule.value.bucket_key_enabled, null)

      dynamic "apply_server_side_encryption_by_default" {
        for_each = try([rule.value.apply_server_side_encryption_by_default], [])

        content {
          sse_algorithm     = apply_server_side_encryption_by_default.value.sse_algorithm
          kms_master_key_id = try(apply_server_side_encryption_by_default.value.kms_master_key_id, null)
        }
      }
    }
  }
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  count = local.create_bucket && var.object_lock_enabled && try(var.object_lock_configuration.rule.default_retention, null) != null ? 1 : 0

  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner
  token                 = try(var.object_lock_configuration.token, null)

  rule {
    default_retention {
      mode  = var.object_lock_configuration.rule.default_retention.mode
      days  = try(var.object_lock_configuration.rule.default_retention.days, null)
      years = try(var.object_lock_configuration.rule.default_retention.years, null)
    }
  }
}

resource "aws_s3_bucket_website_configuration" "this" {
  count = local.create_bucket && length(keys(var.website)) > 0 ? 1 : 0

  bucket                = aws_s3_bucket.this[0].id
  expected_bucket_owner = var.expected_bucket_owner

  dynamic "index_document" {
    for_each = try([var.website["index_document"]], [])

    content {
      suffix = index_document.value
    }
  }

  dynamic "error_document" {
    for_each = try([var.website["error_document"]], [])

    content {
      key = error_document.value
    }
  }

  dynamic "redirect_all_requests_to" {
    for_each = try([var.website["redirect_all_requests_to"]], [])

    content {
      host_name = redirect_all_requests_to.value.host_name
      protocol  = try(redirect_all_requests_to.value.protocol, null)
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  count = local.create_bucket && local.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  policy = data.aws_iam_policy_document.combined.json
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = concat(
    var.attach_require_latest_tls_policy ? [data.aws_iam_policy_document.require_latest_tls.json] : [],
    var.attach_deny_insecure_transport_policy ? [data.aws_iam_policy_document.deny_insecure_transport.json] : [],
    var.attach_deny_incorrect_encryption_headers ? [data.aws_iam_policy_document.deny_incorrect_encryption_headers.json] : [],
    var.attach_deny_unencrypted_object_uploads ? [data.aws_iam_policy_document.deny_unencrypted_object_uploads.json] : [],
    var.attach_policy && var.policy != null ? [var.policy] : [],
  )
}

data "aws_iam_policy_document" "deny_insecure_transport" {
  statement {
    sid       = "denyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[0].arn, "${aws_s3_bucket.this[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "require_latest_tls" {
  statement {
    sid       = "denyOutdatedTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[0].arn, "${aws_s3_bucket.this[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
}

data "aws_iam_policy_document" "deny_incorrect_encryption_headers" {
  statement {
    sid       = "denyIncorrectEncryptionHeaders"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "s3:x-amz-server-side-encryption"
      values = try(
        [var.server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm],
        ["AES256"],
      )
    }
  }
}

data "aws_iam_policy_document" "deny_unencrypted_object_uploads" {
  statement {
    sid       = "denyUnencryptedObjectUploads"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["true"]
    }
  }
}
