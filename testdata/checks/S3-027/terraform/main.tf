# S3-027 (bucket-cors-any-origin): CORS rules that allow any origin.
#
# Must fail:
#   fail_legacy_any_origin     cors_rule { allowed_origins = ["*"] } inside the bucket (v3)
#   fail_split_any_origin      aws_s3_bucket_cors_configuration, second rule allows "*"
#   fail_unresolved_origin     origins from a variable: low confidence
# Must pass:
#   pass_listed_origins        listed origins, allowed_headers = ["*"] (AWS's own example)
#   pass_no_cors

variable "origins" {
  type = list(string)
}

resource "aws_s3_bucket" "fail_legacy_any_origin" {
  bucket = "assets-legacy"
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
  }
}

resource "aws_s3_bucket" "fail_split_any_origin" {
  bucket = "uploads"
}

resource "aws_s3_bucket_cors_configuration" "fail_split_any_origin" {
  bucket = aws_s3_bucket.fail_split_any_origin.id
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://app.example.com"]
  }
  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["PUT", "POST", "DELETE"]
    allowed_origins = ["*"]
  }
}

resource "aws_s3_bucket" "fail_unresolved_origin" {
  bucket = "uploads-variable"
}

resource "aws_s3_bucket_cors_configuration" "fail_unresolved_origin" {
  bucket = aws_s3_bucket.fail_unresolved_origin.id
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = var.origins
  }
}

resource "aws_s3_bucket" "pass_listed_origins" {
  bucket = "uploads-listed"
}

resource "aws_s3_bucket_cors_configuration" "pass_listed_origins" {
  bucket = aws_s3_bucket.pass_listed_origins.id
  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["PUT", "POST"]
    allowed_origins = ["https://app.example.com", "https://admin.example.com"]
  }
}

resource "aws_s3_bucket" "pass_no_cors" {
  bucket = "records"
}
