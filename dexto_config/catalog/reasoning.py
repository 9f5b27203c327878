"""The `llm.reasoning.variant` values Dexto's reasoning profile allows (Dexto 1.6.2 on).

Follows Dexto's `llm/reasoning/profile.ts` and its helpers (`profiles/*.ts`,
`anthropic-thinking.ts`, `openai-reasoning-effort.ts`, the registry's
`isReasoningCapableModel`). The rules changed once among the known releases:
1.6.2 and 1.8.0 share them; 1.10.4 revised the OpenAI, Anthropic and Gemini tables.
Every profile Dexto builds in the schema includes `disabled` where it has one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dexto_config.versions import version_key

FIRST_REASONING_RELEASE = "1.6.2"
REVISED_RULES_RELEASE = "1.10.4"

GATEWAYS = ("openrouter", "dexto-nova")
GATEWAY_EXCLUDED_FAMILIES = ("deepseek", "minimax", "glm", "mistral", "kimi", "k2p5")
GATEWAY_UPSTREAMS: dict[str, Callable[[str], bool]] = {
    "openai": lambda model_id: True,
    "anthropic": lambda model_id: True,
    "google": lambda model_id: "gemini-3" in model_id,
}

BUDGET = ("disabled", "enabled")
CLAUDE_VARIANT_FIRST = re.compile(r"claude-(opus|sonnet|haiku)-(\d+)(?:[.-](\d{1,2})(?!\d))?")
CLAUDE_VERSION_FIRST = re.compile(r"claude-(\d+)(?:[.-](\d{1,2})(?!\d))?-(opus|sonnet|haiku)")
CLAUDE_ALWAYS_ADAPTIVE = re.compile(r"claude-(fable|mythos)-5\b", re.IGNORECASE)
GPT5_VERSION = re.compile(r"(?:^|/)gpt-5[.-](\d+)(?:[.-]|$)")
GPT5_VERSIONED_PRO = re.compile(r"(?:^|/)gpt-5[.-]\d+[.-]pro(?:[.-]|$)")
GPT5_CHAT = re.compile(r"(?:^|/)gpt-5(?:[.-]\d+)?[.-]chat(?:[.-]|$)")


@dataclass(frozen=True, slots=True)
class ClaudeVersion:
    major: int
    minor: int
    variant: str

    def at_least(self, major: int, minor: int) -> bool:
        return (self.major, self.minor) >= (major, minor)


@dataclass(frozen=True, slots=True)
class Profile:
    """The part of Dexto's ReasoningProfile the schema checks."""

    variants: tuple[str, ...]
    adaptive: bool = False


NON_CAPABLE = Profile(())
ModelFlag = Callable[[str, str], bool | None]


def parse_claude_version(model: str) -> ClaudeVersion | None:
    """Dexto's parseClaudeVersion: `claude-opus-4-6` and `claude-4-opus` alike."""
    lower = model.lower()
    if match := CLAUDE_VARIANT_FIRST.search(lower):
        variant, major, minor = match.groups()
    elif match := CLAUDE_VERSION_FIRST.search(lower):
        major, minor, variant = match.groups()
    else:
        return None
    return ClaudeVersion(int(major), int(minor or 0), variant)


