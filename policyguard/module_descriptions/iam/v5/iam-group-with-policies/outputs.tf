# Outputs other configurations commonly read.

output "group_name" {
  value = local.group_name
}

output "group_arn" {
  value = try(aws_iam_group.this[0].arn, "")
}

output "group_users" {
  value = var.group_users
}
