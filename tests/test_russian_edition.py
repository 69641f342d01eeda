"""The Russian edition of the bundled story: complete, current, and held to its glossary and typography.

`petrograd check --lang ru` must be clean: every role is listed as translated in
story/locale/ru/language.yaml, so a line whose English changes without its Russian being checked
fails here (PG806), as does a name rendered otherwise than the glossary (PG804) or Russian
typography not followed (PG805)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT
from engine.diagnostics import DiagnosticSink
from engine.i18n.check import check_translation
from engine.i18n.language import read_language
from engine.i18n.localize import localize_story
from engine.loading import load_story

STORY = ROOT / "story"


def test_check_lang_ru_is_clean_and_every_role_is_listed_as_translated():
    story, diagnostics = load_story(STORY)
    assert story is not None
    sink = DiagnosticSink()
    summary = check_translation(STORY, story, "ru", sink)
    assert [d.format() for d in sink.items] == []
    assert set(read_language(STORY, "ru").translated_roles) == set(story.roles)
    for role in story.roles:
        assert summary[role]["translated"] == summary[role]["lines"] > 100, role


def test_a_changed_english_line_of_a_translated_role_fails_the_check(tmp_path):
    copy = tmp_path / "story"
    shutil.copytree(STORY, copy, ignore=shutil.ignore_patterns("cache", "tests"))
    scene = copy / "scenes" / "sailor" / "01_kronstadt_24.yaml"
    text = scene.read_text(encoding="utf-8")
    edited = re.sub(r"(title: )([^#\n]+?)(\s+#line:)", r"\1\2, edited\3", text, count=1)
    assert edited != text
    scene.write_text(edited, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "engine", "check", "--lang", "ru", str(copy)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert re.search(r"01_kronstadt_24\.yaml:\d+:\d+: error PG806: .*sailor is listed as translated", result.stdout)


def test_the_story_reads_in_russian_everywhere_a_player_or_a_class_sees_it():
    story, _diagnostics = load_story(STORY)
    russian, counts = localize_story(story, STORY, "ru")
    assert counts["source"] == 0 and counts["translated"] > 5000
    cyrillic = re.compile(r"[А-Яа-яЁё]")
    seen = [russian.title, russian.subtitle, russian.history_label, russian.map_name, *russian.map_labels.values()]
    for role in russian.roles.values():
        seen += [role.name, role.title, role.description, role.biography, role.starts]
    for scene in russian.scenes.values():
        seen += [scene.title, scene.place, scene.note, *(b.text for b in scene.text), *(c.text for c in scene.choices)]
        if scene.ending:
            seen += [scene.ending.title, scene.ending.summary]
    for assembly in russian.assemblies:
        seen += [assembly.title, assembly.summary, *(m.text for m in assembly.motions),
                 *(o.text for m in assembly.motions for o in m.options),
                 *(p.speaks_as for p in assembly.participants), *(l.text for p in assembly.participants for l in p.lines)]
    seen += [event.title for event in russian.timeline]
    untranslated = [text for text in seen if text and not cyrillic.search(text)]
    assert untranslated == []
    # Ids, conditions and effects are the story's own: a save made in Russian is a save of the same story.
    assert russian.content_hash == story.content_hash
    assert [s.id for s in russian.scenes.values()] == [s.id for s in story.scenes.values()]


def test_russian_lines_keep_no_break_spaces_before_dashes_through_play():
    from engine.runtime import Game
    story, _diagnostics = load_story(STORY)
    russian, _counts = localize_story(story, STORY, "ru")
    game = Game(russian)
    player = game.new_player("commissar", seed=1)
    shown = " ".join(paragraph for paragraph in player.frame().paragraphs)
    assert "\u00a0—" in shown and " —" not in shown.replace("\u00a0—", "")
