environment        = "prod"
trusted_account_id = "111122223333"
regions            = ["eu-west-1", "eu-central-1"]

buckets = {
  artifacts = { acl = "private", versioning = true }
  website   = { acl = "public-read", versioning = false }
}
