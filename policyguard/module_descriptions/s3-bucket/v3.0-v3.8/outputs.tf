# Outputs other configurations commonly read. The bucket's ARN is computed by AWS and stays unknown.

output "s3_bucket_id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

output "s3_bucket_arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}

output "s3_bucket_policy" {
  value = try(aws_s3_bucket_policy.this[0].policy, "")
}
