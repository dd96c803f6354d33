variable "region" {
  description = "AWS region the shop runs in."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment stage, used in names and tags."
  type        = string
  default     = "production"
}

variable "project" {
  description = "Short project name, used as a prefix for every resource name."
  type        = string
  default     = "acme-shop"
}

variable "workloads_ou_id" {
  description = "Organizational unit that holds the workload accounts."
  type        = string
  default     = "ou-ab12-34cd56ef"
}

variable "security_account_id" {
  description = "Account of the security team, allowed to manage GuardDuty."
  type        = string
  default     = "222233334444"
}
