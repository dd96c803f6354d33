# Inputs of terraform-aws-modules/iam/aws//modules/iam-github-oidc-role that decide the role,
# its trust policy and its permissions, with the module's types and defaults for versions
# < 6.0.0 (the submodule exists since 5.x).

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "name_prefix" {
  type    = string
  default = null
}

variable "path" {
  type    = string
  default = "/"
}

variable "description" {
  type    = string
  default = null
}

variable "permissions_boundary_arn" {
  type    = string
  default = null
}

variable "policies" {
  type    = map(string)
  default = {}
}

variable "force_detach_policies" {
  type    = bool
  default = true
}

variable "max_session_duration" {
  type    = number
  default = null
}

variable "audience" {
  type    = string
  default = "sts.amazonaws.com"
}

variable "subjects" {
  type    = list(string)
  default = []
}

variable "provider_url" {
  type    = string
  default = "token.actions.githubusercontent.com"
}

variable "additional_trust_policy_conditions" {
  type = list(object({
    test     = string
    variable = string
    values   = list(string)
  }))
  default = []
}

variable "tags" {
  type    = map(any)
  default = {}
}
