"""0.2.8: an HTTP MCP server's `baseUrl` becomes `url` (DESIGN §13).

0.2.8 also made the schemas strict: keys 0.2.2-0.2.7 silently ignored are
errors from here on (the result is judged, nothing is guessed).
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    Change,
    EditableDocument,
    RefusedMigration,
    StepContext,
    StepResult,
)

version = "0.2.8"
summary = "MCP http server baseUrl -> url"
breaking = True


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename `baseUrl` in each HTTP MCP server."""
    result = StepResult()
    servers = document.find(("mcpServers",))
    for name, server in (servers if isinstance(servers, dict) else {}).items():
        if not isinstance(server, dict) or server.get("type") != "http" or "baseUrl" not in server:
            continue
        path = ("mcpServers", name, "baseUrl")
        if "url" in server:
            raise RefusedMigration(
                f"mcpServers.{name} has both baseUrl and url; Dexto 0.2.8 keeps only url: "
                "keep one, then migrate again",
                path,
            )
        document.rename_key(path, "url")
        reason = "Dexto 0.2.8 renamed an HTTP MCP server's baseUrl to url"
        result.changes.append(Change(path, "baseUrl", "url", reason))
    return result
