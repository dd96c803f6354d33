"""CloudFormation, SAM and CDK templates become the model, one template at a time.

Values are resolved by :class:`~policyguard.resolve.intrinsics.TemplateResolver` (intrinsic
functions, conditions, ``Fn::ForEach`` and the other ``AWS::LanguageExtensions`` functions);
the roles that SAM generates come from :mod:`policyguard.resolve.sam`. CDK output
(``cdk.out/*.template.json``) is CloudFormation JSON and needs nothing of its own.

Resources read, and what they become:

- ``AWS::IAM::Role``, ``User``, ``Group``: a :class:`Principal` with ``Policies``,
  ``ManagedPolicyArns``, ``PermissionsBoundary``, a role's ``AssumeRolePolicyDocument`` and a
  user's ``Groups``. ``AWS::IAM::Policy``, ``ManagedPolicy`` (``Roles``, ``Users``, ``Groups``)
  and ``RolePolicy``, ``UserPolicy``, ``GroupPolicy``: a :class:`PolicyResource`.
  ``AWS::IAM::UserToGroupAddition``: a :class:`GroupMembership` per user.
- ``AWS::S3::Bucket`` with its ``AWS::S3::BucketPolicy``; ``AWS::KMS::Key`` and its
  ``KeyPolicy``; ``AWS::SNS::TopicPolicy`` and ``AWS::SQS::QueuePolicy`` as resource policies.
- ``AWS::Lambda::Permission``: the resource policy statement Lambda stores for it, synthesized
  (:func:`_permission_document` says what it holds).
- ``AWS::Organizations::Policy`` (SCPs and RCPs, with ``TargetIds``), ``OrganizationalUnit``,
  ``Account`` (the first of ``ParentIds``), ``Organization``.
- ``AWS::Serverless::Function`` and ``StateMachine``: the role SAM generates, as a
  :class:`Principal` of type role owned by the serverless resource itself, so findings point
  at what is written and its suppressions apply.
- ``AWS::CloudFormation::Stack`` and ``AWS::Serverless::Application``: a note naming the
  nested template, which is scanned on its own when it lies under the scan path.

Policy documents may be objects or JSON strings. A resource whose ``Condition`` is false is
not extracted (with a note); one whose condition is not known statically is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel, LimitExceeded
from policyguard.extract.collect import Collector
from policyguard.extract.policy import read_policy
from policyguard.extract.values import ValueReader
from policyguard.hookspecs import hookimpl
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.kms import KmsKey
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
)
from policyguard.model.principals import (
    GroupMembership,
    PolicyResource,
    Principal,
    PrincipalType,
)
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.s3 import (
    BucketAcl,
    BucketEncryption,
    BucketLogging,
    BucketVersioning,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
)
from policyguard.model.values import Located, Unresolved
from policyguard.parse.parsed import Extraction, ParsedFile
from policyguard.parse.tree import Entry, Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode
from policyguard.resolve import sam
from policyguard.resolve.intrinsics import (
    TemplateResolver,
    TemplateResource,
    intrinsic_call,
)

FORMAT = "cloudformation"
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
_REMOTE = re.compile(r"^(?:https?|s3)://", re.IGNORECASE)


@hookimpl
def policyguard_extract(files: Sequence[ParsedFile]) -> Extraction | None:
    """Extract every CloudFormation template among ``files``."""
    templates = [f for f in files if f.format == FORMAT and isinstance(f.root, Mapping)]
    if not templates:
        return None
    collector = Collector()
    for parsed in templates:
        _extract_template(parsed, collector)
        collector.finish_unit()
    return collector.extraction()


def _extract_template(parsed: ParsedFile, collector: Collector) -> None:
    root = parsed.root
    assert isinstance(root, Mapping)
    try:
        resolver = TemplateResolver(root, parsed.relpath, implied=sam.implied_resources)
    except LimitExceeded as error:
        collector.diagnostics.append(
            Diagnostic(
                parsed.relpath,
                error.span,
                error.diagnostic_id,
                f"template not extracted: {error.message}",
            )
        )
        return
    collector.diagnostics.extend(resolver.diagnostics)
    template = _Template(parsed.relpath, root, resolver)
    for definition in resolver.resources:
        item = template.resource(definition, collector)
        if item is None:
            continue
        collector.add(item.resource)
        handler = _HANDLERS.get(item.resource.type)
        if handler is not None:
            handler(item, collector)


def referenced_resource(node: Node) -> str | None:
    """``Resources/Name`` for ``{"Ref": "Name"}`` or ``{"Fn::GetAtt": ["Name", ...]}``."""
    call = intrinsic_call(node) if isinstance(node, Mapping) else None
    if call is None:
        return None
    key, value = call
    if key == "Fn::GetAtt" and isinstance(value, ListNode) and value.items:
        value = value.items[0]
    elif key == "Fn::GetAtt" and isinstance(value, Scalar):
        value = Scalar(str(value.value).split(".", 1)[0], value.span)
    if key in ("Ref", "Fn::GetAtt") and isinstance(value, Scalar):
        return f"Resources/{value.value}"
    return None


@dataclass(frozen=True)
class _Template:
    """One template being extracted."""

    path: str
    root: Mapping
    resolver: TemplateResolver

    def resource(self, definition: TemplateResource, collector: Collector) -> _Resource | None:
        """The resource to extract, or ``None`` (no type, or its condition is false)."""
        if not definition.type:
            return None
        address = f"Resources/{definition.logical_id}"
        condition = definition.definition.get("Condition")
        if (
            isinstance(condition, Scalar)
            and isinstance(condition.value, str)
            and self.resolver.condition(condition.value) is False
        ):
            self.note(
                collector,
                condition.span,
                f"{address} is not extracted: its condition {condition.value} is false "
                "with the parameter defaults",
            )
            return None
        location = SourceLocation(self.path, definition.key_span, address)
        resource = Resource(address, definition.type, SourceFormat.CLOUDFORMATION, location)
        properties = definition.definition.get("Properties")
        if not isinstance(properties, Mapping):
            properties = Mapping((), definition.key_span)
        values = ValueReader(self.path, address, self.resolver)
        return _Resource(resource, properties, values, self, definition)

    def note(self, collector: Collector, span: Span, message: str) -> None:
        collector.diagnostics.append(
            Diagnostic(self.path, span, DiagnosticId.NOT_RESOLVED, message, DiagnosticLevel.NOTE)
        )


@dataclass(frozen=True)
class _Resource:
    """A resource of a template with the readers its handler needs."""

    resource: Resource
    properties: Mapping
    values: ValueReader
    template: _Template
    definition: TemplateResource

    @property
    def resolve(self) -> TemplateResolver:
        return self.template.resolver

    def node(self, *path: str) -> Node | None:
        """The value at a path of property names, or ``None`` (not written, or removed with
        ``AWS::NoValue``)."""
        node: Node | None = self.properties
        for key in path:
            resolved = self.resolve(node) if node is not None else None
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

    def items(self, *path: str) -> tuple[Node, ...]:
        """The elements of a list property as written (a single value counts as one)."""
        node = self.node(*path)
        if node is None:
            return ()
        value = self.resolve(node)
        return value.items if isinstance(value, ListNode) else (node,)

    def reference(self, node: Node) -> str | None:
        """The address of the resource of this template that ``node`` refers to, if any."""
        address = referenced_resource(node)
        if address is None:
            return None
        name = address.removeprefix("Resources/")
        declared = any(r.logical_id == name for r in self.template.resolver.resources)
        return address if declared else None

    def policy(
        self, node: Node | None, kind: PolicyKind, name: str, collector: Collector
    ) -> PolicyDocument | None:
        if node is None:
            return None
        return read_policy(
            self.values, node, kind=kind, name=name, diagnostics=collector.diagnostics
        )

    def unreadable_policy(
        self, kind: PolicyKind, name: str, span: Span, problem: Unresolved, collector: Collector
    ) -> PolicyDocument:
        """A document that cannot be built, with the note ``read_policy`` gives for one."""
        expression = " ".join(problem.expression.split())
        if len(expression) > 60:
            expression = expression[:57] + "..."
        self.template.note(
            collector,
            span,
            f"policy {name!r} of {self.resource.address} is not checked: {problem.reason} "
            f"({expression})",
        )
        location = self.values.location(span)
        return PolicyDocument(kind, self.resource.address, name, location, unresolved=problem)


# --- IAM --------------------------------------------------------------------------------------


def _policy_resource(
    managed: bool, name_property: str, attached: tuple[str, ...]
) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        document = item.policy(
            item.node("PolicyDocument"), PolicyKind.IDENTITY, "PolicyDocument", collector
        )
        if document is not None:
            principals = tuple(e for name in attached for e in item.strings(name))
            collector.add(
                PolicyResource(
                    item.resource, document, managed, item.string(name_property), principals
                ),
                document,
            )

    return extract


def _principal(kind: PrincipalType, name_property: str) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        inline = tuple(_inline_policies(item, collector))
        trust = (
            item.policy(
                item.node("AssumeRolePolicyDocument"),
                PolicyKind.TRUST,
                "AssumeRolePolicyDocument",
                collector,
            )
            if kind is PrincipalType.ROLE
            else None
        )
        principal = Principal(
            item.resource,
            kind,
            item.string(name_property),
            inline,
            item.strings("ManagedPolicyArns"),
            trust,
            item.string("PermissionsBoundary"),
            item.strings("Groups") if kind is PrincipalType.USER else (),
        )
        collector.add(principal, trust, *inline)

    return extract


def _inline_policies(item: _Resource, collector: Collector) -> Iterator[PolicyDocument]:
    for node in item.items("Policies"):
        policy = item.resolve(node)
        if isinstance(policy, Mapping):
            name = _policy_name(item, policy)
            document = item.policy(
                policy.get("PolicyDocument"), PolicyKind.IDENTITY, name, collector
            )
            if document is not None:
                yield document
        elif isinstance(policy, Unresolved):
            yield item.unreadable_policy(
                PolicyKind.IDENTITY, "Policies", node.span, policy, collector
            )


def _policy_name(item: _Resource, policy: Mapping) -> str:
    node = policy.get("PolicyName")
    known = item.values.string(node).known() if node is not None else None
    return f"Policies.{known}" if known else "Policies"


def _user_to_group_addition(item: _Resource, collector: Collector) -> None:
    group_node = item.node("GroupName")
    if group_node is None:
        return
    group = item.values.string(group_node)
    group_address = item.reference(group_node)
    for user in item.items("Users"):
        collector.add(
            GroupMembership(
                item.resource,
                item.values.string(user),
                group,
                item.reference(user),
                group_address,
            )
        )


# --- SAM --------------------------------------------------------------------------------------


def _serverless_role(item: _Resource, collector: Collector) -> None:
    """The role SAM generates for a function or state machine (see :mod:`resolve.sam`)."""
    role = sam.generated_role(item.definition, item.resolve, item.template.root.get("Globals"))
    if role is None:
        return
    trust = item.policy(role.trust_policy, PolicyKind.TRUST, "AssumeRolePolicyDocument", collector)
    inline = tuple(
        item.policy(policy.document, PolicyKind.IDENTITY, f"Policies.{policy.name}", collector)
        if not isinstance(policy.document, Unresolved)
        else item.unreadable_policy(
            PolicyKind.IDENTITY, f"Policies.{policy.name}", policy.span, policy.document, collector
        )
        for policy in role.policies
    )
    documents = tuple(document for document in inline if document is not None)
    boundary = role.permissions_boundary
    principal = Principal(
        item.resource,
        PrincipalType.ROLE,
        None,
        documents,
        tuple(item.values.string(node) for node in role.managed_policy_arns),
        trust,
        item.values.string(boundary) if boundary is not None else None,
    )
    collector.add(principal, trust, *documents)


def _nested_stack(location_property: str) -> Callable[[_Resource, Collector], None]:
    def extract(item: _Resource, collector: Collector) -> None:
        node = item.node(location_property)
        if node is None:
            return
        where = item.resolve.text(node)
        address = item.resource.address
        if isinstance(item.resolve(node), Mapping):
            message = (
                f"nested stack {address} uses an application of the Serverless Application "
                "Repository, not scanned"
            )
        elif isinstance(where, Unresolved):
            message = (
                f"nested stack {address} is not scanned here: its template location is not "
                f"resolved statically ({where.reason})"
            )
        elif _REMOTE.match(where):
            message = f"nested stack {address} uses the remote template {where}, not scanned"
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(item.values.path), where))
            message = (
                f"nested stack {address} uses the template {where} ({path}); it is scanned on "
                "its own when under the scan path, without the parameters this stack passes"
            )
        item.template.note(collector, node.span, message)

    return extract


# --- S3 and KMS -------------------------------------------------------------------------------


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
            for rule in _mappings(item, "OwnershipControls", "Rules")
            if (value := rule.get("ObjectOwnership")) is not None
        ),
        None,
    )
    collector.buckets.bucket(
        S3Bucket(
            item.resource,
            item.string("BucketName"),
            acls,
            None,
            block,
            ownership,
            versioning=_versioning(item),
            logging=(
                BucketLogging(
                    item.resource, item.string("LoggingConfiguration", "DestinationBucketName")
                )
                if item.node("LoggingConfiguration") is not None
                else None
            ),
            encryption=_encryption(item),
            object_lock=_object_lock(item),
            website=item.resource if item.node("WebsiteConfiguration") is not None else None,
        )
    )


def _mappings(item: _Resource, *path: str) -> Iterator[Mapping]:
    for node in item.items(*path):
        value = item.resolve(node)
        if isinstance(value, Mapping):
            yield value


def _versioning(item: _Resource) -> BucketVersioning | None:
    if item.node("VersioningConfiguration") is None:
        return None
    return BucketVersioning(item.resource, item.string("VersioningConfiguration", "Status"))


def _encryption(item: _Resource) -> BucketEncryption | None:
    rule = next(_mappings(item, "BucketEncryption", "ServerSideEncryptionConfiguration"), None)
    if rule is None:
        return None
    default = item.resolve(rule.get("ServerSideEncryptionByDefault") or rule)
    read = item.values

    def text(node: Node | None) -> Located[str] | None:
        return None if node is None else read.string(node)

    algorithm = text(default.get("SSEAlgorithm")) if isinstance(default, Mapping) else None
    key = text(default.get("KMSMasterKeyID")) if isinstance(default, Mapping) else None
    bucket_key = rule.get("BucketKeyEnabled")
    return BucketEncryption(
        item.resource, algorithm, key, read.boolean(bucket_key) if bucket_key else None
    )


def _object_lock(item: _Resource) -> ObjectLock | None:
    enabled = item.boolean("ObjectLockEnabled")
    written = item.string("ObjectLockConfiguration", "ObjectLockEnabled")
    if written is not None:
        value = written.value
        enabled = Located(value == "Enabled" if isinstance(value, str) else value, written.location)
    mode = item.string("ObjectLockConfiguration", "Rule", "DefaultRetention", "Mode")
    if enabled is None and mode is None:
        return None
    return ObjectLock(item.resource, enabled, mode)


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
    address = item.reference(bucket) if bucket is not None else None
    if address is not None:
        collector.buckets.policy(address, policy)


# --- resource policies of other services ------------------------------------------------------


def _resource_policy(item: _Resource, collector: Collector) -> None:
    """``AWS::SNS::TopicPolicy``, ``AWS::SQS::QueuePolicy``: a resource policy document."""
    document = item.policy(
        item.node("PolicyDocument"), PolicyKind.RESOURCE, "PolicyDocument", collector
    )
    if document is not None:
        collector.add(document)


def _lambda_permission(item: _Resource, collector: Collector) -> None:
    statement = _permission_document(item, item.definition.key_span)
    if statement is None:
        return
    document = item.policy(statement, PolicyKind.RESOURCE, "Permission", collector)
    if document is not None:
        collector.add(document)


_PERMISSION_CONDITIONS = (
    ("ArnLike", "AWS:SourceArn", "SourceArn"),
    ("StringEquals", "AWS:SourceAccount", "SourceAccount"),
    ("StringEquals", "aws:PrincipalOrgID", "PrincipalOrgID"),
    ("StringEquals", "lambda:FunctionUrlAuthType", "FunctionUrlAuthType"),
    ("StringEquals", "lambda:EventSourceToken", "EventSourceToken"),
)


def _permission_document(item: _Resource, span: Span) -> Mapping | None:
    """The policy document Lambda stores for an ``AWS::Lambda::Permission``, as nodes.

    One statement: ``Effect: Allow``; ``Action`` as written; ``Principal`` ``"*"`` as written,
    an ARN or an account id under ``AWS``, anything else (``s3.amazonaws.com``) under
    ``Service`` (an unresolved principal counts as ``AWS`` unless its known end is a service
    domain); ``Resource`` the function's ARN (``FunctionName`` when it is one, else
    ``arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:NAME``); and a
    condition per ``SourceArn`` (``ArnLike AWS:SourceArn``), ``SourceAccount``,
    ``PrincipalOrgID``, ``FunctionUrlAuthType`` and ``EventSourceToken`` (``StringEquals``)
    written. Each part is located where its property is written; ``Effect``, ``Version`` and
    the document at ``span`` (the logical id). ``None`` without ``Principal`` or ``Action``.
    """
    principal, action = item.node("Principal"), item.node("Action")
    if principal is None or action is None:
        return None
    entries = [
        Entry("Version", span, Scalar("2012-10-17", span)),
    ]
    statement = [
        Entry("Effect", span, Scalar("Allow", span)),
        Entry("Principal", principal.span, _permission_principal(item, principal)),
        Entry("Action", action.span, action),
    ]
    function = item.node("FunctionName")
    if function is not None:
        statement.append(Entry("Resource", function.span, _function_arn(item, function)))
    operators: dict[str, list[Entry]] = {}
    for operator, key, name in _PERMISSION_CONDITIONS:
        node = item.node(name)
        if node is not None:
            operators.setdefault(operator, []).append(Entry(key, node.span, node))
    if operators:
        statement.append(
            Entry(
                "Condition",
                span,
                Mapping(
                    tuple(
                        Entry(op, tests[0].key_span, Mapping(tuple(tests), tests[0].key_span))
                        for op, tests in operators.items()
                    ),
                    span,
                ),
            )
        )
    entries.append(Entry("Statement", span, ListNode((Mapping(tuple(statement), span),), span)))
    return Mapping(tuple(entries), span)


def _permission_principal(item: _Resource, node: Node) -> Node:
    text = item.resolve.text(node)
    if text == "*":
        return node
    if isinstance(text, str):
        kind = "AWS" if text.startswith("arn:") or text.isdigit() else "Service"
    else:
        tail = text.parts[-1] or ""
        kind = "Service" if tail.endswith((".amazonaws.com", ".amazon.com")) else "AWS"
    return Mapping((Entry(kind, node.span, node),), node.span)


def _function_arn(item: _Resource, node: Node) -> Node:
    text = item.resolve.text(node)
    if not isinstance(text, str) or text.startswith("arn:"):
        return node
    span = node.span

    def ref(name: str) -> Node:
        return Mapping((Entry("Ref", span, Scalar(name, span)),), span)

    pieces: list[Node] = [Scalar("arn:", span), ref("AWS::Partition"), Scalar(":lambda:", span)]
    pieces += [ref("AWS::Region"), Scalar(":", span)]
    if ":function:" not in text:
        pieces += [ref("AWS::AccountId"), Scalar(":function:", span)]
    pieces.append(node)
    joined = ListNode((Scalar("", span), ListNode(tuple(pieces), span)), span)
    return Mapping((Entry("Fn::Join", span, joined),), span)


# --- Organizations ----------------------------------------------------------------------------


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


def _organization(item: _Resource, collector: Collector) -> None:
    collector.add(Organization(item.resource, item.string("FeatureSet")))


def _organizational_unit(item: _Resource, collector: Collector) -> None:
    collector.add(OrganizationalUnit(item.resource, item.string("Name"), item.string("ParentId")))


def _account(item: _Resource, collector: Collector) -> None:
    parents = item.strings("ParentIds")
    collector.add(
        Account(item.resource, item.string("AccountName"), parents[0] if parents else None)
    )


_HANDLERS: dict[str, Callable[[_Resource, Collector], None]] = {
    "AWS::IAM::ManagedPolicy": _policy_resource(
        True, "ManagedPolicyName", ("Roles", "Users", "Groups")
    ),
    "AWS::IAM::Policy": _policy_resource(False, "PolicyName", ("Roles", "Users", "Groups")),
    "AWS::IAM::RolePolicy": _policy_resource(False, "PolicyName", ("RoleName",)),
    "AWS::IAM::UserPolicy": _policy_resource(False, "PolicyName", ("UserName",)),
    "AWS::IAM::GroupPolicy": _policy_resource(False, "PolicyName", ("GroupName",)),
    "AWS::IAM::Role": _principal(PrincipalType.ROLE, "RoleName"),
    "AWS::IAM::User": _principal(PrincipalType.USER, "UserName"),
    "AWS::IAM::Group": _principal(PrincipalType.GROUP, "GroupName"),
    "AWS::IAM::UserToGroupAddition": _user_to_group_addition,
    "AWS::KMS::Key": _kms_key,
    "AWS::Lambda::Permission": _lambda_permission,
    "AWS::Organizations::Policy": _organizations_policy,
    "AWS::Organizations::Organization": _organization,
    "AWS::Organizations::OrganizationalUnit": _organizational_unit,
    "AWS::Organizations::Account": _account,
    "AWS::S3::Bucket": _s3_bucket,
    "AWS::S3::BucketPolicy": _s3_bucket_policy,
    "AWS::SNS::TopicPolicy": _resource_policy,
    "AWS::SQS::QueuePolicy": _resource_policy,
    "AWS::Serverless::Function": _serverless_role,
    "AWS::Serverless::StateMachine": _serverless_role,
    "AWS::CloudFormation::Stack": _nested_stack("TemplateURL"),
    "AWS::Serverless::Application": _nested_stack("Location"),
}
