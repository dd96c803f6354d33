variable "reader" {
  type = string
}

resource "aws_sqs_queue_policy" "fail_queue" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage" }]
  })
}

resource "aws_sns_topic_policy" "fail_topic_in_list" {
  arn    = aws_sns_topic.alerts.arn
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": ["111122223333", "*"]},
    "Action": "sns:Publish",
    "Resource": "arn:aws:sns:eu-west-1:111122223333:alerts"
  }]
}
POLICY
}

resource "aws_lambda_permission" "fail_lambda" {
  action        = "lambda:InvokeFunction"
  function_name = "handler"
  principal     = "*"
}

resource "aws_ecr_repository_policy" "fail_unresolved_principal" {
  repository = "images"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = var.reader }, Action = "ecr:BatchGetImage" }]
  })
}

resource "aws_glacier_vault" "fail_ip_only" {
  name = "archive"
  access_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "glacier:InitiateJob"
      Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } }
    }]
  })
}

resource "aws_sqs_queue" "pass_organization" {
  name = "shared"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_sqs_queue_policy" "pass_source_arn" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:111122223333:orders" } }
    }]
  })
}

resource "aws_secretsmanager_secret_policy" "pass_denied_outside_endpoint" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }
      },
    ]
  })
}

resource "aws_lambda_permission" "pass_service" {
  action        = "lambda:InvokeFunction"
  function_name = "handler"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::uploads"
}

resource "aws_sns_topic_policy" "pass_deny_everyone" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = "*", Action = "sns:Publish", Resource = "*" }]
  })
}
