# Malformed on purpose: the block `resource "aws_kms_key" "unclosed_key"` opened on line 7
# is never closed. Everything after it is read as nested blocks, so parsing fails only at the
# end of input, after line 14, the last line (python-hcl2 8.1 raises UnexpectedToken $END at
# line 15, column 1, expecting RBRACE). A scanner must report a parse diagnostic for this file
# and still report the finding of good.tf beside it.

resource "aws_kms_key" "unclosed_key" {
  description = "Never closed"

resource "aws_s3_bucket" "after_the_error" {
  bucket = "unreachable"
}

# last line of the file (14)
