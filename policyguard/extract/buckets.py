"""Assembling S3 buckets from settings that each format may declare on separate resources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from policyguard.model.iam import PolicyDocument
from policyguard.model.s3 import BucketAcl, PublicAccessBlock, S3Bucket
from policyguard.model.values import Located


@dataclass
class BucketAssembler:
    """Collects buckets and their settings by the bucket's logical name, then joins them.

    A setting whose bucket is not declared in the same module or template joins nothing.
    """

    _buckets: dict[str, S3Bucket] = field(default_factory=dict)
    _acls: defaultdict[str, list[BucketAcl]] = field(default_factory=lambda: defaultdict(list))
    _policies: dict[str, PolicyDocument] = field(default_factory=dict)
    _blocks: dict[str, PublicAccessBlock] = field(default_factory=dict)
    _ownership: dict[str, Located[str]] = field(default_factory=dict)

    def bucket(self, bucket: S3Bucket) -> None:
        self._buckets[bucket.resource.address] = bucket

    def acl(self, bucket: str, acl: BucketAcl) -> None:
        self._acls[bucket].append(acl)

    def policy(self, bucket: str, policy: PolicyDocument) -> None:
        self._policies[bucket] = policy

    def public_access_block(self, bucket: str, block: PublicAccessBlock) -> None:
        self._blocks[bucket] = block

    def ownership(self, bucket: str, ownership: Located[str]) -> None:
        self._ownership[bucket] = ownership

    def buckets(self) -> list[S3Bucket]:
        """Every declared bucket with the settings that name it joined in."""
        result = []
        for address, bucket in self._buckets.items():
            result.append(
                replace(
                    bucket,
                    acls=bucket.acls + tuple(self._acls.get(address, ())),
                    policy=self._policies.get(address, bucket.policy),
                    public_access_block=self._blocks.get(address, bucket.public_access_block),
                    object_ownership=self._ownership.get(address, bucket.object_ownership),
                )
            )
        return result
