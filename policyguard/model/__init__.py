"""The parser-free model that checks read."""

from policyguard.model.access_points import S3AccessPoint
from policyguard.model.credentials import AccessKey, LoginProfile, Password, PasswordSource
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
    PolicyTarget,
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
    BucketWebsite,
    CorsRule,
    ObjectLock,
    PublicAccessBlock,
    S3Bucket,
    S3Object,
    UnjoinedPublicAccessBlock,
)
from policyguard.model.values import Located, Unresolved
from policyguard.model.workloads import WorkloadRole

__all__ = [
    "AccessKey",
    "Account",
    "AccountPublicAccessBlock",
    "AclGrant",
    "BucketAcl",
    "BucketEncryption",
    "BucketLogging",
    "BucketVersioning",
    "BucketWebsite",
    "Condition",
    "CorsRule",
    "Effect",
    "Element",
    "GroupMembership",
    "Inventory",
    "KmsKey",
    "Located",
    "LoginProfile",
    "ObjectLock",
    "Organization",
    "OrganizationPolicy",
    "OrganizationPolicyAttachment",
    "OrganizationalUnit",
    "Password",
    "PasswordSource",
    "PolicyAttachment",
    "PolicyDocument",
    "PolicyKind",
    "PolicyResource",
    "PolicyTarget",
    "Principal",
    "PrincipalElement",
    "PrincipalType",
    "PublicAccessBlock",
    "Resource",
    "S3AccessPoint",
    "S3Bucket",
    "S3Object",
    "SourceFormat",
    "Statement",
    "UnjoinedPublicAccessBlock",
    "Unresolved",
    "WorkloadRole",
    "location_of",
]
