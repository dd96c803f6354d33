"""Handlers for compute that runs with an IAM role: Lambda functions and ECS tasks."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.values import Located
from policyguard.model.workloads import WorkloadRole
from policyguard.resolve import sam


def _roles(*properties: tuple[str, str]) -> Handler:
    """A handler that reads each ``(property, purpose)`` naming a role."""

    def extract(item: ResourceReader, collector: Collector) -> None:
        for name, purpose in properties:
            node = item.node(name)
            if node is not None:
                role = item.values.string(node)
                collector.add(WorkloadRole(item.resource, purpose, role, item.reference(node)))

    return extract


_function_role = _roles(("Role", "function"))


def _serverless_function(item: ResourceReader, collector: Collector) -> None:
    """``AWS::Serverless::Function``: its ``Role``, else the role SAM generates for it, which
    is declared under the function's address."""
    generated = sam.generated_role(item.definition, item.resolve, item.template.root.get("Globals"))
    if generated is None:
        _function_role(item, collector)
        return
    address = item.resource.address
    own = Located(address, item.resource.location)
    collector.add(WorkloadRole(item.resource, "function", own, address))


HANDLERS: dict[str, Handler] = {
    "AWS::Lambda::Function": _function_role,
    "AWS::Serverless::Function": _serverless_function,
    "AWS::ECS::TaskDefinition": _roles(
        ("TaskRoleArn", "task"), ("ExecutionRoleArn", "task execution")
    ),
}
