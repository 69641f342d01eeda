"""A small document model rendered two ways: HTML that prints well (CSS @media print), and text PDFs
set with fpdf2 in the bundled Old Standard TT (subset and embedded, so the text is searchable,
selectable and read aloud by screen readers), on A4 or Letter paper, with bookmarks for the headings."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..i18n.words import N_, _, current_language

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
FACES = {"": "OldStandard-Regular.ttf", "B": "OldStandard-Bold.ttf", "I": "OldStandard-Italic.ttf"}
TYPEWRITER = "CMUTypewriter-Regular.ttf"      # for plans and commands, whose columns must line up
POINTS = {"title": 22, "h1": 17, "h2": 14, "h3": 12.5, "p": 11, "li": 11, "small": 9, "box": 11, "quote": 11,
          "code": 8.5}
PAPERS = ("A4", "Letter")
PT = 25.4 / 72                      # millimetres in a point
RED = (139, 26, 26)
TICK_BOX = "☐"                      # drawn as a square: the font has no such glyph
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)    # (notes on tables it drops, per font)
BLANK_PAGE_NOTE = N_("This page is left blank, so that the next role starts on a sheet of its own.")


@dataclass(frozen=True)
class Block:
    kind: str        # title | h1 | h2 | h3 | p | li | small | quote | code | box | rule | pagebreak | oddpage
    text: str = ""   # oddpage: what the pages from here are (shown in their footers), e.g. a role's name
    lines: tuple[str, ...] = ()   # box: the lines inside the box (a ballot, a cut-out card)


# -- HTML --------------------------------------------------------------------------------------------
PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'Old Standard TT', Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #111; background: #fffdf7; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #8b1a1a; padding-bottom: .2rem; margin-top: 2.2rem; }
h2 { font-size: 1.35rem; margin-top: 1.6rem; }
h3 { font-size: 1.1rem; margin-top: 1.2rem; }
.title { font-size: 2.2rem; text-align: center; margin: 1rem 0 2rem; }
.small { font-size: .85rem; color: #444; }
blockquote { border-left: 4px solid #8b1a1a; margin: .8rem 0; padding-left: .8rem; }
pre { font-family: 'CMU Typewriter Text', 'Courier New', monospace; font-size: .8rem; margin: 0; white-space: pre-wrap; }
.box { border: 2px dashed #333; padding: .6rem 1rem; margin: 1rem 0; page-break-inside: avoid; }
.box p { margin: .25rem 0; }
.private { border: 2px solid #8b1a1a; padding: .2rem 1rem; }
hr { border: 0; border-top: 1px solid #888; }
.pagebreak { page-break-after: always; break-after: page; height: 0; }
.oddpage { page-break-before: right; break-before: recto; height: 0; }
@media print {
  body { background: white; max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
  li, p, blockquote { orphans: 3; widows: 3; }
  .noprint { display: none; }
}
"""


def page_language() -> str:
    """The language a printable is written in (its html lang, its PDF's /Lang): the engine's words'."""
    return current_language() or "en"


def to_html(blocks: list[Block], title: str) -> str:
    out = [f"<!DOCTYPE html>\n<html lang=\"{page_language()}\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
           f"<style>{PRINT_CSS}</style></head><body>"]
    in_list = False
    for b in blocks:
        if b.kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        e = html.escape(b.text)
        if b.kind == "title":
            out.append(f"<h1 class=\"title\">{e}</h1>")
        elif b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{e}</{b.kind}>")
        elif b.kind == "p":
            out.append(f"<p>{e}</p>")
        elif b.kind == "small":
            out.append(f"<p class=\"small\">{e}</p>")
        elif b.kind == "quote":
            out.append(f"<blockquote>{e}</blockquote>")
        elif b.kind == "code":
            out.append(f"<pre>{e}</pre>")
        elif b.kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{e}</li>")
        elif b.kind == "box":
            out.append("<div class=\"box\">" + "".join(f"<p>{html.escape(x)}</p>" for x in b.lines) + "</div>")
        elif b.kind == "rule":
            out.append("<hr>")
        elif b.kind == "pagebreak":
            out.append("<div class=\"pagebreak\"></div>")
        elif b.kind == "oddpage":
            out.append("<div class=\"oddpage\"></div>")
    if in_list:
        out.append("</ul>")
    out.append("</body></html>\n")
    return "\n".join(out)


