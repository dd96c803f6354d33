"""The effective policies of every principal of an inventory, and its assume-role graphs,
computed once per inventory (:meth:`Inventory.derived`) and per deployment unit.

Rules that judge principals are called once per principal or document; joining the inventory
each time would repeat the same work. Each deployment unit (a Terraform root module, a template)
is joined on its own (:mod:`policyguard.iam.units`). The engine is imported when first
needed, so that plugins may import this module while ``policyguard rules`` stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyguard.iam.units import deployment_units, unit_of
from policyguard.model import Inventory, PolicyDocument, Principal

if TYPE_CHECKING:
    from policyguard.iam.effective import PrincipalPolicies
    from policyguard.iam.reachability import Reachability


@dataclass(frozen=True, slots=True)
class Holders:
    """``principals``: the policies of each user, group and role; ``by_unit``: the same within
    each deployment unit, by address; ``held``: the identity documents some principal holds."""

    principals: Mapping[Principal, PrincipalPolicies]
    by_unit: Mapping[str, Mapping[str, PrincipalPolicies]]
    held: frozenset[PolicyDocument]


def holders_of(inventory: Inventory) -> Holders:
    """:func:`~policyguard.iam.effective.principal_policies` of each deployment unit of
    ``inventory``, with principals placed where the ``[accounts] deployments`` setting says."""
    return inventory.derived(_holders)


def _holders(inventory: Inventory) -> Holders:
    from policyguard.iam.effective import configured_placement, principal_policies

    placement = configured_placement(inventory.accounts)
    by_unit: dict[str, Mapping[str, PrincipalPolicies]] = {}
    principals: dict[Principal, PrincipalPolicies] = {}
    for unit in deployment_units(inventory):
        joined = principal_policies(unit, placement)
        for policies in joined.values():
            principals[policies.principal] = policies
            by_unit[unit_of(policies.principal)] = joined
    held = frozenset(d for p in principals.values() for d in p.identity)
    return Holders(principals, by_unit, held)


def reachability_of(inventory: Inventory, principal: Principal) -> Reachability:
    """The assume-role and pass-role graph of the deployment unit that declares ``principal``."""
    return inventory.derived(_reachability)[unit_of(principal)]


def _reachability(inventory: Inventory) -> dict[str, Reachability]:
    from policyguard.iam.catalog import load_catalog
    from policyguard.iam.reachability import Reachability

    catalog = load_catalog()
    return {
        unit_of(principals[0]): Reachability.of(unit, catalog)
        for unit in deployment_units(inventory)
        if (principals := unit.of_type(Principal))
    }
