"""Handlers for the credentials of IAM users: login profiles and access keys."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.credentials import AccessKey, LoginProfile, Password, PasswordSource

GENERATED_PASSWORD_LENGTH = 20
"""The length of the password ``aws_iam_user_login_profile`` generates by default."""


def _login_profile(item: ResourceInstance, collector: Collector) -> None:
    """``aws_iam_user_login_profile``: AWS generates the password; its length is set, and a
    PGP key encrypts it in the state."""
    user = item.string("user")
    if user is None:
        return
    length = item.integer("password_length")
    password = Password(
        PasswordSource.GENERATED,
        length.location if length is not None else item.resource.location,
        length.known() if length is not None else GENERATED_PASSWORD_LENGTH,
        masked=item.attribute("pgp_key") is not None,
    )
    collector.add(
        LoginProfile(
            item.resource,
            item.resource.location,
            user,
            item.reference("user"),
            password,
            item.boolean("password_reset_required"),
        )
    )


def _access_key(item: ResourceInstance, collector: Collector) -> None:
    user = item.string("user")
    if user is not None:
        collector.add(AccessKey(item.resource, user, item.reference("user"), item.string("status")))


HANDLERS: dict[str, Handler] = {
    "aws_iam_user_login_profile": _login_profile,
    "aws_iam_access_key": _access_key,
}
