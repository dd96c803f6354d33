"""The resolver of one template: intrinsic functions evaluated on demand and memoized, its
resources once ``Fn::ForEach`` loops are expanded."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from policyguard.diagnostics import Diagnostic
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.conditions import if_arguments, truth_of
from policyguard.resolve.intrinsics.evaluation import MAX_NESTING, Absent, Value
from policyguard.resolve.intrinsics.foreach import LoopExpander
from policyguard.resolve.intrinsics.functions import FUNCTIONS
from policyguard.resolve.intrinsics.nodes import (
    LOOP_PREFIX,
    NO_VALUE,
    as_mapping,
    intrinsic_call,
    render,
    scalar_text,
)


@dataclass(frozen=True, slots=True)
class TemplateResource:
    """A resource once loops are expanded: its logical id, where the id is written, its body."""

    logical_id: str
    key_span: Span
    definition: Mapping

    @property
    def type(self) -> str:
        node = self.definition.get("Type")
        return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else ""


Implied = Callable[[TemplateResource], Iterable[tuple[str, str]]]
"""Resources a transform adds for a resource, as ``(logical id, type)`` (SAM's roles)."""


class TemplateResolver:
    """The intrinsics of one template (``root``, the file at ``path``).

    ``implied`` names resources that a transform adds (they count as resources for ``Ref``
    and ``Fn::GetAtt``). :attr:`resources` are the template's resources after loop
    expansion; :attr:`diagnostics` are notes about loops that could not be expanded.
    """

    def __init__(self, root: Mapping, path: str = "", *, implied: Implied | None = None) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._parameters = _section(root, "Parameters")
        self._mappings = _section(root, "Mappings")
        self._memo: dict[int, tuple[Node, Value]] = {}
        self._absent_memo: dict[int, tuple[Node, bool]] = {}
        self._truths: dict[str, bool | None] = {}
        self._evaluating: set[str] = set()
        raw = _section(root, "Resources")
        self._types = {
            e.key: _type_of(e.value) for e in raw.entries if not e.key.startswith(LOOP_PREFIX)
        }
        loops = LoopExpander(self, path, self.diagnostics)
        self._conditions = _section(root, "Conditions")  # loops may refer to plain conditions
        self._conditions = as_mapping(loops.expand(self._conditions, 0))
        expanded = as_mapping(loops.expand(raw, 0))
        self.resources = tuple(
            TemplateResource(e.key, e.key_span, e.value)
            for e in expanded.entries
            if isinstance(e.value, Mapping)
        )
        self._types = {r.logical_id: r.type for r in self.resources}
        for resource in self.resources:
            for name, kind in implied(resource) if implied is not None else ():
                self._types.setdefault(name, kind)
        self._memo.clear()
        self._absent_memo.clear()

    # --- public -----------------------------------------------------------------------------

    def __call__(self, node: Node) -> Node | Unresolved:
        """The literal node ``node`` computes (children unresolved), or why it is unknown."""
        value = self.resolve(node, 0)
        if isinstance(value, Absent):
            return Unresolved(render(node), "AWS::NoValue removes this value")
        return value

    def absent(self, node: Node) -> bool:
        """Whether ``node`` evaluates to ``AWS::NoValue`` (the property or element is removed)."""
        return self._is_absent(node, 0)

    def text(self, node: Node, depth: int = 0) -> str | Unresolved:
        """``node`` as a string (numbers and booleans as CloudFormation writes them)."""
        value = self.resolve(node, depth)
        if isinstance(value, Unresolved):
            return value
        if isinstance(value, Absent):
            return Unresolved(render(node), "AWS::NoValue where a value is needed")
        if isinstance(value, Scalar):
            if value.value is None:
                return Unresolved(render(node), "null where a string is needed")
            return scalar_text(value.value)
        return Unresolved(render(node), f"a {_kind(value)} where a string is needed")

    def condition(self, name: str) -> bool | None:
        """The value of the condition ``name``, or ``None`` when it is not known statically."""
        if name in self._truths:
            return self._truths[name]
        node = self._conditions.get(name)
        if node is None or name in self._evaluating:
            return None
        self._evaluating.add(name)
        try:
            result = truth_of(self, node, 0)
        finally:
            self._evaluating.discard(name)
        self._truths[name] = result
        return result

    def is_resource(self, name: str) -> bool:
        """Whether ``name`` is the logical id of a resource (declared, generated or implied)."""
        return name in self._types

    def resource_type(self, name: str) -> str | None:
        return self._types.get(name)

    def parameter(self, name: str) -> Node | None:
        """The declaration of the parameter ``name``, or ``None``."""
        return self._parameters.get(name)

    def mapping(self, name: str) -> Node | None:
        """The table of ``Mappings`` named ``name``, or ``None``."""
        return self._mappings.get(name)

    # --- evaluation -------------------------------------------------------------------------

    def resolve(self, node: Node, depth: int) -> Value:
        """What ``node`` computes at nesting ``depth``; :data:`ABSENT` for ``AWS::NoValue``."""
        cached = self._memo.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        value = self._compute(node, depth)
        self._memo[id(node)] = (node, value)
        return value

    def _compute(self, node: Node, depth: int) -> Value:
        if isinstance(node, Sequence):
            return self._without_absent(node, depth)
        if not isinstance(node, Mapping):
            return node
        call = intrinsic_call(node)
        if call is None:
            return self._without_absent(node, depth)
        if depth >= MAX_NESTING:
            return Unresolved(
                render(node), f"intrinsic functions nested deeper than {MAX_NESTING} levels"
            )
        name, argument = call
        function = FUNCTIONS.get(name)
        if function is None:
            return Unresolved(render(node), f"{name} is not resolved statically")
        return function(self, node, argument, depth + 1)

    def _without_absent(self, node: Mapping | Sequence, depth: int) -> Mapping | Sequence:
        if isinstance(node, Mapping):
            entries = tuple(e for e in node.entries if not self._is_absent(e.value, depth))
            return node if len(entries) == len(node.entries) else Mapping(entries, node.span)
        items = tuple(item for item in node.items if not self._is_absent(item, depth))
        return node if len(items) == len(node.items) else Sequence(items, node.span)

    def _is_absent(self, node: Node, depth: int) -> bool:
        call = intrinsic_call(node) if isinstance(node, Mapping) else None
        if call is None or depth >= MAX_NESTING:
            return False
        cached = self._absent_memo.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        name, argument = call
        result = False
        if name == "Ref":
            result = isinstance(argument, Scalar) and argument.value == NO_VALUE
        elif name == "Fn::If" and (branches := if_arguments(argument)) is not None:
            condition, yes, no = branches
            known = self.condition(condition)
            if known is None:
                result = self._is_absent(yes, depth + 1) and self._is_absent(no, depth + 1)
            else:
                result = self._is_absent(yes if known else no, depth + 1)
        self._absent_memo[id(node)] = (node, result)
        return result


def _section(root: Mapping, name: str) -> Mapping:
    node = root.get(name)
    return node if isinstance(node, Mapping) else Mapping((), root.span)


def _type_of(node: Node) -> str:
    kind = node.get("Type") if isinstance(node, Mapping) else None
    return kind.value if isinstance(kind, Scalar) and isinstance(kind.value, str) else ""


def _kind(node: Node) -> str:
    return {"Mapping": "mapping", "Sequence": "list"}.get(type(node).__name__, "value")
