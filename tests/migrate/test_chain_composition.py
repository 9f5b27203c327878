"""Chaining A -> B -> C gives what A -> C gives (hypothesis; DESIGN §4, §11.1).

One difference is intended and excluded: a file of 1.5.6 or earlier stopped
at 1.5.7 or 1.5.8 is from then on a file of that release, whose plan plugin
gave every agent the plan tools; a run straight past 1.6.0 writes `tools: []`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.versions import version_key

DIRECT = RoutingContext(route_via="direct")
RELEASES = ("1.5.6", "1.5.7", "1.5.8", "1.6.0", "1.6.2", "1.8.0", "1.10.4")
SOURCES = ("1.5.6", "1.5.7")
PLAN_PLUGIN = ("1.5.7", "1.6.0")

comment = st.sampled_from(["", "# note", "  # indented note"])


def _section(draw: st.DrawFn, key: str, items: list[str], flow: bool) -> list[str]:
    lines = [draw(comment), f"{key}:"]
    if flow:
        return [*lines[:-1], f"{key}: [{', '.join(items)}]"]
    return lines + [f"  - {item}" + draw(st.sampled_from(["", "  # why"])) for item in items]


@st.composite
def agents(draw: st.DrawFn) -> str:
    """A 1.5.6/1.5.7-era agent: each section optional, in either style, with comments."""
    provider, model = draw(
        st.sampled_from(
            [("openai", "gpt-5-mini"), ("dexto", "openai/gpt-5-mini"), ("dexto", "gpt-5-mini")]
        )
    )
    lines = ["systemPrompt: You help.", draw(comment), "llm:", f"  provider: {provider}"]
    lines.append(f"  model: {model}")
    if draw(st.booleans()):
        lines.append(f"  reasoningEffort: {draw(st.sampled_from(['low', 'medium', 'high']))}")
    if draw(st.booleans()):
        lines += ["toolConfirmation:", "  mode: manual", "  toolPolicies:"]
        lines.append("    alwaysAllow: [internal--ask_user, custom--read_file, mcp--a--b]")
        if draw(st.booleans()):
            lines.append("    alwaysDeny: []")
    internal = draw(st.lists(st.sampled_from(["ask_user", "search_history", "get_resource"])))
    if draw(st.booleans()):
        lines += _section(draw, "internalTools", sorted(set(internal)) or ["ask_user"], False)
    elif internal:
        lines += _section(draw, "internalTools", sorted(set(internal)), True)
    if draw(st.booleans()):
        custom = ["{type: filesystem-tools}", "{type: process-tools}"]
        lines += _section(draw, "customTools", custom, draw(st.booleans()))
    if draw(st.booleans()):
        enabled = draw(st.sampled_from(["true", "false"]))
        lines += ["internalResources:", f"  enabled: {enabled}", "  resources:"]
        lines += ["    # the project", "    - type: filesystem", "      paths: ['.']"]
    if draw(st.booleans()):
        lines += ["plugins:", "  contentPolicy:", "    priority: 1", "    redactEmails: true"]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join(line for line in lines if line) + ending
    return ("\ufeff" if draw(st.booleans()) else "") + text


@st.composite
def release_triples(draw: st.DrawFn) -> tuple[str, str, str]:
    source = draw(st.sampled_from(SOURCES))
    later = [r for r in RELEASES if version_key(r) > version_key(source)]
    middle, target = sorted(
        draw(st.lists(st.sampled_from(later), min_size=2, max_size=2, unique=True)),
        key=version_key,
    )
    return source, middle, target


def _in_plan_plugin_releases(version: str) -> bool:
    first, after_last = PLAN_PLUGIN
    return version_key(first) <= version_key(version) < version_key(after_last)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow],
)
@given(agent=agents(), releases=release_triples())
def test_chaining_equals_one_run(agent: str, releases: tuple[str, str, str]) -> None:
    source, middle, target = releases
    assume(not (source == "1.5.6" and _in_plan_plugin_releases(middle)))
    raw = agent.encode("utf-8")
    direct = migrate_bytes(
        raw, FileKind.AGENT, assumed_version=source, target=target, context=DIRECT
    )
    first = migrate_bytes(
        raw, FileKind.AGENT, assumed_version=source, target=middle, context=DIRECT
    )
    second = migrate_bytes(
        first.result, FileKind.AGENT, assumed_version=None, target=target, context=DIRECT
    )
    if direct.status == "refused":
        assert "refused" in (first.status, second.status), direct.refusal
        return
    assert first.status != "refused", first.refusal
    assert second.status != "refused", second.refusal
    assert second.result == direct.result
