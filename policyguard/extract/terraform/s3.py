"""Handlers for S3 buckets and the settings declared on separate resources (provider v4+) or,
in older configurations, inside the bucket."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.extract.buckets import BucketAssembler
from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.iam import PolicyKind
from policyguard.model.s3 import (
    AccountPublicAccessBlock,
    AclGrant,
    BucketAcl,
    BucketEncryption,
    BucketLogging,
    BucketVersioning,
    BucketWebsite,
    CorsRule,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
    S3Object,
)
from policyguard.model.values import Located
from policyguard.parse.tree import Block, Body


def _s3_bucket(item: ResourceInstance, collector: Collector) -> None:
    policy = item.policy("policy", PolicyKind.BUCKET, collector)
    acl = _acl(item, item.body, "grant")
    body = item.body
    bucket = S3Bucket(
        item.resource,
        item.string("bucket"),
        (acl,) if acl else (),
        policy,
        versioning=_legacy_versioning(item, _first(body, "versioning")),
        logging=_logging(item, _first(body, "logging")),
        encryption=_encryption(item, _first(body, "server_side_encryption_configuration")),
        object_lock=_object_lock(item, body, _first(body, "object_lock_configuration")),
        website=_website(item, _first(body, "website"), legacy=True),
        cors_rules=_cors_rules(item, body),
    )
    collector.buckets.bucket(bucket)
    if policy is not None:
        collector.add(policy)


def _bucket_key(item: ResourceInstance) -> str | None:
    """The bucket a separate setting's ``bucket`` names: by reference, or by literal name."""
    return item.bucket_address() or BucketAssembler.named(item.string("bucket"))


def _first(body: Body, block_type: str) -> Body | None:
    blocks = body.blocks_of(block_type)
    return blocks[0].body if blocks else None


def _legacy_versioning(item: ResourceInstance, body: Body | None) -> BucketVersioning | None:
    """``versioning { enabled, mfa_delete }`` inside a bucket (provider v3)."""
    if body is None:
        return None
    enabled = item.boolean("enabled", body)
    status = None
    if enabled is not None:
        value = enabled.value
        text = value if not isinstance(value, bool) else ("Enabled" if value else "Suspended")
        status = Located(text, enabled.location)
    return BucketVersioning(item.resource, status, item.boolean("mfa_delete", body))


def _logging(item: ResourceInstance, body: Body | None) -> BucketLogging | None:
    if body is None:
        return None
    return BucketLogging(
        item.resource, item.string("target_bucket", body), item.reference("target_bucket", body)
    )


def _website(item: ResourceInstance, body: Body | None, *, legacy: bool) -> BucketWebsite | None:
    """``website { redirect_all_requests_to = "host" }`` inside a bucket (provider v3), or a
    website configuration's ``redirect_all_requests_to { host_name }``."""
    if body is None:
        return None
    if legacy:
        return BucketWebsite(item.resource, item.string("redirect_all_requests_to", body))
    redirect = _first(body, "redirect_all_requests_to")
    host = item.string("host_name", redirect) if redirect is not None else None
    return BucketWebsite(item.resource, host)


def _cors_rules(item: ResourceInstance, body: Body) -> tuple[CorsRule, ...]:
    """The ``cors_rule`` blocks of a bucket (provider v3) or of a CORS configuration."""
    return tuple(
        CorsRule(
            item.resource,
            item.values.location(block.span),
            _strings(item, "allowed_origins", block.body),
            _strings(item, "allowed_methods", block.body),
            _strings(item, "allowed_headers", block.body),
        )
        for block in body.blocks_of("cors_rule")
    )


def _strings(item: ResourceInstance, name: str, body: Body) -> tuple[Located[str], ...]:
    attribute = item.attribute(name, body)
    return () if attribute is None else item.values.strings(attribute.value)


def _encryption(item: ResourceInstance, body: Body | None) -> BucketEncryption | None:
    """``rule { apply_server_side_encryption_by_default { ... } bucket_key_enabled }``."""
    rule = _first(body, "rule") if body is not None else None
    if rule is None:
        return None
    default = _first(rule, "apply_server_side_encryption_by_default")
    return BucketEncryption(
        item.resource,
        item.string("sse_algorithm", default) if default is not None else None,
        item.string("kms_master_key_id", default) if default is not None else None,
        item.boolean("bucket_key_enabled", rule),
    )


def _object_lock(
    item: ResourceInstance, bucket: Body | None, configuration: Body | None
) -> ObjectLock | None:
    """``object_lock_enabled`` on a bucket (v4+), or an ``object_lock_configuration``."""
    enabled = item.boolean("object_lock_enabled", bucket) if bucket is not None else None
    mode = None
    if configuration is not None:
        written = item.string("object_lock_enabled", configuration)
        if written is not None:
            enabled = _enabled(written)
        rule = _first(configuration, "rule")
        retention = _first(rule, "default_retention") if rule is not None else None
        mode = item.string("mode", retention) if retention is not None else None
    if enabled is None and mode is None:
        return None
    return ObjectLock(item.resource, enabled, mode, configuration is not None)


