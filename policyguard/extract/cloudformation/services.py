"""Handlers for other services' resource policies (SNS topics, SQS queues, Lambda permissions,
ECR, Secrets Manager, OpenSearch, EventBridge, CloudWatch Logs, API Gateway, EFS, Backup,
CodeArtifact) and for nested stacks, which are noted, not followed."""

from __future__ import annotations

import posixpath
import re

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.extract.permissions import LAMBDA_PERMISSION_CONDITIONS, permission_document
from policyguard.model.iam import PolicyKind
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode


def _resource_policy(property_path: str) -> Handler:
    """A resource policy document written at one property (``PolicyDocument`` of
    ``AWS::SNS::TopicPolicy``, ``RepositoryPolicyText`` of ``AWS::ECR::Repository``, …)."""
    path = tuple(property_path.split("."))

    def extract(item: ResourceReader, collector: Collector) -> None:
        document = item.policy(item.node(*path), PolicyKind.RESOURCE, path[-1], collector)
        if document is not None:
            collector.add(document)

    return extract


_PERMISSION_PROPERTIES = (
    "SourceArn",
    "SourceAccount",
    "PrincipalOrgID",
    "FunctionUrlAuthType",
    "EventSourceToken",
)
"""The properties of ``AWS::Lambda::Permission`` in the order of
:data:`~policyguard.extract.permissions.LAMBDA_PERMISSION_CONDITIONS`."""


def _lambda_permission(item: ResourceReader, collector: Collector) -> None:
    """The policy document Lambda stores for an ``AWS::Lambda::Permission``: one ``Allow`` of
    ``Action`` to ``Principal`` on the function's ARN (``FunctionName`` when it is one, else
    ``arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:NAME``), with a
    condition per ``SourceArn``, ``SourceAccount``, ``PrincipalOrgID``, ``FunctionUrlAuthType``
    and ``EventSourceToken`` written. Nothing without ``Principal`` or ``Action``."""
    principal, action = item.node("Principal"), item.node("Action")
    if principal is None or action is None:
        return
    function = item.node("FunctionName")
    conditions = [
        (operator, key, node)
        for (operator, key), name in zip(
            LAMBDA_PERMISSION_CONDITIONS, _PERMISSION_PROPERTIES, strict=True
        )
        if (node := item.node(name)) is not None
    ]
    tree = permission_document(
        span=item.definition.key_span,
        principal=principal,
        principal_text=item.resolve.text(principal),
        action=action,
        resource=None if function is None else _function_arn(item, function),
        conditions=conditions,
    )
    document = item.policy(tree, PolicyKind.RESOURCE, "Permission", collector)
    if document is not None:
        collector.add(document)


def _event_bus_policy(item: ResourceReader, collector: Collector) -> None:
    """``AWS::Events::EventBusPolicy``: its ``Statement``, or the older ``Principal``,
    ``Action`` and ``Condition`` (``Type``, ``Key``, ``Value``) properties."""
    span = item.definition.key_span
    statement = item.node("Statement")
    if statement is not None:
        tree: Node = Mapping(
            (
                Entry("Version", span, Scalar("2012-10-17", span)),
                Entry("Statement", span, statement),
            ),
            span,
        )
    else:
        principal, action = item.node("Principal"), item.node("Action")
        if principal is None or action is None:
            return
        conditions = []
        operator, key, value = (item.node("Condition", name) for name in ("Type", "Key", "Value"))
        known_operator = item.resolve.text(operator) if operator is not None else None
        known_key = item.resolve.text(key) if key is not None else None
        if isinstance(known_operator, str) and isinstance(known_key, str) and value is not None:
            conditions.append((known_operator, known_key, value))
        tree = permission_document(
            span=span,
            principal=principal,
            principal_text=item.resolve.text(principal),
            action=action,
            conditions=conditions,
        )
    document = item.policy(tree, PolicyKind.RESOURCE, "EventBusPolicy", collector)
    if document is not None:
        collector.add(document)


def _function_arn(item: ResourceReader, node: Node) -> Node:
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


_REMOTE = re.compile(r"^(?:https?|s3)://", re.IGNORECASE)


def _nested_stack(location_property: str) -> Handler:
    def extract(item: ResourceReader, collector: Collector) -> None:
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


HANDLERS: dict[str, Handler] = {
    "AWS::Lambda::Permission": _lambda_permission,
    "AWS::SNS::TopicPolicy": _resource_policy("PolicyDocument"),
    "AWS::SNS::TopicInlinePolicy": _resource_policy("PolicyDocument"),
    "AWS::SQS::QueuePolicy": _resource_policy("PolicyDocument"),
    "AWS::SQS::QueueInlinePolicy": _resource_policy("PolicyDocument"),
    "AWS::ECR::Repository": _resource_policy("RepositoryPolicyText"),
    "AWS::ECR::RegistryPolicy": _resource_policy("PolicyText"),
    "AWS::SecretsManager::ResourcePolicy": _resource_policy("ResourcePolicy"),
    "AWS::Elasticsearch::Domain": _resource_policy("AccessPolicies"),
    "AWS::OpenSearchService::Domain": _resource_policy("AccessPolicies"),
    "AWS::Events::EventBusPolicy": _event_bus_policy,
    "AWS::Logs::ResourcePolicy": _resource_policy("PolicyDocument"),
    "AWS::Logs::Destination": _resource_policy("DestinationPolicy"),
    "AWS::ApiGateway::RestApi": _resource_policy("Policy"),
    "AWS::EFS::FileSystem": _resource_policy("FileSystemPolicy"),
    "AWS::Backup::BackupVault": _resource_policy("AccessPolicy"),
    "AWS::CodeArtifact::Domain": _resource_policy("PermissionsPolicyDocument"),
    "AWS::CodeArtifact::Repository": _resource_policy("PermissionsPolicyDocument"),
    "AWS::CloudFormation::Stack": _nested_stack("TemplateURL"),
    "AWS::Serverless::Application": _nested_stack("Location"),
}
