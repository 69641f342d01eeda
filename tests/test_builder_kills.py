"""What the story loader (engine/loading/builder.py) reads into the model, and where it points when an
author gets it wrong: tests written for the survivors of its mutation run (README, "Mutation testing",
fourth round). Each checks a value an author relies on, or a diagnostic's code, place and wording."""
from engine import load_story
from engine.diagnostics import EXAMPLE_BASE

BASE_ROLE = "  - {id: hero, name: Hero, description: A hero., start: start}\n"


def with_roles(roles: str) -> dict[str, str]:
    return {"story.yaml": EXAMPLE_BASE["story.yaml"].replace(BASE_ROLE, roles)}


def with_variables(variables: str) -> dict[str, str]:
    """The base story with its `variables:` block replaced (courage stays: the scenes use it)."""
    base = EXAMPLE_BASE["scenes/main.yaml"]
    return {"scenes/main.yaml": base.replace("variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n",
                                             "variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n"
                                             + variables)}


def found(diagnostics, code):
    """The one diagnostic of `code`, as (file name, line, column, message)."""
    hits = [d for d in diagnostics if d.code == code]
    assert len(hits) == 1, diagnostics
    d = hits[0]
    return d.span.path.rsplit("/", 1)[-1], d.span.line, d.span.column, d.message


# -- roles ------------------------------------------------------------------------------------------

def test_a_role_reads_every_field_an_author_gives(story_dir):
    story, diagnostics = load_story(story_dir(with_roles(
        "  - {id: hero, name: Hero, title: The hero, description: A hero., biography: Born in a square.,\n"
        "     start: start, portrait: places/square, starts: Late in the evening., minutes: 20}\n")))
    assert diagnostics == []
    role = story.roles["hero"]
    assert (role.id, role.name, role.title, role.description, role.biography) == (
        "hero", "Hero", "The hero", "A hero.", "Born in a square.")
    assert (role.start, role.portrait, role.starts, role.minutes) == ("start", "places/square", "Late in the evening.", 20)
    assert (role.span.line, role.span.column) == (9, 10)   # the role's id


def test_a_role_without_a_title_is_titled_by_its_name(story_dir):
    story, diagnostics = load_story(story_dir())
    assert diagnostics == []
    role = story.roles["hero"]
    assert (role.title, role.biography, role.portrait, role.starts, role.minutes) == ("Hero", "", None, "", None)
