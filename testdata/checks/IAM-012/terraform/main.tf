# IAM-012 (assume-role-without-mfa) fixture.
# Must fail: aws_iam_user_policy.fail_no_mfa (no condition), aws_iam_user_policy.fail_ip_only
#   (a condition on the source address is no MFA), aws_iam_policy.fail_unattached (held by no
#   declared principal: users may hold it).
# Must pass: aws_iam_user_policy.pass_mfa (Bool aws:MultiFactorAuthPresent true),
#   aws_iam_user_policy.pass_mfa_age (aws:MultiFactorAuthAge), aws_iam_role_policy.pass_role_only
#   (held only by a role: role sessions carry no MFA).

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy" "fail_no_mfa" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/ops" }]
  })
}

resource "aws_iam_user_policy" "fail_ip_only" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:Assume*"
      Resource  = "arn:aws:iam::111122223333:role/audit"
      Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } }
    }]
  })
}

resource "aws_iam_policy" "fail_unattached" {
  name = "assume-deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/deploy" }]
  })
}

resource "aws_iam_user_policy" "pass_mfa" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Resource  = "arn:aws:iam::111122223333:role/admin"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_user_policy" "pass_mfa_age" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Resource  = "arn:aws:iam::111122223333:role/admin"
      Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" } }
    }]
  })
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "pass_role_only" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/reader" }]
  })
}

# The usual "force MFA" statement: a Deny of everything for sessions without MFA.
resource "aws_iam_user_policy" "pass_denied_without_mfa" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/ops" },
      {
        Effect    = "Deny"
        NotAction = ["iam:ChangePassword", "iam:GetUser", "sts:GetSessionToken"]
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      }
    ]
  })
}
