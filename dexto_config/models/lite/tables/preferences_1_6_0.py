"""The lite validator's table of preferences at 1.6.0: generated from the pydantic
models by `python -m dexto_config.models.lite.generate`; do not edit."""

from __future__ import annotations

TYPE_CHECKING = False  # `lint` imports a table on every run: `typing` is not imported
if TYPE_CHECKING:
    from typing import Any

NODES: tuple[Any, ...] = (
    ('literal', ('openai', 'openai-compatible', 'anthropic', 'google', 'groq', 'xai', 'cohere', 'minimax', 'glm', 'openrouter', 'litellm', 'glama', 'vertex', 'bedrock', 'local', 'ollama', 'dexto-nova'), "'openai', 'openai-compatible', 'anthropic', 'google', 'groq', 'xai', 'cohere', 'minimax', 'glm', 'openrouter', 'litellm', 'glama', 'vertex', 'bedrock', 'local', 'ollama' or 'dexto-nova'"),
    ('str', None, None, None),
    ('after', 'non_empty_trimmed', 1),
    ('str', None, None, '^\\$[A-Z_][A-Z0-9_]*$'),
    ('after', 'url', 1),
    ('literal', ('none', 'minimal', 'low', 'medium', 'high', 'xhigh'), "'none', 'minimal', 'low', 'medium', 'high' or 'xhigh'"),
    ('model', 'PreferenceLLM', 'forbid', (('provider', 'provider', 0, True, None), ('model', 'model', 2, True, None), ('apiKey', 'apiKey', 3, False, None), ('baseURL', 'baseURL', 4, False, None), ('reasoningEffort', 'reasoningEffort', 5, False, None))),
    ('rule', 'preference_llm_release', 6),
    ('str', 1, None, None),
    ('literal', ('cli', 'web', 'server', 'discord', 'telegram', 'mcp'), "'cli', 'web', 'server', 'discord', 'telegram' or 'mcp'"),
    ('model', 'PreferenceDefaults', 'forbid', (('defaultAgent', 'defaultAgent', 8, True, None), ('defaultMode', 'defaultMode', 9, False, 'web'))),
    ('bool',),
    ('model', 'PreferenceSetup', 'forbid', (('completed', 'completed', 11, False, False), ('apiKeyPending', 'apiKeyPending', 11, False, False), ('baseURLPending', 'baseURLPending', 11, False, False))),
    ('model', 'PreferenceSounds', 'forbid', (('enabled', 'enabled', 11, False, True), ('onApprovalRequired', 'onApprovalRequired', 11, False, True), ('onTaskComplete', 'onTaskComplete', 11, False, True))),
    ('model', 'Preferences', 'forbid', (('llm', 'llm', 7, True, None), ('defaults', 'defaults', 10, True, None), ('setup', 'setup', 12, False, None), ('sounds', 'sounds', 13, False, None))),
)
