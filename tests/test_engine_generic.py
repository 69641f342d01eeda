"""The engine knows nothing of 1917 (issue 14): the bundled story's names, year and words live in
story/ and assets/, never in engine/. The one exception is the program's own name, `petrograd`,
in lower case (the command, the package's files and formats, its environment variables)."""
import re

from conftest import ROOT

ENGINE = ROOT / "engine"
STORY_WORDS = re.compile(r"petrograd|петроград|1917|smolny|bolshevik|kerensky", re.IGNORECASE)
# The program's name, not the city: lower-case `petrograd` (`petrograd play`, petrograd.token,
# .petrograd-cache, "petrograd: ...") and the PETROGRAD_* environment variables.
PROGRAM_NAME = re.compile(r"\bpetrograd\b|\bPETROGRAD_[A-Z_]+")
TEXT_FILES = (".py", ".js", ".html", ".css", ".json", ".md", ".txt", ".yaml")


def story_words_in(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        rest = PROGRAM_NAME.sub("", line)
        found += [f"{number}: {m.group(0)!r} in {line.strip()[:100]}" for m in STORY_WORDS.finditer(rest)]
    return found


def test_the_engine_names_nothing_of_the_bundled_story():
    files = [p for p in sorted(ENGINE.rglob("*")) if p.is_file() and p.suffix in TEXT_FILES]
    assert len(files) > 50     # the walk found the engine
    found = {str(p.relative_to(ROOT)): hits for p in files if (hits := story_words_in(p.read_text(encoding="utf-8")))}
    assert not found, "story words in the engine:\n" + "\n".join(f"{p}:{h}" for p, hits in found.items() for h in hits)


def test_the_check_sees_the_story_words_it_is_meant_to_refuse():
    """The rule above, on lines it must refuse and lines it must let through."""
    assert story_words_in('banner = "ПЕТРОГРАДЪ · 1917"')
    assert story_words_in('openPanel("Map of Petrograd")')
    assert story_words_in("SEED = 1917") and story_words_in("the Smolny Institute") and story_words_in("KERENSKY")
    assert story_words_in("PETROGRAD SIDE")
    assert not story_words_in('print("petrograd: no such story folder")')
    assert not story_words_in('os.environ.get("PETROGRAD_SAVES")')
    assert not story_words_in("run `petrograd session host NAME` again; .petrograd-cache; petrograd.token")
