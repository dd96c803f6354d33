# Malformed on purpose: the block `resource "aws_kms_key" "unclosed_key"` opened on line 7
# is never closed. Everything after it is read as nested blocks, so the parser only fails at
# the end of input: python-hcl2 8.1 reports "Unexpected token $END at line 15, column 1"
# (expected RBRACE). A scanner must report a parse diagnostic for this file and still report
# the finding of good.tf beside it.

resource "aws_kms_key" "unclosed_key" {
  description = "Never closed"

resource "aws_s3_bucket" "after_the_error" {
  bucket = "unreachable"
}

# last line of the file (14)
