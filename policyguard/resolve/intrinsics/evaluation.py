"""What the intrinsic functions see of the template resolver, and the values they compute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeAlias

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node

MAX_NESTING = 64
"""Intrinsic functions nested in one evaluation (references through ``Fn::Sub`` included)."""


@dataclass(frozen=True, slots=True)
class Absent:
    """What ``AWS::NoValue`` evaluates to."""


ABSENT = Absent()
Value: TypeAlias = "Node | Unresolved | Absent"
Text: TypeAlias = "str | Unresolved"


class Evaluator(Protocol):
    """The template being resolved, as its intrinsic functions use it."""

    def __call__(self, node: Node) -> Node | Unresolved:
        """The literal node ``node`` computes (children unresolved), or why it is unknown."""

    def resolve(self, node: Node, depth: int) -> Value:
        """What ``node`` computes at nesting ``depth``; :data:`ABSENT` for ``AWS::NoValue``."""

    def text(self, node: Node, depth: int = 0) -> Text:
        """``node`` as a string (numbers and booleans as CloudFormation writes them)."""

    def condition(self, name: str) -> bool | None:
        """The value of the condition ``name``, or ``None`` when it is not known statically."""

    def parameter(self, name: str) -> Node | None:
        """The declaration of the parameter ``name``, or ``None``."""

    def mapping(self, name: str) -> Node | None:
        """The table of ``Mappings`` named ``name``, or ``None``."""

    def is_resource(self, name: str) -> bool:
        """Whether ``name`` is the logical id of a resource (declared, generated or implied)."""

    def resource_type(self, name: str) -> str | None:
        """The type of the resource ``name``, or ``None``."""


Function = Callable[[Evaluator, Mapping, Node, int], Value]
"""An intrinsic function: the resolver, the call, its argument and the nesting depth inside it."""
