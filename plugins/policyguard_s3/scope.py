"""What applies to a bucket besides its own settings: the account's public access block and the
zone of trust of the account it deploys to."""

from __future__ import annotations

import posixpath

from policyguard.iam.exposure import ExposureContext
from policyguard.model import AccountPublicAccessBlock, Inventory
from policyguard.model.resources import Resource


def account_block(resource: Resource, inventory: Inventory) -> AccountPublicAccessBlock | None:
    """The account-level public access block that applies to ``resource``: one declared for the
    same configured deployment account, else one declared in the same directory (the same
    Terraform root module or CloudFormation template folder)."""
    accounts = inventory.accounts
    path = resource.location.path
    target = accounts.deployment_of(path)
    for block in inventory.of_type(AccountPublicAccessBlock):
        other = block.resource.location.path
        if target is not None and accounts.deployment_of(other) == target:
            return block
        if posixpath.dirname(other) == posixpath.dirname(path):
            return block
    return None


def exposure_context(resource: Resource, inventory: Inventory) -> ExposureContext:
    """The zone of trust of the account ``resource`` deploys to."""
    return ExposureContext.deployed(inventory.accounts, resource.location.path)
