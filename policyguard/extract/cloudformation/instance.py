"""A resource of a CloudFormation template with the readers that handlers use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policyguard.diagnostics import Diagnostic, DiagnosticId, DiagnosticLevel
from policyguard.extract.collect import Collector
from policyguard.extract.policy import read_policy
from policyguard.extract.values import ValueReader
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.values import Located, Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar
from policyguard.parse.tree import Sequence as ListNode
from policyguard.resolve.intrinsics import TemplateResolver, TemplateResource, intrinsic_call


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
class Template:
    """One template being extracted."""

    path: str
    root: Mapping
    resolver: TemplateResolver

    def resource(self, definition: TemplateResource, collector: Collector) -> ResourceReader | None:
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
        location = SourceLocation(self.path, definition.key_span, address, self.path)
        resource = Resource(address, definition.type, SourceFormat.CLOUDFORMATION, location)
        properties = definition.definition.get("Properties")
        if not isinstance(properties, Mapping):
            properties = Mapping((), definition.key_span)
        values = ValueReader(self.path, address, self.resolver, self.path)
        return ResourceReader(resource, properties, values, self, definition)

    def note(self, collector: Collector, span: Span, message: str) -> None:
        collector.diagnostics.append(
            Diagnostic(self.path, span, DiagnosticId.NOT_RESOLVED, message, DiagnosticLevel.NOTE)
        )


@dataclass(frozen=True)
class ResourceReader:
    """A resource of a template with the readers its handler needs."""

    resource: Resource
    properties: Mapping
    values: ValueReader
    template: Template
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


Handler = Callable[[ResourceReader, Collector], None]
"""Turns one resource of a template into model objects added to the collector."""
