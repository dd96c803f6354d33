"""Terraform (and OpenTofu) configurations become the model.

Every directory is a module; those that no other scanned module calls are roots, instantiated
with their variable values, and local module calls are followed into their directories. Each
resource instance (one per ``count`` index or ``for_each`` key) goes to the handler of its type.
Terraform plans (``terraform show -json``) follow, for the resources that configuration did not
give (:mod:`policyguard.extract.terraform.plan`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePosixPath

from policyguard.diagnostics import Diagnostic, InputError
from policyguard.extract.collect import Collector
from policyguard.extract.terraform.dynamic import expand_dynamic_blocks
from policyguard.extract.terraform.handlers import HANDLERS
from policyguard.extract.terraform.instance import ResourceInstance
from policyguard.extract.terraform.module import Located, ModuleInstance, ModuleSource, Project
from policyguard.extract.terraform.plan import PLAN_FORMAT, extract_plans, resource_addresses
from policyguard.extract.terraform.registry import (
    MANIFEST_FORMAT,
    builtin_descriptions,
    installed_directories,
)
from policyguard.extract.terraform.variables import VARIABLES_FORMAT, auto_loaded, root_inputs
from policyguard.extract.values import ValueReader
from policyguard.location import SourceLocation
from policyguard.model.resources import Resource, SourceFormat
from policyguard.parse.parsed import ExtractContext, Extraction, ParsedFile
from policyguard.resolve.hcl_eval import make_resolver

FORMAT = "terraform"


def extract_configurations(
    files: Sequence[ParsedFile], context: ExtractContext
) -> Extraction | None:
    """Extract every root module among ``files`` with the modules it calls, then the plans."""
    configuration = [f for f in files if f.format == FORMAT]
    plans = [f for f in files if f.format == PLAN_FORMAT]  # plans
    if not configuration and not plans:
        return None
    extracted: defaultdict[str, set[str]] = defaultdict(set)  # plans
    variable_files = [f for f in files if f.format == VARIABLES_FORMAT]
    manifests = [f for f in files if f.format == MANIFEST_FORMAT]
    project = Project(
        _sources(configuration),
        installed_directories(manifests),
        context.module_descriptions + builtin_descriptions(),
    )
    collector = Collector()
    for root in project.roots():
        loaded = auto_loaded(variable_files, root.directory) + list(context.variable_files)
        inputs = root_inputs(root, loaded, context.environment, context.variables)
        start = len(collector.objects)  # plans
        instance = ModuleInstance(project, root, inputs=inputs, root_directory=root.directory)
        _extract_root(instance, collector)
        extracted[root.directory] |= resource_addresses(collector.objects[start:])  # plans
        collector.finish_unit()
    collector.diagnostics.extend(project.diagnostics)
    # Plans last: a plan skips the resources its root module's configuration already gave.
    extract_plans(plans, collector, extracted)
    return collector.extraction()


def _sources(files: list[ParsedFile]) -> dict[str, ModuleSource]:
    by_directory: defaultdict[str, list[ParsedFile]] = defaultdict(list)
    for parsed in sorted(files, key=lambda f: f.relpath):
        by_directory[str(PurePosixPath(parsed.relpath).parent)].append(parsed)
    return {d: ModuleSource(d, tuple(fs)) for d, fs in by_directory.items()}


def _extract_root(root: ModuleInstance, collector: Collector) -> None:
    try:
        modules = list(root.all_instances())
    except InputError as error:
        collector.diagnostics.append(_problem(root.source.directory, error))
        modules = [root]
    for module in modules:
        for address, located, names in module.resources():
            try:
                item = _instance(address, located, names, module)
                collector.add(item.resource)
                handler = HANDLERS.get(item.resource.type)
                if handler is not None:
                    handler(item, collector)
            except InputError as error:
                collector.diagnostics.append(_problem(located.path, error))


def _instance(
    address: str, located: Located, names: ModuleInstance, module: ModuleInstance
) -> ResourceInstance:
    block = located.block
    location = SourceLocation(located.path, block.header, address, module.root_directory)
    resource = Resource(
        address,
        block.labels[0],
        SourceFormat.TERRAFORM,
        location,
        module.calls,
        block.span,
        names.binding.unknown,
    )
    body = expand_dynamic_blocks(block.body, names)
    values = ValueReader(located.path, address, make_resolver(names), module.root_directory)
    return ResourceInstance(resource, body, values, names, module.prefix)


def _problem(path: str, error: InputError) -> Diagnostic:
    return Diagnostic(path, error.span, error.diagnostic_id, error.message)
