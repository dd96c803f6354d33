"""Which bucket policy applies to a bucket, and which bucket policies join no declared bucket."""

from __future__ import annotations

from policyguard.model import Inventory, PolicyDocument, PolicyKind, S3Bucket


def unattached_bucket_policy(subject: object, inventory: Inventory) -> PolicyDocument | None:
    """``subject`` when it is a bucket policy that no declared bucket carries: a policy for a
    bucket outside the scanned code, or one that another policy of its bucket replaces."""
    if not isinstance(subject, PolicyDocument) or subject.kind is not PolicyKind.BUCKET:
        return None
    if any(bucket.policy is subject for bucket in inventory.of_type(S3Bucket)):
        return None
    return subject
