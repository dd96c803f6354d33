# Inputs of terraform-aws-modules/iam/aws//modules/iam-policy, with the module's types and
# defaults for versions >= 6.0.0, < 7.0.0.

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
  default = null
}

variable "description" {
  type    = string
  default = null
}

variable "policy" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}
