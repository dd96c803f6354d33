resource "aws_sns_topic_policy" "fail_other_account_role" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/reader" }
      Action    = "sns:Subscribe"
      Resource  = aws_sns_topic.events.arn
    }]
  })
}

resource "aws_lambda_permission" "fail_account" {
  action        = "lambda:InvokeFunction"
  function_name = "handler"
  principal     = "444455556666"
}

resource "aws_sqs_queue_policy" "pass_public_is_res_001" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage" }]
  })
}

resource "aws_sqs_queue_policy" "pass_own_account" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "sqs:SendMessage"
    }]
  })
}

resource "aws_sqs_queue_policy" "pass_service" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}

resource "aws_sns_topic_policy" "pass_other_account_denied" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sns:*"
      Resource  = "*"
    }]
  })
}
