"""Handlers for S3 access points."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.access_points import S3AccessPoint
from policyguard.model.s3 import PublicAccessBlock


def _s3_access_point(item: ResourceInstance, collector: Collector) -> None:
    blocks = item.body.blocks_of("public_access_block_configuration")
    block = None
    if blocks:
        body = blocks[0].body
        block = PublicAccessBlock(
            item.resource,
            item.boolean("block_public_acls", body),
            item.boolean("ignore_public_acls", body),
            item.boolean("block_public_policy", body),
            item.boolean("restrict_public_buckets", body),
        )
    vpc = item.body.blocks_of("vpc_configuration")
    collector.add(
        S3AccessPoint(
            item.resource,
            item.string("bucket"),
            block,
            item.string("vpc_id", vpc[0].body) if vpc else None,
        )
    )


HANDLERS: dict[str, Handler] = {"aws_s3_access_point": _s3_access_point}
