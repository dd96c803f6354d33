"""Terraform modules as Terraform instantiates them: variables, locals, ``count`` and
``for_each`` instances, data sources and nested local modules, each with its address.

A :class:`ModuleInstance` is the :class:`~policyguard.resolve.hcl_eval.Names` that expressions
of one module instance are evaluated against. Values that travel from the file where they are
written (a variable default, a local, a module output) carry that file in their spans.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from policyguard.diagnostics import (
    Diagnostic,
    DiagnosticId,
    DiagnosticLevel,
    InputError,
    LimitExceeded,
)
from policyguard.extract.terraform.dynamic import expand_dynamic_blocks
from policyguard.extract.terraform.policy_document import policy_tree
from policyguard.extract.terraform.rebase import from_file
from policyguard.extract.terraform.registry import describe
from policyguard.location import SourceLocation, Span, outside_scanned_code
from policyguard.model.values import Unresolved
from policyguard.parse.parsed import ModuleDescription, ParsedFile
from policyguard.parse.tree import Attribute, Block, Body, Entry, Node, Scalar, Variable
from policyguard.parse.tree import Mapping as MappingNode
from policyguard.parse.tree import Sequence as ListNode
from policyguard.resolve.hcl_eval import Value, evaluate
from policyguard.resolve.hcl_functions import OpenMapping, source_text, unwrap, wrap
from policyguard.source import SourceFile

MAX_MODULE_DEPTH = 16
_MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
_DATA_SOURCE = "data source "
"""Prefix of the internal names that stand for one data source (never a Terraform name)."""
_UNKNOWN_KEY = "?"
"""The instance key of a resource whose ``count`` or ``for_each`` is not known."""


@dataclass(frozen=True)
class Located:
    """A block or attribute with the file it is written in."""

    path: str
    block: Block


@dataclass
class ModuleSource:
    """The files of one module directory, its blocks indexed by kind."""

    directory: str
    files: tuple[ParsedFile, ...]

    def blocks(self, block_type: str, labels: int) -> Iterator[Located]:
        for parsed in self.files:
            if isinstance(parsed.root, Body):
                for block in parsed.root.blocks_of(block_type):
                    if len(block.labels) == labels:
                        yield Located(parsed.relpath, block)

    @cached_property
    def variables(self) -> dict[str, Located]:
        return {b.block.labels[0]: b for b in self.blocks("variable", 1)}

    @cached_property
    def locals(self) -> dict[str, tuple[str, Attribute]]:
        return {
            attribute.name: (located.path, attribute)
            for located in self.blocks("locals", 0)
            for attribute in located.block.body.attributes
        }

    @cached_property
    def outputs(self) -> dict[str, Located]:
        return {b.block.labels[0]: b for b in self.blocks("output", 1)}

    @cached_property
    def resources(self) -> list[Located]:
        return list(self.blocks("resource", 2))

    @cached_property
    def data(self) -> dict[tuple[str, str], Located]:
        return {(b.block.labels[0], b.block.labels[1]): b for b in self.blocks("data", 2)}

    @cached_property
    def module_calls(self) -> list[Located]:
        return list(self.blocks("module", 1))

    def child_directory(self, call: Block) -> str | None:
        """The directory a local module call's ``source`` names, or ``None``."""
        source = call.body.attribute("source")
        if source is None or not isinstance(source.value, Scalar):
            return None
        text = str(source.value.value)
        if not text.startswith(("./", "../")):
            return None
        return posixpath.normpath(posixpath.join(self.directory, text))


@dataclass(frozen=True)
class Binding:
    """``each`` and ``count`` of one instance of a block with ``for_each`` or ``count``."""

    key: str
    each_key: Node | None = None
    each_value: Node | None = None
    count_index: int | None = None
    unknown: Unresolved | None = None

    def index(self) -> str:
        """The instance suffix of an address: ``[0]``, ``["eu"]``, ``[?]`` or ""."""
        if self.unknown is not None:
            return f"[{_UNKNOWN_KEY}]"
        if self.count_index is not None:
            return f"[{self.count_index}]"
        return f'["{self.key}"]' if self.each_key is not None else ""


