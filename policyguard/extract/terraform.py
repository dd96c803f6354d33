"""Terraform modules become the model: one module (directory) at a time, resources joined.

This version resolves literals, string templates of literals, ``jsonencode`` and heredocs;
references, variables and other functions stay :class:`Unresolved` naming the expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import PurePosixPath

from policyguard.extract.collect import Collector
from policyguard.extract.policy import read_policy
from policyguard.extract.policy_document import policy_tree
from policyguard.extract.values import ValueReader
from policyguard.hookspecs import hookimpl
from policyguard.location import SourceLocation
from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.kms import CUSTOM_KEY_STORE_ORIGIN, KmsKey
from policyguard.model.organizations import OrganizationPolicy
from policyguard.model.principals import PolicyResource, Principal, PrincipalType
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.s3 import AclGrant, BucketAcl, PublicAccessBlock, S3Bucket
from policyguard.model.values import Located, Unresolved
from policyguard.parse.parsed import Extraction, ParsedFile
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Call,
    Mapping,
    Node,
    Scalar,
    Template,
    Variable,
)
from policyguard.parse.tree import Sequence as ListNode

FORMAT = "terraform"
_POLICY_DOCUMENT_JSON = re.compile(r"^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.json$")
_RESOURCE_REFERENCE = re.compile(r"^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.|\[|$)")
_ORGANIZATION_POLICY_KINDS = {
    "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
    "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
}


@hookimpl
def policyguard_extract(files: Sequence[ParsedFile]) -> Extraction | None:
    """Extract every Terraform module (the files of one directory) among ``files``."""
    terraform = sorted((f for f in files if f.format == FORMAT), key=lambda f: f.relpath)
    if not terraform:
        return None
    collector = Collector()
    for _, grouped in groupby(terraform, key=lambda f: str(PurePosixPath(f.relpath).parent)):
        module_files = list(grouped)
        resolve = Resolver(_policy_documents(module_files))
        for resource in _resources(module_files, resolve):
            collector.add(resource.resource)
            handler = _HANDLERS.get(resource.resource.type)
            if handler is not None:
                handler(resource, collector)
        collector.finish_unit()
    return collector.extraction()


@dataclass(frozen=True)
class Resolver:
    """Resolves the expressions of one module; ``documents`` are its policy-document data
    sources by name, with the path of their file."""

    documents: dict[str, tuple[str, Block]]

    def __call__(self, node: Node) -> Node | Unresolved:
        """A literal node for ``node`` where this version computes one, else ``Unresolved``."""
        if isinstance(node, Scalar | Mapping | ListNode):
            return node
        if isinstance(node, Call):
            if node.name == "jsonencode" and len(node.args) == 1:
                return self(node.args[0])
            return Unresolved(node.text, f"function {node.name}() is not evaluated")
        if isinstance(node, Template):
            return self.template(node)
        document = self.document(node)
        if document is not None:
            return policy_tree(document[1])
        return Unresolved(source_text(node), "the expression is not resolved statically")

    def document(self, node: Node) -> tuple[str, Block] | None:
        """The file and data block of ``data.aws_iam_policy_document.NAME.json``, if it is."""
        match = _POLICY_DOCUMENT_JSON.match(source_text(node))
        return self.documents.get(match.group(1)) if match else None

    def template(self, node: Template) -> Scalar | Unresolved:
        parts = [
            _scalar_text(value) if isinstance(value := self(part), Scalar) else None
            for part in node.parts
        ]
        if all(part is not None for part in parts):
            return Scalar("".join(part for part in parts if part is not None), node.span)
        return Unresolved.of_parts(
            node.text, "the string interpolates values not resolved statically", parts
        )


def _scalar_text(scalar: Scalar) -> str | None:
    value = scalar.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


def source_text(node: Node) -> str:
    """The source text of an expression node."""
    return node.name if isinstance(node, Variable) else getattr(node, "text", "")


def referenced_resource(node: Node) -> str | None:
    """``aws_s3_bucket.logs`` for an expression such as ``aws_s3_bucket.logs.id``."""
    if isinstance(node, Scalar | Mapping | ListNode):
        return None
    match = _RESOURCE_REFERENCE.match(source_text(node))
    if match is None or match.group(1) in ("var", "local", "module", "data", "each", "count"):
        return None
    return f"{match.group(1)}.{match.group(2)}"


@dataclass(frozen=True)
class _Resource:
    """A ``resource`` block with the readers its handler needs."""

    resource: Resource
    body: Body
    values: ValueReader
    resolver: Resolver

    def attribute(self, name: str, body: Body | None = None) -> Attribute | None:
        return (body or self.body).attribute(name)

    def string(self, name: str, body: Body | None = None) -> Located[str] | None:
        attribute = self.attribute(name, body)
        return None if attribute is None else self.values.string(attribute.value)

    def boolean(self, name: str, body: Body | None = None) -> Located[bool] | None:
        attribute = self.attribute(name, body)
        return None if attribute is None else self.values.boolean(attribute.value)

    def integer(self, name: str) -> Located[int] | None:
        attribute = self.attribute(name)
        return None if attribute is None else self.values.integer(attribute.value)

    def strings(self, name: str) -> tuple[Element, ...]:
        attribute = self.attribute(name)
        return () if attribute is None else self.values.strings(attribute.value)

    def policy(
        self,
        name: str,
        kind: PolicyKind,
        collector: Collector,
        body: Body | None = None,
        label: str | None = None,
    ) -> PolicyDocument | None:
        attribute = self.attribute(name, body)
        if attribute is None:
            return None
        document = self.resolver.document(attribute.value)
        values = self.values if document is None else replace(self.values, path=document[0])
        return read_policy(
            values,
            attribute.value,
            kind=kind,
            name=label or name,
            diagnostics=collector.diagnostics,
        )

    def bucket_address(self) -> str | None:
        """The address of the ``aws_s3_bucket`` that this setting's ``bucket`` refers to."""
        attribute = self.attribute("bucket")
        return None if attribute is None else referenced_resource(attribute.value)


