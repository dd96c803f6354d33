"""Who outside the owner can reach a resource: a verdict per S3 bucket, KMS key or resource policy.

The verdict is one of four :class:`ExposureKind`\\ s, computed from what the templates declare:

- ``PUBLIC``: anyone (anonymous callers, or any AWS account) can call some action.
- ``CROSS_ACCOUNT``: principals of accounts outside the zone of trust can, but not everyone.
- ``PRIVATE``: only the owner's zone of trust can.
- ``UNKNOWN``: the templates leave it open (an unresolved principal, condition or setting).

The **zone of trust** is the owner's account, the accounts the :class:`ExposureContext` trusts,
and the owner's organization when its id is configured. Nothing is guessed: an account id that
cannot be compared with the owner's (because the owner's account is not configured) or an
organization id that cannot be compared with the owner's leaves the verdict open between
``PRIVATE`` and ``CROSS_ACCOUNT``; such cases are listed in ``assumptions``. An ``Exposure`` also
names the worst verdict that cannot be ruled out (``worst``): a bucket certainly shared with one
account and perhaps public is ``CROSS_ACCOUNT`` with ``worst`` ``PUBLIC``. ``PRIVATE`` is only
ever returned when every grant is known to stay inside the zone of trust. One unresolved value
is read as the owner's account: an account id or root ARN computed from the deploying account
(CloudFormation's ``AWS::AccountId``, Terraform's ``aws_caller_identity``), possibly with the
partition (``AWS::Partition``, ``aws_partition``); this too is listed in ``assumptions``.

**Resource policies.** Every ``Allow`` statement is a grant, whatever its actions (reading and
writing are both exposure). Its audience is its ``Principal`` (``*`` and ``{"AWS": "*"}`` are
everyone, ``NotPrincipal`` with ``Allow`` is everyone but a few, an account or principal ARN is
that account, a service principal is the owner's own use) narrowed by each condition that pins
who may call (AWS documentation, "The meaning of 'public'" for S3 Block Public Access, and the
global condition keys reference):

- ``aws:PrincipalAccount``, ``aws:SourceAccount``, ``aws:SourceOwner``, ``kms:CallerAccount``
  (and the account in ``aws:PrincipalArn``/``aws:SourceArn``) pin the caller's account;
- ``aws:PrincipalOrgID``, ``aws:PrincipalOrgPaths``, ``aws:SourceOrgID``, ``aws:SourceOrgPaths``
  pin the caller's organization;
- ``aws:SourceVpc``, ``aws:SourceVpce``, ``aws:SourceVpcArn``, ``aws:VpcSourceIp`` pin the
  network path to a VPC or VPC endpoint. The VPC is assumed to be the owner's (stated in
  ``assumptions``), so such a grant counts as ``PRIVATE``;
- ``aws:SourceIp`` pins the caller's address. **Decision:** an IP restriction does not make a
  grant private, since anyone at those addresses, in any account or none, is let in; the grant
  stays ``PUBLIC`` with ``network_restricted`` set, like S3 Block Public Access, which does not
  treat such a policy as public (so ``RestrictPublicBuckets`` does not neutralise it). A range
  wider than /8 (IPv4) or /32 (IPv6) counts as unrestricted;
- ``aws:userid`` and ``s3:x-amz-server-side-encryption-aws-kms-key-id`` pin a caller nobody can
  place in an account statically: not public, perhaps cross-account.

A pin counts only with a positive operator (``StringEquals``, ``StringLike``, ``ArnLike``,
``IpAddress``, ``ForAnyValue:``), without ``IfExists`` (a request without the key would pass)
and with fixed values (a wildcard in an account or organization value pins nothing; organization
paths may end in a wildcard). Several values of one test are alternatives. A ``Deny`` with
``Principal: "*"`` whose only conditions are negated pins (``StringNotEquals aws:SourceVpce``)
pins every ``Allow`` whose actions and resources it covers. A ``Deny`` that may apply but cannot
be read makes the grants it may cover possibly ``PRIVATE``.

**S3 buckets** (Amazon S3 User Guide: "Blocking public access to your Amazon S3 storage",
"Controlling ownership of objects and disabling ACLs"; DESIGN: a bucket is public only when
explicit settings make it so) add ACL grants and the settings that neutralise them:

- **Decision: an explicit grant is intent.** Since April 2023 new buckets get all four public
  access block switches and ``BucketOwnerEnforced``, so a public ACL or a public policy written
  without the settings that allow it is rejected when a new bucket is created, while an older or
  imported bucket honours it. Settings that are not declared therefore never neutralise a grant
  the templates write: the grant counts, and ``ExposingGrant.requires`` names the default
  settings a new bucket must change before it takes effect (stated in ``assumptions`` too). A
  bucket that writes no grant stays ``PRIVATE``: a missing block is hygiene, not exposure. A
  declared block's unwritten switches are off (the API's default).
- The bucket's and the account's switches combine: a switch is on when either is on.
- ``BlockPublicAcls`` (a public ACL cannot be set) and ``IgnorePublicAcls`` neutralise ACL grants
  to ``AllUsers`` and ``AuthenticatedUsers``; ``BucketOwnerEnforced`` disables every ACL.
- ``BlockPublicPolicy`` rejects a public bucket policy, so none of its grants exist.
  ``RestrictPublicBuckets`` limits a bucket whose policy is public to the owner's account and AWS
  services, which removes its cross-account grants too. "Public" is S3's meaning: a grant to
  everyone not pinned by one of the conditions above (an IP pin counts as a pin).

**KMS keys**: the key policy; a key without one gets AWS's default key policy, which gives the
owner's account full access (``PRIVATE``). Key grants are not modelled.

Not covered: S3 access point policies, Multi-Region Access Points, object ACLs
written by uploaders, Secrets Manager's and other services' own public-policy blocks, KMS grants,
and RCPs (an RCP can narrow an exposure; evaluate it with :mod:`policyguard.iam.evaluate`).
"""

