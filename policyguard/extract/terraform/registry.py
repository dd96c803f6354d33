"""Registry modules: the copies ``terraform init`` downloaded, or built-in descriptions.

A module call whose source is not a local path is instantiated from the directory that
``.terraform/modules/modules.json`` records for it when the configuration was initialized;
otherwise from a description whose source and version range match the call (see
``docs/module-descriptions.md``). Values a description writes itself (its defaults) are
located at the module call, the nearest place in the scanned code.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from policyguard.diagnostics import InputError
from policyguard.extract.terraform.versions import ANY, parse_constraint
from policyguard.location import BUILTIN
from policyguard.model.values import Unresolved
from policyguard.parse.parsed import ModuleDescription, ParsedFile
from policyguard.parse.tree import Block, Body, Mapping, Scalar
from policyguard.parse.tree import Sequence as ListNode
from policyguard.source import SourceFile

MANIFEST_FORMAT = "terraform-modules"
_REGISTRY_HOST = "registry.terraform.io/"


def normalized_source(source: str) -> str:
    """A registry source as descriptions are keyed: lower case, without the public host."""
    return source.strip().lower().removeprefix(_REGISTRY_HOST).rstrip("/")


@cache
def builtin_descriptions() -> tuple[ModuleDescription, ...]:
    """The descriptions that ship with policyguard."""
    root = files("policyguard.module_descriptions")
    entries = json.loads(root.joinpath("index.json").read_text(encoding="utf-8"))
    return tuple(
        ModuleDescription(
            entry["source"], entry["versions"], Path(str(root.joinpath(entry["directory"])))
        )
        for entry in entries
    )


def installed_directories(manifests: Iterable[ParsedFile]) -> dict[str, dict[str, str]]:
    """For each root directory, the module keys (``net``, ``net.subnets``) ``terraform init``
    recorded, with the directories they were downloaded to."""
    result: dict[str, dict[str, str]] = {}
    for manifest in manifests:
        root = posixpath.dirname(posixpath.dirname(posixpath.dirname(manifest.relpath))) or "."
        modules = manifest.root.get("Modules") if isinstance(manifest.root, Mapping) else None
        entries = modules.items if isinstance(modules, ListNode) else ()
        recorded: dict[str, str] = {}
        for entry in entries:
            if isinstance(entry, Mapping):
                key, directory = entry.get("Key"), entry.get("Dir")
                if isinstance(key, Scalar) and isinstance(directory, Scalar) and key.value:
                    recorded[str(key.value)] = posixpath.normpath(
                        posixpath.join(root, str(directory.value))
                    )
        result[root] = recorded
    return result


@dataclass(frozen=True)
class Described:
    """A description chosen for a module call, and the defaults its versions disagree on."""

    description: ModuleDescription
    files: tuple[ParsedFile, ...]
    directory: str
    disputed: dict[str, Unresolved]


def describe(call: Block, descriptions: Sequence[ModuleDescription]) -> Described | None:
    """The description of the registry module ``call`` names, if one matches its version."""
    source = _literal(call.body, "source")
    if source is None:
        return None
    version_text = _literal(call.body, "version")
    wanted = parse_constraint(version_text) if version_text else ANY
    candidates = [
        d
        for d in descriptions
        if d.source == normalized_source(source)
        and wanted is not None
        and (allowed := parse_constraint(d.versions)) is not None
        and allowed.overlaps(wanted)
    ]
    if not candidates:
        return None
    loaded = [(d, _files_of(d.directory, _label(d))) for d in candidates]
    first, first_files = loaded[0]
    directory = _label(first)
    disputed = {
        name: Unresolved(
            f"var.{name}",
            f"the default differs between the versions of {first.source} that "
            f"{version_text or 'an unpinned call'} admits",
        )
        for name in _disputed_defaults([f for _, f in loaded])
    }
    return Described(first, first_files, directory, disputed)


def _literal(body: Body, name: str) -> str | None:
    attribute = body.attribute(name)
    if attribute is None or not isinstance(attribute.value, Scalar):
        return None
    return str(attribute.value.value)


@cache
def _files_of(directory: Path, label: str) -> tuple[ParsedFile, ...]:
    from policyguard.parse.hcl import parse_hcl  # noqa: PLC0415 - hcl2 loads only when used

    parsed = []
    for path in sorted(directory.glob("*.tf")):
        source = SourceFile(path, f"{label}/{path.name}")
        try:
            body, comments = parse_hcl(source.text)
        except InputError:
            continue
        parsed.append(ParsedFile(source, "terraform", body, comments))
    return tuple(parsed)


def _label(description: ModuleDescription) -> str:
    """How locations name a description's directory."""
    directory = description.directory
    return f"{BUILTIN}/{description.source}/{directory.parent.name}/{directory.name}"


def _disputed_defaults(candidates: list[tuple[ParsedFile, ...]]) -> set[str]:
    """Variables whose default is written differently in the candidate descriptions."""
    defaults = [_defaults(files_) for files_ in candidates]
    declared_everywhere = set.intersection(*(set(d) for d in defaults))
    return {n for n in declared_everywhere if len({d[n] for d in defaults}) > 1}


def _defaults(parsed: tuple[ParsedFile, ...]) -> dict[str, str | None]:
    """Each variable's default as written, so that equal defaults compare equal."""
    result: dict[str, str | None] = {}
    for file in parsed:
        if isinstance(file.root, Body):
            lines = file.source.text.splitlines()
            for block in file.root.blocks_of("variable"):
                default = block.body.attribute("default")
                span = default.value.span if default is not None else None
                written = lines[span.start_line - 1 : span.end_line] if span else None
                result[block.labels[0]] = "\n".join(written).strip() if written else None
    return result