# -- PDF -----------------------------------------------------------------------------------------------
class _Document(FPDF):
    def __init__(self, title: str, paper: str):
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.doc_title = title
        self.running = ""                       # the part the footer names (a role, on the role sheets)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=20)
        for style, name in FACES.items():
            self.add_font("OldStandard", style, str(FONT_DIR / name))
        self.add_font("Typewriter", "", str(FONT_DIR / TYPEWRITER))
        self.set_title(title)
        self.set_author("petrograd session print")
        self.set_creator("fpdf2, from the story's data")
        self.set_lang(page_language())
        self.set_text_color(17, 17, 17)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("OldStandard", "I", 8.5)
        self.set_text_color(90, 90, 90)
        label = (f"{self.doc_title}" + (f" · {self.running}" if self.running else "") + " · "
                 + _("page {n}/{count}").format(n=self.page_no(), count="{nb}"))
        self.cell(0, 5, label, align="C")
        self.set_text_color(17, 17, 17)

    # -- pieces ---------------------------------------------------------------------------------------
    def at_top(self) -> bool:
        return self.page_no() == 0 or self.get_y() <= self.t_margin + 0.01

    def keep(self, height: float) -> None:
        """Start a new page unless `height` more millimetres fit on this one (headings keep their text)."""
        if self.page_no() == 0:
            self.add_page()
        elif not self.at_top() and self.will_page_break(height):
            self.add_page()

    def text_block(self, text: str, style: str, points: float, indent: float = 0, after: float = 2.0,
                   align: str = "L", bullet: str = "", family: str = "OldStandard") -> None:
        self.keep(points * PT * 1.4)
        self.set_font(family, style, points)
        line = points * PT * 1.38
        if bullet:
            self.set_x(self.l_margin + indent - 4.5)
            self.cell(4.5, line, bullet)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, line, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def heading(self, text: str, level: int, points: float, before: float, rule: bool = False) -> None:
        self.keep(points * PT * 1.4 + 14)
        if not self.at_top():
            self.ln(before)
        if level <= 1:
            self.start_section(text[:120], level=level)
        self.text_block(text, "B", points, after=1.0)
        if rule:
            self.set_draw_color(*RED)
            self.set_line_width(0.7)
            self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
            self.set_line_width(0.2)
            self.set_draw_color(0, 0, 0)
            self.ln(3)

    def quote(self, text: str) -> None:
        top_page, top = self.page_no(), self.get_y()
        self.text_block(text, "I", POINTS["quote"], indent=8, after=0)
        if self.page_no() == top_page:            # a bar beside the quotation (on its own page only)
            self.set_draw_color(*RED)
            self.set_line_width(1.0)
            self.line(self.l_margin + 3, top + 0.5, self.l_margin + 3, self.get_y() - 0.5)
            self.set_line_width(0.2)
            self.set_draw_color(0, 0, 0)
        self.ln(3)

    def box(self, lines: tuple[str, ...]) -> None:
        """A ballot or card to cut out: a dashed frame, the first line bold, a square for each ☐."""
        points = POINTS["box"]
        line = points * PT * 1.45
        width = self.epw - 12
        self.set_font("OldStandard", "", points)
        rows = sum(len(self.multi_cell(width - 7, line, x.lstrip(TICK_BOX).strip() or " ", dry_run=True,
                                       output="LINES")) for x in lines)
        height = rows * line + 8
        self.keep(height + 4)
        top = self.get_y()
        self.set_y(top + 4)
        for n, text in enumerate(lines):
            x = self.l_margin + 6
            ticked = text.startswith(TICK_BOX)
            if ticked:
                side = points * PT * 0.75
                self.rect(x, self.get_y() + (line - side) / 2, side, side)
                text, x = text[1:].strip(), x + side + 2.5
            self.set_font("OldStandard", "B" if n == 0 else "", points)
            self.set_x(x)
            self.multi_cell(self.l_margin + 6 + width - x, line, text, align="L", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
        bottom = self.get_y() + 4
        self.set_dash_pattern(dash=2, gap=1.5)
        self.set_line_width(0.4)
        self.rect(self.l_margin, top, self.epw, bottom - top)
        self.set_dash_pattern()
        self.set_line_width(0.2)
        self.set_y(bottom + 5)

    def rule(self) -> None:
        self.keep(5)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y() + 2, self.l_margin + self.epw, self.get_y() + 2)
        self.set_draw_color(0, 0, 0)
        self.ln(5)

    def odd_page(self, running: str) -> None:
        """Start on the next odd (right-hand) page, so that in double-sided printing no sheet carries the
        end of one part and the start of the next; an even page left over says why it is blank."""
        if self.page_no() and not (self.at_top() and self.page_no() % 2 == 1):
            self.add_page()
            if self.page_no() % 2 == 0:
                self.set_font("OldStandard", "I", POINTS["small"])
                self.set_y(self.h / 2)
                self.cell(0, 6, _(BLANK_PAGE_NOTE), align="C")
                self.add_page()
        self.running = running
        if self.page_no() == 0:
            self.add_page()


def pdf_bytes(blocks: list[Block], title: str, paper: str = "A4") -> bytes:
    """The document as a PDF of real text on `paper` (A4 or Letter)."""
    if paper not in PAPERS:
        raise ValueError(f"paper is one of {', '.join(PAPERS)}, not {paper!r}")
    doc = _Document(title, paper)
    for b in blocks:
        if b.kind == "oddpage":
            doc.odd_page(b.text)
            continue
        if doc.page_no() == 0:
            doc.add_page()
        if b.kind == "title":
            doc.text_block(b.text, "B", POINTS["title"], align="C", after=8)
        elif b.kind == "h1":
            doc.heading(b.text, 0, POINTS["h1"], before=5, rule=True)
        elif b.kind == "h2":
            doc.heading(b.text, 1, POINTS["h2"], before=3.5)
        elif b.kind == "h3":
            doc.heading(b.text, 2, POINTS["h3"], before=2)
        elif b.kind == "p":
            doc.text_block(b.text, "", POINTS["p"], after=2.5)
        elif b.kind == "small":
            doc.text_block(b.text, "I", POINTS["small"], after=2)
        elif b.kind == "quote":
            doc.quote(b.text)
        elif b.kind == "li":
            doc.text_block(b.text, "", POINTS["li"], indent=7, after=1.2, bullet="•")
        elif b.kind == "code":
            doc.text_block(b.text, "", POINTS["code"], after=0.3, family="Typewriter")
        elif b.kind == "box":
            doc.box(b.lines)
        elif b.kind == "rule":
            doc.rule()
        elif b.kind == "pagebreak":
            if not doc.at_top():
                doc.add_page()
    if doc.page_no() == 0:
        doc.add_page()
    return bytes(doc.output())


def to_pdf(blocks: list[Block], title: str, path: Path, paper: str = "A4") -> Path:
    from ..persistence.saves import atomic_write      # (written 0600, as every other export)
    atomic_write(Path(path), pdf_bytes(blocks, title, paper))
    return Path(path)
