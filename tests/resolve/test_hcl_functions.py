"""Terraform's built-in functions as the evaluator computes them: known, partly known and unknown
arguments, errors Terraform would report, spans of results, ``try``/``can``, JSON, files."""

from __future__ import annotations

import hashlib

import pytest

from policyguard.diagnostics import LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.tree import Entry, Mapping, Scalar, Sequence, TextOrigin
from policyguard.resolve.hcl_eval import EncodedMapping, EncodedSequence, Value, evaluate
from policyguard.resolve.hcl_functions import FUNCTIONS, MAX_STRING
from tests.resolve.test_hcl_eval import (
    NAMES,
    UNKNOWN,
    VARS_FILE,
    FakeNames,
    Plain,
    at,
    expr,
    plain,
    span_of,
    unknown,
)

ARN = unknown("arn:aws:s3:::", None, "/*")
"""``local.arn``: a string of which only the ends are known."""


def ev(source: str, names: FakeNames = NAMES) -> Value:
    return evaluate(expr(source), names)


CALLS: list[tuple[str, Plain]] = [
    # jsonencode / jsondecode
    (
        'tostring(jsonencode({ b = [1, "x<y>&"], a = true, c = null }))',
        '{"a":true,"b":[1,"x\\u003cy\\u003e\\u0026"],"c":null}',
    ),
    ('jsonencode("a\\nb")', '"a\\nb"'),
    ("jsonencode(1.5)", "1.5"),
    ("jsonencode(2.0)", "2"),
    ("jsonencode(null)", "null"),
    ("jsonencode(jsonencode({ a = 1 }))", '"{\\"a\\":1}"'),
    ('tostring(jsonencode({ a = jsonencode(["x"]) }))', '{"a":"[\\"x\\"]"}'),
    ("tostring(jsonencode({ r = local.arn }))", unknown('{"r":"arn:aws:s3:::', None, '/*"}')),
    ("tostring(jsonencode([var.secret]))", unknown("[", None, "]")),
    ('"${jsonencode({ a = 1 })}!"', '{"a":1}!'),
    ('jsonencode({ a = 1 }) == "{\\"a\\":1}"', True),
    ('jsonencode({ a = 1 }) == "{\\"a\\": 1}"', False),
    ("jsonencode([1]) == [1]", False),
    ("length(jsonencode({ a = 1 }))", 7),
    ('jsondecode("{\\"a\\": [1, 2.5, null]}")', {"a": [1, 2.5, None]}),
    ('jsondecode(jsonencode({ a = ["x"] }))', {"a": ["x"]}),
    ("jsondecode(var.secret)", UNKNOWN),
    ("jsondecode(local.arn)", UNKNOWN),
    # format and formatlist
    ('format("%s-%05d-%.2f-%v-%q", "x", 42, 3.14159, [1], "q")', 'x-00042-3.14-[1]-"q"'),
    ('format("%t %x %X %o %b %+d", true, 255, 255, 8, 5, 5)', "true ff FF 10 101 +5"),
    ('format("%e|%E|%f", 1234.5, 0.5, 2)', "1.234500e+03|5.000000E-01|2.000000"),
    (
        'format("%g %g %g %g %G %g", 1000000, 123456, 0.0001, 0.00001, 1e-7, 1.5)',
        "1e+06 123456 0.0001 1e-05 1E-07 1.5",
    ),
    (
        'format("%.3g|%8.3f|%-5s|%5s|%.1s", 3.14159, 3.14159, "ab", "ab", "xyz")',
        "3.14|   3.142|ab   |   ab|x",
    ),
    ('format("%[2]s %[1]s %%", "a", "b")', "b a %"),
    ('format("%#v %#v %v %v", { a = 1 }, "x", null, true)', '{"a":1} "x" null true'),
    ('format("%s and %d", "1", "2")', "1 and 2"),
    ('format("arn:%s:x", var.secret)', unknown("arn:", None, ":x")),
    ('format("<%s>", local.arn)', unknown("<arn:aws:s3:::", None, "/*>")),
    ('format("<%5s>", var.secret)', unknown("<", None, ">")),
    ('format(var.secret, "a")', UNKNOWN),
    ('formatlist("%s-%s", ["a", "b"], "x")', ["a-x", "b-x"]),
    ('formatlist("%s", ["a", var.secret])', ["a", UNKNOWN]),
    ('formatlist("n%d", 1)', ["n1"]),
    ('formatlist("%s", var.secret)', UNKNOWN),
    # strings
    ('join(",", ["a", "b"])', "a,b"),
    ('join("-", ["a"], ["b", 1, true])', "a-b-1-true"),
    ('join("/", ["arn", var.secret, "x"])', unknown("arn/", None, "/x")),
    ('join("", ["a", local.arn])', unknown("aarn:aws:s3:::", None, "/*")),
    ('join(",", [])', ""),
    ('join(",", var.secret)', UNKNOWN),
    ('split(",", "a,b,,c")', ["a", "b", "", "c"]),
    ('split(",", "")', [""]),
    ('split("", "abc")', ["a", "b", "c"]),
    ('split(",", var.secret)', UNKNOWN),
    ('lower("ABC")', "abc"),
    ("upper(local.arn)", unknown("ARN:AWS:S3:::", None, "/*")),
    ("lower(var.secret)", UNKNOWN),
    ('title("hello world-foo_bar 1a")', "Hello World-Foo_bar 1a"),
    ('trimspace("  x y \\n")', "x y"),
    ('trim("?!hello?!", "!?")', "hello"),
    ('trimprefix("helloworld", "hello")', "world"),
    ('trimprefix("x", "hello")', "x"),
    ('trimprefix(local.arn, "arn:")', unknown("aws:s3:::", None, "/*")),
    ('trimprefix(local.arn, "x")', ARN),
    ('trimprefix(local.arn, "arn:aws:s3:::bucket")', UNKNOWN),
    ('trimsuffix("main.tf", ".tf")', "main"),
    ('trimsuffix(local.arn, "/*")', unknown("arn:aws:s3:::", None)),
    ('trimsuffix(local.arn, "x")', ARN),
    ('substr("hello world", 1, 4)', "ello"),
    ('substr("hello", -3, -1)', "llo"),
    ('substr("hi", 5, 1)', ""),
    ('substr("hello", -10, 2)', "he"),
    ('startswith(local.arn, "arn:aws")', True),
    ('startswith(local.arn, "x")', False),
    ('startswith(local.arn, "arn:aws:s3:::bucket")', UNKNOWN),
    ('startswith("abc", "ab")', True),
    ('endswith(local.arn, "/*")', True),
    ('endswith(local.arn, "x")', False),
    ('endswith("abc", "bc")', True),
    ('strcontains(local.arn, "s3")', True),
    ('strcontains(local.arn, "zz")', UNKNOWN),
    ('strcontains("abc", "d")', False),
    ('replace("a-b-c", "-", "+")', "a+b+c"),
    ('replace("aaa", "", "-")', "-a-a-a-"),
    ('replace("a-b-c", "/(\\\\w)-/", "$1+")', "a+b+c"),
    ('replace("k=v", "/(?P<key>\\\\w+)=(?P<val>\\\\w+)/", "$val=$key $$ $${1}")', "v=k $ k"),
    ('replace("abc", "/b/", "$9")', "ac"),
    ('replace(local.arn, "a", "b")', UNKNOWN),
    ('chomp("x\\n\\r\\n")', "x"),
    ('strrev("abc")', "cba"),
    ('base64encode("hello")', "aGVsbG8="),
    ('base64decode("aGVsbG8=")', "hello"),
    ('sha256("x")', hashlib.sha256(b"x").hexdigest()),
    ('sha1("x")', hashlib.sha1(b"x").hexdigest()),
    ('md5("")', hashlib.md5(b"").hexdigest()),
    ('sha512("x")', hashlib.sha512(b"x").hexdigest()),
    # regular expressions
    ('regex("[a-z]+", "123abc456")', "abc"),
    ('regex("(\\\\d+)-(\\\\d+)", "10-20")', ["10", "20"]),
    ('regex("(?P<a>\\\\d+)(?P<b>x)?", "12")', {"a": "12", "b": None}),
    (
        'regex("(?<account>\\\\d{12})", "arn:aws:iam::123456789012:root")',
        {"account": "123456789012"},
    ),
    ('regex("^arn:aws:iam::(\\\\d+):role/(.+)$", "arn:aws:iam::1:role/x")', ["1", "x"]),
    ('regexall("\\\\d", "a1b2")', ["1", "2"]),
    ('regexall("(\\\\w)(\\\\d)", "a1b2")', [["a", "1"], ["b", "2"]]),
    ('regexall("z", "abc")', []),
    ('regex("[]a]+", "x]a]")', "]a]"),
    ('regex("[^]]+", "]ab]")', "ab"),
    ('regex("a{,2}", "a{,2}")', "a{,2}"),
    ('regex("a{2}", "aaa")', "aa"),
    ('regex("(?i)ab", "xAB")', "AB"),
    ('regex("a\\z", "ba")', "a"),
    ('regex("(a+)+$", "aaaa")', UNKNOWN),
    ('regex("(a|aa)*b", "aaaa")', UNKNOWN),
    ('regex("\\\\pL", "x")', UNKNOWN),
    ('regex("(?=a)", "a")', UNKNOWN),
    ('regex("(\\\\w)\\\\1", "aa")', UNKNOWN),
    ('regex("[[:alpha:]]", "a")', UNKNOWN),
    ('regex("(?U)a+", "aa")', UNKNOWN),
    ('regex("a++", "aa")', UNKNOWN),
    ('regex(var.secret, "a")', UNKNOWN),
    # collections
    ('concat(["a"], ["b", var.secret])', ["a", "b", UNKNOWN]),
    ('concat(["a"], var.secret)', UNKNOWN),
    ("concat()", []),
    ("merge({ a = 1, b = 2 }, { b = 3 }, null)", {"a": 1, "b": 3}),
    ("merge({ a = 1 }, var.secret)", UNKNOWN),
    ("merge()", {}),
    ("merge(aws_s3_bucket.b)", UNKNOWN),
    ('lookup(var.map, "k")', "v"),
    ('lookup(var.map, "zz", "d")', "d"),
    ('lookup(var.secret, "k")', UNKNOWN),
    ("lookup(var.map, var.secret)", UNKNOWN),
    ('lookup(aws_s3_bucket.b, "arn", "d")', UNKNOWN),
    ('lookup(aws_s3_bucket.b, "bucket", "d")', "known"),
    ("element(var.list, 4)", "b"),
    ('element(["a", var.secret], 1)', UNKNOWN),
    ('element(["a", var.secret], 0)', "a"),
    ('coalesce("", null, "x")', "x"),
    ("coalesce(null, 0)", 0),
    ('coalesce(var.secret, "x")', UNKNOWN),
    ('coalesce(local.arn, "x")', ARN),
    ('coalesce("a", var.secret)', "a"),
    ('coalescelist([], ["a"], ["b"])', ["a"]),
    ("coalescelist(var.secret, [1])", UNKNOWN),
    ('tolist(["a"])', ["a"]),
    ("tolist(null)", None),
    ('toset(["b", "a", "b"])', ["a", "b"]),
    ("toset([3, 1, 3, 1.0])", [1, 3]),
    ('toset(["a", 1, true])', ["1", "a", "true"]),
    ("toset([[1], [1], [0]])", [[1], [0]]),
    ("toset([var.secret])", UNKNOWN),
    ("tomap({ a = 1 })", {"a": 1}),
    ("tostring(1.5)", "1.5"),
    ("tostring(true)", "true"),
    ("tostring(null)", None),
    ("tostring(local.arn)", ARN),
    ("tostring(var.secret)", UNKNOWN),
    ('tonumber("12")', 12),
    ('tonumber("1.5e1")', 15),
    ('tonumber("-0.5")', -0.5),
    ("tonumber(null)", None),
    ('tobool("true")', True),
    ("tobool(false)", False),
    ('flatten([["a", ["b"]], [], "c"])', ["a", "b", "c"]),
    ("flatten([var.secret])", UNKNOWN),
    ('flatten([local.arn, ["x"]])', [ARN, "x"]),
    ('distinct(["a", "b", "a"])', ["a", "b"]),
    ("distinct([1, 2, 1.0])", [1, 2]),
    ('distinct(["a", var.secret])', UNKNOWN),
    ('compact(["a", "", null, "b"])', ["a", "b"]),
    ("compact([var.secret])", UNKNOWN),
    ("compact([local.arn])", [ARN]),
    ('contains(["a", "b"], "b")', True),
    ('contains(["a"], "z")', False),
    ('contains(["a", var.secret], "a")', True),
    ('contains(["a", var.secret], "z")', UNKNOWN),
    ('contains([local.arn], "*")', False),
    ('index(["a", "b"], "b")', 1),
    ('index([var.secret, "b"], "b")', UNKNOWN),
    ("keys({ b = 1, a = 2 })", ["a", "b"]),
    ("values({ b = 1, a = 2 })", [2, 1]),
    ("keys(aws_s3_bucket.b)", UNKNOWN),
    ('length("héllo")', 5),
    ("length([1, var.secret])", 2),
    ("length({ a = 1, b = 2 })", 2),
    ("length(var.secret)", UNKNOWN),
    ("length(local.arn)", UNKNOWN),
    ('sort(["b", "a", "10", "9"])', ["10", "9", "a", "b"]),
    ("sort([3, 10])", ["10", "3"]),
    ('sort(["a", var.secret])', UNKNOWN),
    ("reverse([1, 2, 3])", [3, 2, 1]),
    ("range(3)", [0, 1, 2]),
    ("range(1, 4)", [1, 2, 3]),
    ("range(3, 0)", [3, 2, 1]),
    ("range(0, 1, 0.25)", [0, 0.25, 0.5, 0.75]),
    ("range(0, 5, -1)", []),
    ("range(1, 1)", []),
    ("length(range(1024))", 1024),
    ('zipmap(["b", "a"], [1, var.secret])', {"a": UNKNOWN, "b": 1}),
    ("abs(-3)", 3),
    ("ceil(1.2)", 2),
    ("floor(-1.2)", -2),
    ("signum(-5)", -1),
    ("max(1, 5, 3)", 5),
    ('min(2, "1")', 1),
    ("sum([1, 2.5])", 3.5),
    ("sum([0.1, 0.2])", 0.3),
    ('setunion(["b"], ["a", "b"])', ["a", "b"]),
    ('setintersection(["a", "b"], ["b", "c"])', ["b"]),
    ('setsubtract(["a", "b"], ["b"])', ["a"]),
    ("one([])", None),
    ('one(["x"])', "x"),
    ("one(var.secret)", UNKNOWN),
    ('chunklist(["a", "b", "c"], 2)', [["a", "b"], ["c"]]),
    ('chunklist(["a"], 0)', [["a"]]),
    ('slice(["a", "b", "c"], 1, 3)', ["b", "c"]),
    ('alltrue([true, "true"])', True),
    ("alltrue([true, false, var.secret])", False),
    ("alltrue([true, var.secret])", UNKNOWN),
    ("alltrue([])", True),
    ("anytrue([false, var.secret, true])", True),
    ("anytrue([false, var.secret])", UNKNOWN),
    ("anytrue([])", False),
    ('sensitive("x")', "x"),
    ("nonsensitive(var.name)", "logs"),
    ("uuid()", UNKNOWN),
    ("timestamp()", UNKNOWN),
    # try and can
    ('try(var.list[5], "fallback")', "fallback"),
    ('try(var.name, "x")', "logs"),
    ('try(var.map.zz, var.list[9], lower("OK"))', "ok"),
    ('try(var.secret, "x")', UNKNOWN),
    ('try(["a", var.secret], [])', UNKNOWN),
    ("try(aws_s3_bucket.b, {})", UNKNOWN),
    ('try(var.list[5], var.secret, "x")', UNKNOWN),
    ("can(var.list[5])", False),
    ("can(var.list[1])", True),
    ("can(var.secret)", UNKNOWN),
    ('can(regex("^a", "abc"))', True),
    ('can(regex("^z", "abc"))', False),
    ('can(tonumber("x"))', False),
]