def _blocks(files: list[ParsedFile], block_type: str) -> Iterator[tuple[str, Block]]:
    """The two-label blocks of ``block_type`` in ``files``, with their file's path."""
    for parsed in files:
        if isinstance(parsed.root, Body):
            for block in parsed.root.blocks_of(block_type):
                if len(block.labels) == 2:
                    yield parsed.relpath, block


def _policy_documents(files: list[ParsedFile]) -> dict[str, tuple[str, Block]]:
    return {
        block.labels[1]: (path, block)
        for path, block in _blocks(files, "data")
        if block.labels[0] == "aws_iam_policy_document"
    }


def _resources(files: list[ParsedFile], resolve: Resolver) -> Iterator[_Resource]:
    for path, block in _blocks(files, "resource"):
        address = ".".join(block.labels)
        location = SourceLocation(path, block.header, address)
        resource = Resource(address, block.labels[0], SourceFormat.TERRAFORM, location)
        yield _Resource(resource, block.body, ValueReader(path, address, resolve), resolve)


def _iam_policy(item: _Resource, collector: Collector) -> None:
    document = item.policy("policy", PolicyKind.IDENTITY, collector)
    if document is not None:
        policy = PolicyResource(item.resource, document, True, item.string("name"))
        collector.add(policy, document)


def _inline_policy_resource(principal_attribute: str) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        document = item.policy("policy", PolicyKind.IDENTITY, collector)
        if document is not None:
            attached = item.strings(principal_attribute)
            policy = PolicyResource(item.resource, document, False, item.string("name"), attached)
            collector.add(policy, document)

    return extract


def _principal(kind: PrincipalType) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        inline = tuple(
            document
            for block in item.body.blocks_of("inline_policy")
            if (
                document := item.policy(
                    "policy", PolicyKind.IDENTITY, collector, block.body, _label(item, block)
                )
            )
            is not None
        )
        trust = (
            item.policy("assume_role_policy", PolicyKind.TRUST, collector)
            if kind is PrincipalType.ROLE
            else None
        )
        boundary = item.string("permissions_boundary")
        principal = Principal(
            item.resource,
            kind,
            item.string("name"),
            inline,
            item.strings("managed_policy_arns"),
            trust,
            boundary,
        )
        collector.add(principal, trust, *inline)

    return extract


def _label(item: _Resource, block: Block) -> str:
    name = item.string("name", block.body)
    known = name.known() if name is not None else None
    return f"inline_policy.{known}" if known else "inline_policy"


def _kms_key(item: _Resource, collector: Collector) -> None:
    policy = item.policy("policy", PolicyKind.KEY, collector)
    key = KmsKey(
        item.resource,
        key_spec=item.string("customer_master_key_spec"),
        origin=_custom_key_store_origin(item),
        rotation_enabled=item.boolean("enable_key_rotation"),
        enabled=item.boolean("is_enabled"),
        deletion_window_days=item.integer("deletion_window_in_days"),
        policy=policy,
    )
    collector.add(key, policy)


def _custom_key_store_origin(item: _Resource) -> Located[str] | None:
    """A key in a custom key store is of origin ``AWS_CLOUDHSM`` (or ``EXTERNAL_KEY_STORE``,
    which behaves alike for rotation); Terraform writes only the store's id."""
    store = item.attribute("custom_key_store_id")
    if store is None:
        return None
    return Located(CUSTOM_KEY_STORE_ORIGIN, item.values.location(store.value.span))