from __future__ import annotations

import enum
import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from policyguard.iam.arn import match_resource_unresolved
from policyguard.iam.conditions import SetQualifier, parse_operator
from policyguard.iam.tristate import Tri
from policyguard.location import SourceLocation
from policyguard.model.accounts import ACCOUNT_ID, AccountSettings
from policyguard.model.iam import (
    Condition,
    Effect,
    PolicyDocument,
    PrincipalElement,
    Statement,
)
from policyguard.model.kms import KmsKey
from policyguard.model.s3 import (
    ALL_USERS_URI,
    AUTHENTICATED_USERS_URI,
    AccountPublicAccessBlock,
    PublicAccessBlock,
    S3Bucket,
)
from policyguard.model.values import Located, Unresolved

__all__ = [
    "ExposingGrant",
    "Exposure",
    "ExposureContext",
    "ExposureKind",
    "bucket_exposure",
    "key_exposure",
    "policy_exposure",
]


class ExposureKind(enum.Enum):
    PUBLIC = "public"
    CROSS_ACCOUNT = "cross-account"
    PRIVATE = "private"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class ExposureContext:
    """The owner's side of the zone of trust; ``None`` and empty mean not configured.

    ``account_id`` is the account that owns the resources; ``trusted_accounts`` are other
    accounts whose access is expected (a log archive, a security tooling account);
    ``organization_id`` is the owner's organization (``o-…``).
    """

    account_id: str | None = None
    trusted_accounts: frozenset[str] = frozenset()
    organization_id: str | None = None

    @classmethod
    def deployed(cls, accounts: AccountSettings, path: str) -> ExposureContext:
        """The zone of trust of code at ``path``: the account the configuration deploys it to
        (when that is an account, not an OU), and the configured trusted accounts and
        organization."""
        target = accounts.deployment_of(path)
        return cls(
            account_id=target if target is not None and ACCOUNT_ID.match(target) else None,
            trusted_accounts=accounts.trusted_accounts,
            organization_id=accounts.organization_id,
        )


@dataclass(frozen=True, slots=True)
class ExposingGrant:
    """One grant that may let someone outside the zone of trust in.

    ``location`` is where it is written (a canned ACL, an ACL grant, a policy statement);
    ``what`` names it and ``audience`` says whom it lets in. Its exposure lies between ``least``
    and ``most`` (equal when certain); ``notes`` say what is not known. ``requires`` names the
    settings that a bucket created with AWS's defaults (since April 2023) must change before the
    grant can take effect: S3 rejects the grant until then, older buckets honour it as written.
    ``from_acl`` tells an ACL grant from a policy statement; ``network_restricted``: a public
    grant limited to IP ranges. ``actions`` are the actions it allows, as patterns
    (``s3:GetObject``, ``sqs:*``); empty when they are not known (``NotAction``, unresolved).
    """

    location: SourceLocation
    what: str
    audience: str
    least: ExposureKind
    most: ExposureKind
    notes: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    from_acl: bool = False
    network_restricted: bool = False
    actions: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        return self.least is self.most


@dataclass(frozen=True, slots=True)
class Exposure:
    """The verdict for one resource.

    ``kind`` is the least exposure that is certain, or ``UNKNOWN`` when only ``PRIVATE`` is
    certain and more is possible; ``worst`` is the most exposure that cannot be ruled out
    (equal to ``kind`` when the verdict is certain). ``accounts`` are the accounts outside the
    zone of trust that grants name. ``reasons`` say which grants expose the resource and what
    neutralises others; ``deciding`` are where the exposing grants are written (those at the
    ``worst`` level first). ``assumptions`` are what was taken for granted (defaults of settings
    not declared, accounts or organizations that could not be compared). ``network_restricted``:
    every public grant is limited to IP ranges. ``grants`` are the exposing grants one by one,
    in the order of ``deciding``; ``neutralised`` are public grants that explicit settings (a
    public access block, ``BucketOwnerEnforced``) keep from taking effect, each with a note
    naming the setting.
    """

    kind: ExposureKind
    accounts: frozenset[str] = frozenset()
    reasons: tuple[str, ...] = ()
    deciding: tuple[SourceLocation, ...] = ()
    worst: ExposureKind = ExposureKind.PRIVATE
    assumptions: tuple[str, ...] = ()
    network_restricted: bool = False
    grants: tuple[ExposingGrant, ...] = ()
    neutralised: tuple[ExposingGrant, ...] = ()

    @property
    def certain(self) -> bool:
        """The verdict does not depend on anything unknown."""
        return self.kind is self.worst and self.kind is not ExposureKind.UNKNOWN


