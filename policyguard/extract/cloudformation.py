"""CloudFormation and SAM templates become the model, one template at a time.

This version resolves literals, ``Fn::Sub`` and ``Fn::Join`` of literals, and policy documents
written as JSON strings; other intrinsic functions stay :class:`Unresolved` naming the call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from policyguard.extract.collect import Collector
from policyguard.extract.policy import read_policy
from policyguard.extract.values import ValueReader
from policyguard.hookspecs import hookimpl
from policyguard.location import SourceLocation
from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.kms import KmsKey
from policyguard.model.organizations import OrganizationPolicy
from policyguard.model.principals import PolicyResource, Principal, PrincipalType
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.s3 import BucketAcl, PublicAccessBlock, S3Bucket
from policyguard.model.values import Located, Unresolved
from policyguard.parse.parsed import Extraction, ParsedFile
from policyguard.parse.tree import Entry, Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode

FORMAT = "cloudformation"
_SUB_VARIABLE = re.compile(r"\$\{(?!!)([^}]*)\}")
_CANNED_ACLS = {
    "Private": "private",
    "PublicRead": "public-read",
    "PublicReadWrite": "public-read-write",
    "AuthenticatedRead": "authenticated-read",
    "LogDeliveryWrite": "log-delivery-write",
    "BucketOwnerRead": "bucket-owner-read",
    "BucketOwnerFullControl": "bucket-owner-full-control",
    "AwsExecRead": "aws-exec-read",
}
_ORGANIZATION_POLICY_KINDS = {
    "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
    "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
}


@hookimpl
def policyguard_extract(files: Sequence[ParsedFile]) -> Extraction | None:
    """Extract every CloudFormation template among ``files``."""
    templates = [f for f in files if f.format == FORMAT and isinstance(f.root, Mapping)]
    if not templates:
        return None
    collector = Collector()
    for parsed in templates:
        for resource in _resources(parsed):
            collector.add(resource.resource)
            handler = _HANDLERS.get(resource.resource.type)
            if handler is not None:
                handler(resource, collector)
        collector.finish_unit()
    return collector.extraction()


def resolve(node: Node) -> Node | Unresolved:
    """A literal node for ``node`` where this version can compute one, else ``Unresolved``."""
    if not (isinstance(node, Mapping) and len(node.entries) == 1):
        return node
    entry = node.entries[0]
    if entry.key == "Fn::Sub":
        return _sub(entry.value, node)
    if entry.key == "Fn::Join":
        return _join(entry.value, node)
    if entry.key == "Ref" or entry.key.startswith("Fn::"):
        return Unresolved(render(node), f"{entry.key} is not resolved statically")
    return node


def _sub(argument: Node, node: Mapping) -> Scalar | Unresolved:
    template = argument.items[0] if isinstance(argument, ListNode) and argument.items else argument
    if not (isinstance(template, Scalar) and isinstance(template.value, str)):
        return Unresolved(render(node), "Fn::Sub of a value not resolved statically")
    pieces = _SUB_VARIABLE.split(template.value)
    literals = [piece.replace("${!", "${") for piece in pieces[::2]]
    if len(pieces) == 1:
        return Scalar(literals[0], template.span, template.origin)
    parts: list[str | None] = []
    for literal in literals:
        parts.extend((literal, None))
    return Unresolved.of_parts(
        render(node), "Fn::Sub of variables not resolved statically", parts[:-1]
    )


def _join(argument: Node, node: Mapping) -> Scalar | Unresolved:
    if not (isinstance(argument, ListNode) and len(argument.items) == 2):
        return Unresolved(render(node), "Fn::Join takes a delimiter and a list")
    delimiter, items = argument.items[0], resolve(argument.items[1])
    if not (isinstance(delimiter, Scalar) and isinstance(items, ListNode)):
        return Unresolved(render(node), "Fn::Join of values not resolved statically")
    parts: list[str | None] = []
    for index, item in enumerate(items.items):
        if index:
            parts.append(str(delimiter.value))
        value = resolve(item)
        parts.append(str(value.value) if isinstance(value, Scalar) else None)
    if all(part is not None for part in parts):
        return Scalar("".join(part for part in parts if part is not None), node.span)
    return Unresolved.of_parts(render(node), "Fn::Join of values not resolved statically", parts)


def render(node: Node) -> str:
    """Compact JSON text of a node, as messages name an unresolved intrinsic."""
    return json.dumps(_plain(node), separators=(",", ":"))


def _plain(node: Node) -> object:
    if isinstance(node, Mapping):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, ListNode):
        return [_plain(item) for item in node.items]
    return node.value if isinstance(node, Scalar) else type(node).__name__


def referenced_resource(node: Node) -> str | None:
    """``Resources/Name`` for ``{"Ref": "Name"}`` or ``{"Fn::GetAtt": ["Name", ...]}``."""
    if not (isinstance(node, Mapping) and len(node.entries) == 1):
        return None
    key, value = node.entries[0].key, node.entries[0].value
    if key == "Fn::GetAtt" and isinstance(value, ListNode) and value.items:
        value = value.items[0]
    elif key == "Fn::GetAtt" and isinstance(value, Scalar):
        value = Scalar(str(value.value).split(".", 1)[0], value.span)
    if key in ("Ref", "Fn::GetAtt") and isinstance(value, Scalar):
        return f"Resources/{value.value}"
    return None


@dataclass(frozen=True)
class _Resource:
    """A resource of a template with the readers its handler needs."""

    resource: Resource
    properties: Mapping
    values: ValueReader

    def node(self, *path: str) -> Node | None:
        """The value at a path of property names, or ``None``."""
        node: Node | None = self.properties
        for key in path:
            resolved = resolve(node) if node is not None else None
            node = resolved.get(key) if isinstance(resolved, Mapping) else None
        return node

    def string(self, *path: str) -> Located[str] | None:
        node = self.node(*path)
        return None if node is None else self.values.string(node)

    def boolean(self, *path: str) -> Located[bool] | None:
        node = self.node(*path)
        return None if node is None else self.values.boolean(node)

    def integer(self, *path: str) -> Located[int] | None:
        node = self.node(*path)
        return None if node is None else self.values.integer(node)

    def strings(self, *path: str) -> tuple[Element, ...]:
        node = self.node(*path)
        return () if node is None else self.values.strings(node)

    def policy(
        self, node: Node | None, kind: PolicyKind, name: str, collector: Collector
    ) -> PolicyDocument | None:
        if node is None:
            return None
        return read_policy(
            self.values, node, kind=kind, name=name, diagnostics=collector.diagnostics
        )

    def mappings(self, *path: str) -> Iterator[Mapping]:
        """The objects of a list property."""
        node = self.node(*path)
        items = resolve(node) if node is not None else None
        if isinstance(items, ListNode):
            yield from (item for item in items.items if isinstance(item, Mapping))


def _resources(parsed: ParsedFile) -> Iterator[_Resource]:
    assert isinstance(parsed.root, Mapping)
    resources = parsed.root.get("Resources")
    if not isinstance(resources, Mapping):
        return
    for entry in resources.entries:
        if isinstance(entry.value, Mapping):
            resource = _resource(parsed.relpath, entry)
            if resource is not None:
                yield resource


def _resource(path: str, entry: Entry) -> _Resource | None:
    assert isinstance(entry.value, Mapping)
    type_node = entry.value.get("Type")
    if not (isinstance(type_node, Scalar) and isinstance(type_node.value, str)):
        return None
    address = f"Resources/{entry.key}"
    location = SourceLocation(path, entry.key_span, address)
    resource = Resource(address, type_node.value, SourceFormat.CLOUDFORMATION, location)
    properties = entry.value.get("Properties")
    if not isinstance(properties, Mapping):
        properties = Mapping((), entry.key_span)
    return _Resource(resource, properties, ValueReader(path, address, resolve))


def _policy_resource(managed: bool) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        name = item.string("ManagedPolicyName" if managed else "PolicyName")
        document = item.policy(
            item.node("PolicyDocument"), PolicyKind.IDENTITY, "PolicyDocument", collector
        )
        if document is not None:
            attached = item.strings("Roles") + item.strings("Users") + item.strings("Groups")
            collector.add(
                PolicyResource(item.resource, document, managed, name, attached), document
            )

    return extract


def _principal(kind: PrincipalType, name_property: str) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        inline = tuple(
            document
            for policy in item.mappings("Policies")
            if (
                document := item.policy(
                    policy.get("PolicyDocument"),
                    PolicyKind.IDENTITY,
                    _policy_name(item, policy),
                    collector,
                )
            )
            is not None
        )
        trust = item.policy(
            item.node("AssumeRolePolicyDocument"),
            PolicyKind.TRUST,
            "AssumeRolePolicyDocument",
            collector,
        )
        principal = Principal(
            item.resource,
            kind,
            item.string(name_property),
            inline,
            item.strings("ManagedPolicyArns"),
            trust,
            item.string("PermissionsBoundary"),
            item.strings("Groups"),
        )
        collector.add(principal, trust, *inline)

    return extract


def _policy_name(item: _Resource, policy: Mapping) -> str:
    node = policy.get("PolicyName")
    known = item.values.string(node).known() if node is not None else None
    return f"Policies.{known}" if known else "Policies"


def _kms_key(item: _Resource, collector: Collector) -> None:
    policy = item.policy(item.node("KeyPolicy"), PolicyKind.KEY, "KeyPolicy", collector)
    key = KmsKey(
        item.resource,
        key_spec=item.string("KeySpec"),
        origin=item.string("Origin"),
        rotation_enabled=item.boolean("EnableKeyRotation"),
        enabled=item.boolean("Enabled"),
        deletion_window_days=item.integer("PendingWindowInDays"),
        policy=policy,
    )
    collector.add(key, policy)


def _organizations_policy(item: _Resource, collector: Collector) -> None:
    kind_value = item.string("Type")
    kind = _ORGANIZATION_POLICY_KINDS.get((kind_value.known() if kind_value else None) or "")
    if kind is None:
        return
    document = item.policy(item.node("Content"), kind, "Content", collector)
    if document is not None:
        collector.add(
            OrganizationPolicy(item.resource, kind, document, item.strings("TargetIds")), document
        )


def _s3_bucket(item: _Resource, collector: Collector) -> None:
    canned = item.string("AccessControl")
    acls = (BucketAcl(item.resource, _canned_acl(canned)),) if canned is not None else ()
    block = (
        PublicAccessBlock(
            item.resource,
            item.boolean("PublicAccessBlockConfiguration", "BlockPublicAcls"),
            item.boolean("PublicAccessBlockConfiguration", "IgnorePublicAcls"),
            item.boolean("PublicAccessBlockConfiguration", "BlockPublicPolicy"),
            item.boolean("PublicAccessBlockConfiguration", "RestrictPublicBuckets"),
        )
        if item.node("PublicAccessBlockConfiguration") is not None
        else None
    )
    ownership = next(
        (
            item.values.string(value)
            for rule in item.mappings("OwnershipControls", "Rules")
            if (value := rule.get("ObjectOwnership")) is not None
        ),
        None,
    )
    collector.buckets.bucket(
        S3Bucket(item.resource, item.string("BucketName"), acls, None, block, ownership)
    )


def _canned_acl(written: Located[str]) -> Located[str]:
    """CloudFormation's ``PublicRead`` as the canned ACL name ``public-read`` both formats share."""
    known = written.known()
    if known is None or known not in _CANNED_ACLS:
        return written
    return Located(_CANNED_ACLS[known], written.location)


def _s3_bucket_policy(item: _Resource, collector: Collector) -> None:
    policy = item.policy(
        item.node("PolicyDocument"), PolicyKind.BUCKET, "PolicyDocument", collector
    )
    if policy is None:
        return
    collector.add(policy)
    bucket = item.node("Bucket")
    address = referenced_resource(bucket) if bucket is not None else None
    if address is not None:
        collector.buckets.policy(address, policy)


_HANDLERS: dict[str, Callable[[_Resource, Collector], None]] = {
    "AWS::IAM::ManagedPolicy": _policy_resource(managed=True),
    "AWS::IAM::Policy": _policy_resource(managed=False),
    "AWS::IAM::Role": _principal(PrincipalType.ROLE, "RoleName"),
    "AWS::IAM::User": _principal(PrincipalType.USER, "UserName"),
    "AWS::IAM::Group": _principal(PrincipalType.GROUP, "GroupName"),
    "AWS::KMS::Key": _kms_key,
    "AWS::Organizations::Policy": _organizations_policy,
    "AWS::S3::Bucket": _s3_bucket,
    "AWS::S3::BucketPolicy": _s3_bucket_policy,
}
