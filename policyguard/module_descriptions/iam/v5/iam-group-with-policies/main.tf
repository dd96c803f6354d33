# terraform-aws-modules/iam/aws//modules/iam-group-with-policies, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-group-with-policies
#   (inputs and defaults: the submodule README; renamed iam-group in 6.0, see
#   docs/UPGRADE-6.0.md. The self-management policy follows the AWS example it cites:
#   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html)
#
# Models: the group (create_group, true by default; otherwise `name` names an existing group),
# its membership (group_users), the managed policies attached to it (custom_group_policy_arns),
# the policies it creates and attaches from custom_group_policies (name, policy, description),
# and the IAM self-management policy (attach_iam_self_management_policy, true by default):
# users may manage their own password, access keys, signing certificates, SSH keys, service
# credentials and MFA devices, and with enable_mfa_enforcement (true by default) everything
# else is denied while they are signed in without MFA.
# Leaves out: nothing else that grants or limits access.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # The module reads the group's `id`, which for an IAM group is its name; `name` is known here.
  group_name     = var.create_group ? aws_iam_group.this[0].name : var.name
  aws_account_id = var.aws_account_id != "" ? var.aws_account_id : data.aws_caller_identity.current.account_id
  partition      = data.aws_partition.current.partition

  own_user = [
    "arn:${local.partition}:iam::${local.aws_account_id}:user/$${aws:username}",
    "arn:${local.partition}:iam::${local.aws_account_id}:user/*/$${aws:username}",
  ]
}

resource "aws_iam_group" "this" {
  count = var.create_group ? 1 : 0

  name = var.name
  path = var.path
}

resource "aws_iam_group_membership" "this" {
  count = length(var.group_users) > 0 ? 1 : 0

  group = local.group_name
  name  = var.name
  users = var.group_users
}

resource "aws_iam_group_policy_attachment" "iam_self_management" {
  count = var.attach_iam_self_management_policy ? 1 : 0

  group      = local.group_name
  policy_arn = aws_iam_policy.iam_self_management[0].arn
}

resource "aws_iam_group_policy_attachment" "custom_arns" {
  count = length(var.custom_group_policy_arns)

  group      = local.group_name
  policy_arn = element(var.custom_group_policy_arns, count.index)
}

resource "aws_iam_group_policy_attachment" "custom" {
  count = length(var.custom_group_policies)

  group      = local.group_name
  policy_arn = aws_iam_policy.custom[count.index].arn
}

resource "aws_iam_policy" "iam_self_management" {
  count = var.attach_iam_self_management_policy ? 1 : 0

  name_prefix = var.iam_self_management_policy_name_prefix
  policy      = data.aws_iam_policy_document.iam_self_management.json
  tags        = var.tags
}

resource "aws_iam_policy" "custom" {
  count = length(var.custom_group_policies)

  name        = var.custom_group_policies[count.index]["name"]
  policy      = var.custom_group_policies[count.index]["policy"]
  description = lookup(var.custom_group_policies[count.index], "description", null)
  tags        = var.tags
}

data "aws_iam_policy_document" "iam_self_management" {
  statement {
    sid       = "AllowViewAccountInfo"
    actions   = ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"]
    resources = ["*"]
  }

  statement {
    sid       = "AllowManageOwnPasswords"
    actions   = ["iam:ChangePassword", "iam:GetUser"]
    resources = local.own_user
  }

  statement {
    sid       = "AllowManageOwnAccessKeys"
    actions   = ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey"]
    resources = local.own_user
  }

  statement {
    sid = "AllowManageOwnSigningCertificates"
    actions = [
      "iam:DeleteSigningCertificate", "iam:ListSigningCertificates",
      "iam:UpdateSigningCertificate", "iam:UploadSigningCertificate",
    ]
    resources = local.own_user
  }

  statement {
    sid = "AllowManageOwnSSHPublicKeys"
    actions = [
      "iam:DeleteSSHPublicKey", "iam:GetSSHPublicKey", "iam:ListSSHPublicKeys",
      "iam:UpdateSSHPublicKey", "iam:UploadSSHPublicKey",
    ]
    resources = local.own_user
  }

  statement {
    sid = "AllowManageOwnGitCredentials"
    actions = [
      "iam:CreateServiceSpecificCredential", "iam:DeleteServiceSpecificCredential",
      "iam:ListServiceSpecificCredentials", "iam:ResetServiceSpecificCredential",
      "iam:UpdateServiceSpecificCredential",
    ]
    resources = local.own_user
  }

  statement {
    sid       = "AllowManageOwnVirtualMFADevice"
    actions   = ["iam:CreateVirtualMFADevice"]
    resources = ["arn:${local.partition}:iam::${local.aws_account_id}:mfa/*"]
  }

  statement {
    sid       = "AllowManageOwnUserMFA"
    actions   = ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"]
    resources = local.own_user
  }

  dynamic "statement" {
    for_each = var.enable_mfa_enforcement ? [1] : []

    content {
      sid    = "DenyAllExceptListedIfNoMFA"
      effect = "Deny"
      not_actions = [
        "iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser",
        "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
        "sts:GetSessionToken",
      ]
      resources = ["*"]

      condition {
        test     = "BoolIfExists"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["false"]
      }
    }
  }
}
