"""S3 access points: named network endpoints with their own public access block."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model.resources import Resource
from policyguard.model.s3 import PublicAccessBlock
from policyguard.model.values import Located


@dataclass(frozen=True, slots=True)
class S3AccessPoint:
    """An access point of a bucket; ``public_access_block`` is ``None`` when not declared (AWS
    then turns all four switches on); ``vpc`` is the VPC it is restricted to, if any."""

    resource: Resource
    bucket: Located[str] | None = None
    public_access_block: PublicAccessBlock | None = None
    vpc: Located[str] | None = None

    def describe(self) -> str:
        return self.resource.address
