"""TRUST-004: roles for OIDC identities without a restriction on who the identity is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Element, PolicyDocument, PolicyKind, PrincipalElement, Statement
from policyguard.model.values import Unresolved
from policyguard_trust.tests import restricting

_PROVIDER_ARN = re.compile(r"arn:[a-z0-9-]+:iam::[^:]*:oidc-provider/(.+)")
_COGNITO = "cognito-identity.amazonaws.com"
_SCOPED_SUBJECTS = {
    "token.actions.githubusercontent.com": re.compile(
        r"(repo|repository):[^*?/:]+/.*|repository_owner(_id)?:[^*?:]+(:.*)?"
    ),
    "gitlab.com": re.compile(r"project_path:[^*?/:]+/.*"),
    "app.terraform.io": re.compile(r"organization:[^*?:]+:.*"),
}
"""For providers whose subjects name an owner first, the subjects scoped to one owner."""
_ONE_SUBJECT = {
    "token.actions.githubusercontent.com": re.compile(r"(repo|repository):[^*?/:]+/[^*?:]+(:.*)?"),
    "gitlab.com": re.compile(r"project_path:[^*?/:]+/[^*?:]+(:.*)?"),
    "app.terraform.io": re.compile(r"organization:[^*?:]+:project:[^*?:]+:workspace:[^*?:]+(:.*)?"),
}
"""The subjects scoped to one repository, project or workspace of their owner."""


@dataclass(frozen=True, slots=True)
class _Provider:
    """An OIDC provider: its URL (``token.actions.githubusercontent.com``), or ``None`` when
    the principal is not resolved statically (``expression`` says how it is written)."""

    name: str | None
    element: PrincipalElement
    expression: str = ""


@check(
    id="TRUST-004",
    name="trust-oidc-unrestricted",
    severity=Severity.HIGH,
    targets=(PolicyDocument,),
    tags=("iam", "trust", "federation"),
    cwe=(284, 863),
)
def trust_oidc_unrestricted(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags role trust policies for OpenID Connect identity providers (GitHub Actions
    `token.actions.githubusercontent.com`, GitLab, Terraform Cloud, EKS clusters, Google, …)
    that do not restrict the token's subject (`<provider>:sub`), or restrict it with a
    wildcard that leaves the owner open (`repo:*`, `*`) or every repository, project or
    workspace of the owner (`repo:acme/*`); for Amazon Cognito identity pools, that do not
    restrict the audience (`cognito-identity.amazonaws.com:aud`).

    ## Why is this bad?
    Every GitHub repository, every GitLab project, every Terraform Cloud workspace can get a
    token from the shared provider. Without a `sub` condition naming your organization and
    repository, a workflow in anybody's repository assumes the role with
    `sts:AssumeRoleWithWebIdentity`. Without an `aud` condition naming your identity pool a
    Cognito role accepts tokens of other identity pools: IAM requires some condition on such
    roles (an `amr` one is enough), but only `aud` ties the role to one pool. For an EKS
    cluster, any pod's service account gets the role.

    ## Example
    ```hcl
    resource "aws_iam_role" "deploy" {
      assume_role_policy = jsonencode({
        Statement = [{
          Effect    = "Allow"
          Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
          Action    = "sts:AssumeRoleWithWebIdentity"
          Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } }
        }]
      })
    }
    ```
    ```yaml
    Deploy:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal:
                Federated: !Sub arn:aws:iam::${AWS::AccountId}:oidc-provider/gitlab.com
              Action: sts:AssumeRoleWithWebIdentity
    ```
    Use instead:
    ```hcl
    Condition = {
      StringEquals = {
        "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
        "token.actions.githubusercontent.com:sub" = "repo:acme/deploy:ref:refs/heads/main"
      }
    }
    ```

    ## Known problems
    The audience of other providers is checked by IAM against the provider's client id list,
    so a missing `aud` condition is not flagged for them. Subjects customized through GitHub's
    OIDC API are accepted when they start with the repository or its owner. A provider or
    subject not resolved statically gives a finding with low confidence. A wildcard in the ref
    or environment part (`repo:acme/app:*`) is not flagged: the repository is the boundary
    AWS's own examples draw. SAML providers are not
    checked. A wildcard under `StringEquals` matches literally, which makes the role unusable
    rather than open; it is flagged all the same as the likely intent.

    ## References
    - [IAM: creating a role for OIDC federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html)
    - [IAM: available keys for OIDC federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif)
    - [Amazon Cognito: role trust and permissions](https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html)
    - [Amazon Cognito: identity pool security best practices](https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html)
    - [CWE-863](https://cwe.mitre.org/data/definitions/863.html)
    """
    if policy.kind is not PolicyKind.TRUST:
        return
    for statement in policy.statements:
        if not statement.is_allow:
            continue
        for provider in _providers(statement):
            problem = _problem(statement, provider.name)
            if problem is None:
                continue
            name = provider.name or f"the identity provider {provider.expression}"
            yield Finding.at(
                problem.at or provider.element,
                f"{policy.describe()}: {statement.describe()} trusts {name} {problem.text}.",
                evidence=f"{statement.describe()}:{provider.name or provider.expression}",
                confidence=Confidence.LOW if problem.unresolved else Confidence.HIGH,
            )


