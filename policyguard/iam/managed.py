"""AWS managed policies: a bundled, dated snapshot of their documents.

AWS publishes the documents of its managed policies (the AWS Managed Policy Reference Guide, and
``iam:GetPolicyVersion`` for the default version); they change when AWS adds actions. This module
reads the snapshot in ``policyguard/iam/managed_policies/``: one JSON file per policy holding its
name, ARN, default version id, the date AWS created that version, and the document as AWS
publishes it. ``README.md`` there names the snapshot date and the source of every document.

An ARN names an AWS managed policy when its account is ``aws``:
``arn:aws:iam::aws:policy/AdministratorAccess``, with a path for some
(``arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole``). Any partition is
accepted (``aws``, ``aws-cn``, ``aws-us-gov``, ...), and so is a partition not known statically:
``arn:${AWS::Partition}:...`` as written, or an :class:`~policyguard.model.values.Unresolved`
whose only unknown piece is the partition (``arn:${data.aws_partition.current.partition}:...``).
The path must be the policy's own: ``arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole`` names
no policy (its path is ``service-role/``), so it names nothing known.

A policy the snapshot does not hold, AWS managed or not, yields ``None``: callers treat it as
unknown (:class:`~policyguard.model.values.Unresolved`), never as "no permissions".

Documents are model :class:`~policyguard.model.iam.PolicyDocument` objects of kind ``IDENTITY``
owned by the ARN, located in a pseudo-file ``<aws-managed>/NAME.json`` whose lines and columns
are those of the bundled file. Findings do not point there: they point at the attachment.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Final

from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Condition, Effect, Element, PolicyDocument, PolicyKind, Statement
from policyguard.model.values import Located, Unresolved

__all__ = [
    "FULL_AWS_ACCESS_SCP_ID",
    "MANAGED_PATH_PREFIX",
    "SNAPSHOT_DATE",
    "ManagedArn",
    "ManagedPolicy",
    "full_aws_access_scp",
    "managed_policy",
    "managed_policy_entry",
    "parse_managed_arn",
    "snapshot_names",
]

SNAPSHOT_DATE: Final = datetime.date(2026, 11, 27)
"""The day the snapshot was assembled; each document also records its own version id."""

MANAGED_PATH_PREFIX: Final = "<aws-managed>"
"""The pseudo-directory the documents are located in."""

FULL_AWS_ACCESS_SCP_ID: Final = "p-FullAWSAccess"
"""The id of ``FullAWSAccess``, the SCP AWS Organizations attaches to the root, every OU and
every account when SCPs are enabled (AWS Organizations User Guide, "Service control policies")."""

_PACKAGE: Final = "policyguard.iam.managed_policies"
_INDENT: Final = 2
"""The bundled files are written as ``json.dumps(data, indent=2)``; locations rely on it."""

_UNKNOWN: Final = "\0"
_MANAGED_ARN: Final = re.compile(
    r"arn:(?P<partition>[a-z][a-z0-9-]*|\$\{[^}]*\}|\0):iam::aws:policy/"
    r"(?P<path>(?:[\w+=,.@-]+/)*)(?P<name>[\w+=,.@-]+)"
)


@dataclass(frozen=True, slots=True)
class ManagedArn:
    """The parts of an AWS managed policy ARN; ``partition`` is ``None`` when not known."""

    partition: str | None
    path: str
    name: str

    @property
    def arn(self) -> str:
        """The ARN, in the ``aws`` partition when the partition is not known."""
        return f"arn:{self.partition or 'aws'}:iam::aws:policy/{self.path}{self.name}"


@dataclass(frozen=True, slots=True)
class ManagedPolicy:
    """One policy of the snapshot: ``version_id`` is the default version the snapshot holds,
    ``version_created`` the date AWS created it (ISO 8601, as precise as the source)."""

    name: str
    arn: str
    version_id: str
    version_created: str
    document: PolicyDocument

    @property
    def path(self) -> str:
        """The policy's path, ``""`` or ``service-role/``..."""
        return self.arn.split(":policy/", 1)[1][: -len(self.name)]


def parse_managed_arn(value: str | Unresolved) -> ManagedArn | None:
    """The parts of ``value`` when it is the ARN of an AWS managed policy, else ``None``.

    ``value`` may be unresolved when the partition alone is unknown.
    """
    if isinstance(value, Unresolved):
        if value.parts.count(None) != 1:
            return None
        text = "".join(_UNKNOWN if part is None else part for part in value.parts)
    else:
        text = value
    match = _MANAGED_ARN.fullmatch(text)
    if match is None:
        return None
    partition = match["partition"]
    known = None if partition == _UNKNOWN or partition.startswith("${") else partition
    return ManagedArn(known, match["path"], match["name"])


@cache
def snapshot_names() -> tuple[str, ...]:
    """The names of the policies in the snapshot, sorted."""
    folder = resources.files(_PACKAGE)
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in folder.iterdir()
            if entry.name.endswith(".json")
        )
    )


def managed_policy(arn: str | Unresolved) -> PolicyDocument | None:
    """The document of the AWS managed policy ``arn`` names, or ``None`` when the snapshot does
    not hold it (or ``arn`` is not the ARN of an AWS managed policy)."""
    entry = managed_policy_entry(arn)
    return None if entry is None else entry.document