@pytest.mark.parametrize(("source", "expected"), CALLS, ids=[s for s, _ in CALLS])
def test_call(source: str, expected: Plain) -> None:
    assert plain(ev(source)) == expected


ERRORS: list[tuple[str, str]] = [
    ('jsondecode("{")', "invalid JSON"),
    ('format("%d", 1.5)', "%d requires a whole number, not 1.5"),
    ('format("%s")', "not enough arguments for the format string"),
    ('format("%s", 1, 2)', "too many arguments; only 1 used by the format string"),
    ('format("%z", 1)', "unsupported format verb %z"),
    ('format("%t", 1)', "a bool is required, not a number"),
    ('format("%s", [1])', "cannot include a list in a string"),
    ('formatlist("%s%s", ["a"], ["b", "c"])', "all list arguments must have the same length"),
    ('join(",", [null])', "a string is required, not null"),
    ('join(",", "a")', "a list is required, not a string"),
    ('upper(["a"])', "a string is required, not a list"),
    ("upper()", "upper() takes 1 argument(s), got 0"),
    ('substr("a", 1)', "substr() takes 3 argument(s), got 2"),
    ("max()", "max() takes at least 1 argument(s), got 0"),
    ('lookup(var.map, "zz")', 'the map has no key "zz"'),
    ('lookup(["a"], "zz")', "a map is required, not a list"),
    ("element([], 0)", "cannot use element() with an empty list"),
    ("element(var.list, -1)", "cannot use element() with a negative index"),
    ('coalesce("", null)', "no non-null, non-empty-string arguments"),
    ("coalescelist([], [])", "no non-empty list arguments"),
    ('concat("a")', "a list is required, not a string"),
    ('merge(["a"])', "a map is required, not a list"),
    ("toset([null])", "a set cannot hold null"),
    ('tomap(["a"])', "a map is required, not a list"),
    ('tostring(["a"])', "cannot convert a list to a string"),
    ('tonumber("x")', 'cannot convert "x" to a number'),
    ("tonumber(true)", "a number is required, not a bool"),
    ('tobool("yes")', "a bool is required, not a string"),
    ("tobool(1)", "a bool is required, not a number"),
    ('compact([["a"]])', "compact() takes a list of strings"),
    ('index(["a"], "z")', "the item was not found in the list"),
    ("length(null)", "length() takes a string or collection, not null"),
    ("length(5)", "length() takes a string or collection, not a number"),
    ("range(2000)", "more than 1024 values were generated"),
    ("range(0, 1, 0)", "the step must not be zero"),
    ('zipmap(["a"], [])', "the lists of keys and values differ in length"),
    ("sum([])", "cannot sum an empty list"),
    ("one([1, 2])", "one() takes a list of at most one element, not 2"),
    ('chunklist(["a"], -1)', "the chunk size must not be negative"),
    ('slice(["a"], 1, 0)', "the indexes 1 and 0 do not fit a list of 1"),
    ('setsubtract(["a"])', "setsubtract() takes 2 argument(s), got 1"),
    ('regex("z", "abc")', "the pattern did not match"),
    ('regex("(?P<a>x)(y)", "xy")', "a pattern cannot mix named and unnamed groups"),
    ('regex("\\\\d", "\u0661")', "the pattern did not match"),
    ('base64decode("!!")', "invalid base64 or UTF-8"),
    ("try(var.list[5], var.map.zz)", "no expression succeeded"),
    ("can(1, 2)", "can() takes 1 argument, got 2"),
    ("alltrue([1])", "a bool is required, not a number"),
]


