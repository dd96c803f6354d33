# terraform-aws-modules/iam/aws//modules/iam-group, versions >= 6.0.0, < 7.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/latest/submodules/iam-group
#   (inputs and defaults: the submodule README and docs/UPGRADE-6.0.md. The self-management
#   statements follow the AWS example the module cites:
#   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html)
#
# Models: the group (count = create, true by default), its membership (users), the managed
# policies attached to it (`policies`, name => ARN), and the policy the module creates and
# attaches (create_policy, true by default, when self-management is on or `permissions` is
# not empty): the self-management statements (enable_self_management_permissions, true by
# default) letting users manage their own password, access keys, signing certificates, SSH
# keys, service credentials and MFA devices; DenyAllExceptListedIfNoMFA
# (enable_mfa_enforcement, true by default); and one statement per `permissions` entry.
# Leaves out: nothing else that grants or limits access.
# The module reads the group's `id`, which for an IAM group is its name; this description
# reads `name`, which is known statically.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  partition        = data.aws_partition.current.partition
  users_account_id = coalesce(var.users_account_id, data.aws_caller_identity.current.account_id)
  user_resources = [for pattern in ["user/$${aws:username}", "user/*/$${aws:username}"] :
    "arn:${local.partition}:iam::${local.users_account_id}:${pattern}"
  ]

  permissions   = var.permissions != null ? var.permissions : {}
  create_policy = var.create && var.create_policy && (var.enable_self_management_permissions || length(local.permissions) > 0)
  policy_name   = try(coalesce(var.policy_name, var.name), "")
  self_managed  = var.enable_self_management_permissions ? [1] : []
}

resource "aws_iam_group" "this" {
  count = var.create ? 1 : 0

  name = var.name
  path = var.path
}

resource "aws_iam_group_membership" "this" {
  count = var.create && length(var.users) > 0 ? 1 : 0

  group = aws_iam_group.this[0].name
  name  = var.name
  users = var.users
}

resource "aws_iam_policy" "this" {
  count = local.create_policy ? 1 : 0

  description = var.policy_description
  name        = var.policy_use_name_prefix ? null : local.policy_name
  name_prefix = var.policy_use_name_prefix ? "${local.policy_name}-" : null
  path        = coalesce(var.policy_path, var.path, "/")
  policy      = data.aws_iam_policy_document.this.json
  tags        = var.tags
}

resource "aws_iam_group_policy_attachment" "this" {
  count = local.create_policy ? 1 : 0

  group      = aws_iam_group.this[0].name
  policy_arn = aws_iam_policy.this[0].arn
}

resource "aws_iam_group_policy_attachment" "additional" {
  for_each = { for k, v in var.policies : k => v if var.create }

  group      = aws_iam_group.this[0].name
  policy_arn = each.value
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid       = "ViewAccountInfo"
      actions   = ["iam:GetAccountSummary", "iam:GetAccountPasswordPolicy", "iam:ListAccountAliases", "iam:ListVirtualMFADevices"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid       = "ManageOwnPasswords"
      actions   = ["iam:ChangePassword", "iam:GetLoginProfile", "iam:GetUser", "iam:UpdateLoginProfile"]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid = "ManageOwnAccessKeys"
      actions = [
        "iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey",
        "iam:GetAccessKeyLastUsed", "iam:TagUser", "iam:ListUserTags", "iam:UntagUser",
      ]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid = "ManageOwnSigningCertificates"
      actions = [
        "iam:DeleteSigningCertificate", "iam:ListSigningCertificates",
        "iam:UpdateSigningCertificate", "iam:UploadSigningCertificate",
      ]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid = "ManageOwnSSHPublicKeys"
      actions = [
        "iam:DeleteSSHPublicKey", "iam:GetSSHPublicKey", "iam:ListSSHPublicKeys",
        "iam:UpdateSSHPublicKey", "iam:UploadSSHPublicKey",
      ]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid = "ManageOwnGitCredentials"
      actions = [
        "iam:CreateServiceSpecificCredential", "iam:DeleteServiceSpecificCredential",
        "iam:ListServiceSpecificCredentials", "iam:ResetServiceSpecificCredential",
        "iam:UpdateServiceSpecificCredential",
      ]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid       = "ManageOwnVirtualMFADevice"
      actions   = ["iam:CreateVirtualMFADevice"]
      resources = ["arn:${local.partition}:iam::${local.users_account_id}:mfa/*"]
    }
  }

  dynamic "statement" {
    for_each = local.self_managed

    content {
      sid       = "ManageOwnUserMFA"
      actions   = ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"]
      resources = local.user_resources
    }
  }

  dynamic "statement" {
    for_each = var.enable_self_management_permissions && var.enable_mfa_enforcement ? [1] : []

    content {
      sid    = "DenyAllExceptListedIfNoMFA"
      effect = "Deny"
      not_actions = [
        "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:GetMFADevice",
        "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
        "sts:GetSessionToken", "iam:ChangePassword",
      ]
      resources = ["*"]

      condition {
        test     = "BoolIfExists"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["false"]
      }
    }
  }

  dynamic "statement" {
    for_each = local.permissions

    content {
      sid           = try(coalesce(try(statement.value.sid, null), statement.key), null)
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      effect        = try(coalesce(statement.value.effect, "Allow"), "Allow")
      resources     = try(statement.value.resources, null)
      not_resources = try(statement.value.not_resources, null)

      dynamic "principals" {
        for_each = try(coalescelist(statement.value.principals, []), [])

        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }

      dynamic "not_principals" {
        for_each = try(coalescelist(statement.value.not_principals, []), [])

        content {
          type        = not_principals.value.type
          identifiers = not_principals.value.identifiers
        }
      }

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
