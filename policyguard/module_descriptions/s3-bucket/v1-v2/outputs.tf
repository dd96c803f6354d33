# Outputs other configurations commonly read: the 2.x names and the `this_` names of 1.x (a
# configuration can only refer to the ones its version has). The ARN is computed by AWS.

output "s3_bucket_id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

output "s3_bucket_arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}

output "this_s3_bucket_id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

output "this_s3_bucket_arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}
