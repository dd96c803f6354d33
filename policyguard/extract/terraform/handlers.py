"""Every Terraform resource handler, by resource type."""

from __future__ import annotations

from policyguard.extract.handlers import merged
from policyguard.extract.terraform import (
    access_points,
    credentials,
    iam,
    kms,
    organizations,
    s3,
    services,
    workloads,
)
from policyguard.extract.terraform.instance import Handler

HANDLERS: dict[str, Handler] = merged(
    access_points.HANDLERS,
    iam.HANDLERS,
    kms.HANDLERS,
    organizations.HANDLERS,
    s3.HANDLERS,
    services.HANDLERS,
    credentials.HANDLERS,
    workloads.HANDLERS,
)
