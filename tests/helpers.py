"""Paths the tests share."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TESTDATA = PROJECT / "testdata"
SHARED = PROJECT.parent / "shared"
SARIF_SCHEMA = SHARED / "sarif" / "sarif-schema-2.1.0.json"
