"""Terraform expressions evaluated statically: references, templates, operators, conditionals,
``for`` expressions and function calls, over the nodes of :mod:`policyguard.parse.tree`.

The evaluator is pure: what a name means comes from the caller's :class:`Names`, and a file
only through :meth:`Names.read_file`. Values are described in
:mod:`policyguard.resolve.hcl_functions`: known ones are literal nodes, unknown ones
:class:`Unresolved`, and an unknown element of a known container is an :class:`UnresolvedNode`.

**Deep and shallow.** :func:`evaluate` computes a whole value: an evaluated Mapping or Sequence
holds only literal nodes and ``UnresolvedNode`` elements. :func:`resolve_shallow` computes only the
outer value, for readers that resolve every node before they read it (the ``Resolver`` of
:mod:`policyguard.extract.values`, which :func:`make_resolver` returns): a literal container written
in the module comes back as it is (object keys written as expressions evaluated), its elements
still expressions that the reader resolves when it reaches them, in the same module scope; any
other expression (a reference, a call, a ``for`` expression) is evaluated deeply, because its
elements may depend on a scope (``for`` variables, template variables, another module) that the
reader no longer has. An ``UnresolvedNode`` resolves to its ``Unresolved``.

**Names.** A reference ``root.name...`` asks :meth:`Names.lookup` for ``root`` and the first
attribute (``None`` when the reference is bare or goes on with an index), then applies the rest of
the traversal. What ``lookup`` returns is evaluated in turn with the same ``Names`` and no ``for``
variables, so it may be a ``locals`` definition as written; a value from another scope (a module
input) must come already evaluated. A :class:`Mapping` from ``lookup`` is the complete object (a
missing attribute is an error, as Terraform reports for variables and outputs); an
:class:`OpenMapping` has other attributes that are unknown (a resource's computed attributes).
``None`` from ``lookup`` makes the reference unknown. ``for`` variables and the variables of a
``templatefile`` template shadow names; a template sees nothing else.

**Errors.** What Terraform would reject (a wrong type, an index out of range, a missing attribute
of a known object, a failing function) is not an exception: the whole expression evaluates to an
``Unresolved`` whose reason starts ``Terraform would fail:`` and names the failing part, so the
scan goes on. Only bounds raise: more than ``MAX_STEPS`` evaluation steps, a string over
``MAX_STRING`` characters, a collection over ``MAX_COLLECTION`` elements, nesting deeper than
``MAX_DEPTH`` (also what stops a cycle of references) raise
:class:`~policyguard.diagnostics.LimitExceeded` with the span of the node being evaluated.

**Semantics chosen.** A template of one interpolation (``"${x}"``) is ``x`` itself, as in HCL; a
template keeps its ``origin`` only when all its parts are literal text. A conditional whose
condition is unknown is still known when both branches evaluate to equal values. ``false && x``
and ``true || x`` are known whatever ``x`` is (and so is ``x && false``). ``==`` with an unknown
operand is unknown, except that a partly known string that cannot equal a known string is not
equal to it. A ``for`` over an object iterates its keys in sorted order; an unknown condition or
key makes the whole result unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, TypeAlias

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import (
    Call,
    Conditional,
    Entry,
    Expression,
    ForExpression,
    Mapping,
    Node,
    Operation,
    Scalar,
    Sequence,
    Splat,
    Step,
    Template,
    Traversal,
    Variable,
)
from policyguard.resolve.hcl_functions import (
    FUNCTIONS,
    MAX_COLLECTION,
    MAX_DEPTH,
    MAX_STEPS,
    MAX_STRING,
    Budget,
    EncodedMapping,
    EncodedSequence,
    Failure,
    Move,
    OpenMapping,
    Unknown,
    UnresolvedNode,
    Value,
    arithmetic,
    compare,
    entries_by_key,
    equal,
    is_encoded,
    kind,
    relocate,
    scalar_text,
    source_text,
    text_value,
    to_bool,
    to_number,
    to_pieces,
    unwrap,
    wrap,
)

__all__ = [
    "MAX_COLLECTION",
    "MAX_DEPTH",
    "MAX_STEPS",
    "MAX_STRING",
    "EncodedMapping",
    "EncodedSequence",
    "Names",
    "OpenMapping",
    "Resolver",
    "UnresolvedNode",
    "Value",
    "evaluate",
    "make_resolver",
    "resolve_shallow",
]

Resolver: TypeAlias = Callable[[Node], "Node | Unresolved"]
"""The shape of :data:`policyguard.extract.values.Resolver`."""


class Names(Protocol):
    """What the names of a module mean, as the caller knows them."""

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        """What ``root.name`` means (``var.x``, ``local.x``, ``each.key``, ``each.value``,
        ``count.index``, ``path.module``, ``module.m``, ``data.TYPE``, ``aws_s3_bucket.b``): a
        value, an expression of the module to evaluate (a ``locals`` definition as written), or
        ``None`` when the caller does not know the name (the reference is then unknown).
        ``name`` is ``None`` for a bare root or one followed by an index; ``span`` is the
        root's."""

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        """The text and relative path of the file ``path`` that ``file()`` or ``templatefile()``
        names, when it lies inside the module; ``None`` otherwise."""


