# AUTH-002 (login-profile-plaintext-password) fixture: Terraform generates the password and
# keeps it in its state, in plain text unless pgp_key encrypts it.
resource "aws_iam_user_login_profile" "fail_no_pgp_key" {
  user                    = "alice"
  password_reset_required = true
}

resource "aws_iam_user_login_profile" "pass_pgp_key" {
  user                    = "bob"
  pgp_key                 = "keybase:bob"
  password_reset_required = true
}
