"""The lite validator's table of preferences at 1.8.0: generated from the pydantic
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
    ('int',),
    ('before', 'integer', 5),
    ('bound', 'gt', 0, 6),
    ('model', 'PreferenceReasoning', 'forbid', (('variant', 'variant', 2, True, None), ('budgetTokens', 'budgetTokens', 7, False, None))),
    ('model', 'PreferenceLLM', 'forbid', (('provider', 'provider', 0, True, None), ('model', 'model', 2, True, None), ('apiKey', 'apiKey', 3, False, None), ('baseURL', 'baseURL', 4, False, None), ('reasoning', 'reasoning', 8, False, None))),
    ('rule', 'preference_llm_release', 9),
    ('str', 1, None, None),
    ('literal', ('cli', 'web', 'server', 'discord', 'telegram', 'mcp'), "'cli', 'web', 'server', 'discord', 'telegram' or 'mcp'"),
    ('model', 'PreferenceDefaults', 'forbid', (('defaultAgent', 'defaultAgent', 11, True, None), ('defaultMode', 'defaultMode', 12, False, 'web'))),
    ('bool',),
    ('model', 'PreferenceSetup', 'forbid', (('completed', 'completed', 14, False, False), ('apiKeyPending', 'apiKeyPending', 14, False, False), ('baseURLPending', 'baseURLPending', 14, False, False))),
    ('model', 'PreferenceSounds', 'forbid', (('enabled', 'enabled', 14, False, True), ('onApprovalRequired', 'onApprovalRequired', 14, False, True), ('onTaskComplete', 'onTaskComplete', 14, False, True), ('onStartup', 'onStartup', 14, False, False), ('startupSoundFile', 'startupSoundFile', 11, False, None), ('approvalSoundFile', 'approvalSoundFile', 11, False, None), ('completeSoundFile', 'completeSoundFile', 11, False, None))),
    ('model', 'Preferences', 'forbid', (('llm', 'llm', 10, True, None), ('defaults', 'defaults', 13, True, None), ('setup', 'setup', 15, False, None), ('sounds', 'sounds', 16, False, None))),
)
