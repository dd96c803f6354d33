"""Every Terraform resource handler, by resource type."""

from __future__ import annotations

from policyguard.extract.terraform import iam, kms, organizations, s3
from policyguard.extract.terraform.instance import Handler

HANDLERS: dict[str, Handler] = {
    **iam.HANDLERS,
    **kms.HANDLERS,
    **organizations.HANDLERS,
    **s3.HANDLERS,
}