@pytest.mark.parametrize(("source", "fragment"), ERRORS, ids=[s for s, _ in ERRORS])
def test_terraform_error(source: str, fragment: str) -> None:
    value = ev(source)
    assert isinstance(value, Unresolved)
    assert value.expression == source
    assert value.reason.startswith("Terraform would fail: ")
    assert fragment in value.reason


def test_unknown_function_and_volatile_functions_name_themselves() -> None:
    assert ev("nosuch(1, 2)") == Unresolved("nosuch(1, 2)", "function nosuch() is not evaluated")
    assert ev("uuid()") == Unresolved("uuid()", "uuid() returns a different value on every run")
    assert ev("upper(var.secret)") == Unresolved(
        "upper(var.secret)", "var.secret is not known statically"
    )


def test_every_requested_function_is_in_the_table() -> None:
    requested = {
        "jsonencode",
        "jsondecode",
        "format",
        "formatlist",
        "join",
        "split",
        "concat",
        "merge",
        "lookup",
        "element",
        "coalesce",
        "coalescelist",
        "tolist",
        "toset",
        "tomap",
        "tostring",
        "tonumber",
        "tobool",
        "flatten",
        "distinct",
        "compact",
        "contains",
        "keys",
        "values",
        "length",
        "replace",
        "lower",
        "upper",
        "title",
        "trimspace",
        "trim",
        "trimprefix",
        "trimsuffix",
        "substr",
        "startswith",
        "endswith",
        "strcontains",
        "try",
        "can",
        "file",
        "templatefile",
        "sort",
        "reverse",
        "range",
        "zipmap",
        "abs",
        "max",
        "min",
        "ceil",
        "floor",
        "sum",
        "setunion",
        "one",
        "chunklist",
        "regex",
        "regexall",
        "base64encode",
        "sha256",
        "uuid",
        "timestamp",
    }
    assert requested <= set(FUNCTIONS)


