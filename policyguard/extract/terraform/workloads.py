"""Handlers for compute that runs with an IAM role: Lambda functions and ECS tasks."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.workloads import WorkloadRole


def _roles(*attributes: tuple[str, str]) -> Handler:
    """A handler that reads each ``(attribute, purpose)`` naming a role."""

    def extract(item: ResourceInstance, collector: Collector) -> None:
        for attribute, purpose in attributes:
            role = item.string(attribute)
            if role is not None:
                collector.add(WorkloadRole(item.resource, purpose, role, item.reference(attribute)))

    return extract


HANDLERS: dict[str, Handler] = {
    "aws_lambda_function": _roles(("role", "function")),
    "aws_ecs_task_definition": _roles(
        ("task_role_arn", "task"), ("execution_role_arn", "task execution")
    ),
}
