variable "name_prefix" {
  type = string
}

variable "trusted_account" {
  type = string
}

variable "admin_users" {
  type    = list(string)
  default = []
}

variable "deploy_bucket_arn" {
  type = string
}
