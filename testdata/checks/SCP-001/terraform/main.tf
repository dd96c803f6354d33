# SCP-001 (scp-principal) fixture: a statement of a service control policy that uses Principal
# or NotPrincipal. SCPs accept the IAM policy language except these two elements; AWS
# Organizations rejects such a policy. aws_organizations_policy defaults to
# type = "SERVICE_CONTROL_POLICY" when type is not written.
#
# Must fail (by resource name):
#   aws_organizations_policy.fail_principal_star          Principal "*"
#   aws_organizations_policy.fail_not_principal_account   NotPrincipal with an AWS account
#   aws_organizations_policy.fail_type_absent_principal   type not written (an SCP), Principal
#   aws_organizations_policy.fail_heredoc_principal       heredoc JSON, Principal {"AWS": "*"}
#
# Must pass: every resource named pass_* (an RCP requires Principal "*"; a tag policy is not an
# IAM policy at all).

variable "workloads_ou_id" {
  type    = string
  default = "ou-ab12-11111111"
}

variable "break_glass_role_arn" {
  type    = string
  default = "arn:aws:iam::*:role/OrganizationAccountAccessRole"
}

# ---------------------------------------------------------------------------------------------
# Failing
# ---------------------------------------------------------------------------------------------

resource "aws_organizations_policy" "fail_principal_star" {
  name = "deny-root-user"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyRoot"
        Effect    = "Deny"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
        Condition = {
          StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" }
        }
      },
    ]
  })
}

resource "aws_organizations_policy" "fail_not_principal_account" {
  name        = "deny-outside-security"
  description = "Only the security account may touch GuardDuty"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect       = "Deny"
        NotPrincipal = { AWS = ["arn:aws:iam::222233334444:root"] }
        Action       = ["guardduty:Delete*", "guardduty:Disassociate*", "guardduty:Update*"]
        Resource     = "*"
      },
    ]
  })
}

resource "aws_organizations_policy" "fail_type_absent_principal" {
  name = "deny-iam-users"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["iam:CreateUser", "iam:CreateAccessKey"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_organizations_policy" "fail_heredoc_principal" {
  name = "deny-disable-cloudtrail"
  type = "SERVICE_CONTROL_POLICY"

  content = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": {"AWS": "*"},
          "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

# ---------------------------------------------------------------------------------------------
# Passing
# ---------------------------------------------------------------------------------------------

resource "aws_organizations_policy" "pass_deny_leave_org" {
  name = "deny-leave-organization"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyLeaveOrganization"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "pass_deny_leave_org" {
  policy_id = aws_organizations_policy.pass_deny_leave_org.id
  target_id = var.workloads_ou_id
}

# Type not written (an SCP); exempts a role through a condition, the supported way.
resource "aws_organizations_policy" "pass_type_absent_condition" {
  name = "deny-region-outside-eu"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        NotAction = ["iam:*", "organizations:*", "sts:*", "support:*"]
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] }
          ArnNotLike      = { "aws:PrincipalArn" = [var.break_glass_role_arn] }
        }
      },
    ]
  })
}

# A resource control policy must name Principal "*": not an SCP.
resource "aws_organizations_policy" "pass_resource_control_policy" {
  name = "enforce-tls"
  type = "RESOURCE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:*", "sqs:*", "kms:*"]
        Resource  = "*"
        Condition = {
          BoolIfExists = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  })
}

# A tag policy's content is not an IAM policy.
resource "aws_organizations_policy" "pass_tag_policy" {
  name = "cost-center-tag"
  type = "TAG_POLICY"

  content = jsonencode({
    tags = {
      costcenter = {
        tag_key = { "@@assign" = "CostCenter" }
        enforced_for = { "@@assign" = ["ec2:instance", "s3:bucket"] }
      }
    }
  })
}

# Resource control policies must say Principal "*": any other principal, or NotPrincipal, fails.
resource "aws_organizations_policy" "fail_rcp_account_principal" {
  name = "rcp-account-principal"
  type = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:*"
      Resource  = "*"
    }]
  })
}

resource "aws_organizations_policy" "fail_rcp_not_principal" {
  name = "rcp-not-principal"
  type = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:root" }
      Action       = "sts:AssumeRole"
      Resource     = "*"
    }]
  })
}
