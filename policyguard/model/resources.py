"""The resource every model object belongs to."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from policyguard.location import SourceLocation, Span
from policyguard.model.values import Unresolved


class SourceFormat(enum.Enum):
    TERRAFORM = "terraform"
    CLOUDFORMATION = "cloudformation"


@dataclass(frozen=True, slots=True)
class Resource:
    """A declared resource: its address, type and header location.

    ``address`` is the Terraform address or ``Resources/LogicalId``; ``type`` is as written
    (``aws_s3_bucket``, ``AWS::S3::Bucket``); ``location`` covers the resource's header line, where
    findings about something missing point. ``module_calls`` are the module blocks, outermost
    first, through which a resource of a nested module was instantiated. ``extent`` covers the
    whole declaration in the header's file. ``unknown_instances`` says why the instances of a
    resource with ``count`` or ``for_each`` are not known (it then stands for all of them).
    """

    address: str
    type: str
    format: SourceFormat
    location: SourceLocation
    module_calls: tuple[SourceLocation, ...] = ()
    extent: Span | None = None
    unknown_instances: Unresolved | None = None

    def describe(self) -> str:
        return self.address
