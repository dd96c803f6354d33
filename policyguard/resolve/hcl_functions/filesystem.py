"""``file`` and ``templatefile``: the module's files, read and evaluated as templates."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Node, Scalar, Template, TextOrigin
from policyguard.resolve.hcl_functions.arguments import (
    Arguments,
    Function,
    as_map,
    as_string,
    string_result,
    take,
)
from policyguard.resolve.hcl_functions.conversions import literal_text, scalar_text, unwrap
from policyguard.resolve.hcl_functions.relocation import Move, relocate
from policyguard.resolve.hcl_functions.values import (
    Failure,
    OpenMapping,
    Unknown,
    Value,
    is_encoded,
    kind,
)


def _read(args: Arguments, path_value: Value) -> tuple[str, str]:
    path = as_string(args, path_value)
    found = args.read_file(path)
    if found is None:
        raise Unknown(f"the file {literal_text(path)} is not read (not a file of the module)")
    args.budget.string(len(found[0]), args.call.span)
    return found


def file_span(text: str, relpath: str) -> Span:
    """The span of a whole file whose text is ``text``."""
    lines = text.split("\n")
    return Span(1, 1, len(lines), len(lines[-1]) + 1, relpath)


def _file(args: Arguments) -> Value:
    (path_value,) = take(args, 1)
    text, relpath = _read(args, path_value)
    return Scalar(text, file_span(text, relpath), TextOrigin(1, 1))


def _templatefile(args: Arguments) -> Value:
    path_value, variables_value = take(args, 2)
    if args.inside_template:
        raise Failure("templatefile() cannot be called from inside a template file")
    variables = as_map(variables_value)
    if isinstance(variables, OpenMapping):
        raise Unknown("the template variables are not all known statically")
    text, relpath = _read(args, path_value)
    body = template_body(text, relpath)
    scope = {entry.key: unwrap(entry.value) for entry in variables.entries}
    result = args.template(body, scope)
    if result is body or is_encoded(result):
        return result  # the file's own text, where it is written; or a JSON string
    if isinstance(result, Unresolved):
        return Unresolved.of_parts(args.call.text, result.reason, result.parts)
    if isinstance(result, Scalar) and result.value is not None:
        return string_result(args, scalar_text(result.value))
    raise Failure(f"the template produced {kind(result)}, not a string")


@lru_cache(maxsize=32)
def template_body(text: str, relpath: str) -> Node:
    """The template in a file's ``text``, positions in the file ``relpath``.

    The text is parsed as a heredoc, the way Terraform reads a template file: ``${...}``
    interpolations and ``%{...}`` directives, ``$${`` and ``%%{`` escapes.
    """
    delimiter, number = "POLICYGUARD_TEMPLATE", 0
    while delimiter in text:
        number += 1
        delimiter = f"POLICYGUARD_TEMPLATE_{number}"
    added = not text.endswith("\n")
    wrapped = f"_ = <<{delimiter}\n{text}{chr(10) if added else ''}{delimiter}\n"
    try:
        from policyguard.parse.hcl import parse_hcl  # noqa: PLC0415 - hcl2 loads only when used

        body, _ = parse_hcl(wrapped)
    except LimitExceeded:
        raise
    except InputError as error:
        raise Unknown(f"the template file is not read: {error.message}") from error
    node = relocate(body.attributes[0].value, Move(lines=-1, file=relpath))
    whole = file_span(text, relpath)
    if isinstance(node, Scalar) and isinstance(node.value, str):
        value = node.value[:-1] if added and node.value.endswith("\n") else node.value
        return Scalar(value, whole, node.origin)
    if isinstance(node, Template):
        parts = list(node.parts)
        last = parts[-1]
        text_end = last.value if isinstance(last, Scalar) else None
        if added and isinstance(text_end, str) and text_end.endswith("\n"):
            parts[-1:] = [Scalar(text_end[:-1], last.span)] if text_end[:-1] else []
        return Template(tuple(parts), whole, text, node.origin)
    return replace(node, span=whole)


FUNCTIONS: dict[str, Function] = {
    "file": _file,
    "templatefile": _templatefile,
}
