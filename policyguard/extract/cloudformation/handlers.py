"""Every CloudFormation resource handler, by resource type."""

from __future__ import annotations

from policyguard.extract.cloudformation import iam, kms, organizations, s3, serverless, services
from policyguard.extract.cloudformation.instance import Handler

HANDLERS: dict[str, Handler] = {
    **iam.HANDLERS,
    **kms.HANDLERS,
    **organizations.HANDLERS,
    **s3.HANDLERS,
    **serverless.HANDLERS,
    **services.HANDLERS,
}
