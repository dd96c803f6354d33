resource "aws_kms_key" "fail_key" {
  description = "data"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }]
  })
}

resource "aws_sqs_queue" "fail_queue" {
  name = "jobs"
  policy = jsonencode({
    Statement = [{ Sid = "Send", Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_sqs_queue" "pass_queue" {
  name = "orders"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

resource "aws_iam_policy" "pass_identity_policy" {
  name = "reader"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}
