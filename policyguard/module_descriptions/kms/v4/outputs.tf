# Outputs other configurations commonly read. ARN and id are computed by AWS.

output "key_arn" {
  value = try(aws_kms_key.this[0].arn, null)
}

output "key_id" {
  value = try(aws_kms_key.this[0].key_id, null)
}

output "key_policy" {
  value = try(aws_kms_key.this[0].policy, null)
}
