"""The benchmark inputs (DESIGN §9), built in a scratch folder.

Kept apart from the measurements so that a test can build them without timing
anything: a corpus of agent files with the real corpus's shape (copies of
`../shared/corpus/agents` when present, most of them invalid; else the
project's fixtures), a 5 MB agent and its 1 KB counterpart.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "agents"
CORPUS_FILES = 2000
FILES_PER_FOLDER = 100
BIG_PROMPT_BYTES = 5 * 1024 * 1024
SMALL_AGENT_BYTES = 1024

# Without the shared corpus: valid agents, legacy and explicit, in varied styles
# (block scalars, CRLF and a BOM, every section, coercions).
CORPUS_FIXTURES = (
    "fixtures/agents/legacy-anthropic-routeable.yml",
    "fixtures/agents/valid-every-section.yml",
    "fixtures/agents/valid-explicit-dexto.yml",
    "fixtures/agents/valid-number-coercion.yml",
    "fixtures/agents/valid-ollama-baseurl-without-scheme.yml",
    "fixtures/agents/valid-openai-compatible-baseurl.yml",
    "fixtures/lint/explicit-clean.yml",
    "fixtures/lint/explicit-model-mistakes.yml",
    "fixtures/lint/legacy-routeable-unmarked.yml",
    "fixtures/yaml-edge/agent-crlf-bom.yml",
)

AGENT_HEAD = """\
# A legacy agent with a long system prompt.
llm:
  provider: anthropic
  model: claude-sonnet-4-5-20250929
  apiKey: $ANTHROPIC_API_KEY
systemPrompt: |
"""
PROMPT_LINE = "  Answer with code first, explanation second; keep every answer short and exact.\n"


def corpus_sources() -> list[Path]:
    """The files copies are made of: the shared corpus's agents when present, else fixtures."""
    if SHARED_CORPUS.is_dir():
        return sorted(SHARED_CORPUS.glob("*.yml"))
    return [REPO / name for name in CORPUS_FIXTURES]


def build_corpus(
    folder: Path, files: int = CORPUS_FILES, sources: list[Path] | None = None
) -> list[Path]:
    """`files` agent files under `folder`, copies of `sources` (default: the valid fixtures),
    each one distinct."""
    chosen = [REPO / name for name in CORPUS_FIXTURES] if sources is None else sources
    texts = [path.read_bytes() for path in chosen]
    paths = []
    for n in range(files):
        source = texts[n % len(texts)]
        stem = chosen[n % len(texts)].stem
        path = folder / f"team-{n // FILES_PER_FOLDER:03d}" / f"{stem}-{n}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_with_trailing_comment(source, f"corpus copy {n}"))
        paths.append(path)
    return paths


def build_agent(path: Path, prompt_bytes: int) -> Path:
    """A legacy agent whose `systemPrompt` block scalar holds about `prompt_bytes` bytes."""
    lines = max(1, prompt_bytes // len(PROMPT_LINE))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT_HEAD + PROMPT_LINE * lines, encoding="utf-8")
    return path


def build_big_agent(folder: Path) -> Path:
    """The 5 MB agent of the migrate memory budget."""
    return build_agent(folder / "big-agent.yml", BIG_PROMPT_BYTES)


def build_small_agent(folder: Path) -> Path:
    """The 1 KB agent the 5 MB one is compared with."""
    return build_agent(folder / "small-agent.yml", SMALL_AGENT_BYTES - len(AGENT_HEAD))


def _with_trailing_comment(source: bytes, comment: str) -> bytes:
    newline = b"\r\n" if b"\r\n" in source else b"\n"
    if not source.endswith((b"\n", b"\r")):
        source += newline
    return source + b"# " + comment.encode() + newline
