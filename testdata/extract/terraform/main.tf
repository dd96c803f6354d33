# Extraction fixture: every resource type the first version reads, with positions asserted.
resource "aws_iam_role" "deployer" {
  name = "ci-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["codebuild.amazonaws.com"] }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  permissions_boundary = "arn:aws:iam::111122223333:policy/boundary"

  inline_policy {
    name = "artifacts"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid      = "Artifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::${var.bucket}/*"
        Condition = {
          Bool = { "aws:SecureTransport" = "true" }
        }
      }]
    })
  }
}

resource "aws_iam_user_policy" "ops" {
  user   = aws_iam_user.ops.name
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]
    }
  EOT
}

resource "aws_iam_policy" "from_data" {
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_kms_key" "data" {
  description             = "data"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = "abc"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket             = aws_s3_bucket.logs.id
  block_public_acls  = true
  ignore_public_acls = var.ignore_acls
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy" "tags" {
  type    = "TAG_POLICY"
  content = "{}"
}
