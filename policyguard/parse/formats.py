"""The built-in parsers, chosen by file name and, for templates, by content.

Parser libraries are imported only when a file of their format is found, so that start-up
stays fast and a Terraform-only scan never loads cfn-lint.
"""

from __future__ import annotations

from policyguard.diagnostics import InputError
from policyguard.hookspecs import hookimpl
from policyguard.parse.cloudformation import looks_like_cloudformation, parse_template
from policyguard.parse.json_text import parse_json
from policyguard.parse.parsed import ParsedFile
from policyguard.parse.tree import Attribute, Body, Mapping
from policyguard.source import SourceFile

TERRAFORM_SUFFIXES = (".tf", ".tofu")
TERRAFORM_JSON_SUFFIXES = (".tf.json", ".tofu.json")
VARIABLES_SUFFIX = ".tfvars"
VARIABLES_JSON_SUFFIX = ".tfvars.json"
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")


@hookimpl(trylast=True)
def policyguard_parse_file(source: SourceFile) -> ParsedFile | None:
    """Terraform by suffix; CloudFormation by suffix and content; ``None`` for anything else."""
    name = source.name.lower()
    if name.endswith((*TERRAFORM_SUFFIXES, VARIABLES_SUFFIX)):
        from policyguard.parse.hcl import parse_hcl

        body, comments = parse_hcl(source.text)
        return ParsedFile(source, _terraform_format(name), body, comments)
    if name.endswith(TERRAFORM_JSON_SUFFIXES):
        from policyguard.parse.hcl import parse_tf_json

        body, comments = parse_tf_json(source.text)
        return ParsedFile(source, "terraform", body, comments)
    if source.relpath.endswith(".terraform/modules/modules.json"):
        return ParsedFile(source, "terraform-modules", _json_object(source.text, "module manifest"))
    if name.endswith(VARIABLES_JSON_SUFFIX):
        return ParsedFile(source, "terraform-variables", _variables_json(source.text))
    if name.endswith(".json") and looks_like_plan(source.head):
        return ParsedFile(source, "terraform-plan", _json_object(source.text, "Terraform plan"))
    if name.endswith(TEMPLATE_SUFFIXES) and looks_like_cloudformation(source.head):
        mapping, comments = parse_template(source.text, source.relpath)
        return ParsedFile(source, "cloudformation", mapping, comments)
    return None


def looks_like_plan(head: bytes) -> bool:
    """Whether a JSON file is the output of ``terraform show -json`` for a plan."""
    return (
        b'"format_version"' in head
        and b'"terraform_version"' in head
        and (b'"planned_values"' in head or b'"resource_changes"' in head)
    )


def _json_object(text: str, what: str) -> Mapping:
    root = parse_json(text)
    if not isinstance(root, Mapping):
        raise InputError(f"a {what} must be a JSON object", root.span)
    return root


def _terraform_format(name: str) -> str:
    return "terraform-variables" if name.endswith(VARIABLES_SUFFIX) else "terraform"


def _variables_json(text: str) -> Body:
    """A ``.tfvars.json`` object as a body of ``name = value`` attributes."""
    root = parse_json(text)
    if not isinstance(root, Mapping):
        raise InputError("a variables file must hold a JSON object", root.span)
    attributes = tuple(
        Attribute(e.key, e.key_span, e.value, e.key_span.covering(e.value.span))
        for e in root.entries
    )
    return Body(attributes, (), root.span)
