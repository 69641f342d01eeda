"""The published JSON Schema agrees with the loader on the fixture stories and the bundled story."""
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, ROOT
from engine.diagnostics import DiagnosticSink
from engine.loading.yaml_source import read_yaml, to_plain

SCHEMA = json.loads((ROOT / "engine" / "schema" / "story.schema.json").read_text())
FILES = sorted((FIXTURES / "tiny").rglob("*.yaml")) + sorted(
    p for p in (ROOT / "story").rglob("*.yaml") if p.relative_to(ROOT / "story").parts[0] not in ("tests", "locale"))   # transcripts; glossaries


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_story_files_validate_against_the_schema(path):
    sink = DiagnosticSink()
    data = read_yaml(path, str(path), sink)
    assert not sink.items
    jsonschema.validate(to_plain(data), SCHEMA)


def test_schema_rejects_what_the_loader_rejects():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"codex": [{"id": "x", "kind": "term", "title": "T", "text": "T", "colour": "red"}]}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"scenes": [{"id": "two words"}]}, SCHEMA)
