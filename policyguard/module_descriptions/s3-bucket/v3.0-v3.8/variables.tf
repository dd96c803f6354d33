# Inputs of terraform-aws-modules/s3-bucket/aws that decide security-relevant settings, with the
# module's types and defaults for versions >= 3.0.0, < 3.9.0. The other inputs (lifecycle,
# replication, CORS, inventory, notifications, directory buckets...) are not declared.

variable "create_bucket" {
  type    = bool
  default = true
}

variable "putin_khuylo" {
  # The module creates nothing unless this is true (its own condition, since 2.15).
  type    = bool
  default = true
}

variable "bucket" {
  type    = string
  default = null
}

variable "bucket_prefix" {
  type    = string
  default = null
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "acl" {
  type    = string
  default = null
}

variable "grant" {
  type    = any
  default = []
}

variable "owner" {
  type    = map(string)
  default = {}
}

variable "expected_bucket_owner" {
  type    = string
  default = null
}

variable "policy" {
  type    = string
  default = null
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "attach_require_latest_tls_policy" {
  type    = bool
  default = false
}

variable "attach_deny_incorrect_encryption_headers" {
  type    = bool
  default = false
}

variable "attach_deny_unencrypted_object_uploads" {
  type    = bool
  default = false
}

variable "attach_public_policy" {
  type    = bool
  default = true
}

variable "block_public_acls" {
  type    = bool
  default = false
}

variable "block_public_policy" {
  type    = bool
  default = false
}

variable "ignore_public_acls" {
  type    = bool
  default = false
}

variable "restrict_public_buckets" {
  type    = bool
  default = false
}

variable "control_object_ownership" {
  type    = bool
  default = false
}

variable "object_ownership" {
  type    = string
  default = "ObjectWriter"
}

variable "versioning" {
  type    = map(string)
  default = {}
}

variable "logging" {
  type    = map(string)
  default = {}
}

variable "server_side_encryption_configuration" {
  type    = any
  default = {}
}

variable "object_lock_enabled" {
  type    = bool
  default = false
}

variable "object_lock_configuration" {
  type    = any
  default = {}
}

variable "website" {
  type    = any
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
