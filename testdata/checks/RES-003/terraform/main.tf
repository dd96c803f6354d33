resource "aws_sqs_queue_policy" "fail_service_wildcard" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}

resource "aws_cloudwatch_log_destination_policy" "fail_star" {
  destination_name = "central"
  access_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "111122223333" }, Action = ["logs:PutSubscriptionFilter", "*"] }]
  })
}

resource "aws_sqs_queue_policy" "pass_listed_actions" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = ["sqs:SendMessage", "sqs:Get*"]
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}

resource "aws_sns_topic_policy" "pass_deny_all" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = "*", Action = "*", Resource = "*" }]
  })
}