def evaluate(node: Node, names: Names) -> Value:
    """The value of ``node``, computed all the way down (see the module docstring)."""
    return _Evaluator(names).top(node, deep=True)


def resolve_shallow(node: Node, names: Names) -> Value:
    """The value of ``node`` as far as a reader needs it now: a literal container as written,
    any other expression computed (see the module docstring)."""
    return _Evaluator(names).top(node, deep=False)


def make_resolver(names: Names) -> Resolver:
    """A ``Resolver`` for :class:`~policyguard.extract.values.ValueReader`: each call is one
    :func:`resolve_shallow`, with its own bounds."""

    def resolve(node: Node) -> Node | Unresolved:
        return resolve_shallow(node, names)

    return resolve


@dataclass(frozen=True, slots=True)
class _Scope:
    """The variables in scope; ``closed`` for a template file, which sees no module names."""

    bindings: dict[str, Value]
    closed: bool = False

    def bind(self, bindings: dict[str, Value]) -> _Scope:
        return _Scope({**self.bindings, **bindings}, self.closed)


_MODULE = _Scope({})
_KEY_PREFIX = "_ = "


class _Evaluator:
    """One top-level evaluation: the names, the budget and the current nesting."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.budget = Budget()
        self.depth = 0

    def top(self, node: Node, *, deep: bool) -> Value:
        try:
            if not deep:
                shallow = self.shallow(node)
                if shallow is not None:
                    return shallow
            return self.value(node, _MODULE)
        except Failure as failure:
            return Unresolved(source_text(node), failure.describe())
        except RecursionError as error:
            raise LimitExceeded("expression nested too deeply to evaluate", node.span) from error

    def shallow(self, node: Node) -> Value | None:
        """The value of a literal node without evaluating its elements; ``None`` for others."""
        if isinstance(node, UnresolvedNode):
            return node.unresolved
        if isinstance(node, Scalar | Sequence):
            return node
        if isinstance(node, Mapping):
            if not any(_key_expression(entry) for entry in node.entries):
                return node
            entries: list[Entry] = []
            for entry in node.entries:
                key = self.key(entry, _MODULE)
                if isinstance(key, Unresolved):
                    return key
                entries.append(Entry(key, entry.key_span, entry.value))
            return replace(node, entries=tuple(entries))
        return None

    def value(self, node: Node, scope: _Scope) -> Value:
        """The value of ``node`` in ``scope``; one step, one level of nesting."""
        self.budget.tick(node.span)
        if self.depth >= MAX_DEPTH:
            raise LimitExceeded(f"expression nested deeper than {MAX_DEPTH} levels", node.span)
        self.depth += 1
        try:
            return self.dispatch(node, scope)
        except Unknown as unknown:
            return Unresolved(source_text(node), unknown.reason, unknown.parts)
        except Failure as failure:
            failure.locate(source_text(node))
            raise
        finally:
            self.depth -= 1

    def dispatch(self, node: Node, scope: _Scope) -> Value:
        if isinstance(node, UnresolvedNode):
            return node.unresolved
        if isinstance(node, Scalar | EncodedMapping | EncodedSequence):
            return node
        if isinstance(node, Mapping):
            return self.mapping(node, scope)
        if isinstance(node, Sequence):
            items = tuple(wrap(self.value(item, scope), item.span) for item in node.items)
            unchanged = all(new is old for new, old in zip(items, node.items, strict=True))
            return node if unchanged else replace(node, items=items)
        if isinstance(node, Template):
            return self.template(node, scope)
        if isinstance(node, Variable):
            value, _ = self.reference(node, (), scope)
            return _relabel(value, node.name)
        if isinstance(node, Traversal):
            return self.traversal(node, scope)
        if isinstance(node, Conditional):
            return self.conditional(node, scope)
        if isinstance(node, Operation):
            return self.operation(node, scope)
        if isinstance(node, ForExpression):
            return self.for_expression(node, scope)
        if isinstance(node, Call):
            return self.call(node, scope)
        return Unresolved(node.text, "the expression is not evaluated")

    # --- Literals and templates ---------------------------------------------------------------

    def mapping(self, node: Mapping, scope: _Scope) -> Value:
        entries: list[Entry] = []
        changed = False
        for entry in node.entries:
            key = self.key(entry, scope)
            if isinstance(key, Unresolved):
                return key
            value = wrap(self.value(entry.value, scope), entry.value.span)
            changed = changed or key != entry.key or value is not entry.value
            entries.append(Entry(key, entry.key_span, value))
        return replace(node, entries=tuple(entries)) if changed else node

    def key(self, entry: Entry, scope: _Scope) -> str | Unresolved:
        """An object key: as written, or the value of a key written as an expression."""
        expression = _key_expression(entry)
        if expression is None:
            return entry.key
        value = self.value(expression, scope)
        if isinstance(value, Unresolved):
            return Unresolved(entry.key, f"an object key is not known statically: {value.reason}")
        if not isinstance(value, Scalar) or value.value is None:
            raise Failure(f"an object key must be a string, not {kind(value)}")
        return scalar_text(value.value)

    def template(self, node: Template, scope: _Scope) -> Value:
        if len(node.parts) == 1:
            part = node.parts[0]
            if isinstance(part, Scalar) and isinstance(part.value, str):
                return Scalar(part.value, node.span, node.origin)
            return self.value(part, scope)  # "${x}" is x itself
        pieces: list[str | None] = []
        reason: str | None = None
        literal = True
        for part in node.parts:
            literal = literal and isinstance(part, Scalar) and isinstance(part.value, str)
            value = self.value(part, scope)
            if isinstance(value, Unresolved):
                reason = reason or value.reason
            pieces.extend(to_pieces(value, self.budget, part.span))
        result = text_value(pieces, reason, node.text, node.span, self.budget)
        if literal and isinstance(result, Scalar):
            return Scalar(result.value, node.span, node.origin)
        return result

    # --- References ---------------------------------------------------------------------------

    def reference(
        self, root: Variable, steps: tuple[Step, ...], scope: _Scope
    ) -> tuple[Value, tuple[Step, ...]]:
        """The value ``root`` (with its first attribute) names, and the steps left to apply."""
        if root.name in scope.bindings:
            return scope.bindings[root.name], steps
        if scope.closed:
            raise Failure(f"the template variables have no {root.name!r}")
        name = steps[0] if steps and isinstance(steps[0], str) else None
        rest = steps[1:] if name is not None else steps
        label = root.name if name is None else f"{root.name}.{name}"
        found = self.names.lookup(root.name, name, root.span)
        if found is None:
            return Unresolved(label, f"{label} is not known statically"), rest
        if isinstance(found, Unresolved):
            return found, rest
        return self.value(found, _MODULE), rest

    def traversal(self, node: Traversal, scope: _Scope) -> Value:
        if isinstance(node.source, Variable):
            value, steps = self.reference(node.source, node.steps, scope)
        else:
            value, steps = self.value(node.source, scope), node.steps
        return self.apply(value, steps, node, scope)

    def apply(self, value: Value, steps: tuple[Step, ...], node: Traversal, scope: _Scope) -> Value:
        """``steps`` applied to ``value``: attributes, indexes and splats."""
        for position, step in enumerate(steps):
            if isinstance(value, Unresolved):
                return Unresolved(node.text, value.reason)
            if isinstance(step, Splat):
                return self.splat(value, step, steps[position + 1 :], node, scope)
            if isinstance(step, str):
                value = _attribute(value, step)
            else:
                value = _index(value, self.value(step.key, scope))
        return _relabel(value, node.text)

    def splat(
        self,
        value: Scalar | Mapping | Sequence,
        splat: Splat,
        rest: tuple[Step, ...],
        node: Traversal,
        scope: _Scope,
    ) -> Value:
        """``[*]`` maps every later step over the list; ``.*`` only the attributes right after
        it. Null gives an empty list, any other single value a list of itself."""
        if isinstance(value, Scalar) and value.value is None:
            return Sequence((), node.span)
        items = value.items if isinstance(value, Sequence) and not is_encoded(value) else (value,)
        mapped = len(rest)
        if not splat.full:
            mapped = next((i for i, step in enumerate(rest) if not isinstance(step, str)), mapped)
        results: list[Node] = []
        for item in items:
            result = self.apply(unwrap(item), rest[:mapped], node, scope)
            results.append(wrap(result, item.span))
        self.budget.collection(len(results), node.span)
        listed = Sequence(tuple(results), node.span)
        return self.apply(listed, rest[mapped:], node, scope) if rest[mapped:] else listed

    # --- Conditionals and operators -----------------------------------------------------------

    def conditional(self, node: Conditional, scope: _Scope) -> Value:
        condition = self.value(node.condition, scope)
        if not isinstance(condition, Unresolved):
            return self.value(node.true if to_bool(condition) else node.false, scope)
        true, false = self.value(node.true, scope), self.value(node.false, scope)
        reason = (
            f"depends on the condition {source_text(node.condition)}, which is not known: "
            f"{condition.reason}"
        )
        if isinstance(true, Unresolved) and isinstance(false, Unresolved):
            if true.parts == false.parts and true.parts != (None,):
                return Unresolved(node.text, reason, true.parts)
        elif equal(true, false, self.budget, node.span) is True:
            return true
        return Unresolved(node.text, reason)

    def operation(self, node: Operation, scope: _Scope) -> Value:
        operator, operands = node.operator, node.operands
        if len(operands) == 1:
            operand = self.value(operands[0], scope)
            if isinstance(operand, Unresolved):
                raise Unknown(operand.reason)
            if operator == "!":
                return Scalar(not to_bool(operand), node.span)
            if operator == "-":
                return Scalar(arithmetic("-", 0, to_number(operand), node.span), node.span)
        elif len(operands) == 2 and operator in ("&&", "||"):
            return self.logical(node, scope)
        elif len(operands) == 2 and operator in _BINARY:
            left, right = (self.value(operand, scope) for operand in operands)
            if operator in ("==", "!="):
                same = equal(left, right, self.budget, node.span)
                if same is None:
                    raise Unknown(_reason_of(left, right))
                return Scalar(same == (operator == "=="), node.span)
            if isinstance(left, Unresolved) or isinstance(right, Unresolved):
                raise Unknown(_reason_of(left, right))
            first, second = to_number(left), to_number(right)
            if operator in ("<", "<=", ">", ">="):
                return Scalar(compare(operator, first, second), node.span)
            return Scalar(arithmetic(operator, first, second, node.span), node.span)
        raise Unknown(f"the operator {operator} is not evaluated")

    def logical(self, node: Operation, scope: _Scope) -> Value:
        """``&&`` and ``||``: a deciding operand decides even when the other is unknown."""
        deciding = node.operator == "||"  # the value that decides the result on its own
        left = self.value(node.operands[0], scope)
        first = None if isinstance(left, Unresolved) else to_bool(left)
        if first is deciding:
            return Scalar(deciding, node.span)
        right = self.value(node.operands[1], scope)
        second = None if isinstance(right, Unresolved) else to_bool(right)
        if second is deciding:
            return Scalar(deciding, node.span)
        if first is not None and second is not None:
            return Scalar(not deciding, node.span)
        raise Unknown(_reason_of(left, right))

    # --- for expressions and calls ------------------------------------------------------------

    def for_expression(self, node: ForExpression, scope: _Scope) -> Value:
        collection = self.value(node.collection, scope)
        if isinstance(collection, Unresolved):
            raise Unknown(collection.reason)
        pairs = _iteration(collection)
        self.budget.collection(len(pairs), node.span)
        items: list[Node] = []
        entries: dict[str, Entry] = {}
        groups: dict[str, tuple[Span, list[Node]]] = {}
        pieces: list[str | None] = []
        reason: str | None = None
        for key, element in pairs:
            bound = {node.value_name: element}
            if node.key_name is not None:
                bound[node.key_name] = key
            inner = scope.bind(bound)
            if node.condition is not None:
                keep = self.value(node.condition, inner)
                if isinstance(keep, Unresolved):
                    raise Unknown(f"whether an element is kept is not known: {keep.reason}")
                if not to_bool(keep):
                    continue
            if node.template:
                value = self.value(node.value, inner)
                if isinstance(value, Unresolved):
                    reason = reason or value.reason
                pieces.extend(to_pieces(value, self.budget, node.value.span))
            elif node.key is not None:
                name, name_span = self.result_key(node.key, inner)
                value_node = wrap(self.value(node.value, inner), node.value.span)
                if node.grouping:
                    groups.setdefault(name, (name_span, []))[1].append(value_node)
                elif name in entries:
                    raise Failure(f"two elements have the key {name!r} (use ... to group them)")
                else:
                    entries[name] = Entry(name, name_span, value_node)
            else:
                items.append(wrap(self.value(node.value, inner), node.value.span))
        if node.template:
            return text_value(pieces, reason, node.text, node.span, self.budget)
        if node.key is None:
            return Sequence(tuple(items), node.span)
        if node.grouping:
            grouped = tuple(
                Entry(name, name_span, Sequence(tuple(values), node.span))
                for name, (name_span, values) in groups.items()
            )
            return Mapping(grouped, node.span)
        return Mapping(tuple(entries.values()), node.span)

    def result_key(self, key_node: Node, scope: _Scope) -> tuple[str, Span]:
        key = self.value(key_node, scope)
        if isinstance(key, Unresolved):
            raise Unknown(f"a key of the result is not known: {key.reason}")
        if not isinstance(key, Scalar) or key.value is None:
            raise Failure(f"an object key must be a string, not {kind(key)}")
        return scalar_text(key.value), key.span

    def call(self, node: Call, scope: _Scope) -> Value:
        function = FUNCTIONS.get(node.name)
        if function is None:
            return Unresolved(node.text, f"function {node.name}() is not evaluated")
        return function(_Arguments(self, node, scope))


class _Arguments:
    """The arguments of one call: evaluated when a function asks, each once."""

    def __init__(self, evaluator: _Evaluator, call: Call, scope: _Scope) -> None:
        self.evaluator = evaluator
        self.scope = scope
        self._call = call
        self.nodes: list[Node | None] = list(call.args)
        self.values: list[Value | None] = [None] * len(call.args)
        self.texts = [source_text(arg) for arg in call.args]
        if call.expand and call.args:
            self.expand(call.args[-1])

    def expand(self, last: Node) -> None:
        """``f(a, list...)``: the elements of the last argument become arguments."""
        expanded = self.evaluator.value(last, self.scope)
        if isinstance(expanded, Unresolved):
            raise Unknown(expanded.reason)
        if not isinstance(expanded, Sequence) or is_encoded(expanded):
            raise Failure(f"only a list can be expanded into arguments, not {kind(expanded)}")
        count = len(expanded.items)
        self.nodes[-1:] = [None] * count
        self.values[-1:] = [unwrap(item) for item in expanded.items]
        self.texts[-1:] = [f"{source_text(last)}[{i}]" for i in range(count)]

    @property
    def call(self) -> Call:
        return self._call

    @property
    def budget(self) -> Budget:
        return self.evaluator.budget

    @property
    def inside_template(self) -> bool:
        return self.scope.closed

    def __len__(self) -> int:
        return len(self.values)

    def value(self, index: int) -> Value:
        cached = self.values[index]
        if cached is None:
            node = self.nodes[index]
            assert node is not None  # expanded arguments are evaluated already
            cached = self.values[index] = self.evaluator.value(node, self.scope)
        return cached

    def attempt(self, index: int) -> Value | Failure:
        try:
            return self.value(index)
        except Failure as failure:
            return failure

    def text(self, index: int) -> str:
        return self.texts[index]

    def read_file(self, path: str) -> tuple[str, str] | None:
        return self.evaluator.names.read_file(path, self._call.span)

    def template(self, body: Node, variables: dict[str, Value]) -> Value:
        return self.evaluator.value(body, _Scope(dict(variables), closed=True))


_BINARY = frozenset({"==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"})


def _relabel(value: Value, expression: str) -> Value:
    """An unknown value named by the expression that reads it, keeping its known pieces."""
    if isinstance(value, Unresolved):
        return Unresolved(expression, value.reason, value.parts)
    return value


def _reason_of(*values: Value) -> str:
    for value in values:
        if isinstance(value, Unresolved):
            return value.reason
    return "the operands hold values not known statically"


def _attribute(value: Value, name: str) -> Value:
    if isinstance(value, Mapping) and not is_encoded(value):
        entry = value.entry(name)
        if entry is not None:
            return unwrap(entry.value)
        if isinstance(value, OpenMapping):
            # A computed ARN is unknown, but known to be an ARN: never "*" in a policy.
            is_arn = name == "arn" or name.endswith("_arn")
            raise Unknown(
                f"the attribute {name} is not known statically",
                ("arn:", None) if is_arn else (None,),
            )
        raise Failure(f"the object has no attribute {name!r}")
    if isinstance(value, Scalar) and value.value is None:
        raise Failure(f"cannot read the attribute {name!r} of null")
    raise Failure(f"{kind(value)} has no attributes (reading {name!r})")


def _index(value: Value, key: Value) -> Value:
    if isinstance(key, Unresolved):
        raise Unknown(f"the index is not known: {key.reason}")
    if isinstance(value, Sequence) and not is_encoded(value):
        number = to_number(key)
        if isinstance(number, float) and not number.is_integer():
            raise Failure(f"a list index must be a whole number, not {number}")
        if not 0 <= number < len(value.items):
            raise Failure(
                f"the index {int(number)} is out of range for a list of {len(value.items)}"
            )
        return unwrap(value.items[int(number)])
    if isinstance(value, Mapping) and not is_encoded(value):
        if not isinstance(key, Scalar) or key.value is None:
            raise Failure(f"a map key must be a string, not {kind(key)}")
        name = scalar_text(key.value)
        entry = value.entry(name)
        if entry is not None:
            return unwrap(entry.value)
        if isinstance(value, OpenMapping):
            raise Unknown(f"the key {name!r} is not known statically")
        raise Failure(f"the map has no key {name!r}")
    if isinstance(value, Scalar) and value.value is None:
        raise Failure("cannot index null")
    raise Failure(f"cannot index {kind(value)}")


def _iteration(collection: Scalar | Mapping | Sequence) -> list[tuple[Value, Value]]:
    """The key and value of each element a ``for`` expression visits, in Terraform's order."""
    if isinstance(collection, OpenMapping):
        raise Unknown("the object has attributes that are not known statically")
    if isinstance(collection, Sequence) and not is_encoded(collection):
        return [(Scalar(i, item.span), unwrap(item)) for i, item in enumerate(collection.items)]
    if isinstance(collection, Mapping) and not is_encoded(collection):
        return [(Scalar(e.key, e.key_span), unwrap(e.value)) for e in entries_by_key(collection)]
    raise Failure(f"a for expression cannot iterate over {kind(collection)}")


def _key_expression(entry: Entry) -> Node | None:
    """The expression of an object key written as one (``(var.k)``, ``"${var.p}:sub"``).

    The parser keeps such a key as its source text; a literal key is decoded, so a key holding
    the source text exactly as wide as its span, in parentheses or quotes, is an expression.
    """
    key, span = entry.key, entry.key_span
    if len(key) < 2 or span.start_line != span.end_line:
        return None
    if span.end_column - span.start_column != len(key) or (key[0], key[-1]) not in _KEY_MARKS:
        return None
    move = Move(span.start_line - 1, span.start_column - len(_KEY_PREFIX) - 1, span.file)
    return relocate(_parse_key(key), move)


_KEY_MARKS = frozenset({("(", ")"), ('"', '"')})


@lru_cache(maxsize=256)
def _parse_key(key: str) -> Node:
    text = f"{_KEY_PREFIX}{key}\n"
    start = len(_KEY_PREFIX) + 1
    try:
        from policyguard.parse.hcl import parse_hcl  # noqa: PLC0415 - hcl2 loads only when used

        body, _ = parse_hcl(text)
    except LimitExceeded:
        raise
    except InputError:
        return Expression(key, Span(1, start, 1, start + len(key)))
    return body.attributes[0].value
