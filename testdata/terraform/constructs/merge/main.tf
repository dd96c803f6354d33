# Policy documents merged from other documents, a heredoc policy with interpolations, and a
# policy read from a file with templatefile().
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "ReadLogs"
    actions   = ["logs:GetLogEvents"]
    resources = ["*"]
  }
  statement {
    sid       = "Shared"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::base"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid       = "Shared"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::merged/*"]
  }

  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "ReadLogs", Effect = "Deny", Action = "logs:*", Resource = "*" }]
  })]
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}

resource "aws_iam_policy" "templated" {
  policy = templatefile("${path.module}/policy.json.tpl", { bucket = "reports" })
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::${var.bucket}/*"
      }]
    }
  EOT
}

variable "bucket" {
  type = string
}
