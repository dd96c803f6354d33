"""Effective permissions: which policies apply to each IAM principal, and what they allow.

:func:`principal_policies` joins the inventory: for every user, role and group, the
identity-based policies that apply to it and how (:class:`PolicySource`), its permissions
boundary, and, when the caller places the principal in the Organizations tree
(:class:`AccountPlacement`), the SCPs of every level from the root down to its account.
:func:`allowed_actions` then asks :func:`policyguard.iam.evaluate.evaluate` about every catalog
action those policies may allow.

What applies to a principal
    - its inline policies (``inline_policy`` blocks, ``Policies``);
    - inline policy resources naming it (``aws_iam_role_policy``, ``AWS::IAM::Policy``...), by
      name or by reference;
    - managed policies attached by attachment resources (joined by the policy's address, or by
      the name in a customer managed policy ARN) and by ARNs written on the principal
      (``managed_policy_arns``, ``ManagedPolicyArns``);
    - AWS managed policies, from the snapshot in :mod:`policyguard.iam.managed`;
    - for a user, everything that applies to each of its groups (``groups`` written on the
      user, or membership resources, by address or by name).

Unknown is not "nothing"
    An attachment whose policy cannot be known (an ARN naming no declared or snapshot policy, a
    value not resolved statically, a group that is not declared) is kept in
    :attr:`PrincipalPolicies.unknown`, and so is an attachment that may or may not name the
    principal (``role = var.role_name``). A principal with unknowns may be allowed more (or
    less) than :func:`allowed_actions` says: the result is then incomplete
    (:attr:`PrincipalPolicies.complete` is false).

Organizations
    SCPs apply level by level, each level must allow. AWS attaches ``FullAWSAccess`` to the
    root, every OU and every account when SCPs are enabled, and scanned code rarely shows it
    detached, so each level includes it unless :attr:`AccountPlacement.full_aws_access` is
    false. SCPs do not apply in the management account.

Speed
    :func:`allowed_actions` never evaluates the whole catalog blindly. Each statement's
    ``Action``/``NotAction`` is expanded through the catalog (expansions cached per pattern and
    per statement content); the candidates are the actions the identity-based ``Allow``
    statements may grant. Nothing in an evaluation but the ``Action`` match depends on the
    action, so two actions that every statement (identity, boundary, SCP) matches alike get the
    same answer from :func:`~policyguard.iam.evaluate.evaluate`: candidates are grouped by how
    the statements match them, and one action per group is evaluated, against the statements
    that may match it (whose ``Resource`` and ``Condition`` are decided once per principal).
    Groups that a certain ``Deny``, or a policy type with no ``Allow`` that may match, denies
    are not evaluated at all. The answers are those of evaluating each action on its own; a test
    checks it over the whole catalog.
"""

from __future__ import annotations

import enum
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from policyguard.iam.catalog import Catalog
from policyguard.iam.evaluate import (
    AccountContext,
    Evaluation,
    PolicySet,
    Principal,
    PrincipalKind,
    Request,
    evaluate,
    statement_applies,
)
from policyguard.iam.managed import (
    FULL_AWS_ACCESS_SCP_ID,
    SNAPSHOT_DATE,
    full_aws_access_scp,
    managed_policy,
    parse_managed_arn,
)
from policyguard.iam.tristate import Tri
from policyguard.location import SourceLocation
from policyguard.model.accounts import ACCOUNT_ID, AccountSettings
from policyguard.model.iam import Effect, Element, PolicyDocument, PolicyKind, Statement
from policyguard.model.inventory import Inventory
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from policyguard.model.principals import (
    GroupMembership,
    PolicyAttachment,
    PolicyResource,
    PrincipalType,
)
from policyguard.model.principals import Principal as ModelPrincipal
from policyguard.model.resources import Resource
from policyguard.model.values import Located, Unresolved

__all__ = [
    "AccountPlacement",
    "PolicySource",
    "PrincipalPolicies",
    "Via",
    "allowed_actions",
    "boundary_documents",
    "principal_policies",
    "referenced_address",
]


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountPlacement:
    """Where the principals of a scan are deployed in AWS Organizations.

    ``account`` is the account: a 12-digit id, or the address of a declared account
    (``aws_organizations_account.prod``, ``Resources/Prod``). ``ou_path`` lists the levels above
    it from the root down, each a root or OU id (``r-ab12``, ``ou-ab12-cd34ef56``) or the address
    of the declared organization (its root) or OU; when empty and ``account`` is declared, the
    path is read from the declared parents. ``management_account``: the account is the
    management account (SCPs do not apply). ``full_aws_access``: every level holds AWS's default
    ``FullAWSAccess`` SCP besides those the code attaches.
    """

    account: str | None = None
    ou_path: tuple[str, ...] = ()
    management_account: bool = False
    full_aws_access: bool = True


def configured_placement(
    settings: AccountSettings,
) -> Callable[[ModelPrincipal], AccountPlacement | None]:
    """Placements from the ``[accounts] deployments`` setting: a principal is placed where the
    file that declares it deploys (an account id, or an OU or root id as the only known level
    of its path); ``None`` where the configuration does not say."""

    def place(principal: ModelPrincipal) -> AccountPlacement | None:
        target = settings.deployment_of(principal.resource.location.path)
        if target is None:
            return None
        if ACCOUNT_ID.match(target):
            return AccountPlacement(account=target)
        return AccountPlacement(ou_path=(target,))

    return place


class Via(enum.Enum):
    """How a policy comes to apply to a principal."""

    INLINE = "inline policy"
    INLINE_RESOURCE = "inline policy resource"
    ATTACHMENT = "attachment"
    POLICY_ARNS = "policy ARN written on the principal"
    PERMISSIONS_BOUNDARY = "permissions boundary"
    SCP = "SCP"


