"""Handlers for S3 buckets with their settings, and bucket policies."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.extract.buckets import BucketAssembler
from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.iam import PolicyKind
from policyguard.model.s3 import (
    BucketAcl,
    BucketEncryption,
    BucketLogging,
    BucketVersioning,
    BucketWebsite,
    CorsRule,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
)
from policyguard.model.values import Located
from policyguard.parse.tree import Mapping, Node

_CANNED_ACLS = {
    "Private": "private",
    "PublicRead": "public-read",
    "PublicReadWrite": "public-read-write",
    "AuthenticatedRead": "authenticated-read",
    "LogDeliveryWrite": "log-delivery-write",
    "BucketOwnerRead": "bucket-owner-read",
    "BucketOwnerFullControl": "bucket-owner-full-control",
    "AwsExecRead": "aws-exec-read",
}


def _s3_bucket(item: ResourceReader, collector: Collector) -> None:
    canned = item.string("AccessControl")
    acls = (BucketAcl(item.resource, _canned_acl(canned)),) if canned is not None else ()
    block = (
        PublicAccessBlock(
            item.resource,
            item.boolean("PublicAccessBlockConfiguration", "BlockPublicAcls"),
            item.boolean("PublicAccessBlockConfiguration", "IgnorePublicAcls"),
            item.boolean("PublicAccessBlockConfiguration", "BlockPublicPolicy"),
            item.boolean("PublicAccessBlockConfiguration", "RestrictPublicBuckets"),
        )
        if item.node("PublicAccessBlockConfiguration") is not None
        else None
    )
    ownership = next(
        (
            item.values.string(value)
            for rule in _mappings(item, "OwnershipControls", "Rules")
            if (value := rule.get("ObjectOwnership")) is not None
        ),
        None,
    )
    collector.buckets.bucket(
        S3Bucket(
            item.resource,
            item.string("BucketName"),
            acls,
            None,
            block,
            ownership,
            versioning=_versioning(item),
            logging=_logging(item),
            encryption=_encryption(item),
            object_lock=_object_lock(item),
            website=_website(item),
            cors_rules=_cors_rules(item),
        )
    )


def _mappings(item: ResourceReader, *path: str) -> Iterator[Mapping]:
    for node in item.items(*path):
        value = item.resolve(node)
        if isinstance(value, Mapping):
            yield value


def _versioning(item: ResourceReader) -> BucketVersioning | None:
    if item.node("VersioningConfiguration") is None:
        return None
    return BucketVersioning(item.resource, item.string("VersioningConfiguration", "Status"))


def _logging(item: ResourceReader) -> BucketLogging | None:
    if item.node("LoggingConfiguration") is None:
        return None
    target = item.node("LoggingConfiguration", "DestinationBucketName")
    return BucketLogging(
        item.resource,
        item.values.string(target) if target is not None else None,
        item.reference(target) if target is not None else None,
    )


def _website(item: ResourceReader) -> BucketWebsite | None:
    if item.node("WebsiteConfiguration") is None:
        return None
    redirect = item.string("WebsiteConfiguration", "RedirectAllRequestsTo", "HostName")
    return BucketWebsite(item.resource, redirect)


def _cors_rules(item: ResourceReader) -> tuple[CorsRule, ...]:
    read = item.values

    def strings(rule: Mapping, key: str) -> tuple[Located[str], ...]:
        node = rule.get(key)
        return () if node is None else read.strings(node)

    return tuple(
        CorsRule(
            item.resource,
            read.location(rule.span),
            strings(rule, "AllowedOrigins"),
            strings(rule, "AllowedMethods"),
            strings(rule, "AllowedHeaders"),
        )
        for rule in _mappings(item, "CorsConfiguration", "CorsRules")
    )


def _encryption(item: ResourceReader) -> BucketEncryption | None:
    rule = next(_mappings(item, "BucketEncryption", "ServerSideEncryptionConfiguration"), None)
    if rule is None:
        return None
    default = item.resolve(rule.get("ServerSideEncryptionByDefault") or rule)
    read = item.values

    def text(node: Node | None) -> Located[str] | None:
        return None if node is None else read.string(node)

    algorithm = text(default.get("SSEAlgorithm")) if isinstance(default, Mapping) else None
    key = text(default.get("KMSMasterKeyID")) if isinstance(default, Mapping) else None
    bucket_key = rule.get("BucketKeyEnabled")
    return BucketEncryption(
        item.resource, algorithm, key, read.boolean(bucket_key) if bucket_key else None
    )


def _object_lock(item: ResourceReader) -> ObjectLock | None:
    enabled = item.boolean("ObjectLockEnabled")
    written = item.string("ObjectLockConfiguration", "ObjectLockEnabled")
    if written is not None:
        value = written.value
        enabled = Located(value == "Enabled" if isinstance(value, str) else value, written.location)
    mode = item.string("ObjectLockConfiguration", "Rule", "DefaultRetention", "Mode")
    if enabled is None and mode is None:
        return None
    configured = item.node("ObjectLockConfiguration") is not None
    return ObjectLock(item.resource, enabled, mode, configured)


def _canned_acl(written: Located[str]) -> Located[str]:
    """CloudFormation's ``PublicRead`` as the canned ACL name ``public-read`` both formats share."""
    known = written.known()
    if known is None or known not in _CANNED_ACLS:
        return written
    return Located(_CANNED_ACLS[known], written.location)


def _s3_bucket_policy(item: ResourceReader, collector: Collector) -> None:
    policy = item.policy(
        item.node("PolicyDocument"), PolicyKind.BUCKET, "PolicyDocument", collector
    )
    if policy is None:
        return
    collector.add(policy)
    bucket = item.node("Bucket")
    address = (
        item.reference(bucket) or BucketAssembler.named(item.values.string(bucket))
        if bucket is not None
        else None
    )
    if address is not None:
        collector.buckets.policy(address, policy)


HANDLERS: dict[str, Handler] = {
    "AWS::S3::Bucket": _s3_bucket,
    "AWS::S3::BucketPolicy": _s3_bucket_policy,
}
