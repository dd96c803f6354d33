"""Resource policies that services build from a few properties (a Lambda permission, an
EventBridge bus permission), written out as the one-statement document the service stores.

Shared by every format: each hands over the nodes it read, this module arranges them as a
policy document tree that :func:`policyguard.extract.policy.read_policy` reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode

LAMBDA_PERMISSION_CONDITIONS = (
    ("ArnLike", "AWS:SourceArn"),
    ("StringEquals", "AWS:SourceAccount"),
    ("StringEquals", "aws:PrincipalOrgID"),
    ("StringEquals", "lambda:FunctionUrlAuthType"),
    ("StringEquals", "lambda:EventSourceToken"),
)
"""The condition each optional property of a Lambda permission becomes, in the order formats
name those properties (source ARN, source account, organization, function URL auth type, event
source token)."""

_SERVICE_DOMAINS = (".amazonaws.com", ".amazon.com")


def principal_kind(text: str | Unresolved) -> str:
    """The ``Principal`` key of a principal written as one string: ``*``, ``AWS`` for an ARN or
    an account id, ``Service`` for anything else; an unresolved principal counts as ``AWS``
    unless its known end is a service domain."""
    if text == "*":
        return "*"
    if isinstance(text, str):
        return "AWS" if text.startswith("arn:") or text.isdigit() else "Service"
    tail = text.parts[-1] or ""
    return "Service" if tail.endswith(_SERVICE_DOMAINS) else "AWS"


def permission_document(
    *,
    span: Span,
    principal: Node,
    principal_text: str | Unresolved,
    action: Node,
    resource: Node | None = None,
    conditions: Sequence[tuple[str, str, Node]] = (),
) -> Mapping:
    """The policy document of one ``Allow`` statement for ``principal`` and ``action``.

    ``conditions`` are (operator, key, value) tests, grouped by operator. Each part is located
    where its property is written; ``Effect``, ``Version`` and the document at ``span``.
    """
    kind = principal_kind(principal_text)
    principal_node: Node = (
        principal
        if kind == "*"
        else Mapping((Entry(kind, principal.span, principal),), principal.span)
    )
    statement = [
        Entry("Effect", span, Scalar("Allow", span)),
        Entry("Principal", principal.span, principal_node),
        Entry("Action", action.span, action),
    ]
    if resource is not None:
        statement.append(Entry("Resource", resource.span, resource))
    operators: dict[str, list[Entry]] = {}
    for operator, key, node in conditions:
        operators.setdefault(operator, []).append(Entry(key, node.span, node))
    if operators:
        tests = tuple(
            Entry(op, entries[0].key_span, Mapping(tuple(entries), entries[0].key_span))
            for op, entries in operators.items()
        )
        statement.append(Entry("Condition", span, Mapping(tests, span)))
    return Mapping(
        (
            Entry("Version", span, Scalar("2012-10-17", span)),
            Entry("Statement", span, ListNode((Mapping(tuple(statement), span),), span)),
        ),
        span,
    )
