# A realistic root module: two local modules, variables from defaults and terraform.tfvars,
# locals built from locals, for_each and count, a policy document with a dynamic statement,
# and an Organizations tree with SCPs. Its extraction is compared with expected_model.json.

locals {
  name_prefix = "${var.project}-${var.environment}"
  tags        = merge(var.default_tags, { Environment = var.environment })
  read_only_services = ["s3", "kms"]
}

module "iam" {
  source = "./modules/iam"

  name_prefix       = local.name_prefix
  trusted_account   = var.trusted_account_id
  admin_users       = ["alice", "bob"]
  deploy_bucket_arn = module.storage["artifacts"].bucket_arn
}

module "storage" {
  source   = "./modules/storage"
  for_each = var.buckets

  name       = "${local.name_prefix}-${each.key}"
  acl        = each.value.acl
  versioning = each.value.versioning
  tags       = local.tags
}

data "aws_iam_policy_document" "read_only" {
  dynamic "statement" {
    for_each = local.read_only_services
    content {
      sid       = "Read${upper(statement.value)}"
      actions   = ["${statement.value}:Get*", "${statement.value}:List*"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_policy" "read_only" {
  name   = "${local.name_prefix}-read-only"
  policy = data.aws_iam_policy_document.read_only.json
}

resource "aws_kms_key" "regional" {
  count                   = length(var.regions)
  description             = "data key for ${var.regions[count.index]}"
  enable_key_rotation     = count.index == 0
  deletion_window_in_days = 7
}

resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_account" "production" {
  name      = "production"
  email     = "aws-production@example.com"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave-organization"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyLeave"
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy" "regions" {
  name = "allowed-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOtherRegions"
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*"]
      Resource  = "*"
      Condition = {
        StringNotEquals = { "aws:RequestedRegion" = var.regions }
      }
    }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave_root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy_attachment" "regions_workloads" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