# ---------------------------------------------------------------------------------------------
# Audiences: who a grant or a condition lets in, as a range of levels

_PRIVATE: Final = 0
_CROSS: Final = 1
_PUBLIC: Final = 2
_KINDS: Final = (ExposureKind.PRIVATE, ExposureKind.CROSS_ACCOUNT, ExposureKind.PUBLIC)


@dataclass(frozen=True, slots=True)
class _Reach:
    """An audience: its level lies between ``low`` and ``high``; ``network``: a public audience
    limited to IP ranges; ``accounts``: accounts outside the zone of trust it names."""

    low: int
    high: int
    text: str
    network: bool = False
    accounts: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()


_EVERYONE: Final = _Reach(_PUBLIC, _PUBLIC, "everyone")


def _all_of(reaches: Sequence[_Reach]) -> _Reach:
    """The audience of all restrictions together: the narrowest wins."""
    if len(reaches) == 1:
        return reaches[0]
    narrowest = min(reaches, key=lambda r: (r.high, r.low))
    low = min(r.low for r in reaches)
    high = min(r.high for r in reaches)
    network = high == _PUBLIC and any(r.network for r in reaches)
    accounts = narrowest.accounts if high >= _CROSS else frozenset()
    texts = [r.text for r in reaches if r is not _EVERYONE and r.text != "everyone"]
    return _Reach(
        low,
        high,
        " and ".join(texts) or "everyone",
        network,
        accounts,
        tuple(note for r in reaches for note in r.notes),
    )


def _any_of(reaches: Sequence[_Reach]) -> _Reach:
    """The audience of alternatives: the widest wins."""
    if len(reaches) == 1:
        return reaches[0]
    low = max(r.low for r in reaches)
    high = max(r.high for r in reaches)
    public = [r for r in reaches if r.high == _PUBLIC]
    return _Reach(
        low,
        high,
        " or ".join(r.text for r in reaches),
        high == _PUBLIC and all(r.network for r in public),
        frozenset().union(*(r.accounts for r in reaches)),
        tuple(note for r in reaches for note in r.notes),
    )


class _Zone:
    """The zone of trust of an :class:`ExposureContext`."""

    def __init__(self, context: ExposureContext) -> None:
        self.context = context
        self.inside = {context.account_id, *context.trusted_accounts} - {None}

    def accounts(self, accounts: Iterable[str | None], text: str) -> _Reach:
        """An audience of some accounts (``None``: an account that is not known)."""
        known = {a for a in accounts if a is not None}
        unknown = any(a is None for a in accounts)
        outside = frozenset(a for a in known if a not in self.inside)
        notes: tuple[str, ...] = ()
        if outside and self.context.account_id is None:
            notes = (
                f"the owner's account is not configured: {', '.join(sorted(outside))} "
                "may be the owner's own",
            )
            return _Reach(_PRIVATE, _CROSS, text, notes=notes, accounts=outside)
        if outside:
            return _Reach(_CROSS, _CROSS, text, accounts=outside)
        if unknown:
            return _Reach(_PRIVATE, _CROSS, text, notes=(f"{text}: the account is not known",))
        return _Reach(_PRIVATE, _PRIVATE, text)

    def organizations(self, orgs: Iterable[str | None], text: str) -> _Reach:
        own = self.context.organization_id
        values = list(orgs)
        if own is not None and all(org == own for org in values):
            return _Reach(_PRIVATE, _PRIVATE, text)
        if own is not None and all(org is not None for org in values):
            return _Reach(_CROSS, _CROSS, text)
        note = (
            f"{text}: the owner's organization is not configured"
            if own is None
            else f"{text}: the organization is not known"
        )
        return _Reach(_PRIVATE, _CROSS, text, notes=(note,))


# ---------------------------------------------------------------------------------------------
# Principals


_ACCOUNT_ID = re.compile(r"\d{12}")
_PRINCIPAL_ARN = re.compile(r"arn:[^:]*:(?:iam|sts)::(\d{12}):.+")
_FEDERATED_ARN = re.compile(r"arn:[^:]*:iam::(\d{12}):(?:oidc|saml)-provider/.+")


_OWNER_ACCOUNT_MARKERS: Final = ("AWS::AccountId", "aws_caller_identity")
"""Expressions that stand for the account a template is deployed to: CloudFormation's pseudo
parameter and Terraform's ``aws_caller_identity`` data source."""
_PARTITION_MARKERS: Final = ("AWS::Partition", "aws_partition")
_ROOT_SHAPE: Final = "arn:aws:iam::123456789012:root"


def _owner_account(value: Unresolved) -> bool:
    """An unresolved account id or root ARN whose unknown pieces are only the deploying
    account (and the partition), by the expression that computes them."""
    holes = value.parts.count(None)
    if not any(marker in value.expression for marker in _OWNER_ACCOUNT_MARKERS):
        return False
    if value.parts == (None,):
        return True
    if holes == 2 and not any(marker in value.expression for marker in _PARTITION_MARKERS):
        return False
    return holes in (1, 2) and value.may_equal(_ROOT_SHAPE)