@dataclass(frozen=True, slots=True)
class PolicySource:
    """One way a document applies: ``by`` is the address of the resource that makes it apply
    (the principal, the attachment, the inline policy resource, the SCP attachment) and
    ``location`` where that is written; ``group`` is the group a user gets it through and
    ``membership`` where the user is made a member; ``level`` is an SCP's level on the OU path
    (0 is the root). AWS's default ``FullAWSAccess`` SCP has ``by`` ``p-FullAWSAccess`` and is
    located in its pseudo-file."""

    via: Via
    by: str
    location: SourceLocation
    group: str | None = None
    membership: SourceLocation | None = None
    level: int | None = None

    def describe(self) -> str:
        if self.via is Via.INLINE:
            text = f"inline in {self.by}"
        elif self.via is Via.SCP and self.by == FULL_AWS_ACCESS_SCP_ID:
            text = f"FullAWSAccess, attached by AWS at level {self.level} of the OU path"
        elif self.via is Via.SCP:
            text = f"SCP attached by {self.by} at level {self.level} of the OU path"
        else:
            text = f"{self.via.value} in {self.by}"
        return text if self.group is None else f"{text}, through group {self.group}"


class _Sources(Mapping[PolicyDocument, tuple[PolicySource, ...]]):
    """Document to sources, keyed by the document object itself (not by its value: two equal
    documents written in two places are two documents)."""

    __slots__ = ("_entries",)

    def __init__(self, entries: dict[int, tuple[PolicyDocument, tuple[PolicySource, ...]]]):
        self._entries = entries

    def __getitem__(self, document: PolicyDocument) -> tuple[PolicySource, ...]:
        entry = self._entries.get(id(document))
        if entry is None or entry[0] is not document:
            raise KeyError(document.describe())
        return entry[1]

    def __iter__(self) -> Iterator[PolicyDocument]:
        return (document for document, _ in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"_Sources({len(self)} documents)"


@dataclass(frozen=True, slots=True)
class PrincipalPolicies:
    """Everything that decides what one principal may do.

    ``identity``: the identity-based documents that apply (each once, however many ways).
    ``boundary``: the permissions boundary: a document, ``Unresolved`` when one is set but its
    document is not known, ``None`` when none is set (groups have none). ``scps``: the SCP
    documents of each level from the root to the account, ``None`` when the placement is not
    known or SCPs do not apply. ``unknown``: attachments and memberships whose policies could
    not be known. ``sources``: how each document (identity, boundary, SCP) applies.
    ``account``: the account id when the placement names one.
    """

    principal: ModelPrincipal
    identity: tuple[PolicyDocument, ...]
    boundary: PolicyDocument | Unresolved | None
    scps: tuple[tuple[PolicyDocument, ...], ...] | None
    unknown: tuple[Unresolved, ...]
    sources: Mapping[PolicyDocument, tuple[PolicySource, ...]] = field(compare=False)
    account: str | None = None
    management_account: bool = False

    @property
    def complete(self) -> bool:
        """Every policy that may apply is known."""
        return not self.unknown and not isinstance(self.boundary, Unresolved)

    def describe(self) -> str:
        return self.principal.describe()


# ---------------------------------------------------------------------------------------------
# Joining the inventory


_ACCOUNT_ID: Final = re.compile(r"\d{12}")
_TERRAFORM_REFERENCE: Final = re.compile(
    r"(?P<address>(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(?:\[(?:\d+|\"[^\"]*\")\])?)"
    r"\.[A-Za-z_]\w*"
)
_NAME: Final = re.compile(r"[\w+=,.@-]+")


def _module_prefix(resource: Resource) -> str:
    """``module.a["x"].`` for a resource of a module instance, ``""`` at the root."""
    marker = resource.address.rfind(f"{resource.type}.")
    return resource.address[:marker] if marker > 0 else ""


def referenced_address(value: Unresolved, referrer: Resource) -> str | None:
    """The address of the declared resource an unresolved value refers to, if it is a plain
    reference: ``aws_iam_policy.p.arn`` in Terraform (in the referrer's module),
    ``{"Ref": "P"}`` or ``{"Fn::GetAtt": ["P", "Arn"]}`` in CloudFormation."""
    expression = value.expression.strip()
    if expression.startswith("{"):
        try:
            call = json.loads(expression)
        except ValueError:
            return None
        if not isinstance(call, dict) or len(call) != 1:
            return None
        ((key, argument),) = call.items()
        if key == "Fn::GetAtt" and isinstance(argument, list) and argument:
            argument = argument[0]
        elif key == "Fn::GetAtt" and isinstance(argument, str):
            argument = argument.split(".", 1)[0]
        if key in ("Ref", "Fn::GetAtt") and isinstance(argument, str):
            return f"Resources/{argument}"
        return None
    match = _TERRAFORM_REFERENCE.fullmatch(expression)
    if match is None:
        return None
    return _module_prefix(referrer) + match["address"]


def _policy_name_in_arn(value: str | Unresolved) -> str | None:
    """The name of a customer managed policy in its (perhaps partly known) ARN."""
    tail = value if isinstance(value, str) else value.parts[-1]
    if tail is None or ":policy/" not in tail:
        return None
    name = tail.rsplit("/", 1)[-1]
    return name if _NAME.fullmatch(name) else None


@dataclass(slots=True)
class _Found:
    """What applies to one principal, being gathered."""

    documents: dict[int, tuple[PolicyDocument, list[PolicySource]]] = field(default_factory=dict)
    unknown: list[Unresolved] = field(default_factory=list)

    def add(self, document: PolicyDocument, source: PolicySource) -> None:
        entry = self.documents.get(id(document))
        if entry is None:
            self.documents[id(document)] = (document, [source])
        elif source not in entry[1]:
            entry[1].append(source)

    def add_unknown(self, value: Unresolved) -> None:
        if value not in self.unknown:
            self.unknown.append(value)


class _Index:
    """The inventory, indexed for joining."""

    def __init__(self, inventory: Inventory) -> None:
        self.principals = inventory.of_type(ModelPrincipal)
        self.by_address = {p.resource.address: p for p in self.principals}
        self.by_name: dict[tuple[PrincipalType, str], list[ModelPrincipal]] = defaultdict(list)
        for principal in self.principals:
            name = principal.name.known() if principal.name is not None else None
            if name is not None:
                self.by_name[principal.type, name].append(principal)
        self.policies = {p.resource.address: p for p in inventory.of_type(PolicyResource)}
        self.managed_by_name: dict[str, list[PolicyResource]] = defaultdict(list)
        for policy in self.policies.values():
            name = policy.name.known() if policy.name is not None else None
            if policy.managed and name is not None:
                self.managed_by_name[name].append(policy)
        self.inline_resources = [p for p in self.policies.values() if not p.managed]
        self.attachments = inventory.of_type(PolicyAttachment)
        self.memberships = inventory.of_type(GroupMembership)

    # Principals ---------------------------------------------------------------------------

    def named(
        self,
        element: Element,
        address: str | None,
        referrer: Resource,
        types: frozenset[PrincipalType],
    ) -> tuple[list[ModelPrincipal], list[ModelPrincipal]]:
        """The principals an element names for certain, and those it may name."""
        if address is not None and address in self.by_address:
            return [self.by_address[address]], []
        value = element.value
        if isinstance(value, Unresolved):
            referenced = referenced_address(value, referrer)
            if referenced is not None:
                found = self.by_address.get(referenced)
                return ([found] if found is not None and found.type in types else []), []
            tail = value.parts[-1]
            if tail is not None and "/" in tail and _NAME.fullmatch(tail.rsplit("/", 1)[-1]):
                name = tail.rsplit("/", 1)[-1]  # an ARN whose account alone is unknown
                return [p for kind in types for p in self.by_name.get((kind, name), ())], []
            return [], [p for p in self.principals if p.type in types and _may_name(value, p)]
        name = value.rsplit("/", 1)[-1] if value.startswith("arn:") else value
        return [p for kind in types for p in self.by_name.get((kind, name), ())], []

    # Policies -----------------------------------------------------------------------------

    def policy(
        self, element: Element, address: str | None, referrer: Resource
    ) -> tuple[list[PolicyDocument], Unresolved | None]:
        """The documents an attached policy value names, or why it is not known."""
        if address is not None and address in self.policies:
            return [self.policies[address].document], None
        value = element.value
        managed = parse_managed_arn(value)
        if managed is not None:
            document = managed_policy(value)
            if document is not None:
                return [document], None
            return [], Unresolved(
                managed.arn, f"AWS managed policy not in the snapshot of {SNAPSHOT_DATE}"
            )
        if isinstance(value, Unresolved):
            referenced = referenced_address(value, referrer)
            if referenced is not None and referenced in self.policies:
                return [self.policies[referenced].document], None
        name = _policy_name_in_arn(value)
        if name is not None and name in self.managed_by_name:
            return [policy.document for policy in self.managed_by_name[name]], None
        if isinstance(value, Unresolved):
            return [], value
        return [], Unresolved(value, "names no policy declared in the scanned code")


def _may_name(value: Unresolved, principal: ModelPrincipal) -> bool:
    """Whether an unresolved name may be the principal's (whose name may be unknown too)."""
    name = principal.name.known() if principal.name is not None else None
    return name is None or value.may_equal(name)


def _location(element: Located[str] | None, resource: Resource) -> SourceLocation:
    return element.location if element is not None else resource.location


class _Joiner:
    """Gathers what applies to each principal; a group's findings are computed once."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.direct: dict[str, _Found] = {}
        self._inline_by_principal: dict[str, list[tuple[PolicyResource, Element]]] = defaultdict(
            list
        )
        self._inline_maybe: dict[str, list[tuple[PolicyResource, Element]]] = defaultdict(list)
        for policy in index.inline_resources:
            for target in policy.attached_to:
                element = target.name
                certain, maybe = index.named(
                    element, None, policy.resource, frozenset({target.type})
                )
                for principal in certain:
                    self._inline_by_principal[principal.resource.address].append((policy, element))
                for principal in maybe:
                    self._inline_maybe[principal.resource.address].append((policy, element))
        self._attachments: dict[str, list[PolicyAttachment]] = defaultdict(list)
        self._attachments_maybe: dict[str, list[PolicyAttachment]] = defaultdict(list)
        for attachment in index.attachments:
            certain, maybe = index.named(
                attachment.principal,
                attachment.principal_address,
                attachment.resource,
                frozenset({attachment.principal_type}),
            )
            for principal in certain:
                self._attachments[principal.resource.address].append(attachment)
            for principal in maybe:
                self._attachments_maybe[principal.resource.address].append(attachment)
        self._memberships: dict[str, list[GroupMembership]] = defaultdict(list)
        self._memberships_maybe: dict[str, list[GroupMembership]] = defaultdict(list)
        users = frozenset({PrincipalType.USER})
        for membership in index.memberships:
            certain, maybe = index.named(
                membership.user, membership.user_address, membership.resource, users
            )
            for user in certain:
                self._memberships[user.resource.address].append(membership)
            for user in maybe:
                self._memberships_maybe[user.resource.address].append(membership)

    def own(self, principal: ModelPrincipal) -> _Found:
        """What applies to the principal itself (not through groups)."""
        address = principal.resource.address
        found = self.direct.get(address)
        if found is not None:
            return found
        found = _Found()
        index = self.index
        for document in principal.inline_policies:
            found.add(document, PolicySource(Via.INLINE, address, document.location))
        for policy, element in self._inline_by_principal.get(address, ()):
            found.add(
                policy.document,
                PolicySource(Via.INLINE_RESOURCE, policy.resource.address, element.location),
            )
        for policy, element in self._inline_maybe.get(address, ()):
            found.add_unknown(
                Unresolved(
                    _describe_value(element),
                    f"{policy.resource.address} may be attached to {address}",
                )
            )
        for attachment in self._attachments.get(address, ()):
            documents, unknown = index.policy(
                attachment.policy, attachment.policy_address, attachment.resource
            )
            source = PolicySource(
                Via.ATTACHMENT, attachment.resource.address, attachment.policy.location
            )
            for document in documents:
                found.add(document, source)
            if unknown is not None:
                found.add_unknown(unknown)
        for attachment in self._attachments_maybe.get(address, ()):
            found.add_unknown(
                Unresolved(
                    _describe_value(attachment.principal),
                    f"{attachment.resource.address} may attach a policy to {address}",
                )
            )
        for element in principal.managed_policy_arns:
            documents, unknown = index.policy(element, None, principal.resource)
            source = PolicySource(Via.POLICY_ARNS, address, element.location)
            for document in documents:
                found.add(document, source)
            if unknown is not None:
                found.add_unknown(unknown)
        self.direct[address] = found
        return found

    def groups(
        self, user: ModelPrincipal
    ) -> tuple[list[tuple[ModelPrincipal, SourceLocation]], list[Unresolved]]:
        """The declared groups of a user with where the membership is written, and the
        memberships whose group is not known."""
        index = self.index
        groups: list[tuple[ModelPrincipal, SourceLocation]] = []
        unknown: list[Unresolved] = []
        group_type = frozenset({PrincipalType.GROUP})

        def join(element: Element, address: str | None, referrer: Resource) -> None:
            certain, maybe = index.named(element, address, referrer, group_type)
            groups.extend((group, element.location) for group in certain)
            if certain:
                return
            if maybe or isinstance(element.value, Unresolved):
                unknown.append(Unresolved(_describe_value(element), "a group not known statically"))
            else:
                unknown.append(
                    Unresolved(
                        element.value,
                        "a group not declared in the scanned code; its policies are unknown",
                    )
                )

        for element in user.groups:
            join(element, None, user.resource)
        address = user.resource.address
        for membership in self._memberships.get(address, ()):
            join(membership.group, membership.group_address, membership.resource)
        for membership in self._memberships_maybe.get(address, ()):
            unknown.append(
                Unresolved(
                    _describe_value(membership.user),
                    f"{membership.resource.address} may make {address} a member",
                )
            )
        return groups, unknown


def _describe_value(element: Located[str]) -> str:
    value = element.value
    return value.expression if isinstance(value, Unresolved) else value


def principal_policies(
    inventory: Inventory,
    placement: AccountPlacement | Callable[[ModelPrincipal], AccountPlacement | None] | None = None,
) -> dict[str, PrincipalPolicies]:
    """The policies of every user, role and group of ``inventory``, by principal address.

    ``placement`` says where the principals are deployed in AWS Organizations: one placement
    for all, or a function giving each principal's; without one, ``scps`` is ``None``.
    """
    index = _Index(inventory)
    joiner = _Joiner(index)
    organizations = _Organizations(inventory)
    levels_cache: dict[AccountPlacement, _ScpLevels] = {}
    result: dict[str, PrincipalPolicies] = {}
    for principal in index.principals:
        found = _Found()
        own = joiner.own(principal)
        for document, sources in own.documents.values():
            for source in sources:
                found.add(document, source)
        for unknown in own.unknown:
            found.add_unknown(unknown)
        if principal.type is PrincipalType.USER:
            groups, unknown_groups = joiner.groups(principal)
            for value in unknown_groups:
                found.add_unknown(value)
            for group, membership in groups:
                group_found = joiner.own(group)
                for document, sources in group_found.documents.values():
                    for source in sources:
                        found.add(
                            document,
                            replace(source, group=group.resource.address, membership=membership),
                        )
                for value in group_found.unknown:
                    found.add_unknown(value)

        boundary = _boundary(principal, index, found)
        chosen = placement(principal) if callable(placement) else placement
        scps: tuple[tuple[PolicyDocument, ...], ...] | None = None
        account = None
        management = False
        if chosen is not None:
            account = chosen.account if _ACCOUNT_ID.fullmatch(chosen.account or "") else None
            management = chosen.management_account
            levels = levels_cache.get(chosen)
            if levels is None:
                levels = levels_cache[chosen] = organizations.levels(chosen)
            if levels.documents is not None and not management:
                scps = levels.documents
                for document, source in levels.sources:
                    found.add(document, source)
                for value in levels.unknown:
                    found.add_unknown(value)
        result[principal.resource.address] = PrincipalPolicies(
            principal=principal,
            identity=tuple(
                document for document, _ in found.documents.values() if not _is_cap(document, found)
            ),
            boundary=boundary,
            scps=scps,
            unknown=tuple(found.unknown),
            sources=_Sources(
                {
                    key: (document, tuple(sources))
                    for key, (document, sources) in found.documents.items()
                }
            ),
            account=account,
            management_account=management,
        )
    return result


def _is_cap(document: PolicyDocument, found: _Found) -> bool:
    """Whether the document is in the found set only as a boundary or an SCP."""
    _, sources = found.documents[id(document)]
    return all(source.via in (Via.PERMISSIONS_BOUNDARY, Via.SCP) for source in sources)


def _boundary(
    principal: ModelPrincipal, index: _Index, found: _Found
) -> PolicyDocument | Unresolved | None:
    element = principal.permissions_boundary
    if element is None or principal.type is PrincipalType.GROUP:
        return None
    documents, unknown = index.policy(element, None, principal.resource)
    if unknown is not None or len(documents) != 1:
        return unknown or Unresolved(
            _describe_value(element), "names more than one declared policy"
        )
    document = documents[0]
    found.add(
        document,
        PolicySource(Via.PERMISSIONS_BOUNDARY, principal.resource.address, element.location),
    )
    return document


# ---------------------------------------------------------------------------------------------
# Organizations


@dataclass(frozen=True, slots=True)
class _ScpLevels:
    documents: tuple[tuple[PolicyDocument, ...], ...] | None
    sources: tuple[tuple[PolicyDocument, PolicySource], ...] = ()
    unknown: tuple[Unresolved, ...] = ()


class _Organizations:
    """The Organizations tree and the SCP attachments of the inventory."""

    def __init__(self, inventory: Inventory) -> None:
        self.organizations = {o.resource.address: o for o in inventory.of_type(Organization)}
        self.units = {u.resource.address: u for u in inventory.of_type(OrganizationalUnit)}
        self.accounts = {a.resource.address: a for a in inventory.of_type(Account)}
        self.policies = {
            p.resource.address: p
            for p in inventory.of_type(OrganizationPolicy)
            if p.kind is PolicyKind.SCP
        }
        self.rcp_addresses = {
            p.resource.address
            for p in inventory.of_type(OrganizationPolicy)
            if p.kind is not PolicyKind.SCP
        }
        self.attachments = inventory.of_type(OrganizationPolicyAttachment)

    def path(self, placement: AccountPlacement) -> tuple[list[frozenset[str]], list[Unresolved]]:
        """The identifiers of each level from the root down to the account."""
        unknown: list[Unresolved] = []
        account = placement.account
        if placement.ou_path:
            levels = [frozenset({step}) for step in placement.ou_path]
            if placement.ou_path[0].startswith("r-") and len(self.organizations) == 1:
                levels[0] |= self.organizations.keys()  # one organization has one root
            if account is not None:
                levels.append(frozenset({account}))
            return levels, unknown
        if account is None or account not in self.accounts:
            return [], unknown
        levels = [frozenset({account})]
        node: Account | OrganizationalUnit = self.accounts[account]
        seen = {account}
        while True:
            parent = node.parent_address
            if parent is not None and parent in self.organizations:
                levels.append(frozenset({parent}))
                break
            if parent is not None and parent in self.units and parent not in seen:
                seen.add(parent)
                levels.append(frozenset({parent}))
                node = self.units[parent]
                continue
            written = node.parent.value if node.parent is not None else None
            if isinstance(written, str) and written.startswith("r-"):
                levels.append(frozenset({written}))
            else:
                unknown.append(
                    Unresolved(
                        str(written) if written is not None else node.resource.address,
                        f"the OU path above {node.resource.address} is not known",
                    )
                )
                if isinstance(written, str):
                    levels.append(frozenset({written}))
            break
        levels.reverse()
        return levels, unknown

    def levels(self, placement: AccountPlacement) -> _ScpLevels:
        path, unknown = self.path(placement)
        if not path:
            return _ScpLevels(None)
        documents: list[list[PolicyDocument]] = [[] for _ in path]
        sources: list[tuple[PolicyDocument, PolicySource]] = []
        full = full_aws_access_scp()
        if placement.full_aws_access:
            for number, level in enumerate(documents):
                level.append(full)
                sources.append(
                    (
                        full,
                        PolicySource(Via.SCP, FULL_AWS_ACCESS_SCP_ID, full.location, level=number),
                    )
                )
        for attachment in self.attachments:
            target = attachment.target_address or attachment.target.known()
            if target is None:
                if attachment.policy_address not in self.rcp_addresses:
                    unknown.append(
                        Unresolved(
                            _describe_value(attachment.target),
                            f"{attachment.resource.address} attaches an SCP to a target not "
                            "known statically",
                        )
                    )
                continue
            for number, keys in enumerate(path):
                if target not in keys:
                    continue
                document = self._document(attachment, unknown)
                if document is None or document in documents[number]:
                    continue
                documents[number].append(document)
                sources.append(
                    (
                        document,
                        PolicySource(
                            Via.SCP,
                            attachment.resource.address,
                            attachment.resource.location,
                            level=number,
                        ),
                    )
                )
        return _ScpLevels(
            tuple(tuple(level) for level in documents), tuple(sources), tuple(unknown)
        )

    def _document(
        self, attachment: OrganizationPolicyAttachment, unknown: list[Unresolved]
    ) -> PolicyDocument | None:
        address = attachment.policy_address
        if address is not None and address in self.policies:
            return self.policies[address].document
        if address is not None and address in self.rcp_addresses:
            return None
        if attachment.policy.value == FULL_AWS_ACCESS_SCP_ID:
            return full_aws_access_scp()
        reason = Unresolved(
            _describe_value(attachment.policy), "an SCP not declared in the scanned code"
        )
        unknown.append(reason)
        return PolicyDocument(
            kind=PolicyKind.SCP,
            owner=attachment.resource.address,
            name="",
            location=attachment.policy.location,
            unresolved=reason,
        )


# ---------------------------------------------------------------------------------------------
# Allowed actions


class _Region(enum.Enum):
    """How a statement's ``Action``/``NotAction`` matches an action."""

    TRUE = "T"
    MAYBE = "U"
    FALSE = "F"


@dataclass(frozen=True, slots=True)
class _Match:
    """The actions a statement matches, by region: ``default`` is the region of every action
    not listed in ``explicit`` (so only the small regions are ever spelt out)."""

    default: _Region
    explicit: tuple[tuple[_Region, frozenset[str]], ...]

    def region(self, action: str) -> _Region:
        for region, actions in self.explicit:
            if action in actions:
                return region
        return self.default


_CACHE_LIMIT: Final = 200_000
_SCAN_LIMIT: Final = 16
"""Statements with more ``Action`` elements get an index from action to element."""
_CONSTANT_FALSE: Final = _Match(_Region.FALSE, ())
_CONSTANT_MAYBE: Final = _Match(_Region.MAYBE, ())


def _values(elements: Sequence[Element] | None) -> tuple[str | Unresolved, ...] | None:
    return None if elements is None else tuple(element.value for element in elements)


def _widest(pattern: Unresolved) -> str:
    """The widest pattern an unresolved ``Action`` may be, as evaluation reads it."""
    return "".join("*" if part is None else part for part in pattern.parts)


class _Expander:
    """Catalog expansions, cached per pattern and per statement content."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.universe = catalog.expand("*")
        self.ordered = tuple(sorted(self.universe))
        self.rank = {action: number for number, action in enumerate(self.ordered)}
        self._patterns: dict[str, frozenset[str]] = {}
        self._matches: dict[tuple[bool, tuple[str, ...], tuple[str, ...]], _Match] = {}
        self._statements: dict[int, tuple[Statement, _Match]] = {}
        self._elements: dict[int, tuple[Statement, dict[str, Element]]] = {}
        self._rests: dict[object, Tri] = {}

    def expand(self, pattern: str) -> frozenset[str]:
        key = pattern.lower()
        found = self._patterns.get(key)
        if found is None:
            found = self._patterns[key] = self.catalog.expand(key)
        return found

    def union(self, patterns: Iterable[str]) -> frozenset[str]:
        result: frozenset[str] = frozenset()
        size = len(self.universe)
        for pattern in patterns:
            expanded = self.expand(pattern)
            if len(expanded) == size:
                return self.universe
            result = result | expanded if result else expanded
        return result

    def rest(self, statement: Statement, probe: Request, *, scp: bool) -> Tri:
        """:func:`_rest`, cached by what it depends on."""
        resources = statement.resources
        if (
            not statement.conditions
            and not statement.unresolved
            and resources is not None
            and all(element.value == "*" for element in resources)
        ):
            return Tri.TRUE
        key = (
            scp,
            _values(resources),
            _values(statement.not_resources),
            tuple((c.operator, c.key, _values(c.values)) for c in statement.conditions),
            statement.unresolved,
            probe.principal,
            probe.resource,
        )
        found = self._rests.get(key)
        if found is None:
            if len(self._rests) >= _CACHE_LIMIT:
                self._rests.clear()
            found = self._rests[key] = _rest(statement, probe, scp=scp)
        return found

    def matching_element(self, statement: Statement, action: str) -> Element | None:
        """The first known ``Action`` element of ``statement`` that matches ``action``."""
        elements = statement.actions or ()
        if len(elements) <= _SCAN_LIMIT:
            for element in elements:
                if isinstance(element.value, str) and action in self.expand(element.value):
                    return element
            return None
        cached = self._elements.get(id(statement))
        if cached is None or cached[0] is not statement:
            index: dict[str, Element] = {}
            for element in reversed(elements):
                if isinstance(element.value, str):
                    index.update(dict.fromkeys(self.expand(element.value), element))
            if len(self._elements) >= _CACHE_LIMIT:
                self._elements.clear()
            cached = self._elements[id(statement)] = (statement, index)
        return cached[1].get(action)

    def statement(self, statement: Statement) -> _Match:
        cached = self._statements.get(id(statement))
        if cached is not None and cached[0] is statement:
            return cached[1]
        match = self._statement(statement)
        if len(self._statements) >= _CACHE_LIMIT:
            self._statements.clear()  # statements of earlier scans; keep memory bounded
        self._statements[id(statement)] = (statement, match)
        return match

    def _statement(self, statement: Statement) -> _Match:
        negative = statement.actions is None
        elements = statement.actions if statement.actions is not None else statement.not_actions
        if elements is None:
            return _CONSTANT_MAYBE if statement.unresolved else _CONSTANT_FALSE
        known = tuple(sorted({e.value.lower() for e in elements if isinstance(e.value, str)}))
        widest = tuple(
            sorted({_widest(e.value).lower() for e in elements if isinstance(e.value, Unresolved)})
        )
        key = (negative, known, widest)
        match = self._matches.get(key)
        if match is None:
            if len(self._matches) >= _CACHE_LIMIT:
                self._matches.clear()
            match = self._matches[key] = self._regions(negative, known, widest)
        return match

    def _regions(self, negative: bool, known: tuple[str, ...], widest: tuple[str, ...]) -> _Match:
        universe = self.universe
        hits = self.union(known)
        maybe = self.union(widest) - hits if widest else frozenset()
        inside, outside = (
            (_Region.FALSE, _Region.TRUE) if negative else (_Region.TRUE, _Region.FALSE)
        )
        regions = [(inside, hits), (_Region.MAYBE, maybe)]
        covered = len(hits) + len(maybe)
        if covered * 2 <= len(universe):
            return _Match(outside, tuple((r, a) for r, a in regions if a))
        rest = frozenset() if covered == len(universe) else universe - hits - maybe
        regions.append((outside, rest))
        largest = max(range(len(regions)), key=lambda i: len(regions[i][1]))
        default = regions.pop(largest)[0]
        return _Match(default, tuple((r, a) for r, a in regions if a))


_EXPANDERS: dict[int, tuple[Catalog, _Expander]] = {}


def _expander(catalog: Catalog) -> _Expander:
    entry = _EXPANDERS.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        entry = _EXPANDERS[id(catalog)] = (catalog, _Expander(catalog))
    return entry[1]


@dataclass(frozen=True, slots=True)
class _Slot:
    """One statement taking part in the evaluation; ``document`` is the index of its document in
    the flattened list (identity, then boundary, then SCP levels)."""

    statement: Statement
    match: _Match
    document: int


_REGION_BITS: Final = {_Region.TRUE: 0, _Region.MAYBE: 1, _Region.FALSE: 2}


class _ExpansionMatcher:
    """Action matching for catalog actions, by the cached expansions: the same answers as the
    catalog's wildcard matching, without matching text."""

    __slots__ = ("_expander",)

    def __init__(self, expander: _Expander) -> None:
        self._expander = expander

    def matches(self, pattern: str, action: str) -> bool:
        return action in self._expander.expand(pattern)


def _may_allow(statement: Statement) -> bool:
    return statement.effect.value is not Effect.DENY


def _request_principal(policies: PrincipalPolicies) -> Principal:
    kind = (
        PrincipalKind.ROLE if policies.principal.type is PrincipalType.ROLE else PrincipalKind.USER
    )
    return Principal(kind=kind, account=policies.account)


def boundary_documents(policies: PrincipalPolicies) -> tuple[PolicyDocument, ...] | None:
    """The principal's permissions boundary as documents to evaluate: ``None`` without one,
    a stand-in document saying why when it is not known."""
    boundary = policies.boundary
    if boundary is None:
        return None
    if isinstance(boundary, PolicyDocument):
        return (boundary,)
    principal = policies.principal
    element = principal.permissions_boundary
    return (
        PolicyDocument(
            kind=PolicyKind.PERMISSIONS_BOUNDARY,
            owner=principal.resource.address,
            name="permissions_boundary",
            location=_location(element, principal.resource),
            unresolved=boundary,
        ),
    )


@dataclass(frozen=True, slots=True)
class _Pool:
    """The candidate actions: ``actions``, or (``everything_but``) every action but those."""

    actions: frozenset[str]
    everything_but: bool

    def __contains__(self, action: str) -> bool:
        return (action in self.actions) is not self.everything_but

    def within(self, actions: frozenset[str]) -> Iterable[str]:
        if self.everything_but:
            return actions - self.actions if self.actions else actions
        return actions & self.actions

    def empty(self) -> bool:
        return not self.everything_but and not self.actions


def allowed_actions(
    policies: PrincipalPolicies, catalog: Catalog, resource: str = "*"
) -> dict[str, Evaluation]:
    """Every catalog action ``policies`` allow on ``resource``, certainly or under conditions,
    with its evaluation, in catalog order.

    ``resource`` is an ARN, or ``*`` (the default) for "every resource": statements whose
    ``Resource`` covers only some resources then do not count. Only actions some identity-based
    ``Allow`` statement may grant are evaluated. When ``policies`` is incomplete the answer is
    what the known policies allow.
    """
    setup = _Setup.of(policies, _expander(catalog), resource)
    slots = setup.slots
    pool = _candidates(setup, slots)
    if pool.empty():
        return {}
    expander = setup.expander

    # Group the candidates by the statements whose region is not their default: every action
    # of a group gets the same evaluation.
    touched: dict[str, int] = {}
    for number, slot in enumerate(slots):
        for region, actions in slot.match.explicit:
            bit = 1 << (3 * number + _REGION_BITS[region])
            for action in pool.within(actions):
                touched[action] = touched.get(action, 0) | bit
    representatives = {key: action for action, key in touched.items()}
    evaluations = {key: setup.evaluate(action, key) for key, action in representatives.items()}
    allowed = {key: e for key, e in evaluations.items() if e is not None and e.allowed}

    if pool.everything_but:
        excluded = pool.actions
        ordered: Sequence[str] = (
            [action for action in expander.ordered if action not in excluded]
            if excluded
            else expander.ordered
        )
    else:
        ordered = sorted(pool.actions, key=expander.rank.__getitem__)
    default_action = next((a for a in ordered if a not in touched), None)
    default = setup.evaluate(default_action, 0) if default_action is not None else None
    if default is not None and default.allowed:
        result = dict.fromkeys(ordered, default)
        for action, key in touched.items():
            evaluation = allowed.get(key)
            if evaluation is not None:
                result[action] = evaluation
            else:
                del result[action]
        return result
    if not allowed:
        return {}
    return {
        action: allowed[deviations]
        for action in ordered
        if (deviations := touched.get(action)) is not None and deviations in allowed
    }


def _candidates(setup: _Setup, slots: Sequence[_Slot]) -> _Pool:
    """The actions identity-based statements may allow."""
    if any(document.unresolved is not None for document in setup.identity):
        return _Pool(frozenset(), everything_but=True)
    positive: list[frozenset[str]] = []
    excluded: frozenset[str] | None = None
    for slot in slots:
        if slot.document >= setup.first_cap or not _may_allow(slot.statement):
            continue
        match = slot.match
        if match.default is _Region.FALSE:
            positive.extend(actions for _, actions in match.explicit)
            continue
        outside = frozenset().union(
            *(actions for region, actions in match.explicit if region is _Region.FALSE)
        )
        excluded = outside if excluded is None else excluded & outside
    if excluded is None:
        return _Pool(frozenset().union(*positive), everything_but=False)
    for actions in positive:
        if not excluded:
            break
        excluded = excluded - actions
    return _Pool(excluded, everything_but=True)


_IDENTITY: Final = -1
_UNKNOWN_REST: Final = Unresolved(
    "Resource and Condition", "evaluated once for every action, with the same answer"
)


@dataclass(slots=True)
class _Setup:
    """What stays the same across the evaluations of one principal.

    Whether a statement's ``Resource`` and ``Condition`` hold does not depend on the action, so
    it is decided once per statement (``rest``); statements for which it is false take no part.
    Each evaluation then sees stand-ins for the statements that may match the action: the same
    ``Effect``, ``Sid`` and position, one ``Action`` element that matches (or the unresolved
    ones that may), ``Resource: *``, and an unknown condition part when ``rest`` was unknown.
    The evaluation's deciding statements are mapped back to the written ones.
    """

    policies: PrincipalPolicies
    expander: _Expander
    documents: list[PolicyDocument]
    first_cap: int
    boundaries: tuple[PolicyDocument, ...] | None
    slots: list[_Slot]
    rest: list[Tri]
    always: list[bool]
    """Per slot: an ``Allow`` of every action whose ``Resource`` and ``Condition`` hold."""
    caps: list[int]
    """Per document: the policy type that must allow (``_IDENTITY``, the boundary, each SCP
    level), named by the index of its first document."""
    scp_caps: frozenset[int]
    must_allow: frozenset[int]
    open_caps: frozenset[int]
    """Policy types holding an unreadable document (which may allow)."""
    stand_ins: dict[tuple[int, _Region, int], Statement]
    written: dict[int, Statement]
    """Stand-in to the statement it stands for (the stand-ins are kept in ``stand_ins``)."""
    resource: str
    request_principal: Principal
    account: AccountContext
    matcher: _ExpansionMatcher

    @property
    def identity(self) -> list[PolicyDocument]:
        return self.documents[: self.first_cap]

    @classmethod
    def of(cls, policies: PrincipalPolicies, expander: _Expander, resource: str) -> _Setup:
        boundaries = boundary_documents(policies)
        documents: list[PolicyDocument] = list(policies.identity)
        first_cap = len(documents)
        documents += boundaries or ()
        for level in policies.scps or ():
            documents += level
        own = _names_no_account(resource)
        account_id = policies.account or (_OWN_ACCOUNT if own else None)
        setup = cls(
            policies=policies,
            expander=expander,
            documents=documents,
            first_cap=first_cap,
            boundaries=boundaries,
            slots=[],
            rest=[],
            always=[],
            caps=[],
            scp_caps=frozenset(),
            must_allow=frozenset(),
            open_caps=frozenset(),
            stand_ins={},
            written={},
            resource=resource,
            request_principal=_request_principal(policies),
            account=AccountContext(
                principal_account=account_id,
                resource_account=account_id if own else None,
                is_management_account=policies.management_account,
            ),
            matcher=_ExpansionMatcher(expander),
        )
        probe = Request(
            principal=setup.request_principal, action=expander.ordered[0], resource=resource
        )
        caps = [_IDENTITY] * first_cap + [first_cap] * (len(documents) - first_cap)
        first_scp = first_cap + len(boundaries or ())
        for level in policies.scps or ():
            caps[first_scp : first_scp + len(level)] = [first_scp] * len(level)
            first_scp += len(level)
        found: list[tuple[_Slot, Tri]] = []
        certain: set[int] = set()  # caps with an Allow of every action, always
        for number, document in enumerate(documents):
            if document.unresolved is not None:
                continue
            scp = number >= first_cap + len(boundaries or ())
            for statement in document.statements:
                rest = expander.rest(statement, probe, scp=scp)
                if rest is Tri.FALSE:
                    continue
                match = expander.statement(statement)
                slot = _Slot(statement, match, number)
                found.append((slot, rest))
                if (
                    number >= first_cap
                    and rest is Tri.TRUE
                    and match.default is _Region.TRUE
                    and not match.explicit
                    and statement.effect.value is Effect.ALLOW
                ):
                    certain.add(caps[number])
        kept: set[int] = set()
        for slot, rest in found:
            cap = caps[slot.document]
            always = (
                rest is Tri.TRUE
                and slot.match.default is _Region.TRUE
                and not slot.match.explicit
                and slot.statement.effect.value is Effect.ALLOW
            )
            if cap in certain and slot.statement.effect.value is Effect.ALLOW:
                # A cap that always allows: its other allows change nothing; keep one.
                if cap in kept or not always:
                    continue
                kept.add(cap)
            setup.slots.append(slot)
            setup.rest.append(rest)
            setup.always.append(always)
        setup.caps = caps
        setup.scp_caps = frozenset(caps[first_cap + len(boundaries or ()) :])
        setup.must_allow = frozenset(caps) | {_IDENTITY}
        setup.open_caps = frozenset(
            caps[number] for number, document in enumerate(documents) if document.unresolved
        )
        return setup

    def evaluate(self, action: str, key: int) -> Evaluation | None:
        """Evaluate ``action``, whose regions differ from the defaults as ``key`` says;
        ``None`` when it is denied for sure without evaluating (a certain explicit ``Deny``, or a
        policy type that must allow and has no ``Allow`` that may match)."""
        keep: dict[int, list[Statement]] = defaultdict(list)
        may_allow = set(self.open_caps)
        scps_matter = bool(self.open_caps & self.scp_caps)
        slots, rests, caps, scp_caps = self.slots, self.rest, self.caps, self.scp_caps
        for number, slot in enumerate(slots):
            bits = (key >> (3 * number)) & 0b111
            region = (
                slot.match.default
                if not bits
                else _Region.TRUE
                if bits & 1
                else _Region.MAYBE
                if bits & 2
                else _Region.FALSE
            )
            if region is _Region.FALSE:
                continue
            rest = rests[number]
            effect = slot.statement.effect.value
            if effect is Effect.DENY and region is _Region.TRUE and rest is Tri.TRUE:
                return None
            cap = caps[slot.document]
            if effect is not Effect.DENY:
                may_allow.add(cap)
            if cap in scp_caps and not self.always[number]:
                scps_matter = True
            keep[slot.document].append(self._stand_in(number, region, action))
        if not self.must_allow <= may_allow:
            return None
        reduced = [
            _reduced(number, document, keep) for number, document in enumerate(self.documents)
        ]
        identity = [document for document in reduced[: self.first_cap] if document is not None]
        position = self.first_cap
        boundaries = None
        if self.boundaries is not None:
            boundaries = [d for d in reduced[position : position + len(self.boundaries)] if d]
            position += len(self.boundaries)
        scps = None
        if self.policies.scps is not None and scps_matter:
            # (Levels that only hold an Allow of everything change nothing: left out.)
            scps = []
            for level in self.policies.scps:
                scps.append([d for d in reduced[position : position + len(level)] if d])
                position += len(level)
        evaluation = evaluate(
            Request(principal=self.request_principal, action=action, resource=self.resource),
            PolicySet(identity=identity, boundaries=boundaries, scps=scps),
            self.account,
            self.matcher,
        )
        if not evaluation.deciding:
            return evaluation
        written = self.written
        return replace(
            evaluation,
            deciding=tuple(written.get(id(s), s) for s in evaluation.deciding),
        )

    def _stand_in(self, number: int, region: _Region, action: str) -> Statement:
        """The stand-in for slot ``number`` (see the class documentation), cached."""
        slot = self.slots[number]
        statement = slot.statement
        if statement.actions is None and statement.not_actions is None:
            return statement  # unreadable: evaluated as written
        element = (
            self.expander.matching_element(statement, action)
            if region is _Region.TRUE and statement.actions is not None
            else None
        )
        key = (number, region, id(element))
        cached = self.stand_ins.get(key)
        if cached is not None:
            return cached
        actions: tuple[Element, ...] | None = None
        not_actions: tuple[Element, ...] | None = None
        if statement.actions is not None:
            if element is not None:
                actions = (element,)
            elif region is _Region.TRUE:
                actions = statement.actions
            else:
                actions = tuple(e for e in statement.actions if isinstance(e.value, Unresolved))
        else:
            assert statement.not_actions is not None
            not_actions = (
                ()
                if region is _Region.TRUE
                else tuple(e for e in statement.not_actions if isinstance(e.value, Unresolved))
            )
        stand_in = Statement(
            location=statement.location,
            index=statement.index,
            sid=statement.sid,
            effect=statement.effect,
            actions=actions,
            not_actions=not_actions,
            resources=(Located("*", statement.location),),
            unresolved=(_UNKNOWN_REST,) if self.rest[number] is Tri.UNKNOWN else (),
        )
        self.stand_ins[key] = stand_in
        self.written[id(stand_in)] = statement
        return stand_in


def _rest(statement: Statement, probe: Request, *, scp: bool) -> Tri:
    """Whether the statement's ``Resource`` and ``Condition`` hold for the request (they do not
    depend on the action); organization policies read a missing ``Resource`` as ``*``."""
    resources = statement.resources
    if scp and resources is None and statement.not_resources is None:
        resources = (Located("*", statement.location),)
    return statement_applies(
        replace(
            statement,
            actions=(Located("*", statement.location),),
            not_actions=None,
            resources=resources,
        ),
        probe,
        _EVERY_ACTION,
    )


class _EveryAction:
    """A matcher for the probe, whose ``Action`` is ``*``."""

    def matches(self, pattern: str, action: str) -> bool:
        return pattern == "*"


_EVERY_ACTION: Final = _EveryAction()


def _reduced(
    number: int, document: PolicyDocument, keep: dict[int, list[Statement]]
) -> PolicyDocument | None:
    """The document with only the given statements (``None`` when there are none); unreadable
    documents stay whole."""
    if document.unresolved is not None:
        return document
    statements = keep.get(number)
    if not statements:
        return None
    return PolicyDocument(
        document.kind,
        document.owner,
        document.name,
        document.location,
        document.version,
        tuple(statements),
    )


_OWN_ACCOUNT: Final = "<own account>"
"""Stands for the principal's account when its id is not known: requests on resources whose
ARN names no account are taken to stay in it."""


def _names_no_account(resource: str) -> bool:
    if resource == "*":
        return True
    parts = resource.split(":", 5)
    return len(parts) < 6 or not parts[4]