# --- Spans ----------------------------------------------------------------------------------------

MAP_SOURCE = str(NAMES.values["var.map"])
LIST_SOURCE = str(NAMES.values["var.list"])


def test_passed_through_values_keep_their_spans() -> None:
    v_span = span_of('"v"', MAP_SOURCE, VARS_FILE)
    assert ev('lookup(var.map, "k")') == Scalar("v", v_span)
    assert ev('lookup(var.map, "zz", "d")') == Scalar(
        "d", span_of('"d"', 'lookup(var.map, "zz", "d")')
    )
    assert ev("element(var.list, 2)") == Scalar("c", span_of('"c"', LIST_SOURCE, VARS_FILE))
    assert ev('coalesce("", var.name)') == Scalar("logs", at(5, 11, file=VARS_FILE))
    assert ev("try(var.list[9], var.map.k)") == Scalar("v", v_span)
    assert ev("one([var.map.k])") == Scalar("v", v_span)


def test_computed_values_get_the_span_of_the_call() -> None:
    source = 'upper(lookup(var.map, "k"))'
    assert ev(source) == Scalar("V", at(5, 5 + len(source)))
    assert ev("length(var.list)") == Scalar(3, at(5, 21))


def test_containers_built_by_a_function_hold_the_elements_where_they_are_written() -> None:
    source = 'concat(var.list, ["d"])'
    value = ev(source)
    assert isinstance(value, Sequence)
    assert value.span == at(5, 5 + len(source))
    assert value.items[0].span == span_of('"a"', LIST_SOURCE, VARS_FILE)
    assert value.items[3].span == span_of('"d"', source)
    merged = ev('merge(var.map, { z = "q" })')
    assert isinstance(merged, Mapping)
    assert [(e.key, e.key_span) for e in merged.entries] == [
        ("k", span_of("k", MAP_SOURCE, VARS_FILE)),
        ("other", span_of("other", MAP_SOURCE, VARS_FILE)),
        ("z", span_of("z", 'merge(var.map, { z = "q" })')),
    ]
    keys = ev("keys(var.map)")
    assert isinstance(keys, Sequence)
    assert [item.span for item in keys.items] == [
        span_of("k", MAP_SOURCE, VARS_FILE),
        span_of("other", MAP_SOURCE, VARS_FILE),
    ]


