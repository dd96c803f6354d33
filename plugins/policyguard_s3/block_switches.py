"""The four switches of an S3 public access block, and the finding on one that is off."""

from __future__ import annotations

from typing import Final

from policyguard import Confidence, Finding
from policyguard.model.values import Located

SWITCHES: Final = {
    "block_public_acls": ("BlockPublicAcls", "a public ACL can be set"),
    "ignore_public_acls": ("IgnorePublicAcls", "public ACLs take effect"),
    "block_public_policy": ("BlockPublicPolicy", "a public bucket policy can be set"),
    "restrict_public_buckets": (
        "RestrictPublicBuckets",
        "a public bucket policy lets in anyone, not only the owner's account and AWS services",
    ),
}
"""Each switch's model attribute, with its title and what turning it off allows."""


def switch_off(name: str, title: str, effect: str, setting: Located[bool]) -> Finding:
    """The finding on the switch ``title`` of ``name``, written and not on: off, or not resolved
    statically (low confidence); ``effect`` is what the switch being off allows."""
    if setting.is_unresolved:
        message = (
            f"{name}: {title} is {setting.describe()}, not resolved statically; if it is "
            f"false, {effect}."
        )
        return Finding.at(setting, message, evidence=title, confidence=Confidence.LOW)
    return Finding.at(setting, f"{name}: {title} is off, so {effect}.", evidence=title)
