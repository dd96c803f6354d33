"""S3 buckets and the settings that decide who can reach them."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.location import SourceLocation
from policyguard.model.iam import PolicyDocument
from policyguard.model.resources import Resource
from policyguard.model.values import Located

ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


@dataclass(frozen=True, slots=True)
class AclGrant:
    """One explicit ACL grant: ``grantee_type`` is ``Group``, ``CanonicalUser`` or ``Email``."""

    grantee_type: str
    grantee: Located[str]
    permission: Located[str]
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class BucketAcl:
    """An ACL as written, on the bucket or on a separate ACL resource (``source``)."""

    source: Resource
    canned: Located[str] | None = None
    grants: tuple[AclGrant, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicAccessBlock:
    """The four public access block switches; ``None`` where a switch is not written."""

    source: Resource
    block_public_acls: Located[bool] | None = None
    ignore_public_acls: Located[bool] | None = None
    block_public_policy: Located[bool] | None = None
    restrict_public_buckets: Located[bool] | None = None


@dataclass(frozen=True, slots=True)
class S3Bucket:
    """A bucket with the ACLs, policy, public access block and object ownership that apply to it.

    Settings declared on separate resources (``aws_s3_bucket_acl``, ``AWS::S3::BucketPolicy``)
    are joined in; ``None`` means not declared, so AWS's defaults apply.
    """

    resource: Resource
    name: Located[str] | None = None
    acls: tuple[BucketAcl, ...] = ()
    policy: PolicyDocument | None = None
    public_access_block: PublicAccessBlock | None = None
    object_ownership: Located[str] | None = None

    def describe(self) -> str:
        return self.resource.address
