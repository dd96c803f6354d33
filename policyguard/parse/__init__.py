"""Parsers: one module per format, the only places that import a parser library."""
