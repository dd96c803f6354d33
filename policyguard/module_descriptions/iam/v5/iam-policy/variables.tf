# Inputs of terraform-aws-modules/iam/aws//modules/iam-policy, with the module's types and
# defaults for versions < 6.0.0 (as of 5.x).

variable "create_policy" {
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
  default = "IAM Policy"
}

variable "policy" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}
