"""IAM-012: identity policies that let users assume roles without MFA."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from policyguard import Confidence, Finding, Severity, check
from policyguard.iam.holders import holders_of
from policyguard.model import (
    Inventory,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    PrincipalType,
    Statement,
)
from policyguard.model.iam import Effect
from policyguard_iam.policies.grants import (
    allows,
    depends_on_unresolved,
    every_resource,
    granting_element,
    is_admin,
)

if TYPE_CHECKING:
    from policyguard.iam.tristate import Tri

_ASSUME_ROLE = "sts:AssumeRole"


@check(
    id="IAM-012",
    name="assume-role-without-mfa",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "mfa", "authentication"),
    cwe=(308,),
)
def assume_role_without_mfa(policy: PolicyDocument, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags identity policy statements that `Allow` `sts:AssumeRole` without requiring MFA
    (`aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge` conditions), in policies that
    users hold (policies that only roles hold are left out).

    ## Why is this bad?
    Assuming a role is how users get elevated or cross-account access. Without an MFA condition
    a stolen password or access key is enough to step into every role the statement covers;
    with it, the attacker also needs the user's second factor.

    ## Example
    ```hcl
    resource "aws_iam_user_policy" "ops" {
      user = aws_iam_user.alice.name
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect   = "Allow"
          Action   = "sts:AssumeRole"
          Resource = "arn:aws:iam::111122223333:role/ops"
        }]
      })
    }
    ```
    ```yaml
    Ops:
      Type: AWS::IAM::Policy
      Properties:
        PolicyName: ops
        Users: [!Ref Alice]
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: sts:AssumeRole
              Resource: arn:aws:iam::111122223333:role/ops
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Resource  = "arn:aws:iam::111122223333:role/ops"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
    ```

    ## Known problems
    A policy whose `Deny` takes `sts:AssumeRole` away from sessions without MFA (the usual
    "force MFA" statement) is not flagged. Conditions are evaluated three-valued for a session
    signed in without MFA (`aws:MultiFactorAuthPresent` is `false`); `BoolIfExists` with `true`
    therefore counts as requiring MFA, although AWS documents that requests signed with
    long-term access keys lack the key and pass it. MFA may instead be enforced in the role's
    trust policy (TRUST rules) or by a `Deny` in another policy, which this rule does not see.
    Wildcards (`sts:*`) are expanded; a statement granting every action on every resource is
    IAM-001's. A `Principal` element (invalid in identity policies) that names no IAM identity
    makes the statement grant nothing. Values not resolved statically give findings with low
    confidence.

    ## References
    - [Configuring MFA-protected API access](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html)
    - [AWS global condition keys: aws:MultiFactorAuthPresent](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent)
    - [CWE-308](https://cwe.mitre.org/data/definitions/308.html)
    """
    if (
        policy.kind is not PolicyKind.IDENTITY
        or _held_by_roles_only(policy, inventory)
        or _denied_without_mfa(policy)
    ):
        return
    for statement in policy.statements:
        if not allows(statement) or is_admin(statement) or not _names_an_identity(statement):
            continue
        action = granting_element(statement, _ASSUME_ROLE)
        if action is None or _requires_mfa(statement):
            continue
        low = depends_on_unresolved(statement, action)
        message = (
            f"{policy.describe()}: {statement.describe()} allows sts:AssumeRole without "
            "requiring MFA."
        )
        if low:
            message += " It depends on values not resolved statically."
        yield Finding.at(
            action,
            message,
            evidence=f"{policy.name}:{statement.describe()}:{_ASSUME_ROLE}",
            confidence=Confidence.LOW if low else Confidence.HIGH,
        )


def _held_by_roles_only(policy: PolicyDocument, inventory: Inventory) -> bool:
    holders = holders_of(inventory).holding(policy)
    return bool(holders) and all(p.principal.type is PrincipalType.ROLE for p in holders)


def _requires_mfa(statement: Statement) -> bool:
    """Whether the statement's conditions fail for a session signed in without MFA."""
    from policyguard.iam.tristate import Tri

    return _without_mfa(statement) is Tri.FALSE


def _denied_without_mfa(policy: PolicyDocument) -> bool:
    """Whether a ``Deny`` of the policy takes ``sts:AssumeRole`` on every resource away from
    sessions signed in without MFA (the usual "force MFA" statement)."""
    from policyguard.iam.tristate import Tri

    return any(
        statement.effect.value is Effect.DENY
        and granting_element(statement, _ASSUME_ROLE) is not None
        and every_resource(statement.resources) is not None
        and _without_mfa(statement) is Tri.TRUE
        for statement in policy.statements
    )


def _without_mfa(statement: Statement) -> Tri:
    """The statement's conditions for a session signed in without MFA."""
    from policyguard.iam.conditions import Context, evaluate_statement_conditions

    context = Context({"aws:MultiFactorAuthPresent": "false"}, absent=["aws:MultiFactorAuthAge"])
    return evaluate_statement_conditions(statement, context)


def _names_an_identity(statement: Statement) -> bool:
    """A statement without ``Principal`` applies to its holder; with one, only when it names
    some IAM identity (or everyone)."""
    if statement.principals is None:
        return True
    return any(_is_identity(p) for p in statement.principals)


def _is_identity(principal: PrincipalElement) -> bool:
    from policyguard.iam.principals import Principal

    if principal.kind not in ("AWS", "*") or not isinstance(principal.value, str):
        return principal.kind in ("AWS", "*")
    if principal.value == "*":
        return True
    try:
        Principal.of_arn(principal.value)
    except ValueError:
        return False
    return True
