"""TRUST-002: roles that trust a whole account without an external id or MFA."""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import PolicyDocument, PolicyKind, PrincipalElement, Statement
from policyguard.model.values import Unresolved
from policyguard_trust.tests import restricting

_ACCOUNT = re.compile(r"\d{12}|arn:[a-z0-9-]+:iam::\d{12}:root")
_ROOT_SHAPES = ("123456789012", "arn:aws:iam::123456789012:root")
_MFA_AGE_OPERATORS = ("NumericLessThan", "NumericLessThanEquals")


@check(
    id="TRUST-002",
    name="trust-account-without-external-id-or-mfa",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("iam", "trust"),
    cwe=(284, 308),
)
def trust_account_without_external_id_or_mfa(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags role trust policies that trust a whole AWS account (`arn:aws:iam::111122223333:root`
    or `111122223333`) without requiring an `sts:ExternalId`, multi-factor authentication
    (`aws:MultiFactorAuthPresent` true, `aws:MultiFactorAuthAge`) or naming the principals
    allowed (`aws:PrincipalArn`).

    ## Why is this bad?
    Trusting an account delegates the decision to that account's IAM policies: every user and
    role there that is allowed `sts:AssumeRole` on the role or on `*` (administrators, CI roles,
    a compromised developer key) can assume it. When the account is a vendor's, any of the vendor's
    customers can make the vendor assume the role on their behalf unless an external id ties
    the trust to you (the confused deputy problem). An MFA condition ensures a human with a
    second factor is behind a session.

    ## Example
    ```hcl
    resource "aws_iam_role" "audit" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { AWS = "arn:aws:iam::444455556666:root" }
          Action    = "sts:AssumeRole"
        }]
      })
    }
    ```
    ```yaml
    Audit:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: { AWS: "444455556666" }
              Action: sts:AssumeRole
    ```
    Use instead:
    ```hcl
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "7f3c0b9e-audit" } }
    }]
    ```

    ## Known problems
    An account principal not resolved statically (`${AWS::AccountId}`, a variable) is flagged
    with low confidence. `IfExists` and `ForAllValues` tests, an empty external id and
    `aws:MultiFactorAuthPresent` false do not count as restrictions.

    ## References
    - [IAM: access for third parties with an external ID](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html)
    - [IAM: configuring MFA-protected API access](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is not PolicyKind.TRUST:
        return
    for statement in policy.statements:
        if not statement.is_allow or _restricted(statement):
            continue
        for element in statement.principals or ():
            account = _account(element)
            if account is None:
                continue
            unresolved = isinstance(element.value, Unresolved)
            message = (
                f"{policy.describe()}: {statement.describe()} trusts the whole account "
                f"{account} without an sts:ExternalId, MFA or aws:PrincipalArn condition"
            )
            if unresolved:
                message += " (the principal is not resolved statically and may be an account)"
            yield Finding.at(
                element,
                message + ".",
                evidence=f"{statement.describe()}:{account}",
                confidence=Confidence.LOW if unresolved else Confidence.HIGH,
            )


def _account(element: PrincipalElement) -> str | None:
    """The account an ``AWS`` principal names as a whole, or ``None``."""
    if element.kind != "AWS":
        return None
    value = element.value
    if isinstance(value, Unresolved):
        return value.expression if any(value.may_equal(s) for s in _ROOT_SHAPES) else None
    return value if _ACCOUNT.fullmatch(value) else None


def _restricted(statement: Statement) -> bool:
    """Whether a test requires an external id, MFA, or names the principals allowed."""
    for test in restricting(statement, "sts:ExternalId", "aws:PrincipalArn"):
        if any(value.value != "" for value in test.values):
            return True
    for test in restricting(statement, "aws:MultiFactorAuthPresent"):
        if any(value.value in ("true", True) for value in test.values):
            return True
    return any(
        test.operator in _MFA_AGE_OPERATORS
        for test in restricting(statement, "aws:MultiFactorAuthAge")
    )
