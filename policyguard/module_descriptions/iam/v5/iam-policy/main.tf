# terraform-aws-modules/iam/aws//modules/iam-policy, versions < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/5.60.0/submodules/iam-policy
#   (inputs and defaults: the submodule README; 6.0 renamed create_policy to create, see
#   docs/UPGRADE-6.0.md.)
#
# Models: the managed policy (count = create_policy, true by default) with its name, path and
# document. Leaves out: nothing that grants or limits access (tags and description only).

resource "aws_iam_policy" "policy" {
  count = var.create_policy ? 1 : 0

  name        = var.name
  name_prefix = var.name_prefix
  path        = var.path
  description = var.description
  policy      = var.policy
  tags        = var.tags
}
