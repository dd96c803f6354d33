# Inputs of terraform-aws-modules/kms/aws that decide the key's security-relevant settings and
# its key policy, with the module's types and defaults for versions >= 4.0.0, < 5.0.0. Aliases,
# grants, external and replica keys are not declared beyond the switches that decide whether
# the standard key is made.

variable "create" {
  type    = bool
  default = true
}

variable "create_external" {
  type    = bool
  default = false
}

variable "create_replica" {
  type    = bool
  default = false
}

variable "create_replica_external" {
  type    = bool
  default = false
}

variable "bypass_policy_lockout_safety_check" {
  type    = bool
  default = null
}

variable "customer_master_key_spec" {
  type    = string
  default = null
}

variable "custom_key_store_id" {
  type    = string
  default = null
}

variable "deletion_window_in_days" {
  type    = number
  default = null
}

variable "description" {
  type    = string
  default = null
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "rotation_period_in_days" {
  type    = number
  default = null
}

variable "is_enabled" {
  type    = bool
  default = null
}

variable "key_usage" {
  type    = string
  default = null
}

variable "multi_region" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

variable "enable_default_policy" {
  type    = bool
  default = true
}

variable "key_owners" {
  type    = list(string)
  default = []
}

variable "key_administrators" {
  type    = list(string)
  default = []
}

variable "key_users" {
  type    = list(string)
  default = []
}

variable "key_service_users" {
  type    = list(string)
  default = []
}

variable "key_service_roles_for_autoscaling" {
  type    = list(string)
  default = []
}

variable "key_symmetric_encryption_users" {
  type    = list(string)
  default = []
}

variable "key_hmac_users" {
  type    = list(string)
  default = []
}

variable "key_asymmetric_public_encryption_users" {
  type    = list(string)
  default = []
}

variable "key_asymmetric_sign_verify_users" {
  type    = list(string)
  default = []
}

variable "key_statements" {
  type    = any
  default = {}
}

variable "source_policy_documents" {
  type    = list(string)
  default = []
}

variable "override_policy_documents" {
  type    = list(string)
  default = []
}

variable "enable_route53_dnssec" {
  type    = bool
  default = false
}

variable "route53_dnssec_sources" {
  type    = list(any)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
