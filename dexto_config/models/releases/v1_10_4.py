"""Dexto 1.10.4 (2026-08-18), the newest release known: no key changed since 1.8.0.

Only the model registry moved (1.9.5 dropped old model IDs and the alias table
that kept them valid); the registry refinement reads the release's own.
"""

from __future__ import annotations

from dexto_config.models.releases import v1_8_0 as previous

LLMConfig = previous.LLMConfig
AgentConfig = previous.AgentConfig
PreferenceLLM = previous.PreferenceLLM
Preferences = previous.Preferences
CustomModel = previous.CustomModel
CustomModels = previous.CustomModels
