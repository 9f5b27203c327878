"""The lint rules' documentation: each rule's code, name, severity, summary and examples.

The one owner of rule metadata. `rules`, `explain`, `docs/rules.md` and SARIF
read it from here, and each check in `dexto_config.lint.rules` names the
`RuleInfo` it implements (`@rule(rulebook.LITERAL_API_KEY)`). Import-light on
purpose: `rules` and `explain` answer from this module and `docs` alone, before
click, pydantic or the catalog are imported (DESIGN §9: within 3x `python -c
pass`), so it uses no `textwrap`, `enum`, `dataclasses` or `typing`, and
imports only `versions` (for the DX4xx texts), which is as light.
"""

from __future__ import annotations

from dexto_config.versions import KNOWN_VERSIONS, LATEST_VERSION, marker_line

FAMILIES = {
    "0": "syntax and schema",
    "1": "escape hatches",
    "2": "models",
    "3": "credentials and endpoints",
    "4": "schema versions",
    "5": "start-up",
    "6": "shapes no release accepted",
}
_NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class RuleInfo:
    """A lint rule's documented metadata; its check is in `dexto_config.lint.rules`.

    `severity` is a `Severity` value, by name (`"error"`); `Rule.severity` is the
    enum. `explanation`, `bad` and `good` are dedented and end with one newline.
    `supersedes` names generic rules whose finding at the same position this
    rule's finding replaces (a specific message beats a generic schema error).
    `examples_at` is the Dexto release the examples are linted for
    (`--dexto-version`), for rules about an older release; None: the default.
    """

    __slots__ = (
        "bad",
        "code",
        "examples_at",
        "explanation",
        "fixable",
        "good",
        "name",
        "severity",
        "summary",
        "supersedes",
    )

    def __init__(
        self,
        *,
        code: str,
        name: str,
        severity: str,
        summary: str,
        explanation: str,
        bad: str,
        good: str,
        fixable: bool = False,
        supersedes: tuple[str, ...] = (),
        examples_at: str | None = None,
    ) -> None:
        if not _is_code(code):
            raise ValueError(f"rule code {code!r} is not DX + 3 digits of a known family")
        if not _is_kebab_case(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.explanation = dedent(explanation)
        self.bad = dedent(bad)
        self.good = dedent(good)
        self.fixable = fixable
        self.supersedes = supersedes
        self.examples_at = examples_at

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]

    def __repr__(self) -> str:
        return f"RuleInfo({self.code} {self.name})"


def _is_code(code: str) -> bool:
    digits = code[2:]
    return (
        code.startswith("DX")
        and len(digits) == 3
        and digits.isascii()
        and digits.isdigit()
        and digits[0] in FAMILIES
    )


def _is_kebab_case(name: str) -> bool:
    return all(part and set(part) <= _NAME_CHARACTERS for part in name.split("-"))


def dedent(text: str) -> str:
    """`textwrap.dedent(text).strip("\\n") + "\\n"` for space-indented text, without `re`."""
    lines = [line if line.strip(" \t") else "" for line in text.split("\n")]
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line), default=0)
    return "\n".join(line[margin:] for line in lines).strip("\n") + "\n"


# DX0xx: syntax and schema

YAML_SYNTAX = RuleInfo(
    code="DX001",
    name="yaml-syntax",
    severity="error",
    summary="The file is not well-formed YAML (or JSON).",
    explanation="""
        Dexto cannot load a file that does not parse, and neither can this tool
        migrate it. The finding points at the place where the parser gave up; the
        mistake is often just before it (an unclosed quote or bracket, a tab used
        for indentation, a missing space after a colon).
    """,
    bad="""
        llm:
          provider: anthropic
          model: "claude-sonnet-4-5-20250929
    """,
    good="""
        llm:
          provider: anthropic
          model: "claude-sonnet-4-5-20250929"
    """,
)


DUPLICATE_KEY = RuleInfo(
    code="DX002",
    name="duplicate-key",
    severity="error",
    summary="A mapping names the same key twice.",
    explanation="""
        Dexto's YAML parser rejects duplicate keys, so the whole file fails to load.
        Other tools silently keep the last value, which hides the mistake. The
        finding points at the second occurrence; keep one of the two.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          model: gpt-5
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5
    """,
)


