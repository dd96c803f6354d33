"""The bucket as a related place of a finding written in another resource."""

from __future__ import annotations

from policyguard import Related
from policyguard.location import SourceLocation
from policyguard.model import S3Bucket


def related_bucket(bucket: S3Bucket, written_at: SourceLocation) -> tuple[Related, ...]:
    """``bucket``, to show with a finding on a grant written at ``written_at``, when that is
    another resource than the bucket itself (a bucket policy, an ACL); else nothing."""
    if written_at.logical_name == bucket.resource.address:
        return ()
    return (Related(bucket.resource.location, f"the bucket {bucket.describe()}"),)