def test_jsonencode_returns_the_structure_with_positions() -> None:
    source = 'jsonencode({ Statement = [{ Effect = "Allow", Resource = local.arn }] })'
    value = ev(source)
    assert isinstance(value, EncodedMapping)
    assert isinstance(value, Mapping)
    assert value.span == at(5, 5 + len(source))
    statement = value.get("Statement")
    assert isinstance(statement, Sequence)
    first = statement.items[0]
    assert isinstance(first, Mapping)
    assert first.get("Effect") == Scalar("Allow", span_of('"Allow"', source))
    resource = first.entry("Resource")
    assert resource is not None
    assert resource.key_span == span_of("Resource", source)
    assert plain(resource.value) == ARN
    assert isinstance(ev("jsonencode([1])"), EncodedSequence)


def test_jsonencode_round_trips() -> None:
    source = '{ b = [1, 2.5, "x\\"y"], a = { c = true, d = null } }'
    encoded = ev(f"jsonencode({source})")
    decoded = ev(f"jsondecode(jsonencode({source}))")
    assert type(decoded) is Mapping
    assert plain(decoded) == plain(encoded) == plain(ev(source))
    text = ev(f"tostring(jsonencode({source}))")
    assert isinstance(text, Scalar)
    assert text.value == '{"a":{"c":true,"d":null},"b":[1,2.5,"x\\"y"]}'
    assert plain(ev(f"jsondecode(tostring(jsonencode({source})))")) == plain(ev(source))


