# Outputs other configurations commonly read (6.x names).

output "name" {
  value = try(aws_iam_group.this[0].name, null)
}

output "arn" {
  value = try(aws_iam_group.this[0].arn, null)
}

output "id" {
  value = try(aws_iam_group.this[0].id, null)
}

output "users" {
  value = var.users
}

output "policy_arn" {
  value = try(aws_iam_policy.this[0].arn, null)
}
