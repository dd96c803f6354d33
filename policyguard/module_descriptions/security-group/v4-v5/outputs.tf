# Outputs other configurations commonly read. The id is computed by AWS.

output "security_group_id" {
  value = try(aws_security_group.this[0].id, "")
}

output "security_group_arn" {
  value = try(aws_security_group.this[0].arn, "")
}

output "security_group_name" {
  value = try(aws_security_group.this[0].name, "")
}
