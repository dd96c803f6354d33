# terraform-aws-modules/iam/aws//modules/iam-github-oidc-role, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-github-oidc-role
#   (inputs and defaults: the submodule README; merged into iam-role in 6.0 as
#   enable_github_oidc, see docs/UPGRADE-6.0.md.)
#
# Models: the role (count = create, true by default) and its trust policy as the module builds
# it: one statement "GithubOidcAuth" allowing sts:TagSession and sts:AssumeRoleWithWebIdentity
# to the Federated principal arn:<partition>:iam::<this account>:oidc-provider/<provider_url>,
# with ForAllValues:StringEquals <provider>:iss = https://<provider>, ForAllValues:StringEquals
# <provider>:aud = audience, StringLike <provider>:sub = "repo:" + each subject (a leading
# "repo:" in a subject is not doubled), and additional_trust_policy_conditions. Also the
# permissions boundary and the managed policy attachments (`policies`, a map of name => ARN).
# Leaves out: the inline policy switches of the last 5.x releases.
# A condition whose key is computed is written as a one-element dynamic block, so that the
# extractor evaluates the key; the policy is the same.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  provider_url = replace(var.provider_url, "https://", "")
  account_id   = data.aws_caller_identity.current.account_id
  partition    = data.aws_partition.current.partition
}

data "aws_iam_policy_document" "this" {
  statement {
    sid     = "GithubOidcAuth"
    effect  = "Allow"
    actions = ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.provider_url}"]
    }

    dynamic "condition" {
      for_each = [local.provider_url]

      content {
        test     = "ForAllValues:StringEquals"
        variable = "${condition.value}:iss"
        values   = ["https://${condition.value}"]
      }
    }

    dynamic "condition" {
      for_each = [local.provider_url]

      content {
        test     = "ForAllValues:StringEquals"
        variable = "${condition.value}:aud"
        values   = [var.audience]
      }
    }

    dynamic "condition" {
      for_each = [local.provider_url]

      content {
        test     = "StringLike"
        variable = "${condition.value}:sub"
        values   = [for subject in var.subjects : "repo:${trimprefix(subject, "repo:")}"]
      }
    }

    dynamic "condition" {
      for_each = var.additional_trust_policy_conditions

      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name                  = var.name
  name_prefix           = var.name_prefix
  path                  = var.path
  description           = var.description
  assume_role_policy    = data.aws_iam_policy_document.this.json
  max_session_duration  = var.max_session_duration
  permissions_boundary  = var.permissions_boundary_arn
  force_detach_policies = var.force_detach_policies
  tags                  = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = { for k, v in var.policies : k => v if var.create }

  role       = aws_iam_role.this[0].name
  policy_arn = each.value
}
