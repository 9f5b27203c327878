"""The lite validator's table of custom-models at 1.6.2: generated from the pydantic
models by `python -m dexto_config.models.lite.generate`; do not edit."""

from __future__ import annotations

TYPE_CHECKING = False  # `lint` imports a table on every run: `typing` is not imported
if TYPE_CHECKING:
    from typing import Any

NODES: tuple[Any, ...] = (
    ('literal', (1,), '1'),
    ('before', 'format_version', 0),
    ('str', 1, None, None),
    ('literal', ('openai-compatible', 'openrouter', 'litellm', 'glama', 'bedrock', 'ollama', 'local', 'vertex', 'dexto-nova'), "'openai-compatible', 'openrouter', 'litellm', 'glama', 'bedrock', 'ollama', 'local', 'vertex' or 'dexto-nova'"),
    ('str', None, None, None),
    ('after', 'url', 4),
    ('int',),
    ('before', 'integer', 6),
    ('bound', 'gt', 0, 7),
    ('after', 'non_empty_trimmed', 4),
    ('model', 'CustomModelReasoning', 'ignore', (('variant', 'variant', 9, True, None), ('budgetTokens', 'budgetTokens', 8, False, None))),
    ('model', 'CustomModel', 'ignore', (('name', 'name', 2, True, None), ('provider', 'provider', 3, False, 'openai-compatible'), ('baseURL', 'baseURL', 5, False, None), ('displayName', 'displayName', 4, False, None), ('maxInputTokens', 'maxInputTokens', 8, False, None), ('maxOutputTokens', 'maxOutputTokens', 8, False, None), ('apiKey', 'apiKey', 4, False, None), ('filePath', 'filePath', 4, False, None), ('reasoning', 'reasoning', 10, False, None))),
    ('rule', 'custom_model_requirements', 11),
    ('list', 12, None),
    ('model', 'CustomModels', 'ignore', (('version', 'version', 1, True, None), ('models', 'models', 13, True, None))),
)
