resource "aws_sns_topic_policy" "fail_not_action" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      NotAction = "sns:DeleteTopic"
      Resource  = aws_sns_topic.alerts.arn
    }]
  })
}

resource "aws_s3_bucket_policy" "fail_not_principal" {
  bucket = "logs"
  policy = jsonencode({
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:user/mallory" }
      Action       = "s3:GetObject"
      Resource     = "arn:aws:s3:::logs/*"
    }]
  })
}

resource "aws_sqs_queue_policy" "pass_deny_not_principal" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/admin" }
      NotAction    = "sqs:SendMessage"
      Resource     = "*"
    }]
  })
}

resource "aws_sqs_queue_policy" "pass_action" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}