UNKNOWN_KEY = RuleInfo(
    code="DX003",
    name="unknown-key",
    severity="error",
    summary="A key that Dexto's strict schema does not know (with a did-you-mean).",
    explanation="""
        Dexto validates agent and preferences files strictly: one unknown key makes
        the whole file invalid. Keys are case-sensitive; a near miss of an allowed
        key is suggested. A `<<` merge key is an unknown key too, because Dexto
        reads YAML 1.2, where merge keys are not merged.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm:
          provider: openai
          model: gpt-5-mini
          maxIterration: 20
    """,
    good="""
        systemPrompt: You are a helpful assistant.
        llm:
          provider: openai
          model: gpt-5-mini
          maxIterations: 20
    """,
)


SCHEMA_VIOLATION = RuleInfo(
    code="DX004",
    name="schema-violation",
    severity="error",
    summary="A value of the wrong type, a bad enum value or a missing required key.",
    explanation="""
        The file does not match the schema of the Dexto version it claims: a value
        has the wrong type, is not one of the allowed values, or a required key is
        missing (reported at the mapping that lacks it). Dexto refuses to start
        with such a file.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm:
          provider: open-ai
          model: gpt-5-mini
    """,
    good="""
        systemPrompt: You are a helpful assistant.
        llm:
          provider: openai
          model: gpt-5-mini
    """,
)


NOT_A_CONFIG = RuleInfo(
    code="DX005",
    name="not-a-config",
    severity="error",
    summary="The file is empty or not a mapping.",
    explanation="""
        A Dexto configuration file must hold one mapping of keys. An empty file (or
        one with only comments), a list or a single value is reported at the start
        of the file. (Bytes that are not UTF-8 are no reason: Dexto reads each as
        U+FFFD, and so does this tool.)
    """,
    bad="""
        - provider: openai
          model: gpt-5-mini
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
    """,
)


# DX1xx: escape hatches

PREFER_DEXTO_CREDITS = RuleInfo(
    code="DX101",
    name="prefer-dexto-credits",
    severity="warning",
    summary="`preferDextoCredits`: a hidden switch of legacy implicit routing.",
    explanation="""
        Until Dexto 1.5.4, `preferDextoCredits` in `preferences.yml` decided whether
        requests went through the Dexto gateway when a provider's own key was also
        available. Dexto 1.5.6 rejects the key, treats the whole preferences file
        as corrupted and forces setup again. `dexto-config migrate` removes it and
        expresses its intent through `llm.provider`.
    """,
    bad="""
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
        preferDextoCredits: true
    """,
    good="""
        # dexto-config: schemaVersion=1.5.6
        llm: {provider: dexto, model: anthropic/claude-sonnet-4.5}
    """,
    fixable=True,
    supersedes=("DX003", "DX405"),
)


AUTH_DEPENDENT_BACKEND = RuleInfo(
    code="DX102",
    name="auth-dependent-backend",
    severity="warning",
    summary="A legacy file whose backend depended on Dexto login (routeable provider).",
    explanation="""
        Linting for the login prototype's release (`--dexto-version 1.5.4`), a file
        without a version marker is read as legacy. Under legacy implicit
        routing, an `llm` block with a routeable provider (anthropic, openai,
        google, groq, xai, cohere, openrouter) was silently sent through the Dexto
        gateway whenever you were logged in to Dexto, so the same file called
        different backends on different machines. `dexto-config migrate` rewrites
        the block to the backend it really used and stamps the marker. If the file
        is already explicit, add the marker (or lint for the release you run).
    """,
    bad="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    good="""
        # dexto-config: schemaVersion=1.5.6
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    fixable=True,
    examples_at="1.5.4",
)


DEXTO_NATIVE_MODEL_ID = RuleInfo(
    code="DX103",
    name="dexto-native-model-id",
    severity="warning",
    summary="Legacy `provider: dexto` with a native model ID (rewritten silently at runtime).",
    explanation="""
        The legacy runtime accepted `provider: dexto` with a provider's native model
        ID (`gpt-5-mini`) and rewrote it to an OpenRouter ID behind your back.
        Since Dexto 1.5.6 the `dexto` provider takes OpenRouter IDs
        (`vendor/model`), stored exactly as written.
    """,
    bad="""
        llm:
          provider: dexto
          model: gpt-5-mini
    """,
    good="""
        llm:
          provider: dexto
          model: openai/gpt-5-mini
    """,
    fixable=True,
    examples_at="1.5.4",
)