def _enabled(written: Located[str]) -> Located[bool]:
    """A setting written as ``"Enabled"`` or ``"Disabled"``, as a boolean."""
    value = written.value
    return Located(value == "Enabled" if isinstance(value, str) else value, written.location)


def _s3_bucket_acl(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    access_control = item.body.blocks_of("access_control_policy")
    acl = _acl(item, access_control[0].body if access_control else item.body, "grant")
    if bucket is not None and acl is not None:
        collector.buckets.acl(bucket, acl)


def _acl(item: ResourceInstance, grants_body: Body, grant_block: str) -> BucketAcl | None:
    """The canned ACL and the grants of an ACL, or ``None`` when neither is written."""
    grants = tuple(
        grant for block in grants_body.blocks_of(grant_block) for grant in _grants(item, block)
    )
    canned = item.string("acl")
    if canned is None and not grants:
        return None
    return BucketAcl(item.resource, canned, grants)


def _grants(item: ResourceInstance, block: Block) -> Iterator[AclGrant]:
    grantees = block.body.blocks_of("grantee")
    grantee_body = grantees[0].body if grantees else block.body
    grantee_type = item.string("type", grantee_body)
    grantee = (
        item.string("uri", grantee_body)
        or item.string("id", grantee_body)
        or item.string("email_address", grantee_body)
    )
    if grantee is None:
        return
    permissions = [item.string("permission", block.body)]
    legacy = block.body.attribute("permissions")
    if legacy is not None:
        permissions = list(item.values.strings(legacy.value))
    location = item.values.location(block.span)
    kind = grantee_type.known() if grantee_type is not None else None
    for permission in permissions:
        if permission is not None:
            yield AclGrant(kind or "", grantee, permission, location)


def _s3_public_access_block(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.public_access_block(bucket, _public_access_block(item))


def _s3_ownership_controls(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    rules = item.body.blocks_of("rule")
    ownership = item.string("object_ownership", rules[0].body) if rules else None
    if bucket is not None and ownership is not None:
        collector.buckets.ownership(bucket, ownership)


def _s3_bucket_policy(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    policy = item.policy("policy", PolicyKind.BUCKET, collector)
    if policy is not None:
        collector.add(policy)
        if bucket is not None:
            collector.buckets.policy(bucket, policy)


def _s3_versioning(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    configuration = _first(item.body, "versioning_configuration")
    if bucket is None or configuration is None:
        return
    mfa = item.string("mfa_delete", configuration)
    mfa_delete = _enabled(mfa) if mfa is not None else None
    collector.buckets.setting(
        bucket,
        "versioning",
        BucketVersioning(item.resource, item.string("status", configuration), mfa_delete),
    )


def _s3_logging(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.setting(bucket, "logging", _logging(item, item.body))


def _s3_encryption(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.setting(bucket, "encryption", _encryption(item, item.body))


def _s3_object_lock(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.setting(bucket, "object_lock", _object_lock(item, None, item.body))


def _s3_website(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.setting(bucket, "website", _website(item, item.body, legacy=False))


def _s3_cors(item: ResourceInstance, collector: Collector) -> None:
    bucket = _bucket_key(item)
    if bucket is not None:
        collector.buckets.setting(bucket, "cors_rules", _cors_rules(item, item.body))


def _s3_object(item: ResourceInstance, collector: Collector) -> None:
    """``aws_s3_object``, its old name ``aws_s3_bucket_object``, and ``aws_s3_object_copy``."""
    collector.add(
        S3Object(
            item.resource,
            item.string("bucket"),
            item.string("server_side_encryption"),
            item.string("kms_key_id"),
            item.boolean("bucket_key_enabled"),
        )
    )


def _account_public_access_block(item: ResourceInstance, collector: Collector) -> None:
    collector.add(AccountPublicAccessBlock(_public_access_block(item)))


def _public_access_block(item: ResourceInstance) -> PublicAccessBlock:
    return PublicAccessBlock(
        item.resource,
        item.boolean("block_public_acls"),
        item.boolean("ignore_public_acls"),
        item.boolean("block_public_policy"),
        item.boolean("restrict_public_buckets"),
    )


HANDLERS: dict[str, Handler] = {
    "aws_s3_bucket": _s3_bucket,
    "aws_s3_bucket_acl": _s3_bucket_acl,
    "aws_s3_bucket_public_access_block": _s3_public_access_block,
    "aws_s3_bucket_ownership_controls": _s3_ownership_controls,
    "aws_s3_bucket_policy": _s3_bucket_policy,
    "aws_s3_bucket_versioning": _s3_versioning,
    "aws_s3_bucket_logging": _s3_logging,
    "aws_s3_bucket_server_side_encryption_configuration": _s3_encryption,
    "aws_s3_bucket_object_lock_configuration": _s3_object_lock,
    "aws_s3_bucket_website_configuration": _s3_website,
    "aws_s3_bucket_cors_configuration": _s3_cors,
    "aws_s3_object": _s3_object,
    "aws_s3_bucket_object": _s3_object,
    "aws_s3_object_copy": _s3_object,
    "aws_s3_account_public_access_block": _account_public_access_block,
}
