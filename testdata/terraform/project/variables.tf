variable "project" {
  type    = string
  default = "shop"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "trusted_account_id" {
  type = string
}

variable "regions" {
  type    = list(string)
  default = ["eu-west-1"]
}

variable "default_tags" {
  type    = map(string)
  default = { Owner = "platform" }
}

variable "buckets" {
  type = map(object({
    acl        = string
    versioning = bool
  }))
  default = {}
}