def test_jsondecode_keeps_positions_of_text_that_maps_onto_its_file() -> None:
    heredoc = expr('<<-EOT\n  {"a": [1]}\n  EOT')
    decoded = evaluate(heredoc, NAMES)
    assert isinstance(heredoc, Scalar)
    assert heredoc.origin == TextOrigin(2, 3, 2)
    called = evaluate(expr('jsondecode(<<-EOT\n  {"a": [1]}\n  EOT\n)'), NAMES)
    assert isinstance(called, Mapping)
    assert called.entries[0].key_span == at(4, 7, line=2)
    assert called.entries[0].value == Sequence((Scalar(1, at(10, 11, line=2)),), at(9, 12, line=2))
    quoted_source = 'jsondecode("{\\"a\\": 1}")'
    quoted = ev(quoted_source)
    string_span = span_of('"{\\"a\\": 1}"', quoted_source)
    assert quoted == Mapping((Entry("a", string_span, Scalar(1, string_span)),), string_span)
    assert decoded == heredoc


# --- Files ----------------------------------------------------------------------------------------

FILES = FakeNames(
    {"var.who": '"bob"', "var.secret_name": Unresolved("var.secret_name", "set at apply")},
    {
        "p.json": '{\n  "Version": "2012-10-17"\n}\n',
        "literal.tpl": '{"Action": "s3:*"}\n',
        "hello.tpl": "hello ${name}\n%{ for x in items ~}\n- ${x}\n%{ endfor ~}\nbye\n",
        "no_newline.tpl": "${jsonencode({ a = name })}",
        "no_newline_text.tpl": "x=${name}",
        "outside.tpl": "${var.who}",
        "recursive.tpl": '${templatefile("literal.tpl", {})}',
        "broken.tpl": "${",
        "list.tpl": "${items}",
        "reads.tpl": '${file("p.json")}',
    },
)


