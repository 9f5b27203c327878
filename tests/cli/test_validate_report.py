"""validate's reporters write each file as it is judged and give the whole document's bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dexto_config.cli.validate_report import FORMATS, Tally, ValidateRun
from dexto_config.kinds import FileKind
from dexto_config.validation import CheckedFile, UnreadableFile, check_bytes

INVALID = check_bytes(b"llm: {provider: openai}\nbogus: 1\n", FileKind.AGENT, path=Path("a.yml"))
VALID = check_bytes(
    b"systemPrompt: hi\nllm: {provider: openai, model: gpt-5, apiKey: $OPENAI_API_KEY}\n",
    FileKind.AGENT,
    path=Path("b.yml"),
)
UNREADABLE = UnreadableFile(Path("c.yml"), "Permission denied")


@pytest.mark.parametrize(
    "verdicts",
    [
        [],
        [VALID],
        [INVALID],
        [UNREADABLE],
        [INVALID, VALID, UNREADABLE, INVALID],
        [UNREADABLE, VALID],
    ],
)
def test_json_pieces_make_the_document_json_dumps_gives(
    verdicts: list[CheckedFile | UnreadableFile],
) -> None:
    tally = Tally()
    text = "".join(FORMATS["json"](ValidateRun(tally.checked(verdicts), tally)))
    assert text == json.dumps(json.loads(text), indent=2) + "\n"
    files = json.loads(text)["files"]
    checked = [v for v in verdicts if isinstance(v, CheckedFile)]
    unreadable = [v for v in verdicts if isinstance(v, UnreadableFile)]
    paths = [str(v.path) for v in checked] + [str(v.path) for v in unreadable]
    assert [f["path"] for f in files] == paths
    assert [f["valid"] for f in files] == [v.valid for v in checked] + [False] * len(unreadable)


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_a_file_is_reported_before_the_next_is_judged(output_format: str) -> None:
    judged: list[str] = []

    def verdicts() -> Iterator[CheckedFile]:
        for result in (INVALID, INVALID, VALID):
            judged.append(str(result.path))
            yield result

    tally = Tally()
    pieces = FORMATS[output_format](ValidateRun(tally.checked(verdicts()), tally))
    first = next(pieces)
    assert "a.yml" in first
    assert judged == ["a.yml"]
    rest = "".join(pieces)
    assert judged == ["a.yml", "a.yml", "b.yml"]
    assert (tally.valid, tally.invalid) == (1, 2)
    if output_format == "text":
        assert rest.endswith("3 files checked: 1 valid, 2 invalid\n")
