# terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-assumable-role-with-oidc
#   (inputs and defaults: the submodule README; merged into iam-role in 6.0, see
#   docs/UPGRADE-6.0.md.)
#
# Models: the role (count = create_role, false by default) and its trust policy as the module
# builds it: for each provider in provider_url and provider_urls (without "https://"), a
# statement allowing sts:AssumeRoleWithWebIdentity to the Federated principal
# arn:<partition>:iam::<aws_account_id or this account>:oidc-provider/<provider>, with
# StringEquals <provider>:sub = oidc_fully_qualified_subjects, StringLike <provider>:sub =
# oidc_subjects_with_wildcards, StringLike <provider>:aud = oidc_fully_qualified_audiences
# (each only when its list is not empty; the module repeats each condition once per provider,
# which changes nothing) and provider_trust_policy_conditions; allow_self_assume_role adds the
# ExplicitSelfRoleAssumption statement. Also the permissions boundary, the managed policy
# attachments (role_policy_arns) and the inline policy from inline_policy_statements.
# Leaves out: nothing else that grants or limits access.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  aws_account_id = var.aws_account_id != "" ? var.aws_account_id : data.aws_caller_identity.current.account_id
  partition      = data.aws_partition.current.partition
  urls = [
    for url in compact(distinct(concat(var.provider_urls, [var.provider_url]))) :
    replace(url, "https://", "")
  ]
  role_name_condition = var.role_name != null ? var.role_name : "${var.role_name_prefix}*"
}

data "aws_iam_policy_document" "assume_role_with_oidc" {
  dynamic "statement" {
    for_each = local.urls

    content {
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = ["arn:${local.partition}:iam::${local.aws_account_id}:oidc-provider/${statement.value}"]
      }

      dynamic "condition" {
        for_each = length(var.oidc_fully_qualified_subjects) > 0 ? [1] : []

        content {
          test     = "StringEquals"
          variable = "${statement.value}:sub"
          values   = var.oidc_fully_qualified_subjects
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_subjects_with_wildcards) > 0 ? [1] : []

        content {
          test     = "StringLike"
          variable = "${statement.value}:sub"
          values   = var.oidc_subjects_with_wildcards
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_fully_qualified_audiences) > 0 ? [1] : []

        content {
          test     = "StringLike"
          variable = "${statement.value}:aud"
          values   = var.oidc_fully_qualified_audiences
        }
      }

      dynamic "condition" {
        for_each = var.provider_trust_policy_conditions

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }

  dynamic "statement" {
    for_each = var.allow_self_assume_role ? [1] : []

    content {
      sid     = "ExplicitSelfRoleAssumption"
      effect  = "Allow"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "AWS"
        identifiers = ["*"]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:PrincipalArn"
        values   = ["arn:${local.partition}:iam::${data.aws_caller_identity.current.account_id}:role${var.role_path}${local.role_name_condition}"]
      }
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create_role ? 1 : 0

  name                  = var.role_name
  name_prefix           = var.role_name_prefix
  description           = var.role_description
  path                  = var.role_path
  max_session_duration  = var.max_session_duration
  force_detach_policies = var.force_detach_policies
  permissions_boundary  = var.role_permissions_boundary_arn
  assume_role_policy    = data.aws_iam_policy_document.assume_role_with_oidc.json
  tags                  = var.tags
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = var.create_role ? coalesce(var.number_of_role_policy_arns, length(var.role_policy_arns)) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.role_policy_arns[count.index]
}

resource "aws_iam_role_policy" "inline" {
  count = var.create_role && length(var.inline_policy_statements) > 0 ? 1 : 0

  role        = aws_iam_role.this[0].name
  name_prefix = "${var.role_name}_inline_"
  policy      = data.aws_iam_policy_document.inline.json
}

data "aws_iam_policy_document" "inline" {
  dynamic "statement" {
    for_each = var.inline_policy_statements

    content {
      sid           = try(statement.value.sid, null)
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      effect        = try(statement.value.effect, null)
      resources     = try(statement.value.resources, null)
      not_resources = try(statement.value.not_resources, null)

      dynamic "condition" {
        for_each = try(statement.value.conditions, [])

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}
