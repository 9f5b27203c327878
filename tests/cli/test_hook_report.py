"""The hook's reporters: what each format says of a run with nothing new and of a stopped run."""

from __future__ import annotations

import json
from pathlib import Path

from dexto_config.cli.hook_report import FORMATS, HookRun
from dexto_config.home.hook import HookReport
from dexto_config.home.report import HookedFile

HOME = Path("/home/user/.dexto")
CURRENT = HookedFile("agents/a/a.yml", "agent", "current", from_version="1.5.6", to_version="1.5.6")


def test_text_is_silent_when_nothing_changed() -> None:
    assert FORMATS["text"](HookRun(HookReport(HOME, "1.5.6", [CURRENT]), verbose=True)) == ""


def test_a_stopped_run_is_left_to_stderr_in_text_and_is_the_document_in_json() -> None:
    stopped = HookRun(HookReport(HOME, "1.5.6", []), failure=(75, "locked"))
    assert FORMATS["text"](stopped) == ""
    document = json.loads(FORMATS["json"](stopped))
    assert (document["exit_code"], document["error"], document["files"]) == (75, "locked", [])
