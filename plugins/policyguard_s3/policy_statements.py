"""S3-007 and S3-008: bucket policy statements that grant every S3 action, or that lock
everyone out of the bucket. (``Allow`` with ``NotAction`` in any resource policy, bucket
policies included, is RES-004.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Effect, PolicyDocument, PolicyKind, Statement
from policyguard.model.values import Unresolved

_EVERY_ACTION: Final = frozenset({"*", "s3:*"})
_POLICY_MANAGEMENT: Final = ("s3:PutBucketPolicy", "s3:DeleteBucketPolicy")
_ROOT_SUFFIX: Final = ":root"


def _bucket_policy_allows(policy: PolicyDocument) -> Iterator[Statement]:
    """The statements of a bucket policy that may allow (an unresolved effect may)."""
    if policy.kind is PolicyKind.BUCKET:
        yield from (s for s in policy.statements if s.effect.value is not Effect.DENY)


@check(
    id="S3-007",
    name="bucket-policy-wildcard-action",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("s3", "least-privilege"),
    cwe=(732,),
)
def bucket_policy_wildcard_action(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags `Allow` statements of bucket policies whose `Action` is `*` or `s3:*`.

    ## Why is this bad?
    Every S3 action includes `s3:PutBucketPolicy`, `s3:DeleteBucket`, `s3:PutBucketAcl` and
    `s3:PutLifecycleConfiguration`: the principals of such a statement can rewrite who has
    access, delete every object version or the bucket itself, not only read and write data.
    Whoever they are (another account, a role of a pipeline), a leak of their credentials
    becomes a takeover of the bucket.

    ## Example
    ```hcl
    data "aws_iam_policy_document" "data" {
      statement {
        principals {
          type        = "AWS"
          identifiers = ["arn:aws:iam::111122223333:role/app"]
        }
        actions   = ["s3:*"]
        resources = ["${aws_s3_bucket.data.arn}/*"]
      }
    }
    ```
    ```yaml
    DataPolicy:
      Type: AWS::S3::BucketPolicy
      Properties:
        Bucket: !Ref Data
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: {AWS: arn:aws:iam::111122223333:role/app}
              Action: "*"
              Resource: !Sub "${Data.Arn}/*"
    ```
    Use instead:
    ```hcl
    data "aws_iam_policy_document" "data" {
      statement {
        principals {
          type        = "AWS"
          identifiers = ["arn:aws:iam::111122223333:role/app"]
        }
        actions   = ["s3:GetObject", "s3:PutObject"]
        resources = ["${aws_s3_bucket.data.arn}/*"]
      }
    }
    ```
    ```yaml
    DataPolicy:
      Type: AWS::S3::BucketPolicy
      Properties:
        Bucket: !Ref Data
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: {AWS: arn:aws:iam::111122223333:role/app}
              Action: [s3:GetObject, s3:PutObject]
              Resource: !Sub "${Data.Arn}/*"
    ```

    ## Known problems
    An action that cannot be resolved statically and may be a full wildcard gives a finding
    with low confidence. Narrower wildcards (`s3:Get*`, `s3:Put*`) are not flagged. Who the
    principal is does not matter here; public principals are also reported by S3-001.

    ## References
    - [Amazon S3: policy actions](https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html)
    - [Amazon S3: bucket policy examples](https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html)
    - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    """
    for statement in _bucket_policy_allows(policy):
        for action in statement.actions or ():
            value = action.value
            unknown = isinstance(value, Unresolved)
            if not _may_be_every_action(value):
                continue
            message = (
                f"{policy.describe()} {statement.describe()} allows every S3 action "
                f"({action.describe()}), including rewriting the policy and deleting the bucket"
            )
            message += " (the action is not resolved statically)." if unknown else "."
            confidence = Confidence.LOW if unknown else Confidence.HIGH
            yield Finding.at(action, message, evidence=action.describe(), confidence=confidence)


def _may_be_every_action(value: str | Unresolved) -> bool:
    if isinstance(value, Unresolved):
        return any(value.may_equal(action) for action in _EVERY_ACTION)
    return value.casefold() in _EVERY_ACTION


@check(
    id="S3-008",
    name="bucket-policy-lockout",
    severity=Severity.MEDIUM,
    targets=(PolicyDocument,),
    tags=("s3", "availability"),
    cwe=(284,),
)
def bucket_policy_lockout(policy: PolicyDocument) -> Iterator[Finding]:
    """## What it does
    Flags bucket policy statements that deny, without any condition, the bucket policy's own
    management (`s3:PutBucketPolicy` or `s3:DeleteBucketPolicy`, for example through `s3:*`)
    to every principal, or to every principal but account root users.

    ## Why is this bad?
    Once deployed, no role or user of the account can change or remove the policy, nor do
    whatever else the statement denies: the bucket is locked. Only the account's root user
    can delete the bucket policy, which means a break-glass sign-in with the root credentials
    and an outage of everything that uses the bucket until then. Pipelines that manage the
    policy fail on their next run.

    ## Example
    ```hcl
    resource "aws_s3_bucket_policy" "data" {
      bucket = aws_s3_bucket.data.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*" }]
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
              Resource: "*"
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
    A `Deny` that exempts administrators through a condition (`aws:PrincipalArn`) or
    `NotPrincipal` listing roles is not flagged: those principals keep access. Statements
    whose effect, principal or actions cannot be resolved statically are not flagged.

    ## References
    - [Amazon S3: I accidentally denied everyone access to my bucket](https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html)
    - [IAM JSON policy elements: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    """
    if policy.kind is not PolicyKind.BUCKET:
        return
    for statement in policy.statements:
        if _locks_out(statement):
            message = (
                f"{policy.describe()} {statement.describe()} denies managing the bucket policy "
                "to every principal without a condition: once deployed, only the account's root "
                "user can change or remove the policy."
            )
            yield Finding.at(statement, message, evidence="lockout")


def _locks_out(statement: Statement) -> bool:
    # the catalog module loads only when a scan runs checks, not for `policyguard rules`
    from policyguard.iam.catalog import wildcard_match  # noqa: PLC0415

    if statement.effect.value is not Effect.DENY or statement.conditions or statement.unresolved:
        return False
    if statement.not_actions is not None or statement.not_resources is not None:
        return False
    if statement.not_principals is not None:
        exempt = [p.value for p in statement.not_principals]
        everyone = all(isinstance(v, str) and v.endswith(_ROOT_SUFFIX) for v in exempt)
    else:
        everyone = any(p.is_everyone for p in statement.principals or ())
    actions = [a.value for a in statement.actions or () if isinstance(a.value, str)]
    denies_management = any(
        wildcard_match(pattern, action) for pattern in actions for action in _POLICY_MANAGEMENT
    )
    covers_bucket = statement.resources is None or any(
        _names_bucket(r.value) for r in statement.resources
    )
    return everyone and denies_management and covers_bucket


def _names_bucket(resource: str | Unresolved) -> bool:
    """Whether a resource covers the bucket itself, not only objects in it."""
    if isinstance(resource, Unresolved):
        return not any(part and "/" in part for part in resource.parts)
    return "/" not in resource.split(":::", 1)[-1]
