"""Printables are real text PDFs (fpdf2, fonts embedded) on A4 and Letter; each role's sheet starts on an
odd page; index.html links to every file; every file is written 0600."""
import re
import shutil
import stat
import subprocess

import pytest
from pypdf import PdfReader

from conftest import ROOT
from engine import load_story_or_raise
from engine.session.pdf import BLANK_PAGE_NOTE, Block, pdf_bytes
from engine.session.printables import role_sheet, write_printables
from test_session import CLASSROOM

SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    story = load_story_or_raise(CLASSROOM)
    out = tmp_path_factory.mktemp("print") / "printables"
    return story, out, write_printables(story, out)


def text_of(page) -> str:
    return " ".join(page.extract_text().split())


def test_pdfs_are_text_with_embedded_fonts_on_both_papers(printed):
    story, out, written = printed
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert {p.name for p in pdfs} == {f"{n}-{paper}.pdf" for n in ("role-sheets", "assemblies", "teacher-guide")
                                      for paper in ("a4", "letter")}
    for path in pdfs:
        reader = PdfReader(path)
        paper = path.stem.rsplit("-", 1)[1]
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width), 1), round(float(box.height), 1)) == tuple(round(x, 1) for x in SIZES[paper])
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, f"{path.name}: {font['/BaseFont']} is not embedded"
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
        assert any(f.startswith("OldStandard") for f in fonts), fonts
        assert reader.metadata.title.startswith(story.title)
    sheets = " ".join(text_of(p) for p in PdfReader(out / "role-sheets-a4.pdf").pages)
    for role in story.roles.values():
        assert role.name in sheets
    for brief in story.classroom.roles.values():
        for objective in brief.objectives:
            assert objective.text in sheets
    assert "Met:" not in sheets and "after play" not in sheets          # before play: no verdicts
    ballots = " ".join(text_of(p) for p in PdfReader(out / "assemblies-letter.pdf").pages)
    assert "BALLOT · The bridge meeting" in ballots and "I walk out of the assembly" in ballots
    guide = " ".join(text_of(p) for p in PdfReader(out / "teacher-guide-a4.pdf").pages)
    assert "Discussion questions" in guide and "the count recorded in 1917" in guide


def test_every_role_starts_on_an_odd_page_and_no_sheet_holds_two_roles(printed):
    story, out, _ = printed
    for paper in ("a4", "letter"):
        pages = [text_of(p) for p in PdfReader(out / f"role-sheets-{paper}.pdf").pages]
        starts = []
        for role in story.roles.values():
            heading = f"{role.name}: {role.title}"
            starts.append(next(n for n, text in enumerate(pages) if heading in text))
        assert starts == sorted(starts)
        assert all(n % 2 == 0 for n in starts), starts          # 0-based: page 1, 3, 5 ...
        # a sheet of paper printed double-sided is pages 2k+1 and 2k+2: one role only
        owners = {}
        for n, text in enumerate(pages):
            who = {r for r in story.roles.values() if f"· {r.name} · page" in text}
            assert len(who) <= 1
            owners.setdefault(n // 2, set()).update(x.id for x in who)
        assert all(len(v) <= 1 for v in owners.values()), owners
        assert len(pages) % 2 == 0 or starts[-1] == len(pages) - 1
    # fixture sheets fit on one page each, so the even pages between them are left blank, and say so
    pages = [text_of(p) for p in PdfReader(out / "role-sheets-a4.pdf").pages]
    assert BLANK_PAGE_NOTE in pages[1]


def test_a_long_role_sheet_still_leaves_the_next_role_on_an_odd_page():
    blocks = [Block("oddpage", "One"), Block("h1", "ROLE ONE")] + [Block("p", "word " * 400)] * 5 \
        + [Block("oddpage", "Two"), Block("h1", "ROLE TWO"), Block("p", "short")] \
        + [Block("oddpage", "Three"), Block("h1", "ROLE THREE")]
    import io
    pages = [text_of(p) for p in PdfReader(io.BytesIO(pdf_bytes(blocks, "Sheets", "Letter"))).pages]
    starts = [next(n for n, t in enumerate(pages) if f"ROLE {w}" in t) for w in ("ONE", "TWO", "THREE")]
    assert starts[0] == 0 and starts[1] > 1 and all(n % 2 == 0 for n in starts), starts


def test_index_links_to_every_file_and_every_file_is_private(printed):
    _, out, written = printed
    index = (out / "index.html").read_text()
    linked = set(re.findall(r'href="([^"]+)"', index))
    assert linked == {p.name for p in written if p.name != "index.html"}
    assert {p.name for p in out.iterdir()} == {p.name for p in written}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (path.name, oct(path.stat().st_mode))


def test_session_exports_are_private_too(tmp_path):
    from test_session import Policy, new_session, play_all
    story = load_story_or_raise(CLASSROOM)
    s = new_session(story, "modes", students=6, saves=tmp_path / "saves")
    play_all(s, Policy(s, seed=1, historical=True))
    files = [p for p in s.directory.iterdir() if p.is_file()] + [tmp_path / "saves" / "classroom.sqlite3"]
    assert len(files) > 5
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdftotext_reads_the_sheets(printed):
    story, out, _ = printed
    text = subprocess.run(["pdftotext", str(out / "role-sheets-letter.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Hold the bridge." in " ".join(text.split())


def test_role_sheets_of_the_bundled_story_print(tmp_path):
    story = load_story_or_raise(ROOT / "story") if (ROOT / "story").is_dir() else None
    if story is None:
        pytest.skip("no bundled story")
    blocks = [b for r in story.roles for b in role_sheet(story, r)]
    import io
    reader = PdfReader(io.BytesIO(pdf_bytes(blocks, "Sheets", "A4")))
    pages = [text_of(p) for p in reader.pages]
    for role in story.roles.values():
        assert next(n for n, t in enumerate(pages) if f"{role.name}: {role.title}" in t) % 2 == 0


def test_role_sheets_after_play_say_which_objectives_were_met(tmp_path):
    from test_session import Policy, new_session, petrograd, play_all
    story = load_story_or_raise(CLASSROOM)
    saves = tmp_path / "saves"
    s = new_session(story, "after", students=6, saves=saves)
    play_all(s, Policy(s, seed=1, historical=True))
    out = petrograd("session", "print", "--session", "after", "--story", str(CLASSROOM), "--saves", str(saves))
    assert out.returncode == 0, out.stderr
    folder = s.directory / "printables"
    sheets = " ".join(text_of(p) for p in PdfReader(folder / "role-sheets-a4.pdf").pages)
    assert "Your objectives, after play" in sheets and "Met: Hold the bridge." in sheets
    assert "Met: Hold the bridge." in (folder / "role-guard.html").read_text()