def _principal_reach(element: PrincipalElement, zone: _Zone) -> _Reach:
    """Who one principal element names."""
    value = element.value
    if isinstance(value, Unresolved):
        if element.kind in ("AWS", "*") and _owner_account(value):
            return _Reach(
                _PRIVATE,
                _PRIVATE,
                f"the owner's account ({value.expression})",
                notes=(f"{value.expression} is read as the owner's own account",),
            )
        if value.may_equal("*"):
            return _Reach(
                _PRIVATE,
                _PUBLIC,
                f"the principal {value.expression}",
                notes=(f"the principal {value.expression} is not resolved",),
            )
        return zone.accounts([None], f"the principal {value.expression}")
    if element.is_everyone:
        return _EVERYONE
    if element.kind == "AWS":
        if _ACCOUNT_ID.fullmatch(value):
            return zone.accounts([value], f"account {value}")
        match = _PRINCIPAL_ARN.fullmatch(value)
        if match:
            return zone.accounts([match.group(1)], value)
        return zone.accounts([None], value)  # a unique id (AIDA…) or a malformed value
    if element.kind == "Service":
        return _Reach(_PRIVATE, _PRIVATE, f"the service {value}")
    if element.kind == "Federated":
        match = _FEDERATED_ARN.fullmatch(value)
        if match:
            return zone.accounts([match.group(1)], value)
        return _Reach(
            _PRIVATE,
            _PUBLIC,
            f"users of the identity provider {value}",
            notes=(f"who can sign in through {value} is not known",),
        )
    if element.kind == "CanonicalUser":
        return zone.accounts([None], f"canonical user {value}")
    if element.kind == "*":  # a bare string other than "*": IAM rejects it, it names nobody
        return _Reach(
            _PRIVATE,
            _PRIVATE,
            f"the invalid principal {value!r}",
            notes=(f"the principal {value!r} is not valid: only '*' may stand alone",),
        )
    return _Reach(_PRIVATE, _PUBLIC, f"{element.kind} {value}")


def _principals_reach(statement: Statement, zone: _Zone) -> _Reach | None:
    """Who the statement's principal names; ``None``: nobody (no principal)."""
    if statement.principals is not None:
        if not statement.principals:
            return None
        return _any_of([_principal_reach(e, zone) for e in statement.principals])
    if statement.not_principals is not None:
        return _Reach(_PUBLIC, _PUBLIC, "everyone but the principals NotPrincipal lists")
    if statement.unresolved:
        return _Reach(
            _PRIVATE,
            _PUBLIC,
            "a principal that could not be read",
            notes=("a statement could not be read",),
        )
    return None


# ---------------------------------------------------------------------------------------------
# Conditions that pin the caller

_ACCOUNT_KEYS: Final = frozenset(
    {"aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount"}
)
_ARN_KEYS: Final = frozenset({"aws:principalarn", "aws:sourcearn"})
_ORG_KEYS: Final = frozenset({"aws:principalorgid", "aws:sourceorgid"})
_ORG_PATH_KEYS: Final = frozenset({"aws:principalorgpaths", "aws:sourceorgpaths"})
_NETWORK_KEYS: Final = frozenset(
    {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "aws:vpcsourceip"}
)
_OPAQUE_KEYS: Final = frozenset({"aws:userid", "s3:x-amz-server-side-encryption-aws-kms-key-id"})
_IP_KEY: Final = "aws:sourceip"
_PIN_KEYS: Final = (
    _ACCOUNT_KEYS | _ARN_KEYS | _ORG_KEYS | _ORG_PATH_KEYS | _NETWORK_KEYS | _OPAQUE_KEYS
) | {_IP_KEY}

_WIDEST_IPV4_PREFIX: Final = 8
_WIDEST_IPV6_PREFIX: Final = 32
_ORG_ID = re.compile(r"o-[a-z0-9]{10,32}")


def _has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


def _pins(operator_name: str, *, deny: bool) -> bool:
    """Whether a test with this operator restricts who passes (in an ``Allow``: a positive
    operator; in a ``Deny``: a negated one, which denies everyone else)."""
    operator = parse_operator(operator_name)
    if operator is None or operator.qualifier is SetQualifier.FOR_ALL_VALUES:
        return False
    if deny:
        return operator.negated and operator.qualifier is None
    return not operator.negated and not operator.if_exists


