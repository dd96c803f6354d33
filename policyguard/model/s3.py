"""S3 buckets and the settings that decide who can reach them."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.location import SourceLocation
from policyguard.model.iam import Element, PolicyDocument
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
class BucketVersioning:
    """Versioning as written: ``status`` is ``Enabled``, ``Suspended`` or ``Disabled``."""

    source: Resource
    status: Located[str] | None = None
    mfa_delete: Located[bool] | None = None


@dataclass(frozen=True, slots=True)
class BucketLogging:
    """Server access logging and the bucket that receives the logs."""

    source: Resource
    target_bucket: Located[str] | None = None
    target_address: str | None = None
    """The address of the target bucket when the template declares it (``aws_s3_bucket.logs``)."""


@dataclass(frozen=True, slots=True)
class BucketEncryption:
    """Default encryption: ``algorithm`` (``AES256``, ``aws:kms``, ``aws:kms:dsse``), its key."""

    source: Resource
    algorithm: Located[str] | None = None
    kms_key: Located[str] | None = None
    bucket_key: Located[bool] | None = None


@dataclass(frozen=True, slots=True)
class ObjectLock:
    """Object lock as written: whether it is enabled and the default retention mode;
    ``configured`` when an object lock configuration is written, not only the bucket's switch."""

    source: Resource
    enabled: Located[bool] | None = None
    mode: Located[str] | None = None
    configured: bool = False


@dataclass(frozen=True, slots=True)
class BucketWebsite:
    """Static website hosting; ``redirect_all_to`` is the host every request is redirected to
    when the website only redirects."""

    source: Resource
    redirect_all_to: Located[str] | None = None


@dataclass(frozen=True, slots=True)
class CorsRule:
    """One CORS rule: the origins, methods and request headers it allows."""

    source: Resource
    location: SourceLocation
    allowed_origins: tuple[Element, ...] = ()
    allowed_methods: tuple[Element, ...] = ()
    allowed_headers: tuple[Element, ...] = ()


@dataclass(frozen=True, slots=True)
class S3Object:
    """An object that the configuration uploads or copies into a bucket, with the server-side
    encryption requested for it (``None`` where not written)."""

    resource: Resource
    bucket: Located[str] | None = None
    server_side_encryption: Located[str] | None = None
    kms_key: Located[str] | None = None
    bucket_key: Located[bool] | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class UnjoinedPublicAccessBlock:
    """The public access block of a bucket not declared in the scanned module or template
    (``bucket`` says how it is named): its switches are judged on their own."""

    block: PublicAccessBlock
    bucket: str

    @property
    def resource(self) -> Resource:
        return self.block.source

    def describe(self) -> str:
        return f"{self.block.source.address} (of {self.bucket}, not declared here)"


@dataclass(frozen=True, slots=True)
class AccountPublicAccessBlock:
    """The account-level public access block, which applies to every bucket of the account."""

    block: PublicAccessBlock

    @property
    def resource(self) -> Resource:
        return self.block.source

    def describe(self) -> str:
        return self.block.source.address


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
    versioning: BucketVersioning | None = None
    logging: BucketLogging | None = None
    encryption: BucketEncryption | None = None
    object_lock: ObjectLock | None = None
    website: BucketWebsite | None = None
    cors_rules: tuple[CorsRule, ...] = ()

    def describe(self) -> str:
        return self.resource.address
