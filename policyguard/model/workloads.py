"""Compute that runs with an IAM role: Lambda functions and ECS task definitions."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model.iam import Element
from policyguard.model.resources import Resource


@dataclass(frozen=True, slots=True)
class WorkloadRole:
    """A role a workload runs with.

    ``purpose`` says what the role is for (``function``, ``task``, ``task execution``);
    ``role`` is the role as written (an ARN, a name, a reference) and ``role_address`` the
    declared role it refers to, if any. A SAM function without a ``Role`` runs with the role
    SAM generates for it, declared under the function's own address.
    """

    resource: Resource
    purpose: str
    role: Element
    role_address: str | None = None

    def describe(self) -> str:
        return f"{self.resource.address} ({self.purpose} role)"
