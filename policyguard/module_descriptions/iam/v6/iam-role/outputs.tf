# Outputs other configurations commonly read (6.x names).

output "arn" {
  value = try(aws_iam_role.this[0].arn, null)
}

output "name" {
  value = try(aws_iam_role.this[0].name, null)
}

output "unique_id" {
  value = try(aws_iam_role.this[0].unique_id, null)
}
