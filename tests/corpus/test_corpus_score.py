"""The labeled corpus of other projects, scored with ``../shared/corpus/score``.

``property_map.json`` maps the corpus vocabulary to rule ids; ``disputed.json`` lists the labels
that contradict AWS's documented behaviour, each with its reason and a link to the documentation.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SHARED

CORPUS = SHARED / "corpus"
HERE = Path(__file__).parent
DOMAINS = ("iam", "scp", "kms", "s3")
MINIMUM = 0.90

pytestmark = pytest.mark.skipif(
    not (CORPUS / "score").is_file(), reason="the shared corpus is not beside the project"
)


def domain_properties() -> set[str]:
    """The corpus properties of :data:`DOMAINS` that have labels."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z-]+) \| (\d+) \|", _properties_md(), re.M)
    return {name for name, domain, labels in rows if domain in DOMAINS and int(labels) > 0}


def _properties_md() -> str:
    return (CORPUS / "properties.md").read_text(encoding="utf-8")


def test_disputed_labels_are_few_and_documented() -> None:
    disputed = json.loads((HERE / "disputed.json").read_text(encoding="utf-8"))
    labels = [
        json.loads(line)
        for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    in_domains = {
        (label["file"], label["property"]) for label in labels if label["domain"] in DOMAINS
    }
    for entry in disputed:
        assert (entry["file"], entry["property"]) in in_domains, entry
        assert re.search(r"https://docs\.aws\.amazon\.com/\S+", entry["reason"]), entry
    assert len(disputed) <= 0.05 * len(in_domains)


def test_mapped_properties_cover_the_domains() -> None:
    mapped = set(json.loads((HERE / "property_map.json").read_text(encoding="utf-8")))
    wanted = domain_properties()
    assert len(mapped & wanted) >= MINIMUM * len(wanted), sorted(wanted - mapped)


def test_recall_and_precision_on_the_corpus() -> None:
    scanner = f"{shlex.quote(sys.executable)} -m policyguard"
    command = scanner + " scan {target} --format sarif --output {output}"
    result = subprocess.run(
        [
            sys.executable,
            str(CORPUS / "score"),
            "--map",
            str(HERE / "property_map.json"),
            "--exclude",
            str(HERE / "disputed.json"),
            "--cmd",
            command,
            *(argument for domain in DOMAINS for argument in ("--domain", domain)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    overall = result.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(recall|precision) ([0-9.]+)", overall.split(";")[0]))
    assert float(figures["recall"]) >= MINIMUM, result.stdout
    assert float(figures["precision"]) >= MINIMUM, result.stdout
