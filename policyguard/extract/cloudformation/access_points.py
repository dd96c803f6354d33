"""Handlers for S3 access points."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.access_points import S3AccessPoint
from policyguard.model.s3 import PublicAccessBlock

_BLOCK = "PublicAccessBlockConfiguration"


def _s3_access_point(item: ResourceReader, collector: Collector) -> None:
    block = None
    if item.node(_BLOCK) is not None:
        block = PublicAccessBlock(
            item.resource,
            item.boolean(_BLOCK, "BlockPublicAcls"),
            item.boolean(_BLOCK, "IgnorePublicAcls"),
            item.boolean(_BLOCK, "BlockPublicPolicy"),
            item.boolean(_BLOCK, "RestrictPublicBuckets"),
        )
    collector.add(
        S3AccessPoint(
            item.resource,
            item.string("Bucket"),
            block,
            item.string("VpcConfiguration", "VpcId"),
        )
    )


HANDLERS: dict[str, Handler] = {"AWS::S3::AccessPoint": _s3_access_point}
