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

variable "github_repository" {
  description = "Repository (owner/name) whose CI deploys the storefront through OIDC."
  type        = string
  default     = "acme/shop"
}

variable "storefront_distribution_arn" {
  description = "CloudFront distribution that serves the storefront bucket."
  type        = string
  default     = "arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE"
}

variable "allowed_regions" {
  description = "Regions workload accounts may use."
  type        = list(string)
  default     = ["eu-west-1", "eu-central-1"]
}
