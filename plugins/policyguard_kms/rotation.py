"""KMS-001: symmetric AWS_KMS keys without automatic rotation."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import KmsKey
from policyguard.model.kms import AWS_KMS_ORIGIN, SYMMETRIC_DEFAULT
from policyguard.model.values import Located


@check(
    id="KMS-001",
    name="key-rotation-disabled",
    severity=Severity.MEDIUM,
    targets=(KmsKey,),
    tags=("kms", "encryption"),
    cwe=(320,),
    compliance=("cis-aws:3.6",),
)
def key_rotation_disabled(key: KmsKey) -> Iterator[Finding]:
    """## What it does
    Flags symmetric KMS keys of origin `AWS_KMS` whose automatic rotation is not enabled.

    ## Why is this bad?
    Without rotation one key version protects every object encrypted with the key for its
    whole life, so key material that leaks (through a backup of a data key, a misused grant or
    a cryptanalytic weakness) exposes all data ever encrypted under it. Automatic rotation
    creates new key material every year by default (the period can be set from 90 to 2,560
    days), keeps the old versions for decryption and is transparent to callers. Asymmetric,
    HMAC and imported (`EXTERNAL`) keys cannot rotate automatically and are not flagged.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      description = "application data"
    }
    ```
    ```yaml
    DataKey:
      Type: AWS::KMS::Key
      Properties:
        EnableKeyRotation: false
    ```
    Use instead:
    ```hcl
    resource "aws_kms_key" "data" {
      description         = "application data"
      enable_key_rotation = true
    }
    ```

    ## Known problems
    A key spec, origin or rotation setting that cannot be resolved statically gives a finding
    with low confidence. Multi-Region replica keys take their rotation from the primary key.

    ## References
    - [AWS KMS: rotating keys](https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html)
    - [CIS AWS Foundations Benchmark v3.0.0 3.6: rotation of customer-created keys](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [AWS Security Hub KMS.4: key rotation should be enabled](https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4)
    - [CWE-320](https://cwe.mitre.org/data/definitions/320.html)
    """
    if not _may_be(key.key_spec, SYMMETRIC_DEFAULT) or not _may_be(key.origin, AWS_KMS_ORIGIN):
        return
    rotation = key.rotation_enabled
    if rotation is not None and rotation.value is True:
        return
    unknown = [
        str(setting.value)
        for setting in (key.key_spec, key.origin, rotation)
        if setting is not None and setting.is_unresolved
    ]
    name = key.describe()
    if rotation is None:
        message = f"{name}: automatic key rotation is not enabled (it is off by default)."
        finding_at: object = key
    else:
        message = f"{name}: automatic key rotation is turned off."
        finding_at = rotation
    if unknown:
        message += " It depends on values not resolved statically: " + ", ".join(unknown) + "."
    yield Finding.at(
        finding_at,
        message,
        evidence="rotation",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )


def _may_be(setting: Located[str] | None, default: str) -> bool:
    """Whether a setting that defaults to ``default`` is, or may be, that value."""
    return setting is None or setting.may_be(default)
