"""Reporters: SARIF (primary), text and JSON."""
