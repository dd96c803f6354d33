locals {
  buckets   = { for name, bucket in var.buckets : name => bucket if bucket.enabled }
  arns      = [for b in aws_s3_bucket.this : "${b.arn}/*"]
  by_owner  = { for b in var.buckets : b.owner => b.name... }
  admin_arn = var.admin == null ? "" : data.aws_iam_role.admin[0].arn
  readers   = concat(aws_iam_role.reader[*].arn, var.extra_readers...)
}

resource "aws_iam_policy" "readers" {
  count = length(local.readers) > 0 && !var.disabled ? 1 : 0

  policy = <<-EOT
    {
      "Statement": [
    %{~ for i, arn in local.readers ~}
        {"Effect": "Allow", "Principal": {"AWS": "${arn}"}}%{ if i < length(local.readers) - 1 },%{ endif }
    %{~ endfor ~}
      ]
    }
  EOT
}
