# Outputs other configurations commonly read (6.x names). The ARN and id are computed by AWS.

output "id" {
  value = try(aws_iam_policy.policy[0].id, null)
}

output "arn" {
  value = try(aws_iam_policy.policy[0].arn, null)
}

output "name" {
  value = try(aws_iam_policy.policy[0].name, null)
}

output "policy" {
  value = try(aws_iam_policy.policy[0].policy, null)
}
