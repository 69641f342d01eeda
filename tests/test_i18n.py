"""Ready for translation: line ids written into the files (idempotent, values unchanged), gettext
catalogues exported, merged and imported, stale translations found after a source edit, play in
another language falling back line by line with saves that do not depend on it, and
`check --lang` reporting with positions (markup that differs from the source is an error)."""
import json
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT
from engine.diagnostics import DiagnosticSink
from engine.i18n.catalogue import catalogue_path, export, import_file, load_translations
from engine.i18n.check import check_translation, markup_of
from engine.i18n.lines import LINE_ID, source_hash, story_lines, write_missing_ids
from engine.i18n.localize import localize_story
from engine.loading import load_story
from engine.persistence import SaveStore
from engine.runtime import Game

HOLLIN = ROOT / "examples" / "hollin-light"
_ID_COMMENT = re.compile(r"  #line:[0-9a-z]{6}")


@pytest.fixture
def hollin(tmp_path):
    """A copy of the lighthouse story, with its ids and its German test translation."""
    root = tmp_path / "hollin-light"
    shutil.copytree(HOLLIN, root, ignore=shutil.ignore_patterns(".petrograd-cache*", "__pycache__"))
    return root


def _strip_ids(root):
    for path in root.rglob("*.yaml"):
        path.write_text(_ID_COMMENT.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")


def _petrograd(*args):
    return subprocess.run([sys.executable, "-m", "engine", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def _translate(root, lang, wanted: dict[str, str]) -> None:
    """Fill in translations of the lines whose source text starts with a key of `wanted`."""
    path = catalogue_path(root, lang)
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        for start, text in wanted.items():
            if message.context and message.id.startswith(start):
                message.string = text
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=100)


def test_the_example_story_has_an_id_on_every_line():
    lines = story_lines(HOLLIN)
    assert len(lines) > 150
    assert all(LINE_ID.match(line.id) for line in lines)
    assert len({line.id for line in lines}) == len(lines)


def test_ids_are_written_once_and_change_no_value(hollin):
    _strip_ids(hollin)
    before = [(line.path, line.text) for line in story_lines(hollin)]
    added, skipped = write_missing_ids(hollin)
    assert added == len(before) and not skipped
    after = story_lines(hollin)
    assert [(line.path, line.text) for line in after] == before
    assert len({line.id for line in after}) == added
    files = {p: p.read_bytes() for p in hollin.rglob("*.yaml")}
    assert write_missing_ids(hollin) == (0, [])                  # idempotent: a second run changes nothing
    assert {p: p.read_bytes() for p in hollin.rglob("*.yaml")} == files
    story, diagnostics = load_story(hollin)
    assert story is not None and diagnostics == []


def test_a_new_line_gets_an_id_and_the_others_keep_theirs(hollin):
    keeper = hollin / "scenes" / "keeper.yaml"
    text = keeper.read_text(encoding="utf-8")
    old = {(line.span.path, line.path): line.id for line in story_lines(hollin)}
    first = _ID_COMMENT.search(text)
    keeper.write_text(text[:first.start()] + text[first.end():], encoding="utf-8")
    assert write_missing_ids(hollin)[0] == 1
    new = {(line.span.path, line.path): line.id for line in story_lines(hollin)}
    changed = [path for path in old if old[path] != new[path]]
    assert len(changed) == 1 and LINE_ID.match(new[changed[0]])


def test_block_and_one_line_scalars_carry_ids_where_the_format_says(story_dir):
    root = story_dir({"codex/main.yaml": (
        "codex:\n"
        "  - id: term\n"
        "    kind: place\n"
        "    title: The\n      square\n"              # a plain scalar over two lines: the id on its last
        "    text: |\n      A square.\n\n      With a fountain.\n")})
    assert write_missing_ids(root)[0] > 0
    rows = (root / "codex" / "main.yaml").read_text(encoding="utf-8").split("\n")
    assert re.fullmatch(r"      square  #line:[0-9a-z]{6}", rows[4])
    assert re.fullmatch(r"    text: \|  #line:[0-9a-z]{6}", rows[5])
    story, diagnostics = load_story(root)
    assert story is not None and story.codex["term"].text == "A square.\n\nWith a fountain.\n"
    assert story.codex["term"].title == "The square"


def test_export_merges_and_import_checks_ids(hollin, tmp_path):
    path, counts = export(hollin, "fr")
    assert path == hollin / "locale" / "fr" / "story.po"
    assert counts["translated"] == 0 and counts["lines"] == len(story_lines(hollin))
    _translate(hollin, "fr", {"The Glass Falling": "Le baromètre baisse"})
    _, counts = export(hollin, "fr")                          # re-export keeps the translation
    assert counts["translated"] == 1
    title = next(line for line in story_lines(hollin) if line.text == "The Glass Falling")
    assert load_translations(hollin, "fr")[title.id].text == "Le baromètre baisse"
    # A translator's file from elsewhere: one known line, one id the story does not have.
    outside = tmp_path / "from-translator.po"
    choice = next(line for line in story_lines(hollin) if line.text.startswith("Climb to the lantern"))
    outside.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       f'msgctxt "{choice.id}"\nmsgid "{choice.text}"\nmsgstr "Monte à la lanterne."\n\n'
                       f'msgctxt "zzzzzz"\nmsgid "Nothing"\nmsgstr "Rien"\n', encoding="utf-8")
    _, counts, unknown = import_file(hollin, "fr", outside)
    assert unknown == ["zzzzzz"] and counts["translated"] == 2
    found = load_translations(hollin, "fr")
    assert found[choice.id].text == "Monte à la lanterne." and found[choice.id].source_hash == source_hash(choice.text)
    assert "zzzzzz" not in found


def test_editing_a_source_line_makes_its_translation_stale(hollin):
    export(hollin, "fr")
    _translate(hollin, "fr", {"The Glass Falling": "Le baromètre baisse"})
    keeper = hollin / "scenes" / "keeper.yaml"
    keeper.write_text(keeper.read_text(encoding="utf-8").replace("title: The Glass Falling",
                                                                 "title: The Glass Is Falling"), encoding="utf-8")
    story, _ = load_story(hollin)
    sink = DiagnosticSink()
    summary = check_translation(hollin, story, "fr", sink, "story")
    stale = [d for d in sink.items if d.code == "PG801"]
    assert len(stale) == 1
    assert (stale[0].span.path, stale[0].span.line, stale[0].span.column) == ("story/scenes/keeper.yaml", 12, 12)
    assert summary["keeper"]["stale"] == 1
    localized, _ = localize_story(story, hollin, "fr")
    assert localized.scenes["k_start"].title == "The Glass Is Falling"     # stale: the source is shown
    _, counts = export(hollin, "fr")                                      # re-export: kept, marked fuzzy
    assert counts["stale"] == 1
    with open(catalogue_path(hollin, "fr"), "rb") as handle:
        message = next(m for m in read_po(handle) if m.id == "The Glass Is Falling")
    assert message.fuzzy and message.string == "Le baromètre baisse"


def test_play_in_german_falls_back_line_by_line_and_saves_do_not_depend_on_it(hollin, tmp_path):
    story, _ = load_story(hollin)
    german, counts = localize_story(story, hollin, "de")
    assert counts["translated"] >= 9 and counts["source"] > 100
    player = Game(german).new_player("keeper", seed=3)
    frame = player.frame()
    assert frame.paragraphs[0].startswith("Das Barometer in der Wachstube")
    assert frame.paragraphs[1].startswith("Tam Guthrie, your assistant keeper")   # untranslated: the source
    assert "[[Rüböl|colza_oil]]" in frame.paragraphs[2]                          # the link keeps its target
    assert [c.text for c in frame.choices][0].startswith("Steig zur Laterne")
    assert german.content_hash == story.content_hash and german.roles["keeper"].name == "Die Wärterin"
    assert german.roles["mate"].name == "The Mate"
    player.choose(0)
    store = SaveStore(tmp_path / "saves")
    store.save(player, "de-game")
    assert store.read("de-game")["path"] == ["Climb to the lantern and light up now, before the dark comes down."]
    back = store.load(Game(story), "de-game")                 # the same save, loaded in the source language
    assert back.state.to_dict() == player.state.to_dict()


def test_check_lang_reports_untranslated_lines_with_positions_and_a_summary():
    result = _petrograd("check", "--lang", "de", "examples/hollin-light")
    assert result.returncode == 0, result.stdout + result.stderr
    untranslated = [row for row in result.stdout.splitlines() if "PG800" in row]
    assert len(untranslated) > 150
    assert any(re.match(r"examples/hollin-light/scenes/keeper\.yaml:23:\d+: warning PG800", row) for row in untranslated), untranslated[:3]
    assert re.search(r"de: keeper\s+97\s+8\s+89\s+0", result.stdout), result.stdout[-400:]
    assert _petrograd("check", "--lang", "de", "--strict", "examples/hollin-light").returncode == 1
    as_json = json.loads(_petrograd("check", "--lang", "de", "--json", "examples/hollin-light").stdout)
    assert as_json["translation"]["roles"]["keeper"] == {"lines": 97, "translated": 8, "untranslated": 89, "stale": 0}
    assert sum(d["code"] == "PG800" for d in as_json["diagnostics"]) == len(untranslated)


def test_markup_that_differs_from_the_source_is_an_error(hollin):
    assert markup_of("a [[colza|colza_oil]] {n} [if x > 1]b[/if]") == markup_of("[if x > 1]c[/if] {n} [[Rüböl|colza_oil]]")
    assert markup_of("[[colza|colza_oil]]") != markup_of("[[Rüböl|rapeseed]]")
    _translate(hollin, "de", {"Sunset is at a quarter to four.": "Sonnenuntergang um {time}. [[Rüböl|rapeseed]]"})
    result = _petrograd("check", "--lang", "de", hollin)
    assert result.returncode == 1
    errors = [row for row in result.stdout.splitlines() if "PG802" in row]
    assert len(errors) == 1 and ":28:" in errors[0]
    assert "lacks [[colza_oil]]" in errors[0] and "adds [[rapeseed]], {time}" in errors[0]


def test_ids_command_reports_what_it_added(hollin):
    _strip_ids(hollin)
    first = _petrograd("ids", hollin)
    assert first.returncode == 0 and re.search(r"added \d{3} line id", first.stdout)
    assert "added 0 line id" in _petrograd("ids", hollin).stdout


def test_text_mode_speaks_the_language_of_its_catalogue():
    from engine.i18n.words import _, catalogue_file, set_language
    try:
        assert set_language("de")
        assert _("Goodbye.") == "Auf Wiedersehen." and _("December") == "Dezember"
        assert _("a sentence no catalogue has") == "a sentence no catalogue has"
    finally:
        set_language(None)
    assert _("Goodbye.") == "Goodbye."
    # Every word of the catalogue is one the code still asks for (none left behind by an edit).
    with open(catalogue_file("de"), "rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    from engine.i18n.words import extract_words
    asked = {message for message, _where in extract_words()}      # _("...") and N_("...") in the code
    assert wanted <= asked, sorted(wanted - asked)
    played = subprocess.run([sys.executable, "-m", "engine", "play", "--text", "--lang", "de",
                             "examples/hollin-light"], input="1\n9\n:q\n", capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert "Wähle eine Rolle:" in played.stdout and "14 Dezember 1894" in played.stdout
    assert "DAS GLAS FÄLLT" in played.stdout and "Tam Guthrie, your assistant keeper" in played.stdout
    assert "Gib eine Zahl von 1 bis 2 ein" in played.stdout and "Auf Wiedersehen." in played.stdout