def _value_reach(key: str, value: str | Unresolved, like: bool, zone: _Zone) -> _Reach:
    """Who one value of a pinning test lets in."""
    text = f"{key} {value if isinstance(value, str) else value.expression}"
    if isinstance(value, Unresolved) and key in _ACCOUNT_KEYS and _owner_account(value):
        return _Reach(
            _PRIVATE,
            _PRIVATE,
            text,
            notes=(f"{value.expression} is read as the owner's own account",),
        )
    if isinstance(value, Unresolved):
        if like and value.may_equal("*"):
            return _Reach(_PRIVATE, _PUBLIC, text, notes=(f"{text} is not resolved",))
        return _Reach(_PRIVATE, _CROSS, text, notes=(f"{text} is not resolved",))
    wild = like and _has_wildcard(value)
    if key == _IP_KEY:
        return _ip_reach(value, text)
    if key in _ACCOUNT_KEYS:
        return _EVERYONE if wild else zone.accounts([value], text)
    if key in _ARN_KEYS:
        segments = value.split(":", 5)
        account = segments[4] if len(segments) == 6 else ""
        if _ACCOUNT_ID.fullmatch(account):
            return zone.accounts([account], text)
        return _EVERYONE if wild else zone.accounts([None], text)
    if key in _ORG_KEYS:
        return _EVERYONE if wild else zone.organizations([value], text)
    if key in _ORG_PATH_KEYS:
        org = value.split("/", 1)[0]
        return zone.organizations([org], text) if _ORG_ID.fullmatch(org) else _EVERYONE
    if key in _NETWORK_KEYS:
        if wild:
            return _EVERYONE
        return _Reach(
            _PRIVATE,
            _PRIVATE,
            text,
            notes=(f"{text}: the VPC or endpoint is assumed to be the owner's",),
        )
    return _EVERYONE if wild else zone.accounts([None], text)  # aws:userid, KMS key id


def _ip_reach(value: str, text: str) -> _Reach:
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return _Reach(_PRIVATE, _PRIVATE, f"{text} (not an address: matches nothing)")
    widest = _WIDEST_IPV4_PREFIX if network.version == 4 else _WIDEST_IPV6_PREFIX
    if network.prefixlen < widest:
        return _Reach(_PUBLIC, _PUBLIC, f"{text} (a range too wide to restrict anyone)")
    return _Reach(_PUBLIC, _PUBLIC, text, network=True)


def _condition_reach(condition: Condition, zone: _Zone, *, deny: bool) -> _Reach | None:
    """Who a test lets in, or ``None`` when it does not pin the caller."""
    key = condition.key.casefold()
    if key not in _PIN_KEYS or not _pins(condition.operator, deny=deny):
        return None
    operator = parse_operator(condition.operator)
    assert operator is not None
    like = "Like" in operator.base or operator.base.startswith("Arn")
    if not condition.values:
        return None
    return _any_of([_value_reach(key, v.value, like, zone) for v in condition.values])


# ---------------------------------------------------------------------------------------------
# Grants of a policy


@dataclass(frozen=True, slots=True)
class _Grant:
    """One way in: its audience, where it is written, and whether it certainly exists."""

    reach: _Reach
    location: SourceLocation
    what: str
    certain: bool = True
    from_policy: bool = True
    requires: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()

    def exposing(self) -> ExposingGrant:
        """The grant as the public :class:`ExposingGrant`."""
        return ExposingGrant(
            self.location,
            self.what,
            self.reach.text,
            _KINDS[self.reach.low],
            _KINDS[self.reach.high],
            self.reach.notes,
            self.requires,
            not self.from_policy,
            self.reach.network,
            self.actions,
        )


def _covers(deny: Statement, allow: Statement) -> bool:
    """Whether the ``Deny`` applies to every action and resource of the ``Allow``."""
    # the catalog module loads only when a scan evaluates policies, not for `policyguard rules`
    from policyguard.iam.catalog import wildcard_match  # noqa: PLC0415

    if deny.actions is None or allow.actions is None:
        return deny.actions is not None and any(e.value == "*" for e in deny.actions)
    deny_actions = [e.value for e in deny.actions]
    if any(isinstance(a, Unresolved) for a in deny_actions):
        return False
    for element in allow.actions:
        action = element.value
        if isinstance(action, Unresolved):
            return False
        if not any(wildcard_match(str(pattern), action) for pattern in deny_actions):
            return False
    if deny.not_resources is not None:
        return False
    if deny.resources is None or any(e.value == "*" for e in deny.resources):
        return True
    if allow.resources is None:
        return False
    return all(
        isinstance(a.value, str)
        and any(
            isinstance(d.value, str) and match_resource_unresolved(d.value, a.value) is Tri.TRUE
            for d in deny.resources
        )
        for a in allow.resources
    )


def _everyone_principal(statement: Statement) -> bool:
    return statement.principals is not None and any(e.is_everyone for e in statement.principals)


def _deny_pins(deny: Statement, zone: _Zone) -> _Reach | None:
    """The audience a ``Deny`` leaves, when all its tests are negated pins."""
    if not deny.conditions or deny.unresolved or not _everyone_principal(deny):
        return None
    reaches = [_condition_reach(c, zone, deny=True) for c in deny.conditions]
    if any(r is None for r in reaches):
        return None
    return _any_of([r for r in reaches if r is not None])


def _may_apply_unknown(statement: Statement) -> bool:
    """A statement whose effect or principal is not known."""
    return isinstance(statement.effect.value, Unresolved) or bool(statement.unresolved)