NO_BINDING = Binding("")


@dataclass
class Project:
    """Every scanned module directory, and the diagnostics instantiating them produced."""

    sources: dict[str, ModuleSource]
    installed: dict[str, dict[str, str]] = field(default_factory=dict)
    descriptions: tuple[ModuleDescription, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def roots(self) -> list[ModuleSource]:
        """Directories of the user's code that no other scanned module calls locally."""
        called = {
            directory
            for source in self.sources.values()
            for call in source.module_calls
            if (directory := source.child_directory(call.block)) is not None
        }
        own = {d: s for d, s in sorted(self.sources.items()) if not outside_scanned_code(d + "/")}
        roots = [s for d, s in own.items() if d not in called]
        return roots or list(own.values())

    def note(self, path: str, span: Span | None, message: str) -> None:
        self.diagnostics.append(
            Diagnostic(path, span, DiagnosticId.NOT_RESOLVED, message, DiagnosticLevel.NOTE)
        )


@dataclass
class ModuleInstance:
    """One instance of a module: the names its expressions see, and its resources.

    ``key`` is the module path as ``terraform init`` records it (``net.subnets``);
    ``root_directory`` the directory of the root module the instance belongs to.
    """

    project: Project
    source: ModuleSource
    prefix: str = ""
    inputs: dict[str, Value] = field(default_factory=dict)
    calls: tuple[SourceLocation, ...] = ()
    binding: Binding = NO_BINDING
    parent: ModuleInstance | None = None
    key: str = ""
    root_directory: str = ""
    _cache: dict[tuple[str, str], Value] = field(default_factory=dict)
    _busy: set[tuple[str, str]] = field(default_factory=set)

    # -- Names -----------------------------------------------------------------------------

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        """What ``root.name`` means in this instance (see :class:`Names`)."""
        if root == "each":
            return self._each(name)
        if root == "count":
            if name == "index" and self.binding.count_index is not None:
                return Scalar(self.binding.count_index, span)
            return self.binding.unknown if self.binding.unknown and name == "index" else None
        if root == "path" and name in ("module", "root", "cwd"):
            return Scalar(self.source.directory if name == "module" else ".", span)
        if root.startswith(_DATA_SOURCE):
            return self._memo(_DATA_SOURCE, root.removeprefix(_DATA_SOURCE), span)
        if name is None:
            return None
        return self._memo(root, name, span)

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        """A file inside this module's directory, read within the size bound."""
        directory = self.source.files[0].source.path.parent.resolve()
        relative = posixpath.normpath(path)
        if relative.startswith(self.source.directory + "/"):
            relative = relative[len(self.source.directory) + 1 :]
        target = (directory / relative).resolve()
        if not target.is_relative_to(directory) or not target.is_file():
            return None
        name = posixpath.normpath(posixpath.join(self.source.directory, relative))
        try:
            return SourceFile(target, name).text, name
        except (OSError, InputError):
            return None

    def bound(self, binding: Binding) -> ModuleInstance:
        """This instance with ``each``/``count`` of one block instance in scope."""
        return replace(self, binding=binding, parent=self)

    def _each(self, name: str | None) -> Value | None:
        if self.binding.unknown is not None and name in ("key", "value"):
            return self.binding.unknown
        found = {"key": self.binding.each_key, "value": self.binding.each_value}.get(name or "")
        return unwrap(found) if found is not None else None

    def _memo(self, root: str, name: str, span: Span) -> Value | None:
        key = (root, name)
        if key in self._cache:
            return self._cache[key]
        if key in self._busy:
            return Unresolved(f"{root}.{name}", "the value refers to itself (a cycle)")
        self._busy.add(key)
        try:
            value = self._compute(root, name, span)
        finally:
            self._busy.discard(key)
        if value is not None:
            self._cache[key] = value
        return value

    def _compute(self, root: str, name: str, span: Span) -> Value | None:
        if root == "var":
            return self._variable(name)
        if root == "local":
            return self._local(name)
        if root == "module":
            return self._module_outputs(name)
        if root == "data":
            return self._data_type(name, span)
        if root == _DATA_SOURCE:
            kind, _, label = name.partition(".")
            return self._data_object(kind, self.source.data[(kind, label)])
        return self._resource_object(root, name, span)

    def _variable(self, name: str) -> Value:
        if name in self.inputs:
            return self.inputs[name]
        located = self.source.variables.get(name)
        if located is None:
            return Unresolved(f"var.{name}", "no such variable is declared")
        default = located.block.body.attribute("default")
        if default is None:
            return Unresolved(f"var.{name}", "the variable has no default and no value is given")
        return from_file(evaluate(default.value, self), located.path)

    def _local(self, name: str) -> Value:
        found = self.source.locals.get(name)
        if found is None:
            return Unresolved(f"local.{name}", "no such local value is declared")
        path, attribute = found
        return from_file(evaluate(attribute.value, self), path)

    def _module_outputs(self, name: str) -> Value:
        children = [c for c in self.children() if c.call_name == name]
        if not children:
            return Unresolved(f"module.{name}", "the module is not instantiated from scanned code")
        objects = [c.outputs() for c in children]
        keyed = children[0].binding
        if keyed.count_index is not None:
            return ListNode(tuple(objects), children[0].call.span)
        if keyed.each_key is not None:
            return MappingNode(
                tuple(
                    Entry(c.binding.key, c.call.header, obj)
                    for c, obj in zip(children, objects, strict=True)
                ),
                children[0].call.span,
            )
        return unwrap(objects[0]) if keyed.unknown is None else keyed.unknown

    def _data_type(self, data_type: str, span: Span) -> Value:
        """The data sources of one type, each standing for itself so that one may refer to
        another (a merged policy document) without a cycle through the whole type."""
        entries = tuple(
            Entry(
                label,
                located.block.header,
                Variable(f"{_DATA_SOURCE}{data_type}.{label}", located.block.header),
            )
            for (kind, label), located in sorted(self.source.data.items())
            if kind == data_type
        )
        if not entries:
            return Unresolved(f"data.{data_type}", "no such data source is declared")
        return MappingNode(entries, span)

    def _data_object(self, data_type: str, located: Located) -> Value:
        """A data source as an object; per instance when it has ``count`` or ``for_each``."""
        return self._per_instance(
            located,
            lambda names: names._data_instance(data_type, located),
            located.block.span,
        )

    def _data_instance(self, data_type: str, located: Located) -> Value:
        if data_type != "aws_iam_policy_document":
            return OpenMapping((), located.block.header)
        body = expand_dynamic_blocks(located.block.body, self)
        block = Block(
            located.block.type, located.block.labels, body, located.block.span, located.block.header
        )
        document = policy_tree(block, lambda node: evaluate(node, self))
        tree = from_file(evaluate(document, self), located.path)
        json = tree if isinstance(tree, MappingNode) else _unknown_object(located.block)
        return MappingNode((Entry("json", located.block.header, json),), located.block.span)

    def _resource_object(self, resource_type: str, name: str, span: Span) -> Value | None:
        located = next(
            (r for r in self.source.resources if r.block.labels == (resource_type, name)), None
        )
        if located is None:
            return None
        return self._per_instance(
            located,
            lambda names: from_file(_written_attributes(located.block, names), located.path),
            span,
        )

    def _per_instance(
        self, located: Located, make: Callable[[ModuleInstance], Value], span: Span
    ) -> Value:
        """One object for a block without ``count``/``for_each``; else a list by index or a
        map by key of its instances' objects; unknown when its instances are."""
        instances = [binding for binding, _ in self.instances(located)]
        objects = [make(self.bound(binding)) for binding in instances]
        first = instances[0] if instances else NO_BINDING
        if first.unknown is not None:
            return first.unknown
        if first.count_index is not None or not instances:
            return ListNode(tuple(o for o in objects if not isinstance(o, Unresolved)), span)
        if first.each_key is not None:
            return MappingNode(
                tuple(
                    Entry(b.key, located.block.header, o)
                    for b, o in zip(instances, objects, strict=True)
                    if not isinstance(o, Unresolved)
                ),
                span,
            )
        return objects[0]

    # -- instances --------------------------------------------------------------------------

    def instances(self, located: Located) -> Iterator[tuple[Binding, str]]:
        """The instances ``count`` or ``for_each`` make of a block, with their index suffix."""
        body = located.block.body
        count, for_each = body.attribute("count"), body.attribute("for_each")
        if count is not None:
            yield from self._count_instances(count)
        elif for_each is not None:
            yield from self._for_each_instances(for_each)
        else:
            yield NO_BINDING, ""

    def _count_instances(self, count: Attribute) -> Iterator[tuple[Binding, str]]:
        value = evaluate(count.value, self)
        number = value.value if isinstance(value, Scalar) else None
        if isinstance(number, bool) or not isinstance(number, int | float):
            unknown = (
                value
                if isinstance(value, Unresolved)
                else Unresolved(source_text(count.value), "count is not a number")
            )
            binding = Binding(_UNKNOWN_KEY, unknown=unknown)
            yield binding, binding.index()
            return
        for index in range(int(number)):
            binding = Binding(str(index), count_index=index)
            yield binding, binding.index()

    def _for_each_instances(self, for_each: Attribute) -> Iterator[tuple[Binding, str]]:
        value = evaluate(for_each.value, self)
        if isinstance(value, MappingNode):
            for entry in sorted(value.entries, key=lambda e: e.key):
                key = Scalar(entry.key, entry.key_span)
                binding = Binding(entry.key, each_key=key, each_value=entry.value)
                yield binding, binding.index()
        elif isinstance(value, ListNode):
            items = {str(i.value): i for i in value.items if isinstance(i, Scalar)}
            for text in sorted(items):
                binding = Binding(text, each_key=items[text], each_value=items[text])
                yield binding, binding.index()
        else:
            unknown = (
                value
                if isinstance(value, Unresolved)
                else Unresolved(source_text(for_each.value), "for_each is neither a map nor a set")
            )
            binding = Binding(_UNKNOWN_KEY, unknown=unknown)
            yield binding, binding.index()

    def resources(self) -> Iterator[tuple[str, Located, ModuleInstance]]:
        """``(address, block, names)`` of every resource instance, in source order."""
        for located in self.source.resources:
            kind, name = located.block.labels
            for binding, index in self.instances(located):
                yield f"{self.prefix}{kind}.{name}{index}", located, self.bound(binding)

    # -- child modules ----------------------------------------------------------------------

    @cached_property
    def _children(self) -> list[Child]:
        children: list[Child] = []
        for located in self.source.module_calls:
            call = located.block
            found = self._child_source(located)
            if found is None:
                continue
            child_source, defaults = found
            if self.depth() >= MAX_MODULE_DEPTH or self.calls_directory(child_source.directory):
                raise LimitExceeded(
                    f"module {call.labels[0]!r} nests modules deeper than {MAX_MODULE_DEPTH} "
                    "levels or calls itself",
                    call.header,
                )
            for binding, index in self.instances(located):
                children.append(self._child(located, child_source, binding, index, defaults))
        return children

    def _child_source(self, located: Located) -> tuple[ModuleSource, dict[str, Value]] | None:
        """The module a call instantiates: a scanned local directory, the copy ``terraform
        init`` downloaded, or a description; with the defaults a description cannot know."""
        call = located.block
        directory = self.source.child_directory(call)
        if directory is not None:
            local = self.project.sources.get(directory)
            if local is None:
                self._unscanned(located, directory)
            return (local, {}) if local is not None else None
        key = f"{self.key}.{call.labels[0]}" if self.key else call.labels[0]
        downloaded = self.project.installed.get(self.root_directory, {}).get(key)
        if downloaded is not None and downloaded in self.project.sources:
            return self.project.sources[downloaded], {}
        described = describe(call, self.project.descriptions)
        if described is None:
            self._unscanned(located, None)
            return None
        return ModuleSource(described.directory, described.files), dict(described.disputed)

    def children(self) -> list[Child]:
        """The local module calls of this instance, instantiated."""
        return self._children

    def _child(
        self,
        located: Located,
        source: ModuleSource,
        binding: Binding,
        index: str,
        defaults: dict[str, Value],
    ) -> Child:
        call = located.block
        scope = self.bound(binding)
        inputs = dict(defaults)
        inputs.update(
            (attribute.name, from_file(evaluate(attribute.value, scope), located.path))
            for attribute in call.body.attributes
            if attribute.name not in _MODULE_META
        )
        address = f"{self.prefix}module.{call.labels[0]}{index}"
        location = SourceLocation(located.path, call.header, address, self.root_directory)
        instance = ModuleInstance(
            self.project,
            source,
            f"{address}.",
            inputs,
            (*self.calls, location),
            NO_BINDING,
            self,
            key=f"{self.key}.{call.labels[0]}" if self.key else call.labels[0],
            root_directory=self.root_directory,
        )
        return Child(call.labels[0], call, binding, instance)

    def _unscanned(self, located: Located, directory: str | None) -> None:
        source = located.block.body.attribute("source")
        text = source_text(source.value) if source is not None else "(no source)"
        reason = (
            f"local module directory {directory!r} is not among the scanned files"
            if directory is not None
            else "registry and remote modules are not read yet"
        )
        self.project.note(
            located.path,
            located.block.header,
            f"module {located.block.labels[0]!r} (source {text}) is not scanned: {reason}",
        )

    def depth(self) -> int:
        return len(self.calls)

    def calls_directory(self, directory: str) -> bool:
        """Whether ``directory`` is this instance's module or one of its callers'."""
        instance: ModuleInstance | None = self
        while instance is not None:
            if instance.source.directory == directory:
                return True
            instance = instance.parent
        return False

    def all_instances(self) -> Iterator[ModuleInstance]:
        """This instance and every module instance below it."""
        yield self
        for child in self.children():
            yield from child.instance.all_instances()


@dataclass(frozen=True)
class Child:
    """A module call and the instance it makes."""

    call_name: str
    call: Block
    binding: Binding
    instance: ModuleInstance

    def outputs(self) -> Node:
        """The child's outputs as an object (unknown outputs as unresolved entries)."""
        entries = []
        for name, located in sorted(self.instance.source.outputs.items()):
            value = located.block.body.attribute("value")
            if value is None:
                continue
            result = from_file(evaluate(value.value, self.instance), located.path)
            entries.append(Entry(name, located.block.header, wrap(result, value.value.span)))
        return MappingNode(tuple(entries), self.call.span)


def _written_attributes(block: Block, names: ModuleInstance) -> Value:
    """A resource instance as an object of its written attributes; computed ones, and those
    set to ``null`` (the provider chooses them), are unknown."""
    entries = []
    for attribute in block.body.attributes:
        if attribute.name in ("count", "for_each", "depends_on", "provider", "lifecycle"):
            continue
        value = evaluate(attribute.value, names)
        if isinstance(value, Scalar) and value.value is None:
            value = Unresolved(f"{block.labels[0]}.{attribute.name}", "set by the provider")
        entries.append(
            Entry(attribute.name, attribute.name_span, wrap(value, attribute.value.span))
        )
    return OpenMapping(tuple(entries), block.span)


def _unknown_object(block: Block) -> Node:
    """A data source whose attributes are all unknown."""
    return OpenMapping((), block.header)
