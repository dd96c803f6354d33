"""Built-in checks of S3 buckets (``S3-``)."""

from __future__ import annotations

from policyguard import Check, hookimpl
from policyguard_s3.access_logging import bucket_access_logging_disabled
from policyguard_s3.access_points import access_point_public_access_block_disabled
from policyguard_s3.acls import bucket_acls_enabled
from policyguard_s3.cors import bucket_cors_any_origin
from policyguard_s3.default_encryption import encryption_not_configured
from policyguard_s3.kms_encryption import encryption_not_customer_managed_key
from policyguard_s3.mfa_delete import bucket_mfa_delete_disabled
from policyguard_s3.neutralised import public_grant_neutralised
from policyguard_s3.object_lock import bucket_object_lock_disabled
from policyguard_s3.policy_statements import (
    bucket_policy_lockout,
    bucket_policy_wildcard_action,
)
from policyguard_s3.public_access_block import (
    public_access_block_disabled,
    public_access_block_not_declared,
)
from policyguard_s3.public_bucket import bucket_public_or_cross_account
from policyguard_s3.tls import bucket_tls_not_enforced
from policyguard_s3.versioning import bucket_versioning_disabled
from policyguard_s3.website import bucket_website_hosting_enabled

# S3-001..S3-019: exposure (public, cross-account, public access block, ACLs, policies)
EXPOSURE = [
    bucket_public_or_cross_account,
    bucket_tls_not_enforced,
    public_access_block_disabled,
    public_access_block_not_declared,
    public_grant_neutralised,
    bucket_acls_enabled,
    bucket_policy_wildcard_action,
    bucket_policy_lockout,
    access_point_public_access_block_disabled,
]

# S3-020..S3-039: bucket hygiene
HYGIENE = [
    bucket_versioning_disabled,
    bucket_access_logging_disabled,
    bucket_object_lock_disabled,
    bucket_website_hosting_enabled,
    encryption_not_configured,
    encryption_not_customer_managed_key,
    bucket_mfa_delete_disabled,
    bucket_cors_any_origin,
]


@hookimpl
def policyguard_checks() -> list[Check]:
    return [*EXPOSURE, *HYGIENE]
