"""Values of a root module's input variables, from every place Terraform takes them.

In increasing precedence: ``TF_VAR_*`` environment variables, ``terraform.tfvars``,
``terraform.tfvars.json``, ``*.auto.tfvars`` and ``*.auto.tfvars.json`` in lexical order, then
the command line's ``--var-file`` files and ``--var`` values. Defaults come last, from the
``variable`` blocks themselves (see :mod:`module`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from policyguard.diagnostics import InputError
from policyguard.extract.terraform.module import Located, ModuleSource
from policyguard.extract.terraform.rebase import from_file, placed_at
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.parsed import ParsedFile
from policyguard.parse.tree import Body, Node, Scalar
from policyguard.resolve.hcl_eval import Value, evaluate

VARIABLES_FORMAT = "terraform-variables"
_AUTO_LOADED = ("terraform.tfvars", "terraform.tfvars.json")
_ENVIRONMENT_PREFIX = "TF_VAR_"


def auto_loaded(files: Iterable[ParsedFile], directory: str) -> list[ParsedFile]:
    """The variable files Terraform loads by itself from ``directory``, in its order."""
    in_directory = [f for f in files if str(PurePosixPath(f.relpath).parent) == directory]

    def order(parsed: ParsedFile) -> tuple[int, str]:
        name = PurePosixPath(parsed.relpath).name
        if name in _AUTO_LOADED:
            return _AUTO_LOADED.index(name), name
        return len(_AUTO_LOADED), name

    return sorted(
        (
            f
            for f in in_directory
            if PurePosixPath(f.relpath).name in _AUTO_LOADED
            or f.relpath.endswith((".auto.tfvars", ".auto.tfvars.json"))
        ),
        key=order,
    )


def root_inputs(
    source: ModuleSource,
    files: Iterable[ParsedFile],
    environment: Mapping[str, str],
    command_line: Iterable[tuple[str, str]],
) -> dict[str, Value]:
    """The values given to the variables of root module ``source``.

    ``files`` are the auto-loaded files followed by the command line's variable files.
    """
    values: dict[str, Value] = {}
    for key, text in sorted(environment.items()):
        name = key.removeprefix(_ENVIRONMENT_PREFIX)
        if key.startswith(_ENVIRONMENT_PREFIX) and name in source.variables:
            values[name] = _from_text(text, source.variables[name])
    for parsed in files:
        if isinstance(parsed.root, Body):
            for attribute in parsed.root.attributes:
                values[attribute.name] = from_file(
                    evaluate(attribute.value, NO_NAMES), parsed.relpath
                )
    for name, text in command_line:
        if name in source.variables:
            values[name] = _from_text(text, source.variables[name])
    return values


def _from_text(text: str, variable: Located) -> Value:
    """A value given as text: a string, or an HCL value when the variable's type is not one.

    It is located at the variable's declaration, the nearest place in the code.
    """
    at = variable.block.header
    declared = variable.block.body.attribute("type")
    if declared is not None and getattr(declared.value, "name", "") != "string":
        try:
            from policyguard.parse.hcl import parse_hcl  # noqa: PLC0415 - hcl2 loads only when used

            body, _ = parse_hcl(f"value = {text}\n")
        except InputError:
            body = None
        if body is not None and body.attributes:
            value = evaluate(body.attributes[0].value, NO_NAMES)
            return from_file(placed_at(value, at), variable.path)
    return from_file(Scalar(text, at), variable.path)


class _NoNames:
    """Names for literal variable files: nothing is in scope."""

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        return None

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        return None


NO_NAMES = _NoNames()
