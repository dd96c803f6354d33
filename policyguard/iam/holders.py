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
    """The policies of each user, group and role of an inventory: ``by_unit`` within each
    deployment unit, by address; :meth:`of` for one principal; :meth:`holding` for the
    principals that hold an identity document. Looked up by identity: the model objects are
    deep, and hashing them on every lookup would cost more than the join."""

    by_unit: Mapping[str, Mapping[str, PrincipalPolicies]]
    _by_principal: Mapping[int, PrincipalPolicies]
    _by_document: Mapping[int, tuple[PrincipalPolicies, ...]]

    def of(self, principal: Principal) -> PrincipalPolicies | None:
        """The policies of ``principal``, an object of the inventory."""
        return self._by_principal.get(id(principal))

    def holding(self, document: PolicyDocument) -> tuple[PrincipalPolicies, ...]:
        """The principals whose identity policies include ``document``."""
        return self._by_document.get(id(document), ())


def holders_of(inventory: Inventory) -> Holders:
    """:func:`~policyguard.iam.effective.principal_policies` of each deployment unit of
    ``inventory``, with principals placed where the ``[accounts] deployments`` setting says."""
    return inventory.derived(_holders)


def _holders(inventory: Inventory) -> Holders:
    from policyguard.iam.effective import configured_placement, principal_policies

    placement = configured_placement(inventory.accounts)
    by_unit: dict[str, Mapping[str, PrincipalPolicies]] = {}
    by_principal: dict[int, PrincipalPolicies] = {}
    by_document: dict[int, tuple[PrincipalPolicies, ...]] = {}
    for unit in deployment_units(inventory):
        joined = principal_policies(unit, placement)
        for policies in joined.values():
            by_principal[id(policies.principal)] = policies
            by_unit[unit_of(policies.principal)] = joined
            for document in policies.identity:
                by_document[id(document)] = (*by_document.get(id(document), ()), policies)
    return Holders(by_unit, by_principal, by_document)


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
