# IAM-001 (admin-access) fixture, policies built with data "aws_iam_policy_document" and used
# through its `.json` attribute. Kept apart from main.tf so a scanner version that does not yet
# resolve the data source can skip this file.
#
# Must fail (by resource name):
#   data.aws_iam_policy_document.fail_data_source  (statement actions ["*"], resources ["*"])
#   aws_iam_policy.fail_data_source                (the policy that uses it)
#
# Must pass: data.aws_iam_policy_document.pass_data_source / aws_iam_policy.pass_data_source.

data "aws_iam_policy_document" "fail_data_source" {
  statement {
    sid       = "Administrator"
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "fail_data_source" {
  name   = "platform-admin"
  policy = data.aws_iam_policy_document.fail_data_source.json
}

data "aws_iam_policy_document" "pass_data_source" {
  statement {
    sid       = "ReadParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"]
  }

  # Deny of "*" on "*" without MFA: no access is granted by this statement.
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "pass_data_source" {
  name   = "read-app-parameters"
  policy = data.aws_iam_policy_document.pass_data_source.json
}
