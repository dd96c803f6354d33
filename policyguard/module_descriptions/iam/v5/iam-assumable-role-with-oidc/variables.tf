# Inputs of terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc that decide the
# role, its trust policy and its permissions, with the module's types and defaults for
# versions < 6.0.0 (as of 5.x).

variable "create_role" {
  type    = bool
  default = false
}

variable "provider_url" {
  type    = string
  default = ""
}

variable "provider_urls" {
  type    = list(string)
  default = []
}

variable "aws_account_id" {
  type    = string
  default = ""
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_name_prefix" {
  type    = string
  default = null
}

variable "role_description" {
  type    = string
  default = ""
}

variable "role_path" {
  type    = string
  default = "/"
}

variable "role_permissions_boundary_arn" {
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

variable "role_policy_arns" {
  type    = list(string)
  default = []
}

variable "number_of_role_policy_arns" {
  type    = number
  default = null
}

variable "oidc_fully_qualified_subjects" {
  type    = set(string)
  default = []
}

variable "oidc_subjects_with_wildcards" {
  type    = set(string)
  default = []
}

variable "oidc_fully_qualified_audiences" {
  type    = set(string)
  default = []
}

variable "provider_trust_policy_conditions" {
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

variable "inline_policy_statements" {
  type    = any
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