PREFERENCES_OVERRIDE_CARRIES_AGENT_KEYS = RuleInfo(
    code="DX104",
    name="preferences-override-carries-agent-keys",
    severity="warning",
    summary="A preferences `llm` that replaces every agent's provider but sets no `apiKey`.",
    explanation="""
        When setup is completed (`setup.completed: true`; before Dexto 1.6.21
        always), the `llm` of `preferences.yml` is applied to every agent Dexto
        starts, field by field: its `provider` and `model` replace the agent's,
        and its `apiKey` and `baseURL` only when it sets them. Without an
        `apiKey` here, each agent keeps its own: an agent written for Anthropic
        with `apiKey: $ANTHROPIC_API_KEY` sends its Anthropic key to this
        provider (an agent's `baseURL` stays too). Set the provider's own key
        here. `dexto-config doctor` shows what each agent really runs.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
        defaults: {defaultAgent: coding-agent}
        setup: {completed: true}
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: $OPENAI_API_KEY
        defaults: {defaultAgent: coding-agent}
        setup: {completed: true}
    """,
)


PREFERENCES_IGNORED_AT_STARTUP = RuleInfo(
    code="DX105",
    name="preferences-ignored-at-startup",
    severity="warning",
    summary="A `preferences.yml` that fails to load: Dexto ignores it without a word.",
    explanation="""
        When Dexto starts an agent, a `preferences.yml` that does not parse or
        does not match its schema is skipped silently: its `llm`, `setup` and
        defaults do not apply, and nothing tells you so (`dexto setup` and the
        default agent insist on a valid file). The other findings say what is
        wrong; this one says what it costs.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: sk-proj-abc123
        defaults: {defaultAgent: coding-agent}
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: $OPENAI_API_KEY
        defaults: {defaultAgent: coding-agent}
    """,
)


# DX2xx: models

UNKNOWN_MODEL_ID = RuleInfo(
    code="DX201",
    name="unknown-model-id",
    severity="error",
    summary="A model ID the provider's catalog does not know (with suggestions).",
    explanation="""
        Providers with a fixed model list (openai, anthropic, google, groq, xai,
        cohere, vertex, ...) reject model IDs they do not know, and Dexto refuses
        the configuration. From Dexto 1.5.7 the file is judged by the model
        registry of the release it targets (1.10.4 dropped `claude-3-haiku-20240307`,
        `claude-3-5-sonnet-20240620` and others); for the seed's 1.5.4 and 1.5.6,
        by the model catalog, where `extra-known-models` in the lint configuration
        and `~/.dexto/models/custom-models.json` add your own IDs. Up to three near
        IDs are suggested; a native ID under the gateway (`dexto-nova`, `openrouter`)
        is fixed to its OpenRouter ID when the catalog knows it.
    """,
    bad="""
        llm:
          provider: anthropic
          model: claude-sonet-4-5-20250929
    """,
    good="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    fixable=True,
)


UNKNOWN_CUSTOM_MODEL_ID = RuleInfo(
    code="DX202",
    name="unknown-custom-model-id",
    severity="warning",
    summary="A near miss of a known model under a provider that accepts any model.",
    explanation="""
        Providers such as openrouter, openai-compatible, litellm, glama, ollama and
        local accept any model ID, so an unknown ID is not an error. When the ID
        is close to one the catalog knows, it is probably a typo and is reported
        as a warning with suggestions; IDs unlike any known one are taken as your
        own models.
    """,
    bad="""
        llm:
          provider: openrouter
          model: anthropic/claude-sonet-4.5
    """,
    good="""
        llm:
          provider: openrouter
          model: anthropic/claude-sonnet-4.5
    """,
)


OPENROUTER_ID_UNDER_DIRECT_PROVIDER = RuleInfo(
    code="DX203",
    name="openrouter-id-under-direct-provider",
    severity="warning",
    summary="An OpenRouter-style `vendor/model` ID under a provider that takes native IDs.",
    explanation="""
        Direct providers take their own model IDs: `anthropic` wants
        `claude-sonnet-4-5-20250929`, not OpenRouter's `anthropic/claude-sonnet-4.5`.
        To call a model through OpenRouter or the Dexto gateway, say so with
        `provider: openrouter` or `provider: dexto`.
    """,
    bad="""
        llm:
          provider: anthropic
          model: anthropic/claude-sonnet-4.5
    """,
    good="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    fixable=True,
)


