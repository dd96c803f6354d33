# Outputs other configurations commonly read: the 4.x/5.x names and the `this_` names of
# older majors (a configuration can only refer to the ones its version has).

output "iam_user_name" {
  value = try(aws_iam_user.this[0].name, "")
}

output "iam_user_arn" {
  value = try(aws_iam_user.this[0].arn, "")
}

output "iam_user_unique_id" {
  value = try(aws_iam_user.this[0].unique_id, "")
}

output "iam_access_key_id" {
  value = try(aws_iam_access_key.this[0].id, aws_iam_access_key.this_no_pgp[0].id, "")
}

output "this_iam_user_name" {
  value = try(aws_iam_user.this[0].name, "")
}

output "this_iam_user_arn" {
  value = try(aws_iam_user.this[0].arn, "")
}
