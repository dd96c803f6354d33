"""Handlers for KMS keys and their key policies."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.iam import PolicyKind
from policyguard.model.kms import KmsKey


def _kms_key(item: ResourceReader, collector: Collector) -> None:
    policy = item.policy(item.node("KeyPolicy"), PolicyKind.KEY, "KeyPolicy", collector)
    key = KmsKey(
        item.resource,
        key_spec=item.string("KeySpec"),
        origin=item.string("Origin"),
        rotation_enabled=item.boolean("EnableKeyRotation"),
        enabled=item.boolean("Enabled"),
        deletion_window_days=item.integer("PendingWindowInDays"),
        policy=policy,
        bypass_lockout_check=item.boolean("BypassPolicyLockoutSafetyCheck"),
    )
    collector.add(key, policy)


HANDLERS: dict[str, Handler] = {
    "AWS::KMS::Key": _kms_key,
}