NATIVE_ID_UNDER_GATEWAY = RuleInfo(
    code="DX204",
    name="native-id-under-gateway",
    severity="warning",
    summary="A native model ID under `dexto` or `openrouter`, which take OpenRouter IDs.",
    explanation="""
        The `dexto` and `openrouter` providers take OpenRouter model IDs
        (`vendor/model[:variant]`), stored exactly as written. A provider's native
        ID such as `gpt-5-mini` is not one; the OpenRouter ID is suggested (and
        applied by `--fix` when the mapping is exact).
    """,
    bad="""
        llm:
          provider: openrouter
          model: claude-sonnet-4-5-20250929
    """,
    good="""
        llm:
          provider: openrouter
          model: anthropic/claude-sonnet-4.5
    """,
    fixable=True,
)


# DX3xx: credentials and endpoints

LITERAL_API_KEY = RuleInfo(
    code="DX301",
    name="literal-api-key",
    severity="error",
    summary="A literal secret in `apiKey` (the finding shows only a redacted form).",
    explanation="""
        Secrets never belong in configuration files: they end up in repositories,
        backups and screenshots. Reference an environment variable instead
        (`$VAR` or `${VAR}`) and set it in your shell or in `~/.dexto/.env`.
        Findings show only a redacted form of the value. A variable name without
        its `$` (or in the old `env:NAME` form) is reported too: Dexto would send
        the text itself as the key.
    """,
    bad="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
          apiKey: sk-ant-api03-...
    """,
    good="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
          apiKey: $ANTHROPIC_API_KEY
    """,
    supersedes=("DX004",),
)


FOREIGN_API_KEY_VARIABLE = RuleInfo(
    code="DX302",
    name="foreign-api-key-variable",
    severity="warning",
    summary="`apiKey` references a variable that belongs to another provider.",
    explanation="""
        Credentials are strict per provider: `dexto` reads `DEXTO_API_KEY`,
        `openrouter` reads `OPENROUTER_API_KEY`, and each direct provider its own
        key (aliases such as `CLAUDE_API_KEY` count as the provider's own, and
        `openai-compatible` may use `OPENAI_API_KEY`). Referencing another
        provider's variable sends that provider's key to the wrong backend.
        Variables that belong to no provider (your own names) are fine.
    """,
    bad="""
        llm:
          provider: dexto
          model: anthropic/claude-sonnet-4.5
          apiKey: $OPENROUTER_API_KEY
    """,
    good="""
        llm:
          provider: dexto
          model: anthropic/claude-sonnet-4.5
          apiKey: $DEXTO_API_KEY
    """,
)


BASE_URL_NOT_SUPPORTED = RuleInfo(
    code="DX303",
    name="base-url-not-supported",
    severity="error",
    summary="`baseURL` on a provider that takes none.",
    explanation="""
        Only some providers take a custom endpoint (openai-compatible and litellm
        require one, ollama accepts one). Dexto rejects `baseURL` on the others;
        to call an OpenAI-compatible server, use `provider: openai-compatible`.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          baseURL: http://localhost:8000/v1
    """,
    good="""
        llm:
          provider: openai-compatible
          model: my-local-model
          baseURL: http://localhost:8000/v1
    """,
    supersedes=("DX003", "DX004"),
)


BASE_URL_MISSING = RuleInfo(
    code="DX304",
    name="base-url-missing",
    severity="error",
    summary="No `baseURL` for a provider that requires one.",
    explanation="""
        `openai-compatible` and `litellm` have no default endpoint: an agent using
        them must say where the server is with `baseURL`. (Preferences never
        require it.)
    """,
    bad="""
        llm:
          provider: openai-compatible
          model: my-local-model
    """,
    good="""
        llm:
          provider: openai-compatible
          model: my-local-model
          baseURL: http://localhost:8000/v1
    """,
    supersedes=("DX004",),
)


