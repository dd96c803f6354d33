# Outputs other configurations commonly read (6.x names).

output "name" {
  value = try(aws_iam_user.this[0].name, null)
}

output "arn" {
  value = try(aws_iam_user.this[0].arn, null)
}

output "unique_id" {
  value = try(aws_iam_user.this[0].unique_id, null)
}

output "access_key_id" {
  value = try(aws_iam_access_key.this[0].id, null)
}
