# Inputs of terraform-aws-modules/iam/aws//modules/iam-group-with-policies, with the module's
# types and defaults for versions < 6.0.0 (as of 5.x).

variable "create_group" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = ""
}

variable "path" {
  type    = string
  default = "/"
}

variable "group_users" {
  type    = list(string)
  default = []
}

variable "custom_group_policy_arns" {
  type    = list(string)
  default = []
}

variable "custom_group_policies" {
  type    = list(map(string))
  default = []
}

variable "enable_mfa_enforcement" {
  type    = bool
  default = true
}

variable "attach_iam_self_management_policy" {
  type    = bool
  default = true
}

variable "iam_self_management_policy_name_prefix" {
  type    = string
  default = "IAMSelfManagement-"
}

variable "aws_account_id" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}
