# AUTH-003 (login-profile-weak-password) fixture.
resource "aws_iam_user_login_profile" "fail_no_reset" {
  user    = "alice"
  pgp_key = "keybase:alice"
}

resource "aws_iam_user_login_profile" "fail_reset_false" {
  user                    = "bob"
  pgp_key                 = "keybase:bob"
  password_reset_required = false
}

resource "aws_iam_user_login_profile" "fail_short" {
  user                    = "carol"
  pgp_key                 = "keybase:carol"
  password_reset_required = true
  password_length         = 13
}

resource "aws_iam_user_login_profile" "pass_strong" {
  user                    = "dave"
  pgp_key                 = "keybase:dave"
  password_reset_required = true
  password_length         = 24
}
