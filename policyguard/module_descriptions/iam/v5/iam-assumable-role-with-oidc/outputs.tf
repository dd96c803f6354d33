# Outputs other configurations commonly read: the 4.x/5.x names and the `this_` names of
# older majors (a configuration can only refer to the ones its version has).

output "iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, "")
}

output "iam_role_name" {
  value = try(aws_iam_role.this[0].name, "")
}

output "iam_role_path" {
  value = try(aws_iam_role.this[0].path, "")
}

output "iam_role_unique_id" {
  value = try(aws_iam_role.this[0].unique_id, "")
}

output "this_iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, "")
}

output "this_iam_role_name" {
  value = try(aws_iam_role.this[0].name, "")
}
