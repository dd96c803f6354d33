output "deployer_role_arn" {
  value = aws_iam_role.deployer.arn
}