@dataclass(frozen=True)
class ReasoningRules:
    """Dexto's reasoning profile rules at one release; `revised` is true from 1.10.4."""

    revised: bool
    model_flag: ModelFlag

    def variants(self, provider: str, model: str) -> tuple[str, ...]:
        if provider in GATEWAYS:
            return self._gateway(model).variants
        return self._native(provider, model).variants

    def _gateway(self, model: str) -> Profile:
        lower = model.lower()
        if any(family in lower for family in GATEWAY_EXCLUDED_FAMILIES):
            return NON_CAPABLE
        if not any(family in lower for family in ("gpt", "claude", "gemini-3")):
            return NON_CAPABLE
        prefix, slash, model_id = lower.partition("/")
        accepts = GATEWAY_UPSTREAMS.get(prefix)
        if not prefix or not slash or not model_id or accepts is None or not accepts(model_id):
            return NON_CAPABLE
        native = self._native(prefix, model_id)
        if self.revised and native.adaptive:
            return Profile(tuple(v for v in native.variants if v != "max"), adaptive=True)
        return native

    def _native(self, provider: str, model: str) -> Profile:
        capable = self._reasoning_capable(model, provider)
        if provider == "openai":
            return Profile(self._openai_efforts(model)) if capable else NON_CAPABLE
        if provider in ("anthropic", "vertex"):
            claude_like = capable or parse_claude_version(model) is not None
            if not (claude_like or self._adaptive_claude(model)):
                return NON_CAPABLE
            if provider == "vertex" and "claude" not in model.lower():
                return self._google(model)
            return self._anthropic(model)
        if provider == "bedrock":
            return self._bedrock(model, capable)
        if provider == "google":
            return self._google(model) if capable else NON_CAPABLE
        if provider == "openai-compatible" and capable:
            return Profile(("none", "low", "medium", "high"))
        return NON_CAPABLE

    def _reasoning_capable(self, model: str, provider: str) -> bool:
        """Dexto's isReasoningCapableModel: the registry's flag, else name heuristics."""
        flag = self.model_flag("openrouter" if "/" in model else provider, model)
        if flag is not None:
            return flag
        lower = model.rsplit("/", 1)[-1].lower()
        if "codex" in lower or lower.startswith(("o1", "o3", "o4")) or "gpt-5" in lower:
            return True
        return self.revised and ("gemini-2.5" in lower or "gemini-3" in lower)

    def _always_adaptive(self, model: str) -> bool:
        return self.revised and CLAUDE_ALWAYS_ADAPTIVE.search(model) is not None

    def _adaptive_claude(self, model: str) -> bool:
        version = parse_claude_version(model)
        adaptive = version is not None and version.at_least(4, 6)
        return adaptive or self._always_adaptive(model)

    def _anthropic(self, model: str) -> Profile:
        if not self._adaptive_claude(model):
            return Profile(BUDGET)
        always = self._always_adaptive(model)
        version = parse_claude_version(model)
        opus = version is not None and version.variant == "opus"
        variants = [] if always else ["disabled"]
        variants += ["low", "medium", "high"]
        if self.revised and (always or (opus and version is not None and version.at_least(4, 7))):
            variants.append("xhigh")
        if always or opus:
            variants.append("max")
        return Profile(tuple(variants), adaptive=True)

    def _bedrock(self, model: str, capable: bool) -> Profile:
        lower = model.lower()
        if not capable and not (self.revised and "nova" in lower):
            return NON_CAPABLE
        if "anthropic" in lower:
            return Profile(BUDGET)
        if "nova" in lower:
            return Profile(("disabled", "low", "medium", "high"))
        return NON_CAPABLE

    def _google(self, model: str) -> Profile:
        lower = model.lower()
        if "gemini-3" in lower:
            if not self.revised:
                return Profile(("disabled", "minimal", "low", "medium", "high"))
            flash = "flash" in lower
            if "image" in lower:
                return Profile(("disabled", "minimal", "high") if flash else ("disabled", "high"))
            levels = ("minimal", "low", "medium", "high") if flash else ("low", "medium", "high")
            return Profile(("disabled", *levels))
        if self.revised and "gemini-2.5" in lower:
            return Profile(("disabled", "high", "max"))
        return Profile(BUDGET)

    def _openai_efforts(self, model: str) -> tuple[str, ...]:
        """Dexto's getSupportedOpenAIReasoningEfforts."""
        model_id = model.rsplit("/", 1)[-1].lower()
        if self.revised:
            revised = _revised_openai_efforts(model_id)
            if revised is not None:
                return revised
        elif "gpt-5-pro" in model_id:
            return ("high",)
        elif model_id.startswith(("gpt-5.3", "gpt-5.2")):
            return ("low", "medium", "high", "xhigh")
        if "gpt-5.1-codex-max" in model_id:
            return ("none", "low", "medium", "high", "xhigh")
        if model_id.startswith("gpt-5.1"):
            return ("none", "low", "medium", "high")
        if model_id.startswith("gpt-5"):
            return ("minimal", "low", "medium", "high")
        return ("low", "medium", "high")


def _revised_openai_efforts(model_id: str) -> tuple[str, ...] | None:
    """1.10.4's versioned GPT-5 rules, checked before the older ones; None to fall through."""
    version_match = GPT5_VERSION.search(model_id)
    version = int(version_match.group(1)) if version_match else None
    if GPT5_CHAT.search(model_id):
        return () if version is None else ("medium",)
    if "gpt-5-pro" in model_id:
        return ("high",)
    if GPT5_VERSIONED_PRO.search(model_id):
        return ("medium", "high", "xhigh")
    if model_id in ("gpt-5.6-sol", "gpt-5.6-terra"):
        return ("low", "medium", "high", "xhigh", "max", "ultra")
    if model_id == "gpt-5.6-luna":
        return ("low", "medium", "high", "xhigh", "max")
    if version is not None and version >= 2:
        return ("none", "low", "medium", "high", "xhigh")
    return None


def reasoning_rules_for(version: str, model_flag: ModelFlag) -> ReasoningRules | None:
    """The release's rules, or None before Dexto had `llm.reasoning` (1.6.2)."""
    if version_key(version) < version_key(FIRST_REASONING_RELEASE):
        return None
    return ReasoningRules(version_key(version) >= version_key(REVISED_RULES_RELEASE), model_flag)
