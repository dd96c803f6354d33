# Inputs of terraform-aws-modules/iam/aws//modules/iam-group, with the module's types and
# defaults for versions >= 6.0.0, < 7.0.0. Object attributes marked optional() are read with
# try() in main.tf, so a value that leaves them out reads as Terraform fills it in.

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = ""
}

variable "path" {
  type    = string
  default = null
}

variable "users" {
  type    = list(string)
  default = []
}

variable "create_policy" {
  type    = bool
  default = true
}

variable "enable_self_management_permissions" {
  type    = bool
  default = true
}

variable "enable_mfa_enforcement" {
  type    = bool
  default = true
}

variable "permissions" {
  type = map(object({
    sid           = optional(string)
    actions       = optional(list(string))
    not_actions   = optional(list(string))
    effect        = optional(string, "Allow")
    resources     = optional(list(string))
    not_resources = optional(list(string))
    principals = optional(list(object({
      type        = string
      identifiers = list(string)
    })))
    not_principals = optional(list(object({
      type        = string
      identifiers = list(string)
    })))
    condition = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })))
  }))
  default = null
}

variable "policy_name" {
  type    = string
  default = null
}

variable "policy_description" {
  type    = string
  default = null
}

variable "policy_use_name_prefix" {
  type    = bool
  default = true
}

variable "policy_path" {
  type    = string
  default = null
}

variable "policies" {
  type    = map(string)
  default = {}
}

variable "users_account_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
