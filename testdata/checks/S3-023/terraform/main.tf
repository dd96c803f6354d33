# S3-023 (bucket-website-hosting-enabled): static website hosting that serves objects.
#
# Must fail:
#   fail_legacy_website     website { index_document } inside the bucket (provider v3)
#   fail_website            aws_s3_bucket_website_configuration with an index document
# Must pass:
#   pass_redirect_only      a website configuration that only redirects every request
#   pass_legacy_redirect    website { redirect_all_requests_to } (provider v3)
#   pass_no_website

resource "aws_s3_bucket" "fail_legacy_website" {
  bucket = "legacy-site"
  website {
    index_document = "index.html"
  }
}

resource "aws_s3_bucket" "fail_website" {
  bucket = "site"
}

resource "aws_s3_bucket_website_configuration" "fail_website" {
  bucket = aws_s3_bucket.fail_website.id
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket" "pass_redirect_only" {
  bucket = "example.com"
}

resource "aws_s3_bucket_website_configuration" "pass_redirect_only" {
  bucket = aws_s3_bucket.pass_redirect_only.id
  redirect_all_requests_to {
    host_name = "www.example.com"
    protocol  = "https"
  }
}

resource "aws_s3_bucket" "pass_legacy_redirect" {
  bucket = "example.org"
  website {
    redirect_all_requests_to = "https://www.example.org"
  }
}

resource "aws_s3_bucket" "pass_no_website" {
  bucket = "assets"
}
