"""Built-in checks of S3 buckets (``S3-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_s3.public_acl import bucket_public_acl


@hookimpl
def policyguard_checks() -> list[Check]:
    return [bucket_public_acl]
