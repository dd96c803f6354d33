output "bucket_arn" {
  value = "arn:aws:s3:::${aws_s3_bucket.this.bucket}"
}
