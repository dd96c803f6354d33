# A well-formed file beside the malformed ones. Its finding must survive the parse errors of
# its neighbours.
#
# Must fail (KMS-001): aws_kms_key.fail_beside_broken_files
# Must pass:           aws_kms_key.pass_beside_broken_files

resource "aws_kms_key" "fail_beside_broken_files" {
  description = "Symmetric key without rotation"
}

resource "aws_kms_key" "pass_beside_broken_files" {
  description         = "Symmetric key with rotation"
  enable_key_rotation = true
}