LITERAL_SECRET = RuleInfo(
    code="DX305",
    name="literal-secret",
    severity="error",
    summary="A secret outside `apiKey`: a key name, model ID, URL, MCP header, env or argument.",
    explanation="""
        A value shaped like a key or token (`sk-…`, `ghp_…`, `AIza…`, a long random
        string), or a literal in a place that holds secrets (an `Authorization` or
        `x-api-key` header, a `…_TOKEN` variable in an MCP server's `env`, the
        argument after `--api-key`, a URL's password or `?api_key=` parameter) is a
        secret written into the file. It ends up in repositories, backups and
        screenshots, and a key pasted as a key name or a model ID is a mistake
        Dexto rejects anyway. Findings show only a redacted form.
    """,
    bad="""
        mcpServers:
          github:
            type: stdio
            command: npx
            args: ["-y", "@modelcontextprotocol/server-github"]
            env:
              GITHUB_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyz
    """,
    good="""
        mcpServers:
          github:
            type: stdio
            command: npx
            args: ["-y", "@modelcontextprotocol/server-github"]
            env:
              GITHUB_TOKEN: $GITHUB_TOKEN
    """,
    supersedes=("DX003", "DX004", "DX201", "DX202", "DX203", "DX204"),
)


# DX4xx: schema versions

FUTURE_SCHEMA_VERSION = RuleInfo(
    code="DX401",
    name="future-schema-version",
    severity="error",
    summary="The file claims a schema version newer than this tool knows.",
    explanation=f"""
        The file was written by a newer Dexto (its version marker or
        `schemaVersion` key names a version above {LATEST_VERSION}). This tool cannot
        judge it and never rewrites it: update dexto-config.
    """,
    bad="""
        # dexto-config: schemaVersion=9.0.0
        llm: {provider: dexto, model: anthropic/claude-sonnet-4.5}
    """,
    good=f"""
        # dexto-config: schemaVersion={LATEST_VERSION}
        llm: {{provider: dexto, model: anthropic/claude-sonnet-4.5}}
    """,
)


OUTDATED_SCHEMA_VERSION = RuleInfo(
    code="DX402",
    name="outdated-schema-version",
    severity="warning",
    summary="The version marker names a schema older than the latest.",
    explanation=f"""
        The file says it conforms to an older Dexto schema. Files at an older
        version may depend on behaviour that later Dexto releases removed (such as
        implicit routing through the Dexto gateway). Run `dexto-config migrate` to
        bring the file to {LATEST_VERSION}; the migration rewrites the marker.
    """,
    bad="""
        # dexto-config: schemaVersion=1.5.4
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
    """,
    good=f"""
        # dexto-config: schemaVersion={LATEST_VERSION}
        llm: {{provider: anthropic, model: claude-sonnet-4-5-20250929}}
    """,
    fixable=True,
)


SCHEMA_VERSION_KEY = RuleInfo(
    code="DX403",
    name="schema-version-key",
    severity="warning",
    summary="A `schemaVersion` key, which Dexto's strict schema rejects.",
    explanation=f"""
        Dexto's schemas have no version field, so a `schemaVersion:` key makes
        Dexto reject the whole file. The version belongs in the marker comment on
        the first line, `{marker_line(LATEST_VERSION)}`, which Dexto ignores.
    """,
    bad=f"""
        schemaVersion: {LATEST_VERSION}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    fixable=True,
    supersedes=("DX003",),
)


UNKNOWN_SCHEMA_VERSION = RuleInfo(
    code="DX404",
    name="unknown-schema-version",
    severity="error",
    summary="The version marker does not name a known schema version.",
    explanation=f"""
        The first-line marker must name a Dexto release such as
        {", ".join(KNOWN_VERSIONS)} (a release between two known schema versions is
        judged by the older one; a newer one is DX401). Anything else makes the
        file's version unknowable.
    """,
    bad="""
        # dexto-config: schemaVersion=1.5.x
        llm: {provider: openai, model: gpt-5-mini}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
)


