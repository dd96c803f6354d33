"""Terraform's values as the evaluator of :mod:`policyguard.resolve.hcl_eval` holds them, and the
built-in functions it evaluates (:data:`FUNCTIONS`, one table from name to implementation).

The values are in :mod:`.values` with their :mod:`.conversions`, :mod:`.equality` and
:mod:`.limits`; the functions are grouped as Terraform's documentation groups them
(:mod:`.strings`, :mod:`.collection`, :mod:`.numeric`, ...), each module with its own table.

**Values.** A known value reuses the tree's literal nodes: :class:`Scalar` (string, number, bool,
null), :class:`Mapping` (object or map) and :class:`Sequence` (list, tuple or set). An unknown value
is an :class:`Unresolved`. Inside an evaluated Mapping or Sequence an unknown element is an
:class:`UnresolvedNode`: an :class:`Expression` carrying its ``Unresolved``, so that a reader that
does not know the class still sees an expression it cannot evaluate. Two kinds of container are
marked by subclass:

- :class:`EncodedMapping` and :class:`EncodedSequence` are what ``jsonencode`` returns: in
  Terraform's terms a JSON string, kept as the structure with every element's position because
  policies are read from it. Wherever Terraform wants a string (a template, a string function,
  ``==`` with a string) it becomes compact JSON as Terraform writes it: keys sorted, no spaces,
  ``<``, ``>`` and ``&`` escaped.
- :class:`OpenMapping` is an object of which only some attributes are known (a resource's
  configured arguments beside those the provider computes): another attribute is unknown, not an
  error.

**Errors and unknowns.** Where Terraform would report an error (a wrong argument type, an index
out of range, a missing attribute of a known object) evaluation raises :class:`Failure`; ``try``
and ``can`` catch it, and the evaluator turns it into an ``Unresolved`` that says why, so the scan
goes on. Where a value cannot be known, or a construct is not evaluated here, a function raises
:class:`Unknown`, which the evaluator turns into an ``Unresolved`` naming the call. The two differ
only for ``try`` and ``can``: an error moves on to the next argument, an unknown value does not.

**Spans.** A result a function computes gets the span of the call; a value it passes through
unchanged (``lookup``, ``element``, ``coalesce``, ``try``, the elements of ``concat`` or
``merge``) keeps its own span, so a finding points where the deciding value is written.

**Bounds.** :class:`Budget` counts evaluation steps and checks the size of strings, collections
and numbers; exceeding a bound raises :class:`~policyguard.diagnostics.LimitExceeded`.

**Known differences from Terraform.** Numbers are Python ``int`` (exact) and ``float`` computed
through ``Decimal``, not 512-bit floats. Lists and tuples, maps and objects are not told apart
(``==`` compares structure, where Terraform also compares these types); a set is a sorted,
deduplicated list, so indexing it succeeds where Terraform fails. ``length`` of a string counts
code points, not grapheme clusters. ``lower``/``upper``/``title`` use Python's case mappings.
Regular expressions run on Python's ``re`` with RE2's ASCII classes: RE2 syntax Python lacks
(``\\pL``, ``[[:alpha:]]``, ``(?U)``, ``\\Q...\\E``), backreferences and lookarounds are left
unknown, and so is a pattern that could backtrack too long on its string (a repeated group that
repeats or alternates inside, or more choices than :data:`REGEX_COST_LIMIT` allows), since
Python backtracks where RE2 does not; ``$`` also matches before a final newline, ``(?i)`` folds
only ASCII case, and empty matches next to other matches may differ. ``format`` supports the
verbs ``%v %#v %s %q %t %d %b %o %x %X %e %E %f %F %g %G`` with flags, width, precision and
``%[n]``, not ``*``; ``%q`` quotes as JSON does.
"""

from __future__ import annotations

from policyguard.resolve.hcl_functions import (
    collection,
    encoding,
    filesystem,
    formatting,
    numeric,
    regex,
    sets,
    strings,
    type_conversion,
    volatile,
)
from policyguard.resolve.hcl_functions.arguments import Arguments, Function
from policyguard.resolve.hcl_functions.conversions import (
    json_pieces,
    json_string,
    number_text,
    parse_number,
    scalar_text,
    source_text,
    text_value,
    to_bool,
    to_number,
    to_pieces,
    unwrap,
    wrap,
)
from policyguard.resolve.hcl_functions.equality import canonical, equal, wholly_known
from policyguard.resolve.hcl_functions.filesystem import file_span, template_body
from policyguard.resolve.hcl_functions.formatting import format_pieces
from policyguard.resolve.hcl_functions.limits import (
    MAX_COLLECTION,
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_STEPS,
    MAX_STRING,
    MAX_VALUE_DEPTH,
    Budget,
)
from policyguard.resolve.hcl_functions.numeric import RANGE_LIMIT, arithmetic, bounded, compare
from policyguard.resolve.hcl_functions.regex import REGEX_COST_LIMIT
from policyguard.resolve.hcl_functions.relocation import Move, relocate
from policyguard.resolve.hcl_functions.values import (
    Encoded,
    EncodedMapping,
    EncodedSequence,
    Failure,
    Number,
    OpenMapping,
    Unknown,
    UnresolvedNode,
    Value,
    entries_by_key,
    is_encoded,
    kind,
)

FUNCTIONS: dict[str, Function] = {
    **collection.FUNCTIONS,
    **encoding.FUNCTIONS,
    **filesystem.FUNCTIONS,
    **formatting.FUNCTIONS,
    **numeric.FUNCTIONS,
    **regex.FUNCTIONS,
    **sets.FUNCTIONS,
    **strings.FUNCTIONS,
    **type_conversion.FUNCTIONS,
    **volatile.FUNCTIONS,
}
"""Every function the evaluator computes, by name; any other call stays unknown."""

__all__ = [
    "FUNCTIONS",
    "MAX_COLLECTION",
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_STEPS",
    "MAX_STRING",
    "MAX_VALUE_DEPTH",
    "RANGE_LIMIT",
    "REGEX_COST_LIMIT",
    "Arguments",
    "Budget",
    "Encoded",
    "EncodedMapping",
    "EncodedSequence",
    "Failure",
    "Function",
    "Move",
    "Number",
    "OpenMapping",
    "Unknown",
    "UnresolvedNode",
    "Value",
    "arithmetic",
    "bounded",
    "canonical",
    "compare",
    "entries_by_key",
    "equal",
    "file_span",
    "format_pieces",
    "is_encoded",
    "json_pieces",
    "json_string",
    "kind",
    "number_text",
    "parse_number",
    "relocate",
    "scalar_text",
    "source_text",
    "template_body",
    "text_value",
    "to_bool",
    "to_number",
    "to_pieces",
    "unwrap",
    "wholly_known",
    "wrap",
]
