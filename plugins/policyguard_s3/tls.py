"""S3-002: buckets whose policy does not deny requests over plain HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Effect, Inventory, PolicyDocument, S3Bucket, Statement
from policyguard.model.values import Located, Unresolved
from policyguard_s3.bucket_policies import unattached_bucket_policy

_SECURE_TRANSPORT: Final = "aws:securetransport"
_ALL_S3_ACTIONS: Final = frozenset({"*", "s3:*"})
_ALL_OBJECTS: Final = re.compile(r"arn:[^:]*:s3:::([^/]*\*|[^/]+/\*)")
_AN_ARN_PREFIX: Final = "arn:aws:s3:::"


@check(
    id="S3-002",
    name="bucket-tls-not-enforced",
    severity=Severity.MEDIUM,
    targets=(S3Bucket, PolicyDocument),
    tags=("s3", "encryption-in-transit"),
    cwe=(319,),
    compliance=("cis-aws:2.1.1", "aws-fsbp:S3.5"),
)
def bucket_tls_not_enforced(
    subject: S3Bucket | PolicyDocument, inventory: Inventory
) -> Iterator[Finding]:
    """## What it does
    Flags buckets whose bucket policy has no statement that denies every request made over
    plain HTTP: `Effect: Deny` for every principal (`Principal: "*"`, not `NotPrincipal`),
    every S3 action (`s3:*` or `*`), all objects of the bucket, with the only condition
    `Bool` `aws:SecureTransport` `false`. A bucket without a bucket policy is flagged too.

    ## Why is this bad?
    S3 answers plain HTTP requests. An attacker on the network path (a hotel Wi-Fi, a
    compromised proxy) reads the objects and the presigned URLs in transit and can alter
    what a client downloads. An `Allow` conditioned on `aws:SecureTransport = true` does not
    help: IAM policies of the account's own principals still allow HTTP. A `Deny` limited to
    some actions (only `s3:PutObject`), to some principals, to the bucket but not its objects,
    or narrowed by further conditions leaves the other requests open.

    ## Example
    ```hcl
    resource "aws_s3_bucket_policy" "data" {
      bucket = aws_s3_bucket.data.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:PutObject",
          Resource = "${aws_s3_bucket.data.arn}/*",
          Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
      })
    }
    ```
    ```yaml
    Data:
      Type: AWS::S3::Bucket
    ```
    Use instead:
    ```hcl
    resource "aws_s3_bucket_policy" "data" {
      bucket = aws_s3_bucket.data.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*",
          Resource = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"],
          Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
      })
    }
    ```
    ```yaml
    DataPolicy:
      Type: AWS::S3::BucketPolicy
      Properties:
        Bucket: !Ref Data
        PolicyDocument:
          Statement:
            - Effect: Deny
              Principal: "*"
              Action: "s3:*"
              Resource: [!GetAtt Data.Arn, !Sub "${Data.Arn}/*"]
              Condition:
                Bool:
                  aws:SecureTransport: false
    ```

    ## Known problems
    A `Deny` whose effect, principal, actions, resources or condition cannot be resolved
    statically, and that would otherwise count, gives a finding with low confidence. A bucket
    policy of a bucket that is not declared in the scanned code is checked on its own. A
    policy that requires a minimum TLS version (`s3:TlsVersion`) but does not deny HTTP is
    flagged.

    ## References
    - [Amazon S3: security best practices, enforce encryption of data in transit](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html)
    - [AWS Config: s3-bucket-ssl-requests-only](https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html)
    - [AWS Security Hub S3.5: S3 general purpose buckets should require requests to use SSL](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5)
    - [CIS AWS Foundations Benchmark v3.0.0 2.1.1: ensure S3 bucket policy is set to deny HTTP requests](https://www.cisecurity.org/benchmark/amazon_web_services)
    - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    """
    if isinstance(subject, S3Bucket):
        name, policy = subject.describe(), subject.policy
        if policy is None:
            message = f"{name} has no bucket policy, so nothing denies requests over plain HTTP."
            yield Finding.at(subject, message, evidence="no bucket policy")
            return
    else:
        unattached = unattached_bucket_policy(subject, inventory)
        if unattached is None:
            return
        name, policy = f"the bucket of {unattached.describe()}", unattached
    yield from _missing_deny(name, policy)


def _missing_deny(name: str, policy: PolicyDocument) -> Iterator[Finding]:
    verdicts = [(statement, _shortfall(statement)) for statement in policy.statements]
    if any(shortfall == "" for _, shortfall in verdicts):
        return
    for statement, why in verdicts:
        if why.startswith("?"):
            message = (
                f"{name}: {statement.describe()} may deny requests over plain HTTP, but {why[1:]}."
            )
            yield Finding.at(statement, message, evidence="tls", confidence=Confidence.LOW)
            return
    if policy.unresolved is not None:
        message = (
            f"{name}: the bucket policy {policy.describe()} is not resolved statically "
            f"({policy.unresolved.expression}), so whether it denies plain HTTP is not known."
        )
        yield Finding.at(policy, message, evidence="tls", confidence=Confidence.LOW)
        return
    near = [(s, why) for s, why in verdicts if why and not why.startswith("-")]
    if near:
        statement, why = near[0]
        message = (
            f"{name}: {statement.describe()} denies plain HTTP only partly ({why}), so other "
            "requests over plain HTTP are accepted."
        )
        yield Finding.at(statement, message, evidence="tls")
        return
    message = (
        f"{name}: the bucket policy {policy.describe()} has no Deny of requests with "
        "aws:SecureTransport = false, so requests over plain HTTP are accepted."
    )
    yield Finding.at(policy, message, evidence="tls")


def _shortfall(statement: Statement) -> str:
    """Why ``statement`` is not a deny of every plain-HTTP request: "" when it is one, "-…" when
    it has nothing to do with HTTP, "?…" when that is not known, else what it leaves open."""
    tests = statement.conditions
    transport = [t for t in tests if t.key.casefold() == _SECURE_TRANSPORT]
    if not transport or statement.effect.value is Effect.ALLOW:
        return "-"
    if not all(_denies_http(t.operator, t.values) for t in transport):
        return "-"
    gaps, unknown = _gaps(statement)
    if len(tests) > len(transport):
        gaps.append("further conditions narrow it")
    if gaps:
        return ", ".join(gaps)
    return "?" + " and ".join(unknown) + " not resolved statically" if unknown else ""


def _denies_http(operator: str, values: tuple[Located[str], ...]) -> bool:
    return operator.casefold() in ("bool", "boolifexists") and any(
        isinstance(v.value, Unresolved) or str(v.value).casefold() == "false" for v in values
    )


def _gaps(statement: Statement) -> tuple[list[str], list[str]]:
    """What the ``Deny`` leaves out, and what about it is not resolved."""
    gaps: list[str] = []
    unknown: list[str] = []
    if isinstance(statement.effect.value, Unresolved):
        unknown.append(f"its effect {statement.effect.value.expression} is")
    if statement.unresolved:
        unknown.append("parts of it are")
    if statement.not_principals is not None:
        gaps.append("NotPrincipal exempts some principals")
    elif statement.principals is not None and not any(p.is_everyone for p in statement.principals):
        if any(isinstance(p.value, Unresolved) for p in statement.principals):
            unknown.append("its principal is")
        else:
            gaps.append("it applies to some principals only")
    actions = statement.actions or ()
    if statement.actions is None:
        gaps.append("NotAction exempts some actions")
    elif not any(str(a.value).casefold() in _ALL_S3_ACTIONS for a in actions):
        if any(a.is_unresolved for a in actions):
            unknown.append("its actions are")
        else:
            gaps.append("only " + ", ".join(a.describe() for a in actions))
    gaps += _resource_gaps(statement, unknown)
    return gaps, unknown


def _resource_gaps(statement: Statement, unknown: list[str]) -> list[str]:
    if statement.not_resources is not None:
        return ["NotResource exempts some resources"]
    if statement.resources is None:
        return []
    covering = [_covers_objects(r) for r in statement.resources]
    if any(c is True for c in covering):
        return []
    if any(c is None for c in covering):
        unknown.append("its resources are")
        return []
    return ["not every object: " + ", ".join(r.describe() for r in statement.resources)]


def _covers_objects(resource: Located[str]) -> bool | None:
    """Whether a resource covers every object of the bucket; ``None`` when unknown."""
    value = resource.value
    if isinstance(value, Unresolved):
        if value.parts == (None,):
            return None
        value = _filled(value)
    return value == "*" or _ALL_OBJECTS.fullmatch(value) is not None


def _filled(value: Unresolved) -> str:
    """The string with its computed pieces filled in: a leading piece, or one right after
    ``arn:``, stands for the bucket's ARN; any other for a part of the bucket's name."""
    text = "".join(part if part is not None else "\0" for part in value.parts)
    if text.startswith("\0"):
        text = _AN_ARN_PREFIX + "x" + text[1:]
    return text.replace("arn:\0", _AN_ARN_PREFIX + "x").replace("\0", "x")