def managed_policy_entry(arn: str | Unresolved) -> ManagedPolicy | None:
    """The snapshot's entry for ``arn`` (document, version id, version date), or ``None``."""
    parsed = parse_managed_arn(arn)
    if parsed is None or parsed.name not in snapshot_names():
        return None
    return _load(parsed.partition or "aws", parsed.path, parsed.name)


@lru_cache(maxsize=256)
def _load(partition: str, path: str, name: str) -> ManagedPolicy | None:
    text = resources.files(_PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    canonical = data["Arn"]
    if canonical != f"arn:aws:iam::aws:policy/{path}{name}":
        return None  # the right name at the wrong path names no policy
    owner = f"arn:{partition}:iam::aws:policy/{path}{name}"
    spans: dict[tuple[str | int, ...], Span] = {}
    _layout(data, (), 1, 1, 0, spans=spans)
    reader = _Reader(f"{MANAGED_PATH_PREFIX}/{name}.json", owner, spans)
    return ManagedPolicy(
        name=name,
        arn=owner,
        version_id=data["VersionId"],
        version_created=data["VersionCreateDate"],
        document=reader.document(data["Document"], ("Document",)),
    )


@cache
def full_aws_access_scp() -> PolicyDocument:
    """``FullAWSAccess``, the AWS managed SCP that allows every action on every resource.

    Its document is one statement, ``Allow`` ``*`` on ``*``; it is located in the pseudo-file
    ``<aws-managed>/FullAWSAccess.scp.json``, laid out like the bundled files.
    """
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    spans: dict[tuple[str | int, ...], Span] = {}
    _layout(document, (), 1, 1, 0, spans=spans)
    reader = _Reader(f"{MANAGED_PATH_PREFIX}/FullAWSAccess.scp.json", "FullAWSAccess", spans)
    identity = reader.document(document, ())
    return PolicyDocument(
        kind=PolicyKind.SCP,
        owner=identity.owner,
        name=FULL_AWS_ACCESS_SCP_ID,
        location=identity.location,
        version=identity.version,
        statements=identity.statements,
    )


# ---------------------------------------------------------------------------------------------
# Reading a bundled file


def _layout(
    value: Any,
    path: tuple[str | int, ...],
    line: int,
    column: int,
    depth: int,
    *,
    spans: dict[tuple[str | int, ...], Span],
) -> int:
    """Record the span of ``value`` (written at ``line``/``column`` as ``json.dumps`` with
    ``indent=2`` writes it) and of everything inside it; return its last line."""
    items: list[tuple[str | int, Any]]
    if isinstance(value, dict) and value:
        items = list(value.items())
    elif isinstance(value, list) and value:
        items = list(enumerate(value))
    else:
        spans[path] = Span(line, column, line, column + len(json.dumps(value)))
        return line
    inner = (depth + 1) * _INDENT + 1
    current = line
    for key, child in items:
        start = inner + (len(json.dumps(key)) + 2 if isinstance(key, str) else 0)
        current = _layout(child, (*path, key), current + 1, start, depth + 1, spans=spans)
    end_line = current + 1
    spans[path] = Span(line, column, end_line, depth * _INDENT + 2)
    return end_line


@dataclass(frozen=True, slots=True)
class _Reader:
    file: str
    owner: str
    spans: dict[tuple[str | int, ...], Span]

    def location(self, path: tuple[str | int, ...]) -> SourceLocation:
        return SourceLocation(self.file, self.spans[path], self.owner)

    def document(self, data: dict[str, Any], path: tuple[str | int, ...]) -> PolicyDocument:
        raw = data["Statement"]
        statements = (
            tuple(
                self.statement(item, (*path, "Statement", index)) for index, item in enumerate(raw)
            )
            if isinstance(raw, list)
            else (self.statement(raw, (*path, "Statement")),)
        )
        return PolicyDocument(
            kind=PolicyKind.IDENTITY,
            owner=self.owner,
            name="",
            location=self.location(path),
            version=Located(data["Version"], self.location((*path, "Version"))),
            statements=statements,
        )

    def statement(self, data: dict[str, Any], path: tuple[str | int, ...]) -> Statement:
        index = path[-1] if isinstance(path[-1], int) else 0
        return Statement(
            location=self.location(path),
            index=index,
            sid=data.get("Sid"),
            effect=Located(Effect(data["Effect"]), self.location((*path, "Effect"))),
            actions=self.elements(data, path, "Action"),
            not_actions=self.elements(data, path, "NotAction"),
            resources=self.elements(data, path, "Resource"),
            not_resources=self.elements(data, path, "NotResource"),
            conditions=self.conditions(data.get("Condition", {}), (*path, "Condition")),
        )

    def elements(
        self, data: dict[str, Any], path: tuple[str | int, ...], key: str
    ) -> tuple[Element, ...] | None:
        if key not in data:
            return None
        return self.values(data[key], (*path, key))

    def values(self, value: Any, path: tuple[str | int, ...]) -> tuple[Element, ...]:
        if isinstance(value, list):
            return tuple(
                Located(_text(item), self.location((*path, index)))
                for index, item in enumerate(value)
            )
        return (Located(_text(value), self.location(path)),)

    def conditions(
        self, data: dict[str, Any], path: tuple[str | int, ...]
    ) -> tuple[Condition, ...]:
        return tuple(
            Condition(
                operator,
                key,
                self.values(values, (*path, operator, key)),
                self.location((*path, operator, key)),
            )
            for operator, block in data.items()
            for key, values in block.items()
        )


def _text(value: Any) -> str:
    """A JSON scalar as IAM reads it: booleans as ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
