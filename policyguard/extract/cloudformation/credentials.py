"""Handlers for the credentials of IAM users: login profiles and access keys.

A password is described, never kept (see :class:`~policyguard.model.credentials.Password`).
"""

from __future__ import annotations

import re

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.credentials import AccessKey, LoginProfile, Password, PasswordSource
from policyguard.model.values import Located
from policyguard.parse.tree import Mapping, Node, Scalar
from policyguard.resolve.intrinsics import intrinsic_call

_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:([a-z-]+):")
_REFERENCE_SOURCES = {
    "secretsmanager": PasswordSource.SECURE_REFERENCE,
    "ssm-secure": PasswordSource.SECURE_REFERENCE,
    "ssm": PasswordSource.PLAIN_REFERENCE,
}


def _user(item: ResourceReader, collector: Collector) -> None:
    """``AWS::IAM::User``: its ``LoginProfile``, if it has one."""
    profile = item.node("LoginProfile")
    if profile is None or not isinstance(item.resolve(profile), Mapping):
        return
    password = item.node("LoginProfile", "Password")
    name = item.string("UserName")
    collector.add(
        LoginProfile(
            item.resource,
            item.values.location(profile.span),
            name if name is not None else Located(item.resource.address, item.resource.location),
            item.resource.address,
            _password(item, password) if password is not None else None,
            item.boolean("LoginProfile", "PasswordResetRequired"),
        )
    )


def _password(item: ResourceReader, node: Node) -> Password:
    """Where a password comes from: a parameter, a dynamic reference, a literal."""
    location = item.values.location(node.span)
    parameter = _parameter_name(node)
    declaration = item.resolve.parameter(parameter) if parameter is not None else None
    if isinstance(declaration, Mapping):
        no_echo = declaration.get("NoEcho")
        masked = no_echo is not None and item.values.boolean(no_echo).known() is True
        has_default = declaration.get("Default") is not None
        return Password(PasswordSource.PARAMETER, location, None, parameter, has_default, masked)
    value = item.values.string(node).known()
    if value is None:
        return Password(PasswordSource.UNRESOLVED, location)
    reference = _DYNAMIC_REFERENCE.search(value)
    if reference is not None:
        source = _REFERENCE_SOURCES.get(reference.group(1), PasswordSource.UNRESOLVED)
        return Password(source, location)
    return Password(PasswordSource.LITERAL, location, len(value))


def _parameter_name(node: Node) -> str | None:
    call = intrinsic_call(node) if isinstance(node, Mapping) else None
    if call is None or call[0] != "Ref" or not isinstance(call[1], Scalar):
        return None
    return call[1].value if isinstance(call[1].value, str) else None


def _access_key(item: ResourceReader, collector: Collector) -> None:
    node = item.node("UserName")
    if node is not None:
        collector.add(
            AccessKey(
                item.resource,
                item.values.string(node),
                item.reference(node),
                item.string("Status"),
            )
        )


HANDLERS: dict[str, Handler] = {
    "AWS::IAM::User": _user,
    "AWS::IAM::AccessKey": _access_key,
}
