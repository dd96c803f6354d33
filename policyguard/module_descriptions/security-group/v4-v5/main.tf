# terraform-aws-modules/security-group/aws, versions >= 4.0.0, < 6.0.0
# Documentation: https://registry.terraform.io/modules/terraform-aws-modules/security-group/aws/latest
#   (inputs and defaults: the module README; the named rules: the module's rules.tf map.)
#
# Models: the group (create and create_sg, both true by default) and every rule the module
# would add to it, as `ingress` and `egress` blocks of one aws_security_group: named rules
# (ingress_rules / egress_rules) with the shared CIDR, IPv6 and prefix-list inputs, the
# *_with_cidr_blocks and *_with_ipv6_cidr_blocks lists (each map's comma-separated
# `cidr_blocks`, else the shared list; ports and protocol from the map, else from its `rule`),
# *_with_self and *_with_source_security_group_id. Egress defaults to 0.0.0.0/0 and ::/0 for
# named egress rules, as in the module.
# Leaves out: the computed_* inputs, rules added to an existing group (create_sg = false with
# security_group_id), and most named rules (see `rules` in variables.tf).
# Simplification: the module writes each rule as its own aws_security_group_rule (addresses
# such as aws_security_group_rule.ingress_rules[0]); security groups are read from the group's
# inline rules here, so this description writes them inline.

locals {
  create = var.create && var.create_sg

  named_ingress = [for name in var.ingress_rules : {
    from_port        = var.rules[name][0]
    to_port          = var.rules[name][1]
    protocol         = var.rules[name][2]
    description      = var.rules[name][3]
    cidr_blocks      = var.ingress_cidr_blocks
    ipv6_cidr_blocks = var.ingress_ipv6_cidr_blocks
    prefix_list_ids  = var.ingress_prefix_list_ids
    security_groups  = []
    self             = null
  }]

  custom_ingress = [for rule in concat(
    [for r in var.ingress_with_cidr_blocks : merge(r, { _from = "cidr" })],
    [for r in var.ingress_with_ipv6_cidr_blocks : merge(r, { _from = "ipv6" })],
    [for r in var.ingress_with_self : merge(r, { _from = "self" })],
    [for r in var.ingress_with_source_security_group_id : merge(r, { _from = "sg" })],
  ) : {
    from_port        = lookup(rule, "from_port", var.rules[lookup(rule, "rule", "_")][0])
    to_port          = lookup(rule, "to_port", var.rules[lookup(rule, "rule", "_")][1])
    protocol         = lookup(rule, "protocol", var.rules[lookup(rule, "rule", "_")][2])
    description      = lookup(rule, "description", "Ingress Rule")
    cidr_blocks      = rule._from == "cidr" ? compact(split(",", lookup(rule, "cidr_blocks", join(",", var.ingress_cidr_blocks)))) : []
    ipv6_cidr_blocks = rule._from == "ipv6" ? compact(split(",", lookup(rule, "ipv6_cidr_blocks", join(",", var.ingress_ipv6_cidr_blocks)))) : []
    prefix_list_ids  = compact(split(",", lookup(rule, "prefix_list_ids", "")))
    security_groups  = compact([lookup(rule, "source_security_group_id", "")])
    self             = rule._from == "self" ? true : null
  }]

  named_egress = [for name in var.egress_rules : {
    from_port        = var.rules[name][0]
    to_port          = var.rules[name][1]
    protocol         = var.rules[name][2]
    description      = var.rules[name][3]
    cidr_blocks      = var.egress_cidr_blocks
    ipv6_cidr_blocks = var.egress_ipv6_cidr_blocks
    prefix_list_ids  = var.egress_prefix_list_ids
    security_groups  = []
    self             = null
  }]

  custom_egress = [for rule in concat(
    [for r in var.egress_with_cidr_blocks : merge(r, { _from = "cidr" })],
    [for r in var.egress_with_ipv6_cidr_blocks : merge(r, { _from = "ipv6" })],
    [for r in var.egress_with_self : merge(r, { _from = "self" })],
    [for r in var.egress_with_source_security_group_id : merge(r, { _from = "sg" })],
  ) : {
    from_port        = lookup(rule, "from_port", var.rules[lookup(rule, "rule", "_")][0])
    to_port          = lookup(rule, "to_port", var.rules[lookup(rule, "rule", "_")][1])
    protocol         = lookup(rule, "protocol", var.rules[lookup(rule, "rule", "_")][2])
    description      = lookup(rule, "description", "Egress Rule")
    cidr_blocks      = rule._from == "cidr" ? compact(split(",", lookup(rule, "cidr_blocks", join(",", var.egress_cidr_blocks)))) : []
    ipv6_cidr_blocks = rule._from == "ipv6" ? compact(split(",", lookup(rule, "ipv6_cidr_blocks", join(",", var.egress_ipv6_cidr_blocks)))) : []
    prefix_list_ids  = compact(split(",", lookup(rule, "prefix_list_ids", "")))
    security_groups  = compact([lookup(rule, "source_security_group_id", "")])
    self             = rule._from == "self" ? true : null
  }]
}

resource "aws_security_group" "this" {
  count = local.create ? 1 : 0

  name        = var.use_name_prefix ? null : var.name
  name_prefix = var.use_name_prefix ? "${var.name}-" : null
  description = var.description
  vpc_id      = var.vpc_id
  tags        = var.tags

  dynamic "ingress" {
    for_each = concat(local.named_ingress, local.custom_ingress)

    content {
      from_port        = ingress.value.from_port
      to_port          = ingress.value.to_port
      protocol         = ingress.value.protocol
      description      = ingress.value.description
      cidr_blocks      = ingress.value.cidr_blocks
      ipv6_cidr_blocks = ingress.value.ipv6_cidr_blocks
      prefix_list_ids  = ingress.value.prefix_list_ids
      security_groups  = ingress.value.security_groups
      self             = ingress.value.self
    }
  }

  dynamic "egress" {
    for_each = concat(local.named_egress, local.custom_egress)

    content {
      from_port        = egress.value.from_port
      to_port          = egress.value.to_port
      protocol         = egress.value.protocol
      description      = egress.value.description
      cidr_blocks      = egress.value.cidr_blocks
      ipv6_cidr_blocks = egress.value.ipv6_cidr_blocks
      prefix_list_ids  = egress.value.prefix_list_ids
      security_groups  = egress.value.security_groups
      self             = egress.value.self
    }
  }
}
