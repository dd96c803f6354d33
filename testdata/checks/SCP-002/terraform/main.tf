# SCP-002 (organization-all-features-disabled). Must fail: fail_*. Must pass: pass_*.

resource "aws_organizations_organization" "fail_consolidated_billing" {
  feature_set = "CONSOLIDATED_BILLING"
}

resource "aws_organizations_organization" "pass_all" {
  feature_set = "ALL"
}

# Not written, the feature set is ALL.
resource "aws_organizations_organization" "pass_default" {
  aws_service_access_principals = ["cloudtrail.amazonaws.com"]
}
