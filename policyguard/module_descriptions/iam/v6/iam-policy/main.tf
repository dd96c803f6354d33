# terraform-aws-modules/iam/aws//modules/iam-policy, versions >= 6.0.0, < 7.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/latest/submodules/iam-policy
#   (inputs and defaults: the submodule README; docs/UPGRADE-6.0.md renames create_policy to
#   create and drops the description and path outputs.)
#
# Models: the managed policy (count = create, true by default) with its name, path and
# document. Leaves out: nothing that grants or limits access (tags and description only).

resource "aws_iam_policy" "policy" {
  count = var.create ? 1 : 0

  name        = var.name
  name_prefix = var.name_prefix
  path        = var.path
  description = var.description
  policy      = var.policy
  tags        = var.tags
}
