# Outputs other configurations commonly read.

output "arn" {
  value = try(aws_iam_role.this[0].arn, null)
}

output "name" {
  value = try(aws_iam_role.this[0].name, null)
}

output "path" {
  value = try(aws_iam_role.this[0].path, null)
}

output "unique_id" {
  value = try(aws_iam_role.this[0].unique_id, null)
}
