# IAM-011 (privilege-escalation) fixture. Findings sit at the first statement a method needs,
# so they are attributed to the resource that writes it.
#
# Must fail:
#   aws_iam_role.fail_split_inline      iam:PassRole and ec2:RunInstances in two inline policies
#   aws_iam_group_policy.fail_group     iam:CreatePolicyVersion for the group's members
#   aws_iam_policy.fail_unattached      held by nobody yet: judged as its future holder's
# Must pass:
#   aws_iam_role.pass_denied            the escalation is denied by another inline policy
#   aws_iam_role.pass_passed_to_lambda  iam:PassRole only to Lambda, but only ec2:RunInstances
#   aws_iam_user.member                 not reported again for what its group allows

locals {
  trust_ec2 = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role" "fail_split_inline" {
  name               = "split"
  assume_role_policy = local.trust_ec2

  inline_policy {
    name = "pass-role"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
    })
  }

  inline_policy {
    name = "run-instances"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "pass_denied" {
  name               = "denied"
  assume_role_policy = local.trust_ec2

  inline_policy {
    name = "both"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }]
    })
  }

  inline_policy {
    name = "guardrail"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "pass_passed_to_lambda" {
  name               = "lambda-deployer"
  assume_role_policy = local.trust_ec2

  inline_policy {
    name = "deploy"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect    = "Allow"
          Action    = "iam:PassRole"
          Resource  = "arn:aws:iam::111122223333:role/app-function"
          Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
        },
        { Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" },
      ]
    })
  }
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "fail_group" {
  name  = "policy-versions"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "*" }]
  })
}

resource "aws_iam_user" "member" {
  name = "member"
}

resource "aws_iam_user_group_membership" "member" {
  user   = aws_iam_user.member.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_policy" "fail_unattached" {
  name = "unattached"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = "*" }]
  })
}
