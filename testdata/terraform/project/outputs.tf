output "deployer_role_arn" {
  value = module.iam.deployer_role_arn
}