WRITTEN_FOR_ANOTHER_RELEASE = RuleInfo(
    code="DX405",
    name="written-for-another-release",
    severity="error",
    summary="The file's keys belong to another Dexto release than the one it is judged at.",
    explanation="""
        Dexto has no migration of its own: every release rejects the keys an earlier
        release used (`toolConfirmation` and `internalTools` before 1.6.0, `provider:
        dexto` before 1.5.8, `reasoningEffort` before 1.6.2, ...) and the keys a later
        release added. Instead of one unknown key per dated key, this finding names
        the release the file was written for and the keys that show it. A file
        written for an older release is rewritten by `dexto-config migrate` (or
        `lint --fix`); one written for a newer release is judged at its own release
        with `--dexto-version` (or the config's `dexto-version`).
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
        toolConfirmation: {mode: manual}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        systemPrompt: You are a helpful assistant.
        llm: {{provider: anthropic, model: claude-sonnet-4-5-20250929}}
        permissions: {{mode: manual}}
        tools: []
    """,
    fixable=True,
)


RELEASE_DEPENDENT_BEHAVIOUR = RuleInfo(
    code="DX406",
    name="release-dependent-behaviour",
    severity="warning",
    summary="A file without a version marker that Dexto releases run differently.",
    explanation="""
        Some files are accepted by several Dexto releases that do different things
        with them: a file that configures no tools gets no tools before 1.6.0 and
        the image's default tools (filesystem and process included) from 1.6.0; a
        routeable provider was routed through the Dexto gateway by the login
        prototype. Without a version marker neither `migrate` nor a reader can tell
        which behaviour the author meant. The version marker on the first line
        settles it; no fix is offered, since only the author knows that release. Linting
        for a stated release (`--dexto-version`, or `dexto-version` in the config)
        does not report it: the release is known there.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        systemPrompt: You are a helpful assistant.
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    fixable=False,
)


# DX5xx: start-up

IMAGE_FACTORY_REFUSAL = RuleInfo(
    code="DX501",
    name="image-factory-refusal",
    severity="warning",
    summary="A tools, hooks, storage or compaction entry the image's factory refuses at start-up.",
    explanation="""
        From Dexto 1.6.0 the agent schema accepts any `{type: ...}` entry in `tools`,
        `hooks`, `storage` and `compaction`; the image (image-local by default) checks
        each entry against its factory only when Dexto creates the agent. Dexto's
        validator, and so `dexto-config validate`, calls such a file valid, but the
        agent does not start: an unknown `type`, a tool name the factory does not
        know (an old `internal--` name, `search_history` under `builtin-tools`), or
        an option the factory does not take.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
        tools:
          - type: builtin-tools
            enabledTools: [internal--ask_user]
    """,
    good="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
        tools:
          - type: builtin-tools
            enabledTools: [ask_user]
    """,
)


# DX6xx: shapes no release accepted

NEVER_ACCEPTED_SHAPE = RuleInfo(
    code="DX601",
    name="never-accepted-shape",
    # The schema rules (DX003, DX004) already report the error; this says why and what was meant.
    severity="info",
    summary="A key or shape that no Dexto release ever accepted.",
    explanation="""
        Some files carry keys or shapes that no release of Dexto, from saiki 0.1 to
        the newest, accepted: top-level `name`, `description`, `session`, `logging`
        or `blobStorage`; a prompt's `icon`; a system-prompt contributor without
        `priority`; `plugins` as a list; `customTools` as a mapping; a storage
        backend of `type: memory`; size or cleanup settings on a `blob` resource
        (they belong to `storage.blob`). Dexto refuses
        such a file at every release, and `migrate` does not guess what was meant:
        the finding names the key the file probably meant, where that is clear.
    """,
    bad="""
        name: helper
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
    """,
    good="""
        agentCard: {name: helper}
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
    """,
)


class RuleConflict(Exception):
    """Two rules share a code or a name."""


def _documented() -> tuple[RuleInfo, ...]:
    """Every `RuleInfo` of this module, sorted by code; refuses two with one code or name."""
    declared = [value for value in globals().values() if isinstance(value, RuleInfo)]
    for kind in ("code", "name"):
        seen: dict[str, RuleInfo] = {}
        for info in declared:
            other = seen.setdefault(getattr(info, kind), info)
            if other is not info:
                raise RuleConflict(
                    f"rules {other.code} and {info.code} share the {kind} {getattr(info, kind)!r}"
                )
    return tuple(sorted(declared, key=lambda info: info.code))


RULES = _documented()


def find_rule(code_or_name: str) -> RuleInfo | None:
    """The rule with this code (any case) or name, if any."""
    wanted = code_or_name.strip()
    for candidate in RULES:
        if candidate.code == wanted.upper() or candidate.name == wanted.lower():
            return candidate
    return None
