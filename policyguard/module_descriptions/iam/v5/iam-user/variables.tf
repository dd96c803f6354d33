# Inputs of terraform-aws-modules/iam/aws//modules/iam-user that decide the user, its
# credentials and its permissions, with the module's types and defaults for versions < 6.0.0
# (as of 5.x; `name` has no default). SSH key inputs are not declared.

variable "create_user" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "path" {
  type    = string
  default = "/"
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "permissions_boundary" {
  type    = string
  default = ""
}

variable "create_iam_user_login_profile" {
  type    = bool
  default = true
}

variable "password_reset_required" {
  type    = bool
  default = true
}

variable "password_length" {
  type    = number
  default = 20
}

variable "create_iam_access_key" {
  type    = bool
  default = true
}

variable "iam_access_key_status" {
  type    = string
  default = null
}

variable "pgp_key" {
  type    = string
  default = ""
}

variable "policy_arns" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
