"""KMS-002 and KMS-003: key policies that let everyone, or untrusted accounts, use the key."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Inventory, KmsKey, Unresolved
from policyguard.model.iam import Statement


@check(
    id="KMS-002",
    name="key-policy-public",
    severity=Severity.CRITICAL,
    targets=(KmsKey,),
    tags=("kms", "exposure"),
    cwe=(732,),
    compliance=("aws-fsbp:KMS.5",),
)
def key_policy_public(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags key policy `Allow` statements that let everyone call the key: `Principal: "*"` (or
    `{"AWS": "*"}`, or `NotPrincipal` with `Allow`) not pinned to an account or organization
    by a condition such as `kms:CallerAccount`, `aws:PrincipalAccount` or `aws:PrincipalOrgID`.

    ## Why is this bad?
    A key policy is the primary control of a KMS key. A wildcard principal lets principals of
    any AWS account use the key: a caller in another account also needs an IAM policy of its
    own account, but anyone can open an account and grant that to themselves. They can then
    decrypt the data the key protects, generate data keys, or, with `kms:*`, change the key
    policy and schedule the key's deletion.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*"
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
              Principal: {AWS: "*"}
              Action: kms:Decrypt
              Resource: "*"
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }
    }]
    ```

    ## Known problems
    A principal or condition value that cannot be resolved statically gives a finding with low
    confidence. KMS grants and `kms:ViaService` conditions are not taken into account.

    ## Options
    `[accounts]`: `organization-id` and `trusted-accounts` say which principals are inside the
    zone of trust (a condition pinning the caller to the organization makes a grant private);
    `deployments` names the account a file deploys to, the owner's own account.

    ## References
    - [AWS KMS: key policies](https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)
    - [AWS Security Hub KMS.5: KMS keys should not be publicly accessible](https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-5)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if key.policy is None:
        return
    from policyguard.iam.exposure import ExposureKind  # noqa: PLC0415  the engine loads only when scanning
    from policyguard_kms.keypolicy import (  # noqa: PLC0415  the engine loads only when scanning
        exposing_statements,
        exposure_context,
    )

    context = exposure_context(key, inventory)
    for statement, exposure in exposing_statements(key.policy, context, ExposureKind.PUBLIC):
        certain = exposure.kind is ExposureKind.PUBLIC
        message = (
            f"{key.describe()}: {statement.describe()} of the key policy lets everyone use the key"
        )
        message += "." if certain else ", depending on values not resolved statically."
        yield _statement_finding(statement, message, "public", certain)


@check(
    id="KMS-003",
    name="key-policy-cross-account",
    severity=Severity.HIGH,
    targets=(KmsKey,),
    tags=("kms", "exposure"),
    cwe=(732,),
)
def key_policy_cross_account(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags key policy `Allow` statements that let principals of accounts outside the zone of
    trust use the key: the deploying account, the configured `trusted-accounts` and the
    configured organization.

    ## Why is this bad?
    A key policy grant to another account is all that account needs (besides its own IAM
    policy) to decrypt data encrypted under the key or to encrypt data the owner can no
    longer control. A grant to an account nobody reviewed is a standing path out of the
    account for every secret, snapshot and bucket the key protects.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::444455556666:root" }
          Action    = "kms:Decrypt"
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
              Principal: {AWS: "arn:aws:iam::444455556666:root"}
              Action: kms:Decrypt
              Resource: "*"
    ```
    Use instead: add `444455556666` to `trusted-accounts` in `[accounts]` of
    `.policyguard.toml` when the sharing is intended, or remove the statement.

    ## Known problems
    Without `[accounts]` configuration (`deployments`, `trusted-accounts`, `organization-id`)
    an account named by a literal id cannot be told from the owner's own account and is not
    reported; a principal not resolved statically is reported with low confidence. A
    principal computed from the deploying account (`AWS::AccountId`, `aws_caller_identity`)
    is the owner's own account.

    ## Options
    `[accounts]` `deployments`, `trusted-accounts` and `organization-id` define the zone of
    trust.

    ## References
    - [AWS KMS: allowing users in other accounts to use a KMS key](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    if key.policy is None:
        return
    from policyguard.iam.exposure import ExposureKind  # noqa: PLC0415  the engine loads only when scanning
    from policyguard_kms.keypolicy import (  # noqa: PLC0415  the engine loads only when scanning
        exposing_statements,
        exposure_context,
    )

    context = exposure_context(key, inventory)
    configured = (
        context.account_id is not None
        or bool(context.trusted_accounts)
        or context.organization_id is not None
    )
    for statement, exposure in exposing_statements(key.policy, context, ExposureKind.CROSS_ACCOUNT):
        certain = exposure.kind is ExposureKind.CROSS_ACCOUNT
        if not certain and not configured and not _unresolved_principal(statement):
            continue
        accounts = ", ".join(sorted(exposure.accounts)) or "an account outside the zone of trust"
        message = (
            f"{key.describe()}: {statement.describe()} of the key policy lets {accounts} "
            "use the key"
        )
        if certain:
            message += "."
        else:
            open_points = ", ".join(exposure.assumptions) or "values not resolved statically"
            message += f", unless it is a trusted account (not certain: {open_points})."
        yield _statement_finding(statement, message, "cross-account", certain)


def _statement_finding(statement: Statement, message: str, audience: str, certain: bool) -> Finding:
    """The finding on a key policy statement that lets ``audience`` (``public``,
    ``cross-account``) use the key; low confidence unless that is ``certain``."""
    return Finding.at(
        statement,
        message,
        evidence=f"{statement.describe()}:{audience}",
        confidence=Confidence.HIGH if certain else Confidence.LOW,
    )


def _unresolved_principal(statement: Statement) -> bool:
    """Whether the statement names a principal not resolved statically, other than the
    deploying account itself."""
    from policyguard_kms.keypolicy import is_computed_owner  # noqa: PLC0415  the engine loads only when scanning

    return any(
        isinstance(p.value, Unresolved) and not is_computed_owner(p)
        for p in statement.principals or ()
    )
