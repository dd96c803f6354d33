# Inputs of terraform-aws-modules/iam/aws//modules/iam-assumable-role that decide the role, its
# trust policy and its permissions, with the module's types and defaults for versions < 6.0.0
# (as of 5.x; older majors had fewer inputs). Instance profile inputs are not declared.

variable "create_role" {
  type    = bool
  default = false
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_name_prefix" {
  type    = string
  default = null
}

variable "role_path" {
  type    = string
  default = "/"
}

variable "role_description" {
  type    = string
  default = ""
}

variable "max_session_duration" {
  type    = number
  default = 3600
}

variable "force_detach_policies" {
  type    = bool
  default = false
}

variable "role_permissions_boundary_arn" {
  type    = string
  default = ""
}

variable "trusted_role_actions" {
  type    = list(string)
  default = ["sts:AssumeRole", "sts:TagSession"]
}

variable "trusted_role_arns" {
  type    = list(string)
  default = []
}

variable "trusted_role_services" {
  type    = list(string)
  default = []
}

variable "role_requires_mfa" {
  type    = bool
  default = true
}

variable "mfa_age" {
  type    = number
  default = 86400
}

variable "role_sts_externalid" {
  type    = any
  default = []
}

variable "role_requires_session_name" {
  type    = bool
  default = false
}

variable "role_session_name" {
  type    = list(string)
  default = ["$${aws:username}"]
}

variable "trust_policy_conditions" {
  type = list(object({
    test     = string
    variable = string
    values   = list(string)
  }))
  default = []
}

variable "allow_self_assume_role" {
  type    = bool
  default = false
}

variable "custom_role_trust_policy" {
  type    = string
  default = ""
}

variable "create_custom_role_trust_policy" {
  type    = bool
  default = false
}

variable "custom_role_policy_arns" {
  type    = list(string)
  default = []
}

variable "number_of_custom_role_policy_arns" {
  type    = number
  default = null
}

variable "admin_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}

variable "poweruser_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/PowerUserAccess"
}

variable "readonly_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

variable "attach_admin_policy" {
  type    = bool
  default = false
}

variable "attach_poweruser_policy" {
  type    = bool
  default = false
}

variable "attach_readonly_policy" {
  type    = bool
  default = false
}

variable "inline_policy_statements" {
  type    = any
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