def _policy_grants(document: PolicyDocument, zone: _Zone) -> tuple[list[_Grant], list[str]]:
    """The grants of a resource policy, and notes on what could not be read."""
    notes: list[str] = []
    if document.unresolved is not None:
        reach = _Reach(
            _PRIVATE,
            _PUBLIC,
            "the whole policy",
            notes=(
                f"the policy {document.describe()} could not be read: {document.unresolved.reason}",
            ),
        )
        return [
            _Grant(reach, document.location, f"policy {document.describe()}", certain=False)
        ], notes
    denies = [s for s in document.statements if s.effect.value is Effect.DENY]
    unknown_denies = [s for s in document.statements if isinstance(s.effect.value, Unresolved)]
    grants: list[_Grant] = []
    for statement in document.statements:
        effect = statement.effect.value
        if effect is Effect.DENY:
            continue
        principal = _principals_reach(statement, zone)
        if principal is None:
            continue
        pins = [principal]
        for condition in statement.conditions:
            pinned = _condition_reach(condition, zone, deny=False)
            if pinned is not None:
                pins.append(pinned)
        if statement.unresolved:
            pins.append(
                _Reach(
                    _PRIVATE,
                    _PUBLIC,
                    "conditions that could not be read",
                    notes=(f"{statement.describe()} could not be read entirely",),
                )
            )
        for deny in denies:
            left = _deny_pins(deny, zone)
            if left is not None and _covers(deny, statement):
                pins.append(left)
        reach = _all_of(pins)
        certain = isinstance(effect, Effect)
        if not certain:
            notes.append(f"{statement.describe()}: the effect is not known")
        if unknown_denies or any(_may_apply_unknown(d) for d in denies):
            reach = _Reach(
                _PRIVATE,
                reach.high,
                reach.text,
                reach.network,
                reach.accounts,
                (*reach.notes, "a Deny statement could not be read"),
            )
        if not certain:
            reach = _Reach(
                _PRIVATE, reach.high, reach.text, reach.network, reach.accounts, reach.notes
            )
        grants.append(
            _Grant(
                reach,
                statement.location,
                f"{document.describe()} {statement.describe()}",
                certain,
                actions=_allowed_actions(statement),
            )
        )
    return grants, notes


# ---------------------------------------------------------------------------------------------
# Verdicts


@dataclass
class _Verdict:
    grants: list[_Grant] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    neutralised: list[ExposingGrant] = field(default_factory=list)

    def neutralise(self, grant: _Grant, reason: str) -> None:
        """Record a grant that ``reason`` keeps from taking effect."""
        self.reasons.append(reason)
        if grant.reach.high == _PUBLIC:
            self.neutralised.append(replace(grant.exposing(), notes=(reason,)))

    def exposure(self) -> Exposure:
        grants = [g for g in self.grants if g.reach.high > _PRIVATE]
        floor = max((g.reach.low for g in self.grants), default=_PRIVATE)
        worst = max((g.reach.high for g in self.grants), default=_PRIVATE)
        kind = _KINDS[floor] if floor > _PRIVATE or worst == _PRIVATE else ExposureKind.UNKNOWN
        public = [g for g in grants if g.reach.high == _PUBLIC]
        ordered = sorted(grants, key=lambda g: -g.reach.high)
        reasons = [
            f"{g.what} lets in {g.reach.text}"
            + ("" if g.reach.low == g.reach.high else " (not certain)")
            for g in ordered
        ]
        notes = [note for g in self.grants for note in g.reach.notes]
        return Exposure(
            kind=kind,
            accounts=frozenset().union(*(g.reach.accounts for g in grants)),
            reasons=tuple(dict.fromkeys([*reasons, *self.reasons])),
            deciding=tuple(dict.fromkeys(g.location for g in ordered)),
            worst=_KINDS[worst],
            assumptions=tuple(dict.fromkeys([*self.assumptions, *notes])),
            network_restricted=bool(public) and all(g.reach.network for g in public),
            grants=tuple(g.exposing() for g in ordered),
            neutralised=tuple(self.neutralised),
        )


def policy_exposure(document: PolicyDocument | None, context: ExposureContext) -> Exposure:
    """The exposure a resource policy (SNS, SQS, Lambda, ECR, Secrets Manager, …) grants.

    ``None`` (no policy) is ``PRIVATE``: without a resource policy only the owner's IAM
    principals can reach the resource.
    """
    verdict = _Verdict()
    if document is not None:
        grants, notes = _policy_grants(document, _Zone(context))
        verdict.grants += grants
        verdict.assumptions += notes
    return verdict.exposure()


def key_exposure(key: KmsKey, context: ExposureContext) -> Exposure:
    """The exposure of a KMS key through its key policy (AWS's default policy when none is
    declared: the owner's account only)."""
    if key.policy is None:
        return Exposure(
            ExposureKind.PRIVATE,
            assumptions=(
                "no key policy declared: AWS's default key policy gives only the "
                "owner's account access",
            ),
        )
    return policy_exposure(key.policy, context)


# --- S3 -----------------------------------------------------------------------------------------

