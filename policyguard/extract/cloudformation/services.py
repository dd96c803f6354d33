"""Handlers for other services' resource policies (SNS topics, SQS queues, Lambda permissions)
and for nested stacks, which are noted, not followed."""

from __future__ import annotations

import posixpath
import re

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.location import Span
from policyguard.model.iam import PolicyKind
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode


def _resource_policy(item: ResourceReader, collector: Collector) -> None:
    """``AWS::SNS::TopicPolicy``, ``AWS::SQS::QueuePolicy``: a resource policy document."""
    document = item.policy(
        item.node("PolicyDocument"), PolicyKind.RESOURCE, "PolicyDocument", collector
    )
    if document is not None:
        collector.add(document)


def _lambda_permission(item: ResourceReader, collector: Collector) -> None:
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


def _permission_document(item: ResourceReader, span: Span) -> Mapping | None:
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


def _permission_principal(item: ResourceReader, node: Node) -> Node:
    text = item.resolve.text(node)
    if text == "*":
        return node
    if isinstance(text, str):
        kind = "AWS" if text.startswith("arn:") or text.isdigit() else "Service"
    else:
        tail = text.parts[-1] or ""
        kind = "Service" if tail.endswith((".amazonaws.com", ".amazon.com")) else "AWS"
    return Mapping((Entry(kind, node.span, node),), node.span)


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
    "AWS::SNS::TopicPolicy": _resource_policy,
    "AWS::SQS::QueuePolicy": _resource_policy,
    "AWS::CloudFormation::Stack": _nested_stack("TemplateURL"),
    "AWS::Serverless::Application": _nested_stack("Location"),
}
