# terraform-aws-modules/iam/aws//modules/iam-assumable-role, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-assumable-role
#   (inputs and defaults: the submodule README; 6.0 renamed it iam-role, see docs/UPGRADE-6.0.md.)
#
# Models: the role (count = create_role, false by default) and its trust policy as the module
# builds it: one statement allowing sts:AssumeRole plus trusted_role_actions to
# trusted_role_arns (AWS) and trusted_role_services (Service); with role_requires_mfa (true by
# default) it carries Bool aws:MultiFactorAuthPresent = true and NumericLessThan
# aws:MultiFactorAuthAge = mfa_age; role_sts_externalid adds StringEquals sts:ExternalId,
# role_requires_session_name StringEquals sts:RoleSessionName, trust_policy_conditions their
# own conditions; allow_self_assume_role adds the ExplicitSelfRoleAssumption statement. A
# custom_role_trust_policy replaces all of it. Also the permissions boundary, the managed
# policy attachments (custom_role_policy_arns, admin/poweruser/readonly switches) and the
# inline policy from inline_policy_statements.
# Leaves out: the instance profile. Simplifications: a principal type whose list is empty is
# left out of the statement (the module writes it empty); custom_role_trust_policy is used when
# it is not empty or create_custom_role_trust_policy is true (late 5.x needs the switch, older
# releases took the policy alone).

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id          = data.aws_caller_identity.current.account_id
  partition           = data.aws_partition.current.partition
  role_sts_externalid = flatten([var.role_sts_externalid])
  role_name_condition = var.role_name != null ? var.role_name : "${var.role_name_prefix}*"
  use_custom_trust    = var.create_custom_role_trust_policy || var.custom_role_trust_policy != ""
}

data "aws_iam_policy_document" "assume_role" {
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
        values   = ["arn:${local.partition}:iam::${local.account_id}:role${var.role_path}${local.role_name_condition}"]
      }
    }
  }

  statement {
    effect  = "Allow"
    actions = compact(distinct(concat(["sts:AssumeRole"], var.trusted_role_actions)))

    dynamic "principals" {
      for_each = length(var.trusted_role_arns) > 0 ? [var.trusted_role_arns] : []

      content {
        type        = "AWS"
        identifiers = principals.value
      }
    }

    dynamic "principals" {
      for_each = length(var.trusted_role_services) > 0 ? [var.trusted_role_services] : []

      content {
        type        = "Service"
        identifiers = principals.value
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa ? [1] : []

      content {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_mfa ? [1] : []

      content {
        test     = "NumericLessThan"
        variable = "aws:MultiFactorAuthAge"
        values   = [var.mfa_age]
      }
    }

    dynamic "condition" {
      for_each = length(local.role_sts_externalid) != 0 ? [1] : []

      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = local.role_sts_externalid
      }
    }

    dynamic "condition" {
      for_each = var.role_requires_session_name ? [1] : []

      content {
        test     = "StringEquals"
        variable = "sts:RoleSessionName"
        values   = var.role_session_name
      }
    }

    dynamic "condition" {
      for_each = var.trust_policy_conditions

      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create_role ? 1 : 0

  name                  = var.role_name
  name_prefix           = var.role_name_prefix
  path                  = var.role_path
  description           = var.role_description
  max_session_duration  = var.max_session_duration
  force_detach_policies = var.force_detach_policies
  permissions_boundary  = var.role_permissions_boundary_arn
  assume_role_policy    = local.use_custom_trust ? var.custom_role_trust_policy : data.aws_iam_policy_document.assume_role.json
  tags                  = var.tags
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = var.create_role ? coalesce(var.number_of_custom_role_policy_arns, length(var.custom_role_policy_arns)) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = element(var.custom_role_policy_arns, count.index)
}

resource "aws_iam_role_policy_attachment" "admin" {
  count = var.create_role && var.attach_admin_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.admin_role_policy_arn
}

resource "aws_iam_role_policy_attachment" "poweruser" {
  count = var.create_role && var.attach_poweruser_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.poweruser_role_policy_arn
}

resource "aws_iam_role_policy_attachment" "readonly" {
  count = var.create_role && var.attach_readonly_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.readonly_role_policy_arn
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

      dynamic "principals" {
        for_each = try(statement.value.principals, [])

        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }

      dynamic "not_principals" {
        for_each = try(statement.value.not_principals, [])

        content {
          type        = not_principals.value.type
          identifiers = not_principals.value.identifiers
        }
      }

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