def test_file_reads_through_names_with_positions_in_that_file() -> None:
    value = ev('file("p.json")', FILES)
    assert value == Scalar(
        '{\n  "Version": "2012-10-17"\n}\n', Span(1, 1, 4, 1, "mod/p.json"), TextOrigin(1, 1)
    )
    decoded = ev('jsondecode(file("p.json"))', FILES)
    assert isinstance(decoded, Mapping)
    assert decoded.entries[0].key_span == Span(2, 3, 2, 12, "mod/p.json")
    assert decoded.entries[0].value == Scalar("2012-10-17", Span(2, 14, 2, 26, "mod/p.json"))
    missing = ev('file("missing.json")', FILES)
    assert missing == Unresolved(
        'file("missing.json")', 'the file "missing.json" is not read (not a file of the module)'
    )


def test_templatefile_renders_with_its_variables() -> None:
    rendered = ev('templatefile("hello.tpl", { name = var.who, items = ["1", 2] })', FILES)
    assert plain(rendered) == "hello bob\n- 1\n- 2\nbye\n"
    assert isinstance(rendered, Scalar)
    source = 'templatefile("hello.tpl", { name = var.who, items = ["1", 2] })'
    assert rendered.span == at(5, 5 + len(source))


def test_templatefile_of_literal_text_keeps_its_file_positions() -> None:
    value = ev('templatefile("literal.tpl", {})', FILES)
    assert value == Scalar(
        '{"Action": "s3:*"}\n', Span(1, 1, 2, 1, "mod/literal.tpl"), TextOrigin(1, 1)
    )
    decoded = ev('jsondecode(templatefile("literal.tpl", {}))', FILES)
    assert isinstance(decoded, Mapping)
    assert decoded.entries[0].value == Scalar("s3:*", Span(1, 12, 1, 18, "mod/literal.tpl"))


