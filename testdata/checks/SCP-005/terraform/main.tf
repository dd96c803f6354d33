# SCP-005 (scp-allow-list-blocks-deployed-services). Without [accounts] deployments every
# resource of the scan is taken to deploy below the root (low confidence). The allow-list SCP
# at the root allows s3 and kms; the Lambda function is not allowed, so the SCP is flagged.
# Must fail: fail_*. Must pass: pass_*.

resource "aws_organizations_organization" "pass_org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "fail_allow_list" {
  name = "allow-list"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Storage", Effect = "Allow", Action = ["s3:*", "kms:*"], Resource = "*" },
      { Sid = "NoLeave", Effect = "Deny", Action = "organizations:LeaveOrganization",
        Resource = "*" },
    ]
  })
}

resource "aws_organizations_policy_attachment" "pass_allow_list" {
  policy_id = aws_organizations_policy.fail_allow_list.id
  target_id = aws_organizations_organization.pass_org.roots[0].id
}

resource "aws_organizations_policy" "pass_ou_allow_list" {
  name = "ou-allow-list"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:*", Resource = "*" }]
  })
}

resource "aws_organizations_organizational_unit" "pass_sandbox" {
  name      = "sandbox"
  parent_id = aws_organizations_organization.pass_org.roots[0].id
}

resource "aws_organizations_policy_attachment" "pass_ou_allow_list" {
  policy_id = aws_organizations_policy.pass_ou_allow_list.id
  target_id = aws_organizations_organizational_unit.pass_sandbox.id
}

resource "aws_s3_bucket" "pass_data" {
  bucket = "example-data"
}

resource "aws_kms_key" "pass_key" {
  enable_key_rotation = true
}

resource "aws_lambda_function" "pass_app" {
  function_name = "app"
  role          = "arn:aws:iam::111122223333:role/app"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
