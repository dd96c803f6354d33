# Inputs of terraform-aws-modules/iam/aws//modules/iam-user that decide the user, its
# credentials and its permissions, with the module's types and defaults for versions
# >= 6.0.0, < 7.0.0. SSH key inputs are not declared. Object attributes marked optional() are
# read with try() in main.tf, so a value that leaves them out reads as Terraform fills it in.

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

variable "force_destroy" {
  type    = bool
  default = false
}

variable "permissions_boundary" {
  type    = string
  default = null
}

variable "create_login_profile" {
  type    = bool
  default = true
}

variable "password_reset_required" {
  type    = bool
  default = true
}

variable "password_length" {
  type    = number
  default = null
}

variable "create_access_key" {
  type    = bool
  default = true
}

variable "access_key_status" {
  type    = string
  default = null
}

variable "pgp_key" {
  type    = string
  default = null
}

variable "policies" {
  type    = map(string)
  default = {}
}

variable "create_inline_policy" {
  type    = bool
  default = false
}

variable "source_inline_policy_documents" {
  type    = list(string)
  default = []
}

variable "override_inline_policy_documents" {
  type    = list(string)
  default = []
}

variable "inline_policy_permissions" {
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

variable "tags" {
  type    = map(string)
  default = {}
}