def _organizations_policy(item: _Resource, collector: Collector) -> None:
    kind_value = item.string("type")
    kind_text = "SERVICE_CONTROL_POLICY" if kind_value is None else kind_value.known()
    kind = _ORGANIZATION_POLICY_KINDS.get(kind_text or "")
    if kind is None:
        return
    document = item.policy("content", kind, collector)
    if document is not None:
        collector.add(
            OrganizationPolicy(item.resource, kind, document, item.strings("targets")), document
        )


def _s3_bucket(item: _Resource, collector: Collector) -> None:
    policy = item.policy("policy", PolicyKind.BUCKET, collector)
    acl = _acl(item, item.body, "grant")
    bucket = S3Bucket(item.resource, item.string("bucket"), (acl,) if acl else (), policy)
    collector.buckets.bucket(bucket)
    if policy is not None:
        collector.add(policy)


def _s3_bucket_acl(item: _Resource, collector: Collector) -> None:
    bucket = item.bucket_address()
    access_control = item.body.blocks_of("access_control_policy")
    acl = _acl(item, access_control[0].body if access_control else item.body, "grant")
    if bucket is not None and acl is not None:
        collector.buckets.acl(bucket, acl)


def _acl(item: _Resource, grants_body: Body, grant_block: str) -> BucketAcl | None:
    """The canned ACL and the grants of an ACL, or ``None`` when neither is written."""
    grants = tuple(
        grant for block in grants_body.blocks_of(grant_block) for grant in _grants(item, block)
    )
    canned = item.string("acl")
    if canned is None and not grants:
        return None
    return BucketAcl(item.resource, canned, grants)


def _grants(item: _Resource, block: Block) -> Iterator[AclGrant]:
    grantees = block.body.blocks_of("grantee")
    grantee_body = grantees[0].body if grantees else block.body
    grantee_type = item.string("type", grantee_body)
    grantee = (
        item.string("uri", grantee_body)
        or item.string("id", grantee_body)
        or item.string("email_address", grantee_body)
    )
    if grantee is None:
        return
    permissions = [item.string("permission", block.body)]
    legacy = block.body.attribute("permissions")
    if legacy is not None:
        permissions = list(item.values.strings(legacy.value))
    location = item.values.location(block.span)
    kind = grantee_type.known() if grantee_type is not None else None
    for permission in permissions:
        if permission is not None:
            yield AclGrant(kind or "", grantee, permission, location)


def _s3_public_access_block(item: _Resource, collector: Collector) -> None:
    bucket = item.bucket_address()
    if bucket is not None:
        collector.buckets.public_access_block(
            bucket,
            PublicAccessBlock(
                item.resource,
                item.boolean("block_public_acls"),
                item.boolean("ignore_public_acls"),
                item.boolean("block_public_policy"),
                item.boolean("restrict_public_buckets"),
            ),
        )


def _s3_ownership_controls(item: _Resource, collector: Collector) -> None:
    bucket = item.bucket_address()
    rules = item.body.blocks_of("rule")
    ownership = item.string("object_ownership", rules[0].body) if rules else None
    if bucket is not None and ownership is not None:
        collector.buckets.ownership(bucket, ownership)


def _s3_bucket_policy(item: _Resource, collector: Collector) -> None:
    bucket = item.bucket_address()
    policy = item.policy("policy", PolicyKind.BUCKET, collector)
    if policy is not None:
        collector.add(policy)
        if bucket is not None:
            collector.buckets.policy(bucket, policy)


_HANDLERS: dict[str, Callable[[_Resource, Collector], None]] = {
    "aws_iam_policy": _iam_policy,
    "aws_iam_role_policy": _inline_policy_resource("role"),
    "aws_iam_user_policy": _inline_policy_resource("user"),
    "aws_iam_group_policy": _inline_policy_resource("group"),
    "aws_iam_role": _principal(PrincipalType.ROLE),
    "aws_iam_user": _principal(PrincipalType.USER),
    "aws_iam_group": _principal(PrincipalType.GROUP),
    "aws_kms_key": _kms_key,
    "aws_organizations_policy": _organizations_policy,
    "aws_s3_bucket": _s3_bucket,
    "aws_s3_bucket_acl": _s3_bucket_acl,
    "aws_s3_bucket_public_access_block": _s3_public_access_block,
    "aws_s3_bucket_ownership_controls": _s3_ownership_controls,
    "aws_s3_bucket_policy": _s3_bucket_policy,
}
