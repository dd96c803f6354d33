# Outputs other configurations commonly read. The ARN and id are computed by AWS.

output "id" {
  value = try(aws_iam_policy.policy[0].id, "")
}

output "arn" {
  value = try(aws_iam_policy.policy[0].arn, "")
}

output "name" {
  value = try(aws_iam_policy.policy[0].name, "")
}

output "path" {
  value = try(aws_iam_policy.policy[0].path, "")
}

output "policy" {
  value = try(aws_iam_policy.policy[0].policy, "")
}
