"""What parsers hand to extraction, and what extraction hands back."""

from __future__ import annotations

from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from pathlib import Path

from policyguard.diagnostics import Diagnostic
from policyguard.parse.tree import Body, Comment, Mapping
from policyguard.source import SourceFile


@dataclass(frozen=True, eq=False)
class ParsedFile:
    """A parsed file: ``format`` names the extractor that reads it (``terraform``,
    ``cloudformation``); ``root`` is a :class:`Body` for HCL, a :class:`Mapping` for templates."""

    source: SourceFile
    format: str
    root: Body | Mapping
    comments: tuple[Comment, ...] = ()

    @property
    def relpath(self) -> str:
        return self.source.relpath


@dataclass(frozen=True)
class Extraction:
    """Model objects extracted from parsed files, and diagnostics about what could not be."""

    objects: tuple[object, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class ModuleDescription:
    """A description of a registry module: Terraform files in ``directory`` that reproduce the
    security-relevant behaviour of ``source`` (``terraform-aws-modules/s3-bucket/aws``) for the
    versions ``versions`` allows (a Terraform version constraint)."""

    source: str
    versions: str
    directory: Path


@dataclass(frozen=True)
class ExtractContext:
    """What extraction takes besides the scanned files.

    ``variable_files`` are Terraform variable files named on the command line (parsed),
    ``variables`` the ``NAME=VALUE`` pairs given there, in order; ``environment`` holds the
    environment variables (``TF_VAR_*`` are read); ``module_descriptions`` are the registry
    module descriptions that plugins provide.
    """

    variable_files: tuple[ParsedFile, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()
    environment: AbcMapping[str, str] = field(default_factory=dict)
    module_descriptions: tuple[ModuleDescription, ...] = ()
