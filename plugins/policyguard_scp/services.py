"""The IAM service a declared resource type is created through (``aws_s3_bucket`` -> ``s3``)."""

from __future__ import annotations

from typing import Final

from policyguard.iam.catalog import load_catalog
from policyguard.model import Resource, SourceFormat

_TERRAFORM_PREFIXES: Final = (
    ("aws_cloudwatch_log_", "logs"),
    ("aws_cloudwatch_event_", "events"),
    ("aws_db_", "rds"),
    ("aws_rds_", "rds"),
    ("aws_lb", "elasticloadbalancing"),
    ("aws_alb", "elasticloadbalancing"),
    ("aws_elb", "elasticloadbalancing"),
    ("aws_sfn_", "states"),
    ("aws_api_gateway_", "apigateway"),
    ("aws_apigatewayv2_", "apigateway"),
    ("aws_acm_", "acm"),
    ("aws_instance", "ec2"),
    ("aws_security_group", "ec2"),
    ("aws_vpc", "ec2"),
    ("aws_subnet", "ec2"),
    ("aws_route", "ec2"),
    ("aws_internet_gateway", "ec2"),
    ("aws_nat_gateway", "ec2"),
    ("aws_eip", "ec2"),
    ("aws_ebs_", "ec2"),
    ("aws_launch_template", "ec2"),
    ("aws_network_", "ec2"),
    ("aws_default_", "ec2"),
    ("aws_cognito_user_pool", "cognito-idp"),
    ("aws_elasticache_", "elasticache"),
    ("aws_wafv2_", "wafv2"),
)
_CLOUDFORMATION: Final = {
    "elasticloadbalancingv2": "elasticloadbalancing",
    "stepfunctions": "states",
    "apigatewayv2": "apigateway",
    "certificatemanager": "acm",
    "cognito": "cognito-idp",
}


def service_of(resource: Resource) -> str | None:
    """The IAM service prefix that creates ``resource``, or ``None`` when it is not known
    (a data source, a resource of another provider, a type the catalog does not name)."""
    catalog = load_catalog()
    if resource.format is SourceFormat.TERRAFORM:
        if not resource.type.startswith("aws_") or ".data." in f".{resource.address}":
            return None
        for prefix, service in _TERRAFORM_PREFIXES:
            if resource.type.startswith(prefix):
                return service
        candidate = resource.type.removeprefix("aws_").split("_", 1)[0]
    else:
        parts = resource.type.split("::")
        if len(parts) != 3 or parts[0] != "AWS":
            return None
        candidate = _CLOUDFORMATION.get(parts[1].lower(), parts[1].lower())
    return candidate if catalog.is_known_service(candidate) else None
