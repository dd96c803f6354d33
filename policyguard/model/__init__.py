"""The parser-free model that checks read."""

from policyguard.model.iam import (
    Condition,
    Effect,
    Element,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.inventory import Inventory, location_of
from policyguard.model.kms import KmsKey
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from policyguard.model.principals import (
    GroupMembership,
    PolicyAttachment,
    PolicyResource,
    Principal,
    PrincipalType,
)
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.s3 import (
    AccountPublicAccessBlock,
    AclGrant,
    BucketAcl,
    BucketEncryption,
    BucketLogging,
    BucketVersioning,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
)
from policyguard.model.values import Located, Unresolved

__all__ = [
    "Account",
    "AccountPublicAccessBlock",
    "AclGrant",
    "BucketAcl",
    "BucketEncryption",
    "BucketLogging",
    "BucketVersioning",
    "Condition",
    "Effect",
    "Element",
    "GroupMembership",
    "Inventory",
    "KmsKey",
    "Located",
    "ObjectLock",
    "Organization",
    "OrganizationPolicy",
    "OrganizationPolicyAttachment",
    "OrganizationalUnit",
    "PolicyAttachment",
    "PolicyDocument",
    "PolicyKind",
    "PolicyResource",
    "Principal",
    "PrincipalElement",
    "PrincipalType",
    "PublicAccessBlock",
    "Resource",
    "S3Bucket",
    "SourceFormat",
    "Statement",
    "Unresolved",
    "location_of",
]
