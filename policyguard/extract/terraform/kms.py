"""Handlers for KMS keys and their policies."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.iam import PolicyKind
from policyguard.model.kms import CUSTOM_KEY_STORE_ORIGIN, KmsKey
from policyguard.model.values import Located


def _kms_key(item: ResourceInstance, collector: Collector) -> None:
    policy = item.policy("policy", PolicyKind.KEY, collector)
    key = KmsKey(
        item.resource,
        key_spec=item.string("customer_master_key_spec"),
        origin=_custom_key_store_origin(item),
        rotation_enabled=item.boolean("enable_key_rotation"),
        enabled=item.boolean("is_enabled"),
        deletion_window_days=item.integer("deletion_window_in_days"),
        policy=policy,
        bypass_lockout_check=item.boolean("bypass_policy_lockout_safety_check"),
    )
    collector.add(key, policy)


def _custom_key_store_origin(item: ResourceInstance) -> Located[str] | None:
    """A key in a custom key store is of origin ``AWS_CLOUDHSM`` (or ``EXTERNAL_KEY_STORE``,
    which behaves alike for rotation); Terraform writes only the store's id."""
    store = item.attribute("custom_key_store_id")
    if store is None:
        return None
    return Located(CUSTOM_KEY_STORE_ORIGIN, item.values.location(store.value.span))


def _kms_key_policy(item: ResourceInstance, collector: Collector) -> None:
    """``aws_kms_key_policy``: the policy of a key declared elsewhere in the module."""
    policy = item.policy("policy", PolicyKind.KEY, collector)
    if policy is None:
        return
    collector.add(policy)
    key = item.reference("key_id")
    if key is not None:
        collector.key_policies[key] = policy
        bypass = item.boolean("bypass_policy_lockout_safety_check")
        if bypass is not None:
            collector.key_policy_bypass[key] = bypass


HANDLERS: dict[str, Handler] = {
    "aws_kms_key": _kms_key,
    "aws_kms_key_policy": _kms_key_policy,
}
