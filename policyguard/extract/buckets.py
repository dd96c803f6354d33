"""Assembling S3 buckets from settings that each format may declare on separate resources."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from policyguard.model.iam import PolicyDocument
from policyguard.model.s3 import (
    BucketAcl,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
    UnjoinedPublicAccessBlock,
)
from policyguard.model.values import Located


@dataclass
class BucketAssembler:
    """Collects buckets and their settings by the bucket's logical name, then joins them.

    A setting is named by its :class:`S3Bucket` field (``versioning``, ``policy``, ...) and
    names its bucket by address, or by :meth:`named` for a literal bucket name; a setting whose
    bucket is not declared in the same module or template joins nothing.
    """

    _buckets: dict[str, S3Bucket] = field(default_factory=dict)
    _acls: defaultdict[str, list[BucketAcl]] = field(default_factory=lambda: defaultdict(list))
    _settings: defaultdict[str, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))

    @staticmethod
    def named(name: Located[str] | None) -> str | None:
        """The key that joins a setting to the bucket whose ``bucket``/``BucketName`` is the
        literal ``name``, or ``None`` when the name is not known."""
        known = name.known() if name is not None else None
        return f"{_NAMED}{known}" if known else None

    def bucket(self, bucket: S3Bucket) -> None:
        self._buckets[bucket.resource.address] = bucket

    def acl(self, bucket: str, acl: BucketAcl) -> None:
        self._acls[bucket].append(acl)

    def setting(self, bucket: str, name: str, value: object) -> None:
        """Set the :class:`S3Bucket` field ``name`` of ``bucket`` to ``value``."""
        if name not in S3Bucket.__dataclass_fields__ or name in ("resource", "acls"):
            raise ValueError(f"{name!r} is not a bucket setting")
        self._settings[bucket][name] = value

    def policy(self, bucket: str, policy: PolicyDocument) -> None:
        self.setting(bucket, "policy", policy)

    def public_access_block(self, bucket: str, block: PublicAccessBlock) -> None:
        self.setting(bucket, "public_access_block", block)

    def ownership(self, bucket: str, ownership: Located[str]) -> None:
        self.setting(bucket, "object_ownership", ownership)

    def buckets(self) -> list[S3Bucket]:
        """Every declared bucket with the settings that name it joined in; those naming its
        address win over those naming its literal name, and a name that several buckets
        carry joins nothing."""
        names = Counter(self.named(bucket.name) for bucket in self._buckets.values())
        joined = []
        for address, bucket in self._buckets.items():
            named = self.named(bucket.name)
            keys = [address] if named is None or names[named] > 1 else [named, address]
            settings = {k: v for key in keys for k, v in self._settings.get(key, {}).items()}
            acls = tuple(acl for key in keys for acl in self._acls.get(key, ()))
            joined.append(replace(bucket, acls=bucket.acls + acls, **_merged(bucket, settings)))
        return joined

    def unjoined_blocks(self) -> list[UnjoinedPublicAccessBlock]:
        """The public access blocks whose bucket is not declared here (or whose name several
        declared buckets carry)."""
        names = Counter(self.named(bucket.name) for bucket in self._buckets.values())
        joined = set(self._buckets) | {name for name, count in names.items() if count == 1}
        return [
            UnjoinedPublicAccessBlock(settings["public_access_block"], key)
            for key, settings in self._settings.items()
            if key not in joined and "public_access_block" in settings
        ]


_NAMED = "bucket named "


def _merged(bucket: S3Bucket, settings: dict[str, Any]) -> dict[str, Any]:
    """Settings of separate resources over the bucket's own; object lock enabled on the bucket
    stays enabled when a separate configuration only adds the retention."""
    lock = settings.get("object_lock")
    if isinstance(lock, ObjectLock) and lock.enabled is None and bucket.object_lock is not None:
        settings = {**settings, "object_lock": replace(lock, enabled=bucket.object_lock.enabled)}
    return settings
