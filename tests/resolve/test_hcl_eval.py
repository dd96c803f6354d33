"""The Terraform expression evaluator: references, templates, conditionals, operators, ``for``
expressions, errors as ``Unresolved``, bounds, and the shallow resolver readers use."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from policyguard.diagnostics import LimitExceeded
from policyguard.extract.values import ValueReader
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.hcl import parse_hcl
from policyguard.parse.tree import (
    Call,
    Conditional,
    Entry,
    Expression,
    ForExpression,
    Index,
    Mapping,
    Node,
    Operation,
    Scalar,
    ScalarValue,
    Sequence,
    Splat,
    Template,
    TextOrigin,
    Traversal,
    Variable,
)
from policyguard.resolve.hcl_eval import (
    MAX_DEPTH,
    EncodedMapping,
    OpenMapping,
    UnresolvedNode,
    Value,
    evaluate,
    make_resolver,
    resolve_shallow,
)
from policyguard.resolve.hcl_functions import Move, relocate

# --- Helpers shared with test_hcl_functions ------------------------------------------------------

VARS_FILE = "vars.tf"


def expr(source: str) -> Node:
    """The node of ``source`` written as ``x = source`` on line 1 (it starts at column 5)."""
    body, _ = parse_hcl(f"x = {source}\n")
    return body.attributes[0].value


@dataclass
class FakeNames:
    """Names whose values are HCL source text (parsed as written in ``vars.tf``) or values."""

    values: dict[str, str | Value] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    lookups: list[tuple[str, str | None]] = field(default_factory=list)

    def lookup(self, root: str, name: str | None, span: Span) -> Node | Unresolved | None:
        self.lookups.append((root, name))
        found = self.values.get(root if name is None else f"{root}.{name}")
        if isinstance(found, str):
            return relocate(expr(found), Move(file=VARS_FILE))  # a definition as written
        return found

    def read_file(self, path: str, span: Span) -> tuple[str, str] | None:
        text = self.files.get(path)
        return None if text is None else (text, f"mod/{path}")


Plain = object


def plain(value: Value | Node) -> Plain:
    """A value as Python data: unknown values as ``("?", parts)``."""
    if isinstance(value, Unresolved):
        return ("?", value.parts)
    if isinstance(value, UnresolvedNode):
        return plain(value.unresolved)
    if isinstance(value, Scalar):
        return value.value
    if isinstance(value, Mapping):
        return {entry.key: plain(entry.value) for entry in value.entries}
    if isinstance(value, Sequence):
        return [plain(item) for item in value.items]
    raise AssertionError(f"not a value: {value!r}")


UNKNOWN = ("?", (None,))


def unknown(*parts: str | None) -> tuple[str, tuple[str | None, ...]]:
    return ("?", parts)


def at(column: int, end: int, line: int = 1, file: str = "") -> Span:
    return Span(line, column, line, end, file)


def span_of(fragment: str, source: str, file: str = "") -> Span:
    """The span of ``fragment`` (its first occurrence) in ``source`` written by :func:`expr`."""
    column = source.index(fragment) + len("x = ") + 1
    return at(column, column + len(fragment), file=file)


# --- Hand-built nodes ---------------------------------------------------------------------------

S = at(1, 2)


def lit(value: ScalarValue, span: Span = S) -> Scalar:
    return Scalar(value, span)


def ref(text: str, span: Span = S) -> Traversal | Variable:
    root, *steps = text.split(".")
    if not steps:
        return Variable(root, span)
    return Traversal(Variable(root, span), tuple(steps), span, text)


def call(name: str, *args: Node, expand: bool = False) -> Call:
    return Call(name, args, S, f"{name}(...)", expand)


NAMES = FakeNames(
    {
        "var.name": '"logs"',
        "var.count": "3",
        "var.enabled": "true",
        "var.list": '["a", "b", "c"]',
        "var.map": '{ k = "v", other = "w" }',
        "var.nested": "{ items = [{ id = 1 }, { id = 2 }] }",
        "var.matrix": "[[1, 2], [3, 4]]",
        "var.null": "null",
        "local.arn": '"arn:aws:s3:::${var.secret}/*"',
        "local.policy": '{ Resource = local.arn, Action = ["s3:GetObject", var.name] }',
        "local.a": "local.b",
        "local.b": "local.a",
        "each.key": '"eu"',
        "each.value": '{ bucket = "b-eu" }',
        "count.index": "0",
        "path.module": '"."',
        "aws_iam_role.r": '[{ arn = "arn:r1" }, { arn = "arn:r2" }]',
        "aws_s3_bucket.b": OpenMapping((Entry("bucket", S, lit("known")),), S),
        "var.given_unknown": Unresolved("var.given_unknown", "set at apply time"),
    }
)


def ev(source: str) -> Value:
    return evaluate(expr(source), NAMES)


# --- Values of expressions ----------------------------------------------------------------------

VALUES: list[tuple[str, Plain]] = [
    # literals and references
    ('"x"', "x"),
    ("42", 42),
    ("-1.5", -1.5),
    ("null", None),
    ('["a", 1, true]', ["a", 1, True]),
    ('{ a = 1, "b c" = [2] }', {"a": 1, "b c": [2]}),
    ("var.name", "logs"),
    ("var.list[1]", "b"),
    ('var.list["1"]', "b"),
    ("var.map.k", "v"),
    ('var.map["other"]', "w"),
    ("var.nested.items[1].id", 2),
    ("var.nested.items[*].id", [1, 2]),
    ("var.nested.items.*.id", [1, 2]),
    ("var.nested.items.*.id[0]", 1),
    ("var.matrix[*][0]", [1, 3]),
    ("var.matrix.*[0]", [1, 2]),
    ("aws_iam_role.r[*].arn", ["arn:r1", "arn:r2"]),
    ("var.map[*].k", ["v"]),
    ("var.null[*]", []),
    ("each.key", "eu"),
    ("each.value.bucket", "b-eu"),
    ("count.index + 1", 1),
    ('"${path.module}/p.json"', "./p.json"),
    ("aws_s3_bucket.b.bucket", "known"),
    ("aws_s3_bucket.b.arn", unknown("arn:", None)),
    ("aws_s3_bucket.b.kms_key_arn", unknown("arn:", None)),
    ('"${aws_s3_bucket.b.arn}/*"', unknown("arn:", None, "/*")),
    ("aws_s3_bucket.b.id", UNKNOWN),
    ("var.secret", UNKNOWN),
    ("var.given_unknown", UNKNOWN),
    ("var.secret.deeper[0]", UNKNOWN),
    ("local.arn", unknown("arn:aws:s3:::", None, "/*")),
    (
        "local.policy",
        {"Resource": unknown("arn:aws:s3:::", None, "/*"), "Action": ["s3:GetObject", "logs"]},
    ),
    ('["a", var.secret]', ["a", UNKNOWN]),
    ('{ (var.name) = 1, "${var.name}-2" = 2 }', {"logs": 1, "logs-2": 2}),
    ("{ (var.secret) = 1 }", UNKNOWN),
    ("(var.count)", 3),
    # templates
    ('"${local.arn}!"', unknown("arn:aws:s3:::", None, "/*!")),
    (
        '"n=${var.count} on=${var.enabled} f=${1.5} i=${4 / 2} big=${1e21}"',
        "n=3 on=true f=1.5 i=2 big=1000000000000000000000",
    ),
    ('"${var.list}"', ["a", "b", "c"]),
    ('"${var.null}"', None),
    ('"${var.secret}"', UNKNOWN),
    ('"a${var.secret}b${var.name}"', unknown("a", None, "blogs")),
    ('"%{ if var.enabled }on%{ else }off%{ endif }"', "on"),
    ('"%{ if !var.enabled }on%{ endif }."', "."),
    ('"%{ for x in var.list }${x},%{ endfor }"', "a,b,c,"),
    ('"%{ for k, v in var.map }${k}=${v};%{ endfor }"', "k=v;other=w;"),
    ('"<%{ if var.secret == "x" }a%{ endif }>"', unknown("<", None, ">")),
    ('"%{ for x in var.secret }${x}%{ endfor }!"', unknown(None, "!")),
    ('"$${literal} %%{also}"', "${literal} %{also}"),
    # conditionals
    ('var.enabled ? "yes" : "no"', "yes"),
    ('"false" ? 1 : 2', 2),
    ('var.secret ? "same" : "same"', "same"),
    ('var.secret ? ["x"] : ["x"]', ["x"]),
    ('var.secret ? "a" : "b"', UNKNOWN),
    ("var.secret ? local.arn : local.arn", unknown("arn:aws:s3:::", None, "/*")),
    ('var.enabled ? "fine" : var.list[99]', "fine"),
    # operators
    ("1 + 2 * 3", 7),
    ("7 / 2", 3.5),
    ("8 / 2", 4),
    ("-7 % 3", -1),
    ("7.5 % 2", 1.5),
    ('"2" * 3', 6),
    ("0.1 + 0.2", 0.3),
    ("3 > 2", True),
    ('"10" < 9', False),
    ("2 >= 2.0", True),
    ("!var.enabled", False),
    ("-var.count", -3),
    ('1 == "1"', False),
    ("1 == 1.0", True),
    ('[1, "a"] == [1, "a"]', True),
    ("{ a = 1 } != { a = 2 }", True),
    ("{ a = 1 } == { b = 1 }", False),
    ("[1] == [1, 2]", False),
    ("null == null", True),
    ('null == ""', False),
    ("var.secret == 1", UNKNOWN),
    ('local.arn == "*"', False),
    ('local.arn != "*"', True),
    ('local.arn == "arn:aws:s3:::b/*"', UNKNOWN),
    ('["x", var.secret] == ["y", "z"]', False),
    ('["x", var.secret] == ["x", "z"]', UNKNOWN),
    ("false && var.secret", False),
    ("var.secret && false", False),
    ("true || var.secret", True),
    ("var.secret || true", True),
    ("true && var.secret", UNKNOWN),
    ("false || var.secret", UNKNOWN),
    ("true && true", True),
    ("false || false", False),
    ('"true" && true', True),
    ("var.secret + 1", UNKNOWN),
    # for expressions
    ("[for s in var.list : upper(s)]", ["A", "B", "C"]),
    ('[for i, s in var.list : "${i}:${s}"]', ["0:a", "1:b", "2:c"]),
    ("{ for k, v in var.map : v => k }", {"v": "k", "w": "other"}),
    ("[for k, v in { b = 1, a = 2 } : k]", ["a", "b"]),
    ("[for v in { b = 1, a = 2 } : v]", [2, 1]),
    ('[for s in var.list : s if s != "b"]', ["a", "c"]),
    ('{ for s in ["a", "b", "a"] : s => s... }', {"a": ["a", "a"], "b": ["b"]}),
    ("{ for i, s in var.list : s => i if i > 0 }", {"b": 1, "c": 2}),
    ("[for s in var.secret : s]", UNKNOWN),
    ("[for s in var.list : s if s == var.secret]", UNKNOWN),
    ("{ for s in var.list : var.secret => s }", UNKNOWN),
    ("[for s in var.list : var.secret]", [UNKNOWN, UNKNOWN, UNKNOWN]),
    ('[for each in ["z"] : each]', ["z"]),
    ('[for s in var.list : [for t in ["1"] : "${s}${t}"]]', [["a1"], ["b1"], ["c1"]]),
    ("[for x in var.nested.items : x.id * 10]", [10, 20]),
    ("[for s in [] : s]", []),
    # calls
    ("upper(var.name)", "LOGS"),
    ("max(var.matrix[1]...)", 4),
    ("unknownfunc(1)", UNKNOWN),
    ("provider::aws::arn_parse(var.name)", UNKNOWN),
]


@pytest.mark.parametrize(("source", "expected"), VALUES, ids=[s for s, _ in VALUES])
def test_value(source: str, expected: Plain) -> None:
    assert plain(ev(source)) == expected


FAILURES: list[tuple[str, str]] = [
    ("var.list[5]", "the index 5 is out of range for a list of 3"),
    ("var.list[-1]", "out of range"),
    ("var.list[0.5]", "whole number"),
    ("var.map.missing", "the object has no attribute 'missing'"),
    ('var.map["missing"]', "the map has no key 'missing'"),
    ("var.null.x", "cannot read the attribute 'x' of null"),
    ("var.null[0]", "cannot index null"),
    ("var.name.x", "a string has no attributes"),
    ("var.name[0]", "cannot index a string"),
    ('"a" + 1', 'cannot convert "a" to a number'),
    ("true + 1", "a number is required, not a bool"),
    ('"x${var.null}"', "cannot include a null value in a string"),
    ('"${var.list}x"', "cannot include a list in a string"),
    ("1 / 0", "division by zero"),
    ("5 % 0", "division by zero"),
    ("var.count ? 1 : 2", "a bool is required, not a number"),
    ("null ? 1 : 2", "a bool is required, not null"),
    ("!1", "a bool is required, not a number"),
    ("1 && true", "a bool is required, not a number"),
    ('{ for s in ["a", "a"] : s => s }', "two elements have the key 'a'"),
    ('[for s in "abc" : s]', "a for expression cannot iterate over a string"),
    ("[for s in null : s]", "a for expression cannot iterate over null"),
    ("{ for s in [null] : s => 1 }", "an object key must be a string, not null"),
    ("tomap({ (null) = 1 })", "an object key must be a string, not null"),
    ("max([[1]]...)", "a number is required, not a list"),
    ("upper(var.name...)", "only a list can be expanded into arguments, not a string"),
]


@pytest.mark.parametrize(("source", "fragment"), FAILURES, ids=[s for s, _ in FAILURES])
def test_terraform_error_is_unresolved(source: str, fragment: str) -> None:
    value = ev(source)
    assert isinstance(value, Unresolved)
    assert value.expression == source
    assert value.reason.startswith("Terraform would fail: ")
    assert fragment in value.reason
    assert value.parts == (None,)


def test_failure_names_the_innermost_failing_expression() -> None:
    value = ev('upper("${var.list[7]}")')
    assert isinstance(value, Unresolved)
    assert value.expression == 'upper("${var.list[7]}")'
    assert value.reason == (
        "Terraform would fail: var.list[7]: the index 7 is out of range for a list of 3"
    )


def test_failure_inside_a_container_fails_the_whole_value() -> None:
    value = ev('["a", var.list[9]]')
    assert isinstance(value, Unresolved)
    assert "out of range" in value.reason


def test_unknown_reasons_name_what_is_unknown() -> None:
    assert ev("var.secret") == Unresolved("var.secret", "var.secret is not known statically")
    assert ev("var.given_unknown.x") == Unresolved("var.given_unknown.x", "set at apply time")
    conditional = ev('var.secret ? "a" : "b"')
    assert conditional == Unresolved(
        'var.secret ? "a" : "b"',
        "depends on the condition var.secret, which is not known: "
        "var.secret is not known statically",
    )
    assert ev("aws_s3_bucket.b.arn") == Unresolved(
        "aws_s3_bucket.b.arn", "the attribute arn is not known statically", ("arn:", None)
    )
    assert ev("unknownfunc(1)") == Unresolved(
        "unknownfunc(1)", "function unknownfunc() is not evaluated"
    )


def test_lookup_is_asked_for_the_root_and_first_attribute() -> None:
    names = FakeNames({"var.m": "{ a = { b = 1 } }", "each": "{ key = 1 }"})
    assert plain(evaluate(expr("var.m.a.b"), names)) == 1
    assert plain(evaluate(expr('each["key"]'), names)) == 1
    assert names.lookups == [("var", "m"), ("each", None)]


def test_iteration_variables_shadow_names() -> None:
    names = FakeNames({"var.list": '["x"]'})
    assert plain(evaluate(expr("[for var in [1] : var]"), names)) == [1]
    assert plain(evaluate(expr("[for v in var.list : [for v in [2] : v]]"), names)) == [[2]]
    assert names.lookups == [("var", "list")]


def test_looked_up_values_do_not_see_iteration_variables() -> None:
    names = FakeNames({"local.uses_s": "s"})
    value = evaluate(expr('[for s in ["a"] : local.uses_s]'), names)
    assert plain(value) == [UNKNOWN]
    assert names.lookups == [("local", "uses_s"), ("s", None)]


# --- Spans ----------------------------------------------------------------------------------------


def test_passed_through_values_keep_their_spans() -> None:
    value = ev("var.map.k")
    assert value == Scalar("v", at(11, 14, file=VARS_FILE))
    items = ev("aws_iam_role.r[*].arn")
    assert isinstance(items, Sequence)
    assert items.span == at(5, 26)
    roles = str(NAMES.values["aws_iam_role.r"])
    assert [item.span for item in items.items] == [
        span_of('"arn:r1"', roles, VARS_FILE),
        span_of('"arn:r2"', roles, VARS_FILE),
    ]


def test_computed_values_get_the_span_of_their_expression() -> None:
    template = ev('"${var.name}-x"')
    assert template == Scalar("logs-x", at(5, 20))
    assert ev("1 + 2") == Scalar(3, at(5, 10))
    result = ev("[for s in var.list : s]")
    assert isinstance(result, Sequence)
    assert result.span == at(5, 28)
    assert result.items[0].span == span_of('"a"', str(NAMES.values["var.list"]), VARS_FILE)


def test_unknown_elements_are_unresolved_nodes_where_they_are_written() -> None:
    value = ev('["a", var.secret, local.arn]')
    assert isinstance(value, Sequence)
    secret, arn = value.items[1:]
    assert secret == UnresolvedNode(
        "var.secret",
        at(11, 21),
        Unresolved("var.secret", "var.secret is not known statically"),
    )
    assert isinstance(arn, UnresolvedNode)
    assert arn.span == at(23, 32)
    assert arn.unresolved.parts == ("arn:aws:s3:::", None, "/*")
    assert isinstance(arn, Expression)  # readers that do not know the class see an expression


def test_object_keys_written_as_expressions_keep_their_key_spans() -> None:
    source = '{ "${var.name}:sub" = 1 }'
    value = ev(source)
    assert isinstance(value, Mapping)
    key_span, value_span = span_of('"${var.name}:sub"', source), span_of("1", source)
    assert value.entries[0] == Entry("logs:sub", key_span, Scalar(1, value_span))


def test_for_object_keys_keep_the_span_of_the_key_value() -> None:
    value = ev("{ for k, v in var.map : k => v }")
    assert isinstance(value, Mapping)
    assert [(e.key, e.key_span) for e in value.entries] == [
        ("k", at(7, 8, file=VARS_FILE)),
        ("other", at(16, 21, file=VARS_FILE)),
    ]


def test_literal_containers_come_back_unchanged() -> None:
    node = expr('{ a = ["x", 1], b = { c = true } }')
    assert evaluate(node, NAMES) is node


# --- Hand-built nodes -----------------------------------------------------------------------------


def test_template_keeps_origin_only_when_all_literal() -> None:
    origin = TextOrigin(2, 1)
    literal = Template((lit("a"), lit("b")), at(1, 9), "<<EOT", origin)
    assert evaluate(literal, NAMES) == Scalar("ab", at(1, 9), origin)
    interpolated = Template((lit("a"), ref("var.name")), at(1, 9), "<<EOT", origin)
    assert evaluate(interpolated, NAMES) == Scalar("alogs", at(1, 9), None)
    single = Template((lit("only"),), at(1, 9), "<<EOT", origin)
    assert evaluate(single, NAMES) == Scalar("only", at(1, 9), origin)


def test_template_of_one_interpolation_is_the_value_itself() -> None:
    node = Template((ref("var.count"),), at(1, 9), '"${var.count}"')
    assert plain(evaluate(node, NAMES)) == 3


def test_hand_built_traversals() -> None:
    legacy = Traversal(ref("var.nested"), ("items", Splat(False, S), "id"), S, "legacy")
    assert plain(evaluate(legacy, NAMES)) == [1, 2]
    full = Traversal(ref("var.matrix"), (Splat(True, S), Index(lit(1), S)), S, "full")
    assert plain(evaluate(full, NAMES)) == [2, 4]
    from_call = Traversal(call("tolist", ref("var.list")), (Index(lit(2), S),), S, "t()[2]")
    assert plain(evaluate(from_call, NAMES)) == "c"
    dynamic_index = Traversal(ref("var.list"), (Index(ref("count.index"), S),), S, "l[i]")
    assert plain(evaluate(dynamic_index, NAMES)) == "a"
    unknown_index = Traversal(ref("var.list"), (Index(ref("var.secret"), S),), S, "l[s]")
    assert evaluate(unknown_index, NAMES) == Unresolved(
        "l[s]", "the index is not known: var.secret is not known statically"
    )


def test_hand_built_conditional_and_operations() -> None:
    assert plain(evaluate(Conditional(lit(True), lit(1), lit(2), S, "c"), NAMES)) == 1
    unknown_branches = Conditional(ref("var.secret"), lit(1), lit(2), S, "c")
    assert plain(evaluate(unknown_branches, NAMES)) == UNKNOWN
    assert plain(evaluate(Operation("-", (lit(2.5),), S, "-x"), NAMES)) == -2.5
    assert evaluate(Operation("<=>", (lit(1), lit(2)), S, "1 <=> 2"), NAMES) == Unresolved(
        "1 <=> 2", "the operator <=> is not evaluated"
    )


def test_hand_built_for_expression() -> None:
    node = ForExpression(
        key_name="k",
        value_name="v",
        collection=Mapping((Entry("b", S, lit(2)), Entry("a", S, lit(1))), S),
        key=ref("v"),
        value=ref("k"),
        condition=Operation(">", (ref("v"), lit(1)), S, "v > 1"),
        grouping=False,
        template=False,
        span=S,
        text="for",
    )
    assert plain(evaluate(node, NAMES)) == {"2": "b"}
    text = ForExpression(None, "s", ref("var.list"), None, ref("s"), None, False, True, S, "t")
    assert evaluate(text, NAMES) == Scalar("abc", S)


def test_expand_argument_and_raw_expression() -> None:
    expanded = call("join", lit("-"), Sequence((ref("var.list"),), S), expand=True)
    assert plain(evaluate(expanded, NAMES)) == "a-b-c"
    raw = Expression("some + weird", S)
    assert evaluate(raw, NAMES) == Unresolved("some + weird", "the expression is not evaluated")


def test_encoded_and_open_mappings_are_kept() -> None:
    encoded = EncodedMapping((Entry("a", S, lit(1)),), S)
    assert evaluate(encoded, NAMES) is encoded
    opened = OpenMapping((Entry("a", S, ref("var.name")),), S)
    value = evaluate(opened, NAMES)
    assert isinstance(value, OpenMapping)
    assert plain(value) == {"a": "logs"}


# --- Bounds ---------------------------------------------------------------------------------------


def test_steps_are_bounded() -> None:
    with pytest.raises(LimitExceeded, match="more than 100000 steps") as raised:
        ev("[for i in range(1000) : [for j in range(1000) : j]]")
    assert raised.value.span is not None


def test_strings_are_bounded() -> None:
    names = FakeNames({"var.big": Scalar("x" * 600_000, S)})
    with pytest.raises(LimitExceeded, match="string over 1048576 characters"):
        evaluate(expr('"${var.big}${var.big}"'), names)
    with pytest.raises(LimitExceeded, match="string over"):
        evaluate(expr('format("%2000000s", "x")'), names)


def test_collections_are_bounded() -> None:
    names = FakeNames({"var.big": Scalar("x" * 200_000, S)})
    with pytest.raises(LimitExceeded, match="collection of over 100000 elements"):
        evaluate(expr('split("", var.big)'), names)


def test_nesting_is_bounded() -> None:
    node: Node = lit("x")
    for _ in range(MAX_DEPTH + 5):
        node = call("tostring", node)
    with pytest.raises(LimitExceeded, match="nested deeper than 100 levels"):
        evaluate(node, NAMES)
    shallow: Node = lit("x")
    for _ in range(MAX_DEPTH - 5):
        shallow = call("tostring", shallow)
    assert plain(evaluate(shallow, NAMES)) == "x"


def test_reference_cycles_hit_the_nesting_bound() -> None:
    with pytest.raises(LimitExceeded, match="nested deeper"):
        ev("local.a")


def test_each_evaluation_has_its_own_budget() -> None:
    node = expr("[for i in range(1000) : [for j in range(30) : j]]")
    for _ in range(3):
        assert len(plain(evaluate(node, NAMES))) == 1000  # type: ignore[arg-type]


# --- Shallow resolution ---------------------------------------------------------------------------


def test_shallow_keeps_literal_containers_as_written() -> None:
    node = expr('{ Action = "s3:*", Resource = var.name, Nested = [var.secret] }')
    resolved = resolve_shallow(node, NAMES)
    assert resolved is node
    assert isinstance(resolved, Mapping)
    resource = resolved.get("Resource")
    assert isinstance(resource, Traversal)
    assert resolve_shallow(resource, NAMES) == Scalar("logs", at(5, 11, file=VARS_FILE))


def test_shallow_evaluates_expression_keys_only() -> None:
    node = expr('{ "${var.name}:sub" = var.list }')
    resolved = resolve_shallow(node, NAMES)
    assert isinstance(resolved, Mapping)
    assert resolved.entries[0].key == "logs:sub"
    assert isinstance(resolved.entries[0].value, Traversal)
    assert resolve_shallow(expr("{ (var.secret) = 1 }"), NAMES) == Unresolved(
        "(var.secret)", "an object key is not known statically: var.secret is not known statically"
    )


def test_shallow_evaluates_other_expressions_deeply() -> None:
    encoded = resolve_shallow(expr('jsonencode({ a = [var.name, "x"] })'), NAMES)
    assert isinstance(encoded, EncodedMapping)
    assert plain(encoded) == {"a": ["logs", "x"]}
    policy = resolve_shallow(expr("local.policy"), NAMES)
    assert isinstance(policy, Mapping)
    assert isinstance(policy.get("Resource"), UnresolvedNode)
    assert resolve_shallow(policy.entries[0].value, NAMES) == Unresolved(
        "local.arn", "var.secret is not known statically", ("arn:aws:s3:::", None, "/*")
    )
    assert resolve_shallow(expr("var.list[9]"), NAMES) == ev("var.list[9]")


def test_resolver_serves_the_value_reader() -> None:
    reader = ValueReader("main.tf", "aws_x.y", make_resolver(NAMES))
    strings = reader.strings(expr('["a", var.name, local.arn, var.secret]'))
    assert [s.value for s in strings] == [
        "a",
        "logs",
        Unresolved(
            "local.arn", "var.secret is not known statically", ("arn:aws:s3:::", None, "/*")
        ),
        Unresolved("var.secret", "var.secret is not known statically"),
    ]
    assert strings[1].location.path == VARS_FILE
    assert strings[0].location.path == "main.tf"
    assert reader.boolean(expr("var.enabled")).value is True
    assert reader.integer(expr("var.count * 2")).value == 6