def _providers(statement: Statement) -> Iterator[_Provider]:
    """The OIDC providers of the statement's ``Federated`` principals (SAML ones left out)."""
    for element in statement.principals or ():
        if element.kind != "Federated":
            continue
        value = element.value
        known = value if isinstance(value, str) else "".join(p or "" for p in value.parts)
        if ":saml-provider/" in known:
            continue
        match = _PROVIDER_ARN.fullmatch(known)
        if isinstance(value, str):
            yield _Provider(match.group(1) if match else value, element)
        elif match and ":oidc-provider/" in (value.parts[-1] or ""):
            yield _Provider(match.group(1), element)
        else:
            yield _Provider(None, element, value.expression)


@dataclass(frozen=True, slots=True)
class _Problem:
    """What leaves a provider's identities open, whether that depends on unresolved values,
    and the claim value that decides it (``None`` when no claim is tested)."""

    text: str
    unresolved: bool
    at: Element | None = None


def _problem(statement: Statement, provider: str | None) -> _Problem | None:
    """What leaves the provider's identities open; ``None`` when they are restricted. An
    unknown provider (``None``) takes the claim tests of any provider."""
    tests = [
        test
        for test in restricting(statement, *(c.key for c in statement.conditions))
        if _claim_of(test.key, provider)
    ]
    claim = "aud" if provider == _COGNITO else "sub"
    if not tests:
        if statement.unresolved or provider is None:
            return _Problem(f"and no condition on the token's '{claim}' claim was found", True)
        return _Problem(f"without a condition on the token's '{claim}' claim", False)
    pairs = [(_issuer(test.key), value) for test in tests for value in test.values]
    open_values = [v for issuer, v in pairs if isinstance(v.value, str) and _open(issuer, v.value)]
    if open_values:
        shown = ", ".join(repr(v.value) for v in open_values)
        text = f"with a '{claim}' condition that any owner's identities match ({shown})"
        return _Problem(text, False, open_values[0])
    broad = [
        v for issuer, v in pairs if isinstance(v.value, str) and _every_repository(issuer, v.value)
    ]
    if broad:
        shown = ", ".join(repr(v.value) for v in broad)
        text = (
            f"with a '{claim}' condition that every repository, project or workspace of the "
            f"owner matches ({shown})"
        )
        return _Problem(text, False, broad[0])
    unknown = [v for _, v in pairs if isinstance(v.value, Unresolved) and v.value.parts[0] is None]
    if unknown:
        return _Problem(f"with a '{claim}' condition not resolved statically", True, unknown[0])
    return None


def _issuer(key: str) -> str:
    """The provider part of a claim key (``token.actions.githubusercontent.com``)."""
    return key.rpartition(":")[0].casefold()


def _claim_of(key: str, provider: str | None) -> bool:
    """Whether the condition key is the claim that scopes ``provider``'s identities."""
    issuer, _, claim = key.casefold().rpartition(":")
    if provider is None:
        return claim == "sub" or (issuer == _COGNITO and claim == "aud")
    wanted = "aud" if provider.casefold() == _COGNITO else "sub"
    return claim == wanted and issuer.startswith(provider.casefold())


def _open(issuer: str, value: str) -> bool:
    """Whether a claim value leaves the owner open: a leading wildcard, or, for providers whose
    subjects name an owner, a value not scoped to one owner."""
    if value == "" or value[0] in "*?":
        return True
    scoped = _SCOPED_SUBJECTS.get(issuer.split("/", 1)[0])
    return scoped is not None and scoped.fullmatch(value) is None


def _every_repository(issuer: str, value: str) -> bool:
    """Whether a claim value scoped to one owner still covers all of its repositories,
    projects or workspaces (``repo:acme/*``)."""
    one = _ONE_SUBJECT.get(issuer.split("/", 1)[0])
    return one is not None and one.fullmatch(value) is None