def test_templatefile_keeps_known_pieces_and_text_without_final_newline() -> None:
    partial = ev('templatefile("hello.tpl", { name = var.secret_name, items = [] })', FILES)
    assert partial == Unresolved(
        'templatefile("hello.tpl", { name = var.secret_name, items = [] })',
        "set at apply",
        ("hello ", None, "\nbye\n"),
    )
    assert plain(ev('templatefile("no_newline_text.tpl", { name = "n" })', FILES)) == "x=n"
    encoded = ev('templatefile("no_newline.tpl", { name = "n" })', FILES)
    assert isinstance(encoded, EncodedMapping)
    assert plain(encoded) == {"a": "n"}
    assert plain(ev('templatefile("reads.tpl", {})', FILES)) == '{\n  "Version": "2012-10-17"\n}\n'


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ('templatefile("hello.tpl", { items = [] })', "the template variables have no 'name'"),
        ('templatefile("outside.tpl", {})', "the template variables have no 'var'"),
        ('templatefile("recursive.tpl", {})', "cannot be called from inside a template file"),
        ('templatefile("list.tpl", { items = ["a"] })', "the template produced a list"),
        ('templatefile("hello.tpl", "x")', "a map is required, not a string"),
    ],
)
def test_templatefile_errors(source: str, fragment: str) -> None:
    value = ev(source, FILES)
    assert isinstance(value, Unresolved)
    assert value.reason.startswith("Terraform would fail: ")
    assert fragment in value.reason


def test_templatefile_unreadable_or_unknown_is_unknown() -> None:
    assert plain(ev('templatefile("missing.tpl", {})', FILES)) == UNKNOWN
    broken = ev('templatefile("broken.tpl", {})', FILES)
    assert isinstance(broken, Unresolved)
    assert broken.reason.startswith("the template file is not read")
    assert plain(ev("templatefile(var.secret, {})", FILES)) == UNKNOWN
    assert plain(ev('templatefile("hello.tpl", var.secret)', FILES)) == UNKNOWN


def test_long_results_are_bounded() -> None:
    names = FakeNames({"var.big": Scalar("ab" * (MAX_STRING // 4), at(1, 2))})
    with pytest.raises(LimitExceeded):
        evaluate(expr('replace(var.big, "a", "wxyz")'), names)
    with pytest.raises(LimitExceeded):
        evaluate(expr('join(",", [var.big, var.big, var.big])'), names)
    assert plain(evaluate(expr('length(replace(var.big, "a", "xyz"))'), names)) == MAX_STRING
    slow = evaluate(expr('regex("a*a*a*b", var.big)'), names)
    assert isinstance(slow, Unresolved)
    assert "backtrack" in slow.reason
