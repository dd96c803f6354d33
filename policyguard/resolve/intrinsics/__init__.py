"""CloudFormation's intrinsic functions, conditions and ``AWS::LanguageExtensions``, evaluated
statically, one template at a time.

:mod:`.resolver` holds the resolver; the functions are grouped in :mod:`.references`,
:mod:`.strings`, :mod:`.lists_and_maps` and :mod:`.conditions` (:mod:`.functions` has the one
table), loops in :mod:`.foreach`, and :mod:`.nodes` reads and builds nodes without evaluating.

:class:`TemplateResolver` is a template's :data:`~policyguard.extract.values.Resolver`. Called
on a node, it returns the literal node that the node computes, or an :class:`Unresolved` that
says why the value is known only at deployment. Resolution is *shallow*: a ``Mapping`` or
``Sequence`` comes back with children that may still be intrinsics, which readers resolve as
they reach them (so a policy keeps the position of every element it is written with).

Decisions, where CloudFormation leaves a choice to a static reader:

- **Parameters** take their ``Default``: ``Ref`` returns the default's own node, with the
  default's span. ``CommaDelimitedList`` and ``List<...>`` defaults become lists (members
  trimmed, each with its own span). A parameter without a default, or of an SSM type (the
  default names the SSM parameter, not the value), is ``Unresolved`` naming the parameter.
- **Pseudo parameters** (``AWS::AccountId``, ``AWS::Region``, ``AWS::Partition``,
  ``AWS::URLSuffix``, ``AWS::StackName``, ...) are ``Unresolved(name, "pseudo parameter")``:
  unknown, and known to be one string. ``AWS::Partition`` is not assumed to be ``aws``
  (China and GovCloud exist). ``AWS::NoValue`` removes the mapping entry or list element that
  holds it: containers come back without them, and :meth:`TemplateResolver.absent` tells it.
- **Resources**: ``Ref`` and ``Fn::GetAtt`` of a resource are ``Unresolved`` naming it (the
  physical id is known after deployment); an attribute whose name ends in ``Arn`` of an
  ``AWS::`` resource is known to start with ``arn:``.
- **Conditions** are evaluated over known values (parameter defaults count as known).
  ``Fn::Equals`` of a known string and an unknown one whose known pieces exclude it is false.
  When a condition is unknown, ``Fn::If`` keeps both branches: a value both agree on is
  known; two mappings with the same keys, or two lists of one length, become one container
  whose differing children are ``Fn::If`` of the two (so the common structure of two policy
  documents stays readable); two strings become an ``Unresolved`` whose ``parts`` keep their
  common prefix and suffix; anything else is ``Unresolved(expression, "depends on condition
  NAME")``. ``Fn::FindInMap`` with an unknown key does the same over every candidate value.
- ``Fn::Sub`` of a JSON object text (a policy written as a string) with variables is read as
  the JSON structure, each string that holds a variable becoming an ``Fn::Join``: the
  elements keep their positions and known pieces even when a variable stays unknown.
- ``Fn::ToJsonString`` returns its argument's structure (as ``jsonencode`` is read), so policy
  readers can read it; ``Fn::Length``, ``Fn::Base64``, ``Fn::Cidr``, ``Fn::Select``,
  ``Fn::Split`` are computed when their arguments are known. ``Fn::ImportValue``,
  ``Fn::GetAZs`` and ``Fn::Transform`` are ``Unresolved``. The LanguageExtensions functions
  are evaluated whether or not the template declares the transform.
- ``Fn::ForEach`` loops in ``Resources`` (also in resource properties) and ``Conditions`` are
  expanded when the resolver is made; ``${Id}`` and ``&{Id}`` are replaced in keys and
  strings, ``Ref: Id`` becomes the collection member with the member's span. A loop whose
  collection is not resolved statically is left out, with a note in :attr:`diagnostics`.

Bounds: evaluation that nests more than :data:`MAX_NESTING` intrinsics, or computes a string
longer than :data:`MAX_STRING` characters, returns an ``Unresolved`` saying so. Loop expansion
beyond :data:`MAX_LOOP_NESTING` nested loops, :data:`MAX_LOOP_COPIES` copies or
:data:`MAX_LOOP_NODES` copied nodes raises :class:`~policyguard.diagnostics.LimitExceeded`
from the constructor.
"""

from __future__ import annotations

from policyguard.resolve.intrinsics.conditions import either
from policyguard.resolve.intrinsics.evaluation import MAX_NESTING
from policyguard.resolve.intrinsics.foreach import MAX_LOOP_COPIES, MAX_LOOP_NESTING, MAX_LOOP_NODES
from policyguard.resolve.intrinsics.functions import FUNCTIONS
from policyguard.resolve.intrinsics.nodes import (
    LOOP_PREFIX,
    NO_VALUE,
    PSEUDO_PARAMETER,
    PSEUDO_PARAMETERS,
    intrinsic_call,
    render,
    replace_value,
    scalar_text,
    split_scalar,
)
from policyguard.resolve.intrinsics.resolver import Implied, TemplateResolver, TemplateResource
from policyguard.resolve.intrinsics.strings import MAX_STRING

__all__ = [
    "FUNCTIONS",
    "LOOP_PREFIX",
    "MAX_LOOP_COPIES",
    "MAX_LOOP_NESTING",
    "MAX_LOOP_NODES",
    "MAX_NESTING",
    "MAX_STRING",
    "NO_VALUE",
    "PSEUDO_PARAMETER",
    "PSEUDO_PARAMETERS",
    "Implied",
    "TemplateResolver",
    "TemplateResource",
    "either",
    "intrinsic_call",
    "render",
    "replace_value",
    "scalar_text",
    "split_scalar",
]
