"""A Terraform resource instance with the readers that handlers use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policyguard.extract.collect import Collector
from policyguard.extract.policy import read_policy
from policyguard.extract.values import ValueReader
from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.resources import Resource
from policyguard.model.values import Located
from policyguard.parse.tree import Attribute, Body, Index, Node, Scalar, Traversal, Variable
from policyguard.parse.tree import Sequence as ListNode
from policyguard.resolve.hcl_eval import Names, evaluate

_NOT_RESOURCES = frozenset({"var", "local", "module", "data", "each", "count", "path", "self"})


def referenced_resource(node: Node, names: Names, prefix: str) -> str | None:
    """The address a reference such as ``aws_s3_bucket.logs["eu"].id`` names, or ``None``."""
    if not isinstance(node, Traversal) or not isinstance(node.source, Variable):
        return None
    root, steps = node.source.name, node.steps
    if root in _NOT_RESOURCES or not steps or not isinstance(steps[0], str):
        return None
    address = f"{prefix}{root}.{steps[0]}"
    if len(steps) > 1 and isinstance(steps[1], Index):
        key = evaluate(steps[1].key, names)
        if not isinstance(key, Scalar):
            return None
        address += f"[{key.value}]" if isinstance(key.value, int) else f'["{key.value}"]'
    return address


@dataclass(frozen=True)
class ResourceInstance:
    """One instance of a ``resource`` block with the readers its handler needs.

    ``body`` has its ``dynamic`` blocks expanded; ``names`` is the module instance scope the
    values are evaluated in, ``prefix`` the module address prefix (``module.net.``).
    """

    resource: Resource
    body: Body
    values: ValueReader
    names: Names
    prefix: str

    def attribute(self, name: str, body: Body | None = None) -> Attribute | None:
        """The attribute ``name`` of the resource (or of a nested ``body``); one set to
        ``null`` counts as not written, as Terraform takes it."""
        attribute = (body or self.body).attribute(name)
        if attribute is None:
            return None
        value = self.values.resolve(attribute.value)
        return None if isinstance(value, Scalar) and value.value is None else attribute

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
        return read_policy(
            self.values,
            attribute.value,
            kind=kind,
            name=label or name,
            diagnostics=collector.diagnostics,
        )

    def bucket_address(self) -> str | None:
        """The address of the ``aws_s3_bucket`` that this setting's ``bucket`` refers to."""
        return self.reference("bucket")

    def reference(self, name: str, body: Body | None = None) -> str | None:
        """The address of the resource that attribute ``name`` refers to, if it does."""
        attribute = self.attribute(name, body)
        if attribute is None:
            return None
        return referenced_resource(attribute.value, self.names, self.prefix)

    def references(self, name: str) -> list[tuple[Element, str | None]]:
        """Each element of a list attribute with the address it refers to, if any."""
        attribute = self.attribute(name)
        if attribute is None:
            return []
        written = attribute.value.items if isinstance(attribute.value, ListNode) else None
        values = self.values.strings(attribute.value)
        if written is None or len(written) != len(values):
            return [(v, None) for v in values]
        return [
            (v, referenced_resource(w, self.names, self.prefix))
            for v, w in zip(values, written, strict=True)
        ]


Handler = Callable[[ResourceInstance, Collector], None]
"""Turns one resource instance into model objects added to the collector."""