_ACLS_DISABLED: Final = "BucketOwnerEnforced"
_PUBLIC_CANNED: Final = {
    "public-read": "everyone, to list and read",
    "public-read-write": "everyone, to list, read and write",
    "authenticated-read": "every AWS account, to list and read",
}
_PUBLIC_GROUPS: Final = {ALL_USERS_URI: "everyone", AUTHENTICATED_USERS_URI: "every AWS account"}
_SWITCHES: Final = (
    "block_public_acls",
    "ignore_public_acls",
    "block_public_policy",
    "restrict_public_buckets",
)
_NAMED_GRANTEES: Final = ("CanonicalUser", "Email", "AmazonCustomerByEmail")
"""Grantee types that name one account (Terraform writes ``AmazonCustomerByEmail``)."""
_ACL_SWITCHES: Final = ("block_public_acls", "ignore_public_acls")
_POLICY_SWITCHES: Final = ("block_public_policy", "restrict_public_buckets")
_OWNERSHIP_NEEDED: Final = (
    "object ownership ObjectWriter or BucketOwnerPreferred (the default, BucketOwnerEnforced, "
    "disables ACLs)"
)


@dataclass(frozen=True, slots=True)
class _Switch:
    """One effective public access block switch: on, off or unknown, where it is set, and
    whether it is off only because nothing declares it (``undeclared``)."""

    on: bool | None
    location: SourceLocation | None = None
    undeclared: bool = False


def _switches(bucket: S3Bucket, account: AccountPublicAccessBlock | None) -> dict[str, _Switch]:
    block = bucket.public_access_block
    result = {}
    for name in _SWITCHES:
        own = _switch(block, name)
        other = _switch(account.block if account else None, name)
        if own.on is True or other.on is True:
            result[name] = own if own.on is True else other
        elif own.on is None or other.on is None:
            result[name] = _Switch(None, own.location if own.on is None else other.location)
        else:
            result[name] = _Switch(False, undeclared=block is None)
    return result


def _switch(block: PublicAccessBlock | None, name: str) -> _Switch:
    if block is None:
        return _Switch(False)
    setting: Located[bool] | None = getattr(block, name)
    if setting is None:
        return _Switch(False)
    value = setting.value
    return _Switch(None if isinstance(value, Unresolved) else bool(value), setting.location)


def _acls_disabled(bucket: S3Bucket) -> bool | None:
    """Whether object ownership disables ACLs; ``False`` when not declared (see the module
    documentation), ``None`` when not resolved."""
    ownership = bucket.object_ownership
    if ownership is None:
        return False
    value = ownership.value
    return None if isinstance(value, Unresolved) else value == _ACLS_DISABLED


def _allowed_actions(statement: Statement) -> tuple[str, ...]:
    """The action patterns an ``Allow`` statement names; none when they are not all known."""
    if statement.actions is None:
        return ()
    written = tuple(e.value for e in statement.actions if isinstance(e.value, str))
    return written if len(written) == len(statement.actions) else ()


_ACL_ACTIONS: Final = {
    "READ": ("s3:ListBucket", "s3:GetObject"),
    "WRITE": ("s3:PutObject", "s3:DeleteObject"),
    "READ_ACP": ("s3:GetBucketAcl",),
    "WRITE_ACP": ("s3:PutBucketAcl",),
}
"""What an ACL permission lets its grantee do, as the S3 actions it stands for."""


_CANNED_PERMISSIONS: Final = {
    "public-read": ("READ",),
    "public-read-write": ("READ", "WRITE"),
    "authenticated-read": ("READ",),
}


def _acl_actions(*permissions: str) -> tuple[str, ...]:
    """The actions of ACL permissions; all of them for ``FULL_CONTROL`` or one not known."""
    if not permissions or any(p not in _ACL_ACTIONS for p in permissions):
        permissions = tuple(_ACL_ACTIONS)
    return tuple(action for p in permissions for action in _ACL_ACTIONS[p])


def _acl_grants(bucket: S3Bucket, zone: _Zone) -> list[tuple[_Grant, bool]]:
    """ACL grants, each with whether it is public (to ``AllUsers``/``AuthenticatedUsers``)."""
    grants: list[tuple[_Grant, bool]] = []

    def add(
        reach: _Reach,
        where: SourceLocation,
        what: str,
        public: bool,
        certain: bool,
        *,
        actions: tuple[str, ...] = _acl_actions(),
    ) -> None:
        grants.append((_Grant(reach, where, what, certain, False, (), actions), public))

    for acl in bucket.acls:
        canned = acl.canned
        if canned is not None:
            value = canned.value
            if isinstance(value, Unresolved):
                if any(value.may_equal(name) for name in _PUBLIC_CANNED):
                    note = f"the canned ACL {value.expression} is not resolved"
                    reach = _Reach(
                        _PRIVATE, _PUBLIC, f"canned ACL {value.expression}", notes=(note,)
                    )
                    add(reach, canned.location, "the ACL", True, False)
            elif value in _PUBLIC_CANNED:
                reach = _Reach(_PUBLIC, _PUBLIC, _PUBLIC_CANNED[value])
                actions = _acl_actions(*_CANNED_PERMISSIONS[value])
                add(reach, canned.location, f"canned ACL '{value}'", True, True, actions=actions)
        for grant in acl.grants:
            grantee = grant.grantee.value
            permission = grant.permission.describe()
            if isinstance(grantee, Unresolved) and grant.grantee_type in _NAMED_GRANTEES:
                if "aws_canonical_user_id" not in grantee.expression:  # else the owner's own id
                    reach = zone.accounts([None], f"{grant.grantee_type} {grantee.expression}")
                    add(reach, grant.location, f"an ACL grant of {permission}", False, True)
            elif isinstance(grantee, Unresolved):
                if not any(grantee.may_equal(uri) for uri in _PUBLIC_GROUPS):
                    continue
                note = f"the ACL grantee {grantee.expression} is not resolved"
                reach = _Reach(_PRIVATE, _PUBLIC, f"grantee {grantee.expression}", notes=(note,))
                add(reach, grant.location, "an ACL grant", True, False)
            elif grant.grantee_type == "Group" and grantee in _PUBLIC_GROUPS:
                reach = _Reach(_PUBLIC, _PUBLIC, _PUBLIC_GROUPS[grantee])
                what = f"an ACL grant of {permission}"
                add(reach, grant.location, what, True, True, actions=_acl_actions(permission))
            elif grant.grantee_type in _NAMED_GRANTEES:
                reach = zone.accounts([None], f"{grant.grantee_type} {grantee}")
                add(reach, grant.location, f"an ACL grant of {permission}", False, True)
    return grants


