# The Terraform twin of template.yaml: both must extract to the same model values.
resource "aws_iam_role" "deployer" {
  name = "ci-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"
  inline_policy {
    name = "artifacts"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid       = "Artifacts"
        Effect    = "Allow"
        Action    = ["s3:GetObject", "s3:PutObject"]
        Resource  = "arn:aws:s3:::acme-artifacts/*"
        Condition = { Bool = { "aws:SecureTransport" = "true" } }
      }]
    })
  }
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*" }]
  })
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket             = aws_s3_bucket.logs.id
  block_public_acls  = true
  ignore_public_acls = false
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_kms_key" "data" {
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}
