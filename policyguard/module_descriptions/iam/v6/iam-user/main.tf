# terraform-aws-modules/iam/aws//modules/iam-user, versions >= 6.0.0, < 7.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/latest/submodules/iam-user
#   (inputs and defaults: the submodule README; docs/UPGRADE-6.0.md maps the 5.x names:
#   create_user -> create, create_iam_user_login_profile -> create_login_profile,
#   create_iam_access_key -> create_access_key, policy_arns -> policies.)
#
# Models: the user (count = create) with its path and permissions boundary; a console login
# profile (create_login_profile, true by default) with password_reset_required; an access key
# (create_access_key, true by default; encrypted only when pgp_key is given); the managed
# policies attached from `policies` (name => ARN); and the inline policy (create_inline_policy
# with inline_policy_permissions and the source/override documents).
# Leaves out: the SSH public key.

locals {
  inline_permissions = var.inline_policy_permissions != null ? var.inline_policy_permissions : {}
}

resource "aws_iam_user" "this" {
  count = var.create ? 1 : 0

  name                 = var.name
  path                 = var.path
  force_destroy        = var.force_destroy
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

resource "aws_iam_user_login_profile" "this" {
  count = var.create && var.create_login_profile ? 1 : 0

  user                    = aws_iam_user.this[0].name
  pgp_key                 = var.pgp_key
  password_length         = var.password_length
  password_reset_required = var.password_reset_required
}

resource "aws_iam_access_key" "this" {
  count = var.create && var.create_access_key ? 1 : 0

  user    = aws_iam_user.this[0].name
  pgp_key = var.pgp_key
  status  = var.access_key_status
}

resource "aws_iam_user_policy_attachment" "additional" {
  for_each = { for k, v in var.policies : k => v if var.create }

  user       = aws_iam_user.this[0].name
  policy_arn = each.value
}

resource "aws_iam_user_policy" "inline" {
  count = var.create && var.create_inline_policy ? 1 : 0

  user   = aws_iam_user.this[0].name
  name   = var.name
  policy = data.aws_iam_policy_document.inline.json
}

data "aws_iam_policy_document" "inline" {
  source_policy_documents   = var.source_inline_policy_documents
  override_policy_documents = var.override_inline_policy_documents

  dynamic "statement" {
    for_each = local.inline_permissions

    content {
      sid           = try(coalesce(try(statement.value.sid, null), statement.key), null)
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      effect        = try(coalesce(statement.value.effect, "Allow"), "Allow")
      resources     = try(statement.value.resources, null)
      not_resources = try(statement.value.not_resources, null)

      dynamic "condition" {
        for_each = try(coalescelist(statement.value.condition, []), [])

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}
