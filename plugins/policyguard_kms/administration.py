"""KMS-004: key administration granted beyond the account root and the key administrators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Inventory, KmsKey
from policyguard.model.iam import Statement

ADMINISTRATION: Final = tuple(
    f"kms:{name}"
    for name in (
        "PutKeyPolicy",
        "ScheduleKeyDeletion",
        "CancelKeyDeletion",
        "DisableKey",
        "EnableKey",
        "DisableKeyRotation",
        "EnableKeyRotation",
        "ImportKeyMaterial",
        "DeleteImportedKeyMaterial",
        "UpdateKeyDescription",
        "UpdatePrimaryRegion",
        "ReplicateKey",
        "RevokeGrant",
    )
)
"""Actions that manage a key rather than use it (the console's key administrator set)."""

CRYPTOGRAPHIC: Final = tuple(
    f"kms:{name}"
    for name in (
        "Decrypt",
        "Encrypt",
        "ReEncryptFrom",
        "ReEncryptTo",
        "GenerateDataKey",
        "GenerateDataKeyWithoutPlaintext",
        "GenerateDataKeyPair",
        "Sign",
        "GenerateMac",
        "DeriveSharedSecret",
    )
)
"""Cryptographic operations: what key users need."""


@check(
    id="KMS-004",
    name="key-policy-administration-too-broad",
    severity=Severity.HIGH,
    targets=(KmsKey,),
    tags=("kms", "least-privilege"),
    cwe=(269,),
)
def key_policy_administration(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags key policy `Allow` statements that give key administration (`kms:PutKeyPolicy`,
    `kms:ScheduleKeyDeletion`, `kms:DisableKey`, ...) to a principal other than an account root
    and the declared key administrators. The declared key administrators are the principals
    of a statement that grants administration actions and no cryptographic operation, as the
    console's default policy writes them ("Allow access for Key Administrators"); a statement
    that grants both, `kms:*` included, to a role or user mixes administration and use, and a
    statement that grants administration to everyone declares no administrator at all.
    AWS's default key policy (the account root with `kms:*`) is not flagged.

    ## Why is this bad?
    Whoever holds `kms:PutKeyPolicy` owns the key: they can grant themselves (or another
    account) decryption of everything the key protects, or lock everybody else out. With
    `kms:ScheduleKeyDeletion` or `kms:DisableKey` they can destroy the data encrypted under
    it. An application role with `kms:*` turns one compromised workload into that.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::111122223333:role/app" }
          Action    = "kms:*"
          Resource  = "*"
        }]
      })
    }
    ```
    ```yaml
    DataKey:
      Type: AWS::KMS::Key
      Properties:
        KeyPolicy:
          Statement:
            - Effect: Allow
              Principal: {AWS: "arn:aws:iam::111122223333:role/app"}
              Action: "kms:*"
              Resource: "*"
    ```
    Use instead: give the application role the cryptographic operations it needs
    (`kms:Decrypt`, `kms:GenerateDataKey`), and key administration to an administrators'
    role in a statement of its own.

    ## Known problems
    `Deny` statements and conditions that narrow an administration grant are not taken into
    account. A statement whose actions cannot be resolved statically is reported with low
    confidence. `Principal: "*"` pinned to the owner's account by a condition is treated like
    the account root.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [AWS KMS: default key policy](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html)
    - [AWS KMS: best practices for key policies](https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if key.policy is None:
        return
    from policyguard.iam.exposure import ExposureKind  # noqa: PLC0415  the engine loads only when scanning
    from policyguard_kms.keypolicy import (  # noqa: PLC0415  the engine loads only when scanning
        allow_statements,
        covering_element,
        exposure_context,
        granted,
        statement_exposure,
    )

    context = exposure_context(key, inventory)
    for statement in allow_statements(key.policy):
        admin, unknown = granted(statement, ADMINISTRATION)
        if not admin and not unknown:
            continue
        if not _names_other_than_root(statement):
            continue
        if _everyone(statement):
            exposure = statement_exposure(key.policy, statement, context)
            if exposure.worst is ExposureKind.PRIVATE:
                continue  # pinned to the owner's account: the account root in another form
            what = "everyone"
        else:
            crypto, _ = granted(statement, CRYPTOGRAPHIC)
            if not crypto and not unknown:
                continue  # the declared key administrators
            what = "principals that also use the key"
        full = covering_element(statement, "kms:*")
        subject: object = full if full is not None else statement
        if full is not None:
            granted_text = f"every KMS action, {full.describe()}"
        else:
            granted_text = ", ".join(admin) if admin else "possibly key administration"
        message = (
            f"{key.describe()}: {statement.describe()} of the key policy gives key "
            f"administration ({granted_text}) to {what}"
        )
        if unknown and not admin:
            message += f", through actions not resolved statically ({unknown[0].describe()})"
        yield Finding.at(
            subject,
            message + ".",
            evidence=f"{statement.describe()}:administration",
            confidence=Confidence.LOW if unknown and not admin else Confidence.HIGH,
        )


def _everyone(statement: Statement) -> bool:
    return statement.not_principals is not None or any(
        p.is_everyone for p in statement.principals or ()
    )


def _names_other_than_root(statement: Statement) -> bool:
    from policyguard_kms.keypolicy import is_account_root  # noqa: PLC0415  the engine loads only when scanning

    if statement.not_principals is not None:
        return True
    return any(not is_account_root(p) and p.kind != "Service" for p in statement.principals or ())
