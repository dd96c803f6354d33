"""CloudFormation, SAM and CDK templates become the model, one template at a time.

Values are resolved by :class:`~policyguard.resolve.intrinsics.TemplateResolver` (intrinsic
functions, conditions, ``Fn::ForEach`` and the other ``AWS::LanguageExtensions`` functions);
the roles that SAM generates come from :mod:`policyguard.resolve.sam`. CDK output
(``cdk.out/*.template.json``) is CloudFormation JSON and needs nothing of its own.

Resources read, and what they become:

- ``AWS::IAM::Role``, ``User``, ``Group``: a :class:`Principal` with ``Policies``,
  ``ManagedPolicyArns``, ``PermissionsBoundary``, a role's ``AssumeRolePolicyDocument`` and a
  user's ``Groups``. ``AWS::IAM::Policy``, ``ManagedPolicy`` (``Roles``, ``Users``, ``Groups``)
  and ``RolePolicy``, ``UserPolicy``, ``GroupPolicy``: a :class:`PolicyResource`.
  ``AWS::IAM::UserToGroupAddition``: a :class:`GroupMembership` per user.
- ``AWS::S3::Bucket`` with its ``AWS::S3::BucketPolicy``; ``AWS::KMS::Key`` and its
  ``KeyPolicy``; ``AWS::SNS::TopicPolicy`` and ``AWS::SQS::QueuePolicy`` as resource policies.
- ``AWS::Lambda::Permission``: the resource policy statement Lambda stores for it, synthesized
  (:mod:`.services` says what it holds).
- ``AWS::Organizations::Policy`` (SCPs and RCPs, with ``TargetIds``), ``OrganizationalUnit``,
  ``Account`` (the first of ``ParentIds``), ``Organization``.
- ``AWS::Serverless::Function`` and ``StateMachine``: the role SAM generates, as a
  :class:`Principal` of type role owned by the serverless resource itself, so findings point
  at what is written and its suppressions apply.
- ``AWS::CloudFormation::Stack`` and ``AWS::Serverless::Application``: a note naming the
  nested template, which is scanned on its own when it lies under the scan path.

Policy documents may be objects or JSON strings. A resource whose ``Condition`` is false is
not extracted (with a note); one whose condition is not known statically is.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyguard.diagnostics import Diagnostic, LimitExceeded
from policyguard.extract.cloudformation.handlers import HANDLERS
from policyguard.extract.cloudformation.instance import Template, referenced_resource
from policyguard.extract.collect import Collector
from policyguard.parse.parsed import ExtractContext, Extraction, ParsedFile
from policyguard.parse.tree import Mapping
from policyguard.resolve import sam
from policyguard.resolve.intrinsics import TemplateResolver

FORMAT = "cloudformation"


def extract_templates(files: Sequence[ParsedFile], context: ExtractContext) -> Extraction | None:
    """Extract every CloudFormation template among ``files`` (``context`` is not used yet)."""
    templates = [f for f in files if f.format == FORMAT and isinstance(f.root, Mapping)]
    if not templates:
        return None
    collector = Collector()
    for parsed in templates:
        _extract_template(parsed, collector)
        collector.finish_unit()
    return collector.extraction()


def _extract_template(parsed: ParsedFile, collector: Collector) -> None:
    root = parsed.root
    assert isinstance(root, Mapping)
    try:
        resolver = TemplateResolver(root, parsed.relpath, implied=sam.implied_resources)
    except LimitExceeded as error:
        collector.diagnostics.append(
            Diagnostic(
                parsed.relpath,
                error.span,
                error.diagnostic_id,
                f"template not extracted: {error.message}",
            )
        )
        return
    collector.diagnostics.extend(resolver.diagnostics)
    template = Template(parsed.relpath, root, resolver)
    for definition in resolver.resources:
        item = template.resource(definition, collector)
        if item is None:
            continue
        collector.add(item.resource)
        handler = HANDLERS.get(item.resource.type)
        if handler is not None:
            handler(item, collector)


__all__ = ["FORMAT", "extract_templates", "referenced_resource"]
