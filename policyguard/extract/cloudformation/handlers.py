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
from policyguard.extract.cloudformation.instance import Handler
from policyguard.extract.handlers import merged

HANDLERS: dict[str, Handler] = merged(
    access_points.HANDLERS,
    iam.HANDLERS,
    kms.HANDLERS,
    organizations.HANDLERS,
    s3.HANDLERS,
    serverless.HANDLERS,
    services.HANDLERS,
    credentials.HANDLERS,
    workloads.HANDLERS,
)
