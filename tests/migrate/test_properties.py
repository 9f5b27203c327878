"""Invariants of migration over generated legacy agents (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.versions import marker_line

PROVIDERS = {
    "anthropic": ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-x-1"],
    "openai": ["gpt-5-mini", "gpt-5.2-chat-latest", "o4-mini"],
    "google": ["gemini-2.5-pro", "gemini-3-flash-preview"],
    "xai": ["grok-4"],
    "cohere": ["command-r"],
    "ollama": ["llama3.2"],
}
KEY_VARIABLES = {
    "anthropic": "ANTHROPIC_API_KEY",
    "openai": "OPENAI_API_KEY",
    "google": "GOOGLE_GENERATIVE_AI_API_KEY",
    "xai": "XAI_API_KEY",
    "cohere": "COHERE_API_KEY",
    "ollama": "OLLAMA_API_KEY",
}

comments = st.sampled_from(["", "# note", "#", "# llm: {provider: openai}", "   # indented"])
newline = st.sampled_from(["\n", "\r\n"])
prompt_lines = st.lists(
    st.text(alphabet="abc xyz:#-'\"\t", min_size=0, max_size=12), min_size=1, max_size=4
)


@st.composite
def legacy_agents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A legacy agent and the lines the step must leave alone."""
    provider = draw(st.sampled_from(sorted(PROVIDERS)))
    model = draw(st.sampled_from(PROVIDERS[provider]))
    lines = [draw(comments), "systemPrompt: |"]
    lines += ["  " + line.strip() if line.strip() else "" for line in draw(prompt_lines)]
    lines += [draw(comments), "llm:", f"  provider: {provider}", f"  model: {model}"]
    if draw(st.booleans()):
        lines += [draw(comments).replace("#", "  #", 1), f"  apiKey: ${KEY_VARIABLES[provider]}"]
    if draw(st.booleans()):
        lines.append("  temperature: 0.5")
    lines += [draw(comments), "greeting: hi"]
    keep = [
        line for line in lines if not line.lstrip().startswith(("provider:", "model:", "apiKey:"))
    ]
    ending = draw(newline)
    return ending.join(lines) + (ending if draw(st.booleans()) else ""), keep


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agent=legacy_agents(), route_via=st.sampled_from(["dexto", "direct"]))
def test_non_llm_lines_survive_and_migration_is_idempotent(
    agent: tuple[str, list[str]], route_via: str
) -> None:
    source, kept = agent
    context = RoutingContext(route_via=route_via)  # type: ignore[arg-type]
    first = migrate_bytes(
        source.encode(), FileKind.AGENT, assumed_version="1.5.4", target="1.5.6", context=context
    )
    assert first.status == "migrated", first.refusal
    text = first.result.decode()
    ending = "\r\n" if "\r\n" in source else "\n"
    assert text.startswith(marker_line("1.5.6") + ending)
    result_lines = text.split(ending)
    for line in kept:
        assert line in result_lines
    second = migrate_bytes(
        first.result, FileKind.AGENT, assumed_version=None, target="1.5.6", context=context
    )
    assert (second.status, second.result) == ("current", first.result)
