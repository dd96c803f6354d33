"""KMS-005: a key policy that leaves out the account root, with the lockout check bypassed."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import KmsKey


@check(
    id="KMS-005",
    name="key-policy-lockout",
    severity=Severity.HIGH,
    targets=(KmsKey,),
    tags=("kms", "availability"),
    cwe=(284,),
)
def key_policy_lockout(key: KmsKey) -> Iterator[Finding]:
    """## What it does
    Flags keys whose policy is set with `BypassPolicyLockoutSafetyCheck` (Terraform
    `bypass_policy_lockout_safety_check`) and does not let the account root call
    `kms:PutKeyPolicy`.

    ## Why is this bad?
    KMS refuses a key policy that would stop the caller from changing it again, unless the
    safety check is bypassed. A policy without the account root leaves the key manageable only
    by the principals it names: when those roles are deleted or their trust breaks, nobody
    can change the policy, and the key (with everything encrypted under it) becomes
    unmanageable; recovering it takes AWS Support, when it is possible at all.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      bypass_policy_lockout_safety_check = true
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::111122223333:role/deployer" }
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
        BypassPolicyLockoutSafetyCheck: true
        KeyPolicy:
          Statement:
            - Effect: Allow
              Principal: {AWS: "arn:aws:iam::111122223333:role/deployer"}
              Action: "kms:*"
              Resource: "*"
    ```
    Use instead: keep the account root in the policy
    (`Principal = { AWS = "arn:aws:iam::111122223333:root" }`, `Action = "kms:*"`) and
    leave the safety check on.

    ## Known problems
    A bypass setting, principal or action that cannot be resolved statically gives a finding
    with low confidence. A root statement narrowed by conditions counts as present.

    ## References
    - [AWS KMS: default key policy, allowing access to the AWS account](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam)
    - [AWS KMS API: PutKeyPolicy, BypassPolicyLockoutSafetyCheck](https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    bypass = key.bypass_lockout_check
    if bypass is None or key.policy is None or key.policy.unresolved is not None:
        return
    if bypass.known() is False:
        return
    from policyguard_kms.keypolicy import (  # noqa: PLC0415  the engine loads only when scanning
        allow_statements,
        granted,
        is_account_root,
    )

    unknown = [bypass.describe()] if bypass.is_unresolved else []
    for statement in allow_statements(key.policy):
        if not any(is_account_root(p) for p in statement.principals or ()):
            continue
        actions, unresolved = granted(statement, ("kms:PutKeyPolicy",))
        if actions:
            return
        unknown += [element.describe() for element in unresolved]
    message = (
        f"{key.describe()}: the key policy does not let the account root change it, and the "
        "policy lockout safety check is bypassed"
    )
    if unknown:
        message += f" (depends on values not resolved statically: {', '.join(unknown)})"
    yield Finding.at(
        bypass,
        message + ".",
        evidence="lockout",
        confidence=Confidence.LOW if unknown else Confidence.HIGH,
    )
