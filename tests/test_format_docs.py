"""The schema is written for editors (every property described, with an example; snippets), ships in
the package and prints from the command line; docs/format.md documents the format and agrees with
the code's catalogue of diagnostics."""
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema

from conftest import ROOT
from engine.diagnostics import CATALOGUE, codes_markdown

SCHEMA_PATH = ROOT / "engine" / "schema" / "story.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def _properties(node, path=""):
    """(path, schema) of every property anywhere in the schema."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/{name}", sub
            yield from _properties(sub, f"{path}/{name}")
        for key, sub in node.items():
            if key not in ("properties", "allOf"):     # allOf holds only conditions on required fields
                yield from _properties(sub, path)
    elif isinstance(node, list):
        for sub in node:
            yield from _properties(sub, path)


def test_every_property_has_a_description_a_markdown_description_and_an_example():
    found = list(_properties(SCHEMA))
    assert len(found) > 150
    for path, prop in found:
        assert prop.get("description"), f"{path} has no description"
        assert prop.get("markdownDescription"), f"{path} has no markdownDescription"
        assert prop.get("examples"), f"{path} has no examples"


def test_examples_fit_their_own_property():
    for path, prop in _properties(SCHEMA):
        for example in prop["examples"]:
            sub = {k: v for k, v in prop.items() if k not in ("description", "markdownDescription", "examples")}
            jsonschema.validate(example, sub)


def test_the_effect_field_describes_effects_not_conditions():
    do = SCHEMA["properties"]["scenes"]["items"]["properties"]["choices"]["items"]["properties"]["do"]
    texts = [do["description"], do["oneOf"][0]["description"], do["oneOf"][1]["items"]["description"]]
    assert all("+=" in t for t in texts) and not any("visited(" in t for t in texts)
    assert do["examples"] == ["lenin_resolve += 2"]


def test_snippets_for_a_scene_and_a_choice():
    scene = SCHEMA["properties"]["scenes"]["items"]
    assert {s["label"] for s in scene["defaultSnippets"]} >= {"scene", "ending"}
    assert scene["properties"]["choices"]["items"]["defaultSnippets"][0]["body"]["to"]


def test_a_bad_weather_suffix_is_explained_in_words():
    image = SCHEMA["properties"]["scenes"]["items"]["properties"]["image"]
    assert "@rain" in image["patternErrorMessage"] and "^" not in image["patternErrorMessage"]
    with_defaults = {"scenes": [{"id": "a", "title": "A", "text": "T", "date": "1917-10-25", "time": "21:40",
                                 "place": "P", "image": "places/square@fog"}]}
    try:
        jsonschema.validate(with_defaults, SCHEMA)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("@fog accepted")


def test_defaults_stand_in_for_the_scene_fields_they_give():
    scene = {"id": "a", "title": "A", "text": "T"}
    jsonschema.validate({"defaults": {"role": "hero", "date": "1917-10-25", "time": "21:40", "place": "P",
                                      "image": "places/square"}, "scenes": [scene]}, SCHEMA)
    try:
        jsonschema.validate({"defaults": {"date": "1917-10-25", "time": "21:40", "place": "P"}, "scenes": [scene]}, SCHEMA)
    except jsonschema.ValidationError as exc:
        assert "image" in exc.message
    else:
        raise AssertionError("a scene without an image, and no default image, passed")


def test_the_schema_id_is_relative_and_the_schema_ships_in_the_package():
    assert SCHEMA["$id"] == "story.schema.json"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"schema/*.json"' in pyproject
    from importlib.resources import files
    assert json.loads(files("engine").joinpath("schema/story.schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_petrograd_schema_prints_it_and_writes_it_into_a_story_folder(tmp_path):
    out = subprocess.run([sys.executable, "-m", "engine", "schema"], capture_output=True, text=True)
    assert out.returncode == 0 and json.loads(out.stdout) == SCHEMA
    written = subprocess.run([sys.executable, "-m", "engine", "schema", "--write", str(tmp_path)],
                             capture_output=True, text=True)
    assert written.returncode == 0
    assert json.loads((tmp_path / "story.schema.json").read_text()) == SCHEMA
    assert "$schema=../story.schema.json" in written.stdout


def test_the_docs_list_every_code_as_the_catalogue_does():
    block = re.search(r"<!-- codes:start -->\n(.*?)<!-- codes:end -->", DOC, re.S)
    assert block, "docs/format.md lost its codes: markers"
    assert block.group(1) == codes_markdown(), (
        "docs/format.md's table of codes is out of date; regenerate it with "
        "python -c 'from engine.diagnostics import codes_markdown; print(codes_markdown())'")
    assert all(f"| {c.code} |" in DOC for c in CATALOGUE)


def test_the_docs_say_what_an_author_asked():
    for needed in ("Required", "the current visit counts", "### The calendar", "julian", "gregorian",
                   "Literal ranges are checked in conditions too", "defaults:", "{{", "[if ", "[else]", "[/if]",
                   "petrograd schema --write"):
        assert needed in DOC, needed
    # Every field the schema knows is named in the docs.
    for path, _ in _properties(SCHEMA):
        name = path.rsplit("/", 1)[-1]
        assert re.search(rf"\b{re.escape(name)}\b", DOC), f"docs/format.md never mentions {name} ({path})"


def test_the_story_readme_is_about_the_bundled_story_and_links_the_format():
    readme = (ROOT / "story" / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme and "# The story format" not in readme