def bucket_exposure(
    bucket: S3Bucket,
    context: ExposureContext,
    account_block: AccountPublicAccessBlock | None = None,
) -> Exposure:
    """The exposure of an S3 bucket through its policy and ACLs, after its own and the account's
    public access block and its object ownership (see the module documentation)."""
    verdict = _Verdict()
    zone = _Zone(context)
    switches = _switches(bucket, account_block)
    disabled = _acls_disabled(bucket) if bucket.acls else None

    for written, public_acl in _acl_grants(bucket, zone):
        if disabled is True:
            reason = (
                f"{written.what} is ignored: object ownership BucketOwnerEnforced disables ACLs"
            )
            verdict.neutralise(written, reason)
            continue
        neutraliser = _first_on(switches, _ACL_SWITCHES)
        if public_acl and neutraliser is not None:
            verdict.neutralise(written, f"{written.what} is neutralised by {neutraliser}")
            continue
        requires = _defaults_to_change(
            bucket, switches, _ACL_SWITCHES if public_acl else (), acl=True
        )
        grant = replace(written, requires=requires)
        maybe = disabled is None or (public_acl and _unknown(switches, _ACL_SWITCHES))
        verdict.grants.append(_possibly(grant) if maybe else grant)

    if bucket.policy is not None:
        grants, notes = _policy_grants(bucket.policy, zone)
        verdict.assumptions += notes
        public = _policy_is_public(grants)
        blocked = _first_on(switches, _POLICY_SWITCHES)
        unknown = _unknown(switches, _POLICY_SWITCHES)
        if public is True and blocked is not None:
            reason = (
                f"the bucket policy is public and {blocked} is on, so none of its grants to "
                "other accounts or the public take effect"
            )
            verdict.reasons.append(reason)
            for grant in grants:
                if grant.reach.low == _PUBLIC and not grant.reach.network:
                    verdict.neutralise(grant, f"{grant.what} is neutralised by {blocked}")
        else:
            requires = _defaults_to_change(bucket, switches, _POLICY_SWITCHES, acl=False)
            grants = [
                replace(g, requires=requires)
                if g.reach.high == _PUBLIC and not g.reach.network
                else g
                for g in grants
            ]
            if public is False or (blocked is None and not unknown):
                verdict.grants += grants
            else:
                verdict.grants += [_possibly(g) for g in grants]
    verdict.assumptions += [r for g in verdict.grants for r in g.requires]
    return verdict.exposure()


def _defaults_to_change(
    bucket: S3Bucket, switches: dict[str, _Switch], names: Sequence[str], *, acl: bool
) -> tuple[str, ...]:
    """What a bucket created with AWS's defaults must change before a grant takes effect: the
    switches off only because no block is declared, and for ACLs the ownership."""
    needed = [f"{_title(name)} off (on by default)" for name in names if switches[name].undeclared]
    if acl and bucket.object_ownership is None:
        needed.append(_OWNERSHIP_NEEDED)
    return tuple(needed)


def _title(name: str) -> str:
    return name.replace("_", " ").title().replace(" ", "")


def _first_on(switches: dict[str, _Switch], names: Sequence[str]) -> str | None:
    for name in names:
        if switches[name].on is True:
            return _title(name)
    return None


def _unknown(switches: dict[str, _Switch], names: Sequence[str]) -> bool:
    return any(switches[name].on is None for name in names)


def _possibly(grant: _Grant) -> _Grant:
    """The grant, when something that may neutralise it is not known."""
    reach = grant.reach
    return replace(
        grant,
        reach=_Reach(
            _PRIVATE,
            reach.high,
            reach.text,
            reach.network,
            reach.accounts,
            (*reach.notes, f"whether {grant.what} is neutralised is not known"),
        ),
        certain=False,
    )


def _policy_is_public(grants: Sequence[_Grant]) -> bool | None:
    """Whether S3 deems the policy public: a grant to everyone that no condition pins (an IP
    pin counts as one). ``None`` when it depends on unknown values."""
    if any(g.reach.low == _PUBLIC and not g.reach.network and g.certain for g in grants):
        return True
    if all(g.reach.high < _PUBLIC or g.reach.network for g in grants):
        return False
    return None
