# A resource control policy at the root keeps principals outside the organization away from
# S3 and SQS; a bucket ACL and a queue policy still let everyone in on paper.
resource "aws_organizations_organization" "org" {
  feature_set          = "ALL"
  enabled_policy_types = ["RESOURCE_CONTROL_POLICY"]
}

resource "aws_organizations_policy" "perimeter" {
  name = "data-perimeter"
  type = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyOurOrganization"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:*", "sqs:*"]
      Resource  = "*"
      Condition = { StringNotEqualsIfExists = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.perimeter.id
  target_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

resource "aws_sqs_queue" "events" {
  name = "events"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

# Lambda is not a service resource control policies cover: this one stays as it is.
resource "aws_lambda_permission" "public" {
  statement_id  = "Anyone"
  action        = "lambda:InvokeFunction"
  function_name = "handler"
  principal     = "*"
}
