"""`doctor`: what Dexto will really run for an agent, and why (DESIGN §14).

Pure: `decide()` replays Dexto's start-up on facts read elsewhere
(`dexto_config.home.machine`) and returns a `Verdict` that names variables
and where they were found, never a value.
"""

from dexto_config.doctor.startup import AgentLlm, decide, read_agent_llm, unloadable
from dexto_config.doctor.verdict import Credential, Effective, Verdict

__all__ = [
    "AgentLlm",
    "Credential",
    "Effective",
    "Verdict",
    "decide",
    "read_agent_llm",
    "unloadable",
]
