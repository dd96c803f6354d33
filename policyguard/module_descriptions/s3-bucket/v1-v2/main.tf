# terraform-aws-modules/s3-bucket/aws, versions < 3.0.0 (1.x and 2.x, AWS provider v3)
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/s3-bucket/aws/2.15.0
#   (inputs and defaults: the module README; UPGRADE-3.0.md lists what 3.0.0 changed.)
#
# Before 3.0.0 the module wrote the ACL, grants, versioning, logging, default encryption,
# object lock and website inside `aws_s3_bucket` (the provider-v3 form), as this description
# does; the public access block, ownership controls and bucket policy were separate resources.
# Defaults of this range: acl "private", the four public access block settings false (the
# block itself is created while attach_public_policy is true, since 1.8), object_ownership
# "ObjectWriter" with control_object_ownership false (both since 2.8).
# Models: the bucket and its inline settings, the public access block, ownership controls,
# and the bucket policy: the user's `policy` (with attach_policy) merged with the module's
# deny-insecure-transport and require-latest-TLS (2.13+) statements. The switches of later
# majors (deny-incorrect-encryption-headers, deny-unencrypted-uploads, object_lock_enabled)
# are declared in every s3-bucket description so that all ranges declare the same inputs.
# Leaves out: lifecycle, replication, CORS, acceleration, request payment and the ELB/ALB log
# delivery policies.

locals {
  create_bucket = var.create_bucket && var.putin_khuylo
  grants        = try(jsondecode(var.grant), var.grant)

  attach_policy = (var.attach_policy || var.attach_deny_insecure_transport_policy ||
    var.attach_require_latest_tls_policy || var.attach_deny_incorrect_encryption_headers ||
  var.attach_deny_unencrypted_object_uploads)
}

resource "aws_s3_bucket" "this" {
  count = local.create_bucket ? 1 : 0

  bucket        = var.bucket
  bucket_prefix = var.bucket_prefix
  force_destroy = var.force_destroy
  acl           = var.acl != "null" ? var.acl : null
  tags          = var.tags

  dynamic "grant" {
    for_each = local.grants

    content {
      id          = lookup(grant.value, "id", null)
      type        = lookup(grant.value, "type", null)
      permissions = lookup(grant.value, "permissions", null)
      uri         = lookup(grant.value, "uri", null)
    }
  }

  dynamic "website" {
    for_each = length(keys(var.website)) == 0 ? [] : [var.website]

    content {
      index_document           = lookup(website.value, "index_document", null)
      error_document           = lookup(website.value, "error_document", null)
      redirect_all_requests_to = lookup(website.value, "redirect_all_requests_to", null)
    }
  }

  dynamic "versioning" {
    for_each = length(keys(var.versioning)) == 0 ? [] : [var.versioning]

    content {
      enabled    = try(tobool(versioning.value["enabled"]), null)
      mfa_delete = try(tobool(versioning.value["mfa_delete"]), null)
    }
  }

  dynamic "logging" {
    for_each = length(keys(var.logging)) == 0 ? [] : [var.logging]

    content {
      target_bucket = logging.value["target_bucket"]
      target_prefix = lookup(logging.value, "target_prefix", null)
    }
  }

  dynamic "server_side_encryption_configuration" {
    for_each = length(keys(var.server_side_encryption_configuration)) == 0 ? [] : [var.server_side_encryption_configuration]

    content {
      dynamic "rule" {
        for_each = length(keys(lookup(server_side_encryption_configuration.value, "rule", {}))) == 0 ? [] : [lookup(server_side_encryption_configuration.value, "rule", {})]

        content {
          bucket_key_enabled = lookup(rule.value, "bucket_key_enabled", null)

          dynamic "apply_server_side_encryption_by_default" {
            for_each = length(keys(lookup(rule.value, "apply_server_side_encryption_by_default", {}))) == 0 ? [] : [lookup(rule.value, "apply_server_side_encryption_by_default", {})]

            content {
              sse_algorithm     = apply_server_side_encryption_by_default.value.sse_algorithm
              kms_master_key_id = lookup(apply_server_side_encryption_by_default.value, "kms_master_key_id", null)
            }
          }
        }
      }
    }
  }

  dynamic "object_lock_configuration" {
    for_each = length(keys(var.object_lock_configuration)) == 0 ? [] : [var.object_lock_configuration]

    content {
      object_lock_enabled = object_lock_configuration.value.object_lock_enabled

      dynamic "rule" {
        for_each = length(keys(lookup(object_lock_configuration.value, "rule", {}))) == 0 ? [] : [lookup(object_lock_configuration.value, "rule", {})]

        content {
          # A one-element dynamic block where the module writes a plain block, so that the
          # iterator stays in scope for the extractor.
          dynamic "default_retention" {
            for_each = [lookup(rule.value, "default_retention", {})]

            content {
              mode  = lookup(default_retention.value, "mode", null)
              days  = lookup(default_retention.value, "days", null)
              years = lookup(default_retention.value, "years", null)
            }
          }
        }
      }
    }
  }
}

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
