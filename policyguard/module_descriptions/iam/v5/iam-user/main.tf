# terraform-aws-modules/iam/aws//modules/iam-user, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-user
#   (inputs and defaults: the submodule README; 6.0 renamed the credential switches, see
#   docs/UPGRADE-6.0.md.)
#
# Models: the user (count = create_user) with its path and permissions boundary; a console
# login profile (create_iam_user_login_profile, true by default) with password_reset_required;
# an access key (create_iam_access_key, true by default), encrypted with pgp_key when one is
# given (resource `this`) and stored in the state in clear otherwise (resource `this_no_pgp`),
# as the module splits them; and the managed policies attached from policy_arns (5.x).
# Leaves out: the SSH public key.

resource "aws_iam_user" "this" {
  count = var.create_user ? 1 : 0

  name                 = var.name
  path                 = var.path
  force_destroy        = var.force_destroy
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

resource "aws_iam_user_login_profile" "this" {
  count = var.create_user && var.create_iam_user_login_profile ? 1 : 0

  user                    = aws_iam_user.this[0].name
  pgp_key                 = var.pgp_key
  password_length         = var.password_length
  password_reset_required = var.password_reset_required
}

resource "aws_iam_access_key" "this" {
  count = var.create_user && var.create_iam_access_key && var.pgp_key != "" ? 1 : 0

  user    = aws_iam_user.this[0].name
  pgp_key = var.pgp_key
  status  = var.iam_access_key_status
}

resource "aws_iam_access_key" "this_no_pgp" {
  count = var.create_user && var.create_iam_access_key && var.pgp_key == "" ? 1 : 0

  user   = aws_iam_user.this[0].name
  status = var.iam_access_key_status
}

resource "aws_iam_user_policy_attachment" "this" {
  count = var.create_user ? length(var.policy_arns) : 0

  user       = aws_iam_user.this[0].name
  policy_arn = var.policy_arns[count.index]
}
