# SCP-004 (organization-guardrail-missing): one finding per guardrail the root's SCPs do not
# enforce. fail_bare has no SCP: seven findings. pass_guarded has every guardrail at its root.
# Must fail: fail_*. Must pass: pass_* (policies and attachments share the pass_ prefix).

resource "aws_organizations_organization" "fail_bare" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "pass_bare_workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.fail_bare.roots[0].id
}

resource "aws_organizations_organization" "pass_guarded" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

resource "aws_organizations_policy" "pass_guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Protect"
        Effect = "Deny"
        Action = [
          "organizations:LeaveOrganization",
          "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
          "config:Stop*", "config:Delete*",
          "guardduty:Delete*", "guardduty:Disassociate*",
          "access-analyzer:DeleteAnalyzer",
        ]
        Resource  = "*"
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/BreakGlass" } }
      },
      {
        Sid       = "NoRoot"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
      },
      {
        Sid       = "Regions"
        Effect    = "Deny"
        NotAction = ["iam:*", "organizations:*", "sts:*", "support:*"]
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "pass_guardrails" {
  policy_id = aws_organizations_policy.pass_guardrails.id
  target_id = aws_organizations_organization.pass_guarded.roots[0].id
}
