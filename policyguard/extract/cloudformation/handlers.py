"""Every CloudFormation resource handler, by resource type."""

from __future__ import annotations

from policyguard.extract.cloudformation import (
    access_points,
    credentials,
    iam,
    kms,
    organizations,
    s3,
    serverless,
    services,
    workloads,
)
from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector

HANDLERS: dict[str, Handler] = {
    **access_points.HANDLERS,
    **iam.HANDLERS,
    **kms.HANDLERS,
    **organizations.HANDLERS,
    **s3.HANDLERS,
    **serverless.HANDLERS,
    **services.HANDLERS,
}


def _both(first: Handler, second: Handler) -> Handler:
    """A handler that runs ``first``, then ``second``, on the same resource."""

    def extract(item: ResourceReader, collector: Collector) -> None:
        first(item, collector)
        second(item, collector)

    return extract


for _type, _handler in {**credentials.HANDLERS, **workloads.HANDLERS}.items():
    HANDLERS[_type] = _both(HANDLERS[_type], _handler) if _type in HANDLERS else _handler
