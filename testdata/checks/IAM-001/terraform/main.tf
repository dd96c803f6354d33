# IAM-001 (admin-access) fixture: an identity policy with an Allow statement whose actions
# include "*" and whose resources include "*".
#
# Must fail (by resource name):
#   aws_iam_policy.fail_jsonencode_action_list        Action ["*"], Resource ["*"] (list form)
#   aws_iam_role_policy.fail_jsonencode_action_string Action "*", Resource "*" (string form)
#   aws_iam_user_policy.fail_mixed_lists              "*" among other actions and resources
#   aws_iam_group_policy.fail_heredoc_json            heredoc JSON policy
#   aws_iam_role.fail_role_inline_policy              inline_policy block of a role
#   (data_source.tf: data.aws_iam_policy_document.fail_data_source / aws_iam_policy.fail_data_source)
#
# Must pass: every resource named pass_*. Those named pass_support_* only hold the policies
# above (users, groups, roles and their trust policies) and must never be flagged either.

locals {
  account_id = "111122223333"
}

# ---------------------------------------------------------------------------------------------
# Supporting identities
# ---------------------------------------------------------------------------------------------

resource "aws_iam_user" "pass_support_user" {
  name = "ci-deployer"
  path = "/automation/"
}

resource "aws_iam_group" "pass_support_group" {
  name = "operators"
}

resource "aws_iam_role" "pass_support_role" {
  name = "app-runtime"

  # Trust policy: Allow with a Principal, never an identity policy.
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ec2.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

# ---------------------------------------------------------------------------------------------
# Failing policies
# ---------------------------------------------------------------------------------------------

resource "aws_iam_policy" "fail_jsonencode_action_list" {
  name        = "break-glass-admin"
  description = "Full administrator access"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Admin"
        Effect   = "Allow"
        Action   = ["*"]
        Resource = ["*"]
      },
    ]
  })
}

resource "aws_iam_role_policy" "fail_jsonencode_action_string" {
  name = "runtime-admin"
  role = aws_iam_role.pass_support_role.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_user_policy" "fail_mixed_lists" {
  name = "deployer"
  user = aws_iam_user.pass_support_user.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadLogs"
        Effect = "Allow"
        Action = ["logs:GetLogEvents", "logs:FilterLogEvents"]
        Resource = [
          "arn:aws:logs:eu-west-1:${local.account_id}:log-group:/app/*",
        ]
      },
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "*"]
        Resource = ["arn:aws:s3:::artifacts-${local.account_id}/*", "*"]
      },
    ]
  })
}

resource "aws_iam_group_policy" "fail_heredoc_json" {
  name  = "operators-admin"
  group = aws_iam_group.pass_support_group.name

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_role" "fail_role_inline_policy" {
  name = "legacy-batch"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "batch.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })

  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = "*"
          Resource = "*"
        },
      ]
    })
  }
}

# ---------------------------------------------------------------------------------------------
# Passing policies
# ---------------------------------------------------------------------------------------------

# Every S3 action on every resource: broad, but not administrator access.
resource "aws_iam_policy" "pass_service_wildcard" {
  name = "s3-full"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = "*"
      },
    ]
  })
}

# Every action, but on one named resource only.
resource "aws_iam_role_policy" "pass_specific_resource" {
  name = "own-table"
  role = aws_iam_role.pass_support_role.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "arn:aws:dynamodb:eu-west-1:${local.account_id}:table/orders"
      },
    ]
  })
}

# "*" on "*" with Effect Deny takes permissions away.
resource "aws_iam_user_policy" "pass_deny_everything" {
  name = "quarantine"
  user = aws_iam_user.pass_support_user.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

# A narrow Allow next to a Deny of "*" on "*" outside business hours.
resource "aws_iam_group_policy" "pass_allow_with_deny" {
  name  = "operators-read"
  group = aws_iam_group.pass_support_group.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ec2:Describe*", "cloudwatch:GetMetricData"]
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = ["*"]
        Resource = ["*"]
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "false" }
        }
      },
    ]
  })
}

# A role whose inline policy is least privilege.
resource "aws_iam_role" "pass_role_inline_least_privilege" {
  name = "queue-worker"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })

  inline_policy {
    name = "consume"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
          Resource = "arn:aws:sqs:eu-west-1:${local.account_id}:jobs"
        },
      ]
    })
  }
}

# The FullAWSAccess-style SCP allows "*" on "*", but an SCP is not an identity policy: it
# grants nothing and only caps what identity policies allow.
resource "aws_organizations_policy" "pass_scp_allow_all" {
  name = "allow-all"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

# Must fail: every action through a pattern that expands to all of them, on a resource
# pattern that covers every ARN.
resource "aws_iam_policy" "fail_patterns_cover_everything" {
  name = "everything-by-pattern"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:*" }]
  })
}

# Must pass: every action of one service is not administrator access.
resource "aws_iam_policy" "pass_one_service_everything" {
  name = "s3-everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:*" }]
  })
}
