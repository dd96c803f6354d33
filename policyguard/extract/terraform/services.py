"""Handlers for other services' resource policies: SNS topics, SQS queues, Lambda permissions,
ECR, Secrets Manager, Glacier, OpenSearch, EventBridge, CloudWatch Logs, Glue, SES, EFS,
API Gateway, Backup and CodeArtifact."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.permissions import LAMBDA_PERMISSION_CONDITIONS, permission_document
from policyguard.extract.policy import read_policy
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.iam import PolicyKind


def _resource_policy(attribute: str) -> Handler:
    """A resource policy document written in one attribute of the resource."""

    def extract(item: ResourceInstance, collector: Collector) -> None:
        document = item.policy(attribute, PolicyKind.RESOURCE, collector)
        if document is not None:
            collector.add(document)

    return extract


_PERMISSION_ATTRIBUTES = (
    "source_arn",
    "source_account",
    "principal_org_id",
    "function_url_auth_type",
    "event_source_token",
)
"""The attributes of ``aws_lambda_permission`` in the order of
:data:`~policyguard.extract.permissions.LAMBDA_PERMISSION_CONDITIONS`."""


def _lambda_permission(item: ResourceInstance, collector: Collector) -> None:
    """``aws_lambda_permission``: the one-statement policy Lambda stores for it (``Allow`` of
    ``action`` to ``principal`` on ``function_name``, a condition per optional attribute)."""
    principal, action = item.attribute("principal"), item.attribute("action")
    if principal is None or action is None:
        return
    function = item.attribute("function_name")
    function_text = None if function is None else item.values.string(function.value).known()
    conditions = [
        (operator, key, attribute.value)
        for (operator, key), name in zip(
            LAMBDA_PERMISSION_CONDITIONS, _PERMISSION_ATTRIBUTES, strict=True
        )
        if (attribute := item.attribute(name)) is not None
    ]
    tree = permission_document(
        span=item.resource.location.span,
        principal=principal.value,
        principal_text=item.values.string(principal.value).value,
        action=action.value,
        resource=function.value
        if function is not None and (function_text is None or function_text.startswith("arn:"))
        else None,
        conditions=conditions,
    )
    collector.add(
        read_policy(
            item.values,
            tree,
            kind=PolicyKind.RESOURCE,
            name="permission",
            diagnostics=collector.diagnostics,
        )
    )


HANDLERS: dict[str, Handler] = {
    "aws_sns_topic": _resource_policy("policy"),
    "aws_sns_topic_policy": _resource_policy("policy"),
    "aws_sqs_queue": _resource_policy("policy"),
    "aws_sqs_queue_policy": _resource_policy("policy"),
    "aws_lambda_permission": _lambda_permission,
    "aws_ecr_repository_policy": _resource_policy("policy"),
    "aws_ecr_registry_policy": _resource_policy("policy"),
    "aws_secretsmanager_secret": _resource_policy("policy"),
    "aws_secretsmanager_secret_policy": _resource_policy("policy"),
    "aws_glacier_vault": _resource_policy("access_policy"),
    "aws_elasticsearch_domain": _resource_policy("access_policies"),
    "aws_elasticsearch_domain_policy": _resource_policy("access_policies"),
    "aws_opensearch_domain": _resource_policy("access_policies"),
    "aws_opensearch_domain_policy": _resource_policy("access_policies"),
    "aws_cloudwatch_event_bus_policy": _resource_policy("policy"),
    "aws_cloudwatch_log_destination_policy": _resource_policy("access_policy"),
    "aws_cloudwatch_log_resource_policy": _resource_policy("policy_document"),
    "aws_glue_resource_policy": _resource_policy("policy"),
    "aws_ses_identity_policy": _resource_policy("policy"),
    "aws_efs_file_system_policy": _resource_policy("policy"),
    "aws_api_gateway_rest_api": _resource_policy("policy"),
    "aws_api_gateway_rest_api_policy": _resource_policy("policy"),
    "aws_backup_vault_policy": _resource_policy("policy"),
    "aws_codeartifact_domain_permissions_policy": _resource_policy("policy_document"),
    "aws_codeartifact_repository_permissions_policy": _resource_policy("policy_document"),
}
