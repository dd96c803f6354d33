"""Built-in descriptions of registry modules, shipped as package data.

Each subdirectory holds a few Terraform files that reproduce the security-relevant behaviour
of one registry module for one range of its versions; ``index.json`` maps module sources and
version constraints to those directories. See ``docs/module-descriptions.md``.
"""
