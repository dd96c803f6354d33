"""KMS keys."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model.iam import PolicyDocument
from policyguard.model.resources import Resource
from policyguard.model.values import Located

SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT"
AWS_KMS_ORIGIN = "AWS_KMS"
CUSTOM_KEY_STORE_ORIGIN = "AWS_CLOUDHSM"


@dataclass(frozen=True, slots=True)
class KmsKey:
    """A KMS key as declared; a setting not written is ``None`` and takes AWS's default.

    ``key_spec`` defaults to ``SYMMETRIC_DEFAULT`` and ``origin`` to ``AWS_KMS``.
    ``bypass_lockout_check`` is ``BypassPolicyLockoutSafetyCheck`` (default false), written on
    the key or on the resource that sets its policy.
    """

    resource: Resource
    key_spec: Located[str] | None = None
    origin: Located[str] | None = None
    rotation_enabled: Located[bool] | None = None
    enabled: Located[bool] | None = None
    deletion_window_days: Located[int] | None = None
    policy: PolicyDocument | None = None
    bypass_lockout_check: Located[bool] | None = None

    def describe(self) -> str:
        return self.resource.address
