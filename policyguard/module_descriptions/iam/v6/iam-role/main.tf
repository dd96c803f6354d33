# terraform-aws-modules/iam/aws//modules/iam-role, versions >= 6.0.0, < 7.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/latest/submodules/iam-role
#   (inputs and defaults: the submodule README and docs/UPGRADE-6.0.md, which maps the 5.x
#   iam-assumable-role, -with-oidc, -with-saml and iam-github-oidc-role inputs to these.)
#
# Models: the role (count = create, true by default; name used as a prefix unless
# use_name_prefix is false) with its permissions boundary, and its trust policy as the module
# builds it, merged with source_trust_policy_documents and override_trust_policy_documents:
#   - enable_oidc: per provider in oidc_provider_urls, sts:TagSession and
#     sts:AssumeRoleWithWebIdentity for the Federated oidc-provider principal (in
#     oidc_account_id or this account), with StringEquals <provider>:sub = oidc_subjects,
#     StringLike <provider>:sub = oidc_wildcard_subjects, StringEquals <provider>:aud =
#     oidc_audiences (each when not empty) and trust_policy_conditions;
#   - enable_github_oidc: statement "GithubOidcAuth" for github_provider with
#     ForAllValues:StringEquals :iss and :aud (oidc_audiences, else sts.amazonaws.com),
#     StringEquals :sub = "repo:" + oidc_subjects, StringLike :sub = "repo:" +
#     oidc_wildcard_subjects, and trust_policy_conditions;
#   - enable_bitbucket_oidc: statement "BitbucketOidcAuth" for the first oidc_provider_urls
#     entry with :aud, :sub conditions and trust_policy_conditions;
#   - enable_saml: sts:TagSession, sts:AssumeRoleWithSAML and saml_trust_actions for the
#     saml_provider_ids, with StringEquals SAML:aud = saml_endpoints and trust_policy_conditions;
#   - trust_policy_permissions: one statement per entry (sid defaults to the map key).
# Also the managed policy attachments (`policies`, name => ARN) and the inline policy
# (create_inline_policy with inline_policy_permissions and the source/override documents).
# Leaves out: the instance profile.
# A condition whose key is computed is written as a dynamic block over a one-element list, so
# that the extractor evaluates the key; the policy is the same.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  oidc_providers     = [for url in var.oidc_provider_urls : replace(url, "https://", "")]
  bitbucket_provider = try(element(local.oidc_providers, 0), null)
  trust_permissions  = var.trust_policy_permissions != null ? var.trust_policy_permissions : {}
  inline_permissions = var.inline_policy_permissions != null ? var.inline_policy_permissions : {}
}

data "aws_iam_policy_document" "this" {
  source_policy_documents   = var.source_trust_policy_documents
  override_policy_documents = var.override_trust_policy_documents

  # Generic OIDC
  dynamic "statement" {
    for_each = var.enable_oidc ? local.oidc_providers : []

    content {
      effect  = "Allow"
      actions = ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = ["arn:${local.partition}:iam::${coalesce(var.oidc_account_id, local.account_id)}:oidc-provider/${statement.value}"]
      }

      dynamic "condition" {
        for_each = length(var.oidc_subjects) > 0 ? [1] : []

        content {
          test     = "StringEquals"
          variable = "${statement.value}:sub"
          values   = var.oidc_subjects
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_wildcard_subjects) > 0 ? [1] : []

        content {
          test     = "StringLike"
          variable = "${statement.value}:sub"
          values   = var.oidc_wildcard_subjects
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_audiences) > 0 ? [1] : []

        content {
          test     = "StringEquals"
          variable = "${statement.value}:aud"
          values   = var.oidc_audiences
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

  # GitHub OIDC
  dynamic "statement" {
    for_each = var.enable_github_oidc ? [var.github_provider] : []

    content {
      sid     = "GithubOidcAuth"
      actions = ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = ["arn:${local.partition}:iam::${local.account_id}:oidc-provider/${statement.value}"]
      }

      dynamic "condition" {
        for_each = [1]

        content {
          test     = "ForAllValues:StringEquals"
          variable = "${statement.value}:iss"
          values   = ["https://${statement.value}"]
        }
      }

      dynamic "condition" {
        for_each = [1]

        content {
          test     = "ForAllValues:StringEquals"
          variable = "${statement.value}:aud"
          values   = coalescelist(var.oidc_audiences, ["sts.amazonaws.com"])
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_subjects) > 0 ? [1] : []

        content {
          test     = "StringEquals"
          variable = "${statement.value}:sub"
          values   = [for subject in var.oidc_subjects : "repo:${trimprefix(subject, "repo:")}"]
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_wildcard_subjects) > 0 ? [1] : []

        content {
          test     = "StringLike"
          variable = "${statement.value}:sub"
          values   = [for subject in var.oidc_wildcard_subjects : "repo:${trimprefix(subject, "repo:")}"]
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

  # Bitbucket OIDC
  dynamic "statement" {
    for_each = var.enable_bitbucket_oidc ? [local.bitbucket_provider] : []

    content {
      sid     = "BitbucketOidcAuth"
      actions = ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = ["arn:${local.partition}:iam::${local.account_id}:oidc-provider/${statement.value}"]
      }

      dynamic "condition" {
        for_each = [1]

        content {
          test     = "ForAllValues:StringEquals"
          variable = "${statement.value}:aud"
          values   = coalescelist(var.oidc_audiences, ["sts.amazonaws.com"])
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_subjects) > 0 ? [1] : []

        content {
          test     = "StringEquals"
          variable = "${statement.value}:sub"
          values   = var.oidc_subjects
        }
      }

      dynamic "condition" {
        for_each = length(var.oidc_wildcard_subjects) > 0 ? [1] : []

        content {
          test     = "StringLike"
          variable = "${statement.value}:sub"
          values   = var.oidc_wildcard_subjects
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

  # SAML
  dynamic "statement" {
    for_each = var.enable_saml ? [1] : []

    content {
      effect  = "Allow"
      actions = compact(distinct(concat(["sts:TagSession", "sts:AssumeRoleWithSAML"], var.saml_trust_actions)))

      principals {
        type        = "Federated"
        identifiers = var.saml_provider_ids
      }

      condition {
        test     = "StringEquals"
        variable = "SAML:aud"
        values   = var.saml_endpoints
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

  # Generic statements
  dynamic "statement" {
    for_each = local.trust_permissions

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

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name                  = var.use_name_prefix ? null : var.name
  name_prefix           = var.use_name_prefix ? "${var.name}-" : null
  path                  = var.path
  description           = var.description
  assume_role_policy    = data.aws_iam_policy_document.this.json
  max_session_duration  = var.max_session_duration
  permissions_boundary  = var.permissions_boundary
  force_detach_policies = true
  tags                  = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = { for k, v in var.policies : k => v if var.create }

  policy_arn = each.value
  role       = aws_iam_role.this[0].name
}

resource "aws_iam_role_policy" "inline" {
  count = var.create && var.create_inline_policy ? 1 : 0

  role        = aws_iam_role.this[0].name
  name        = var.use_name_prefix ? null : var.name
  name_prefix = var.use_name_prefix ? "${var.name}-" : null
  policy      = data.aws_iam_policy_document.inline.json
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
