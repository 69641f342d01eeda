"""A small document model rendered two ways: HTML that prints well (CSS @media print) and a multi-page
PDF drawn with Pillow (A4 pages at 200 dpi, text set in the bundled Old Standard font, stored as
black-and-white pages so a 40-page guide stays a few megabytes). No new dependency: Pillow is already
required for the art."""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DPI = 200
PAGE_W, PAGE_H = int(8.27 * DPI), int(11.69 * DPI)       # A4
MARGIN = int(0.8 * DPI)
FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
POINTS = {"title": 22, "h1": 17, "h2": 14, "h3": 12.5, "p": 11, "li": 11, "small": 9, "box": 11, "quote": 11}
SIZES = {k: round(v * DPI / 72) for k, v in POINTS.items()}   # in pixels


@dataclass(frozen=True)
class Block:
    kind: str        # title | h1 | h2 | h3 | p | li | small | quote | box | rule | pagebreak
    text: str = ""
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
.box { border: 2px dashed #333; padding: .6rem 1rem; margin: 1rem 0; page-break-inside: avoid; }
.box p { margin: .25rem 0; }
.private { border: 2px solid #8b1a1a; padding: .2rem 1rem; }
hr { border: 0; border-top: 1px solid #888; }
.pagebreak { page-break-after: always; break-after: page; height: 0; }
@media print {
  body { background: white; max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
  li, p, blockquote { orphans: 3; widows: 3; }
  .noprint { display: none; }
}
"""


def to_html(blocks: list[Block], title: str) -> str:
    out = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
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
    if in_list:
        out.append("</ul>")
    out.append("</body></html>\n")
    return "\n".join(out)


# -- PDF -----------------------------------------------------------------------------------------------
class _Fonts:
    def __init__(self) -> None:
        self.cache: dict[tuple[str, int], ImageFont.ImageFont] = {}

    def get(self, style: str, size: int):
        key = (style, size)
        if key not in self.cache:
            name = {"bold": "OldStandard-Bold.ttf", "italic": "OldStandard-Italic.ttf"}.get(style, "OldStandard-Regular.ttf")
            try:
                self.cache[key] = ImageFont.truetype(str(FONT_DIR / name), size)
            except OSError:
                try:
                    self.cache[key] = ImageFont.load_default(size=size)
                except TypeError:    # Pillow before 10.1
                    self.cache[key] = ImageFont.load_default()
        return self.cache[key]


def _wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if font.getlength(trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


class _Pages:
    def __init__(self, title: str):
        self.pages: list[Image.Image] = []
        self.title = title
        self.fonts = _Fonts()
        self.new_page()

    def new_page(self) -> None:
        self.page = Image.new("L", (PAGE_W, PAGE_H), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = MARGIN

    def room(self, height: int) -> None:
        if self.y + height > PAGE_H - MARGIN and self.y > MARGIN:
            self.new_page()

    def text(self, text: str, style: str, size: int, indent: int = 0, gap_after: int = 8, bullet: str = "",
             center: bool = False) -> None:
        font = self.fonts.get(style, size)
        width = PAGE_W - 2 * MARGIN - indent
        line_h = int(size * 1.35)
        for n, line in enumerate(_wrap(text, font, width)):
            self.room(line_h)
            x = MARGIN + indent
            if center:
                x = (PAGE_W - int(font.getlength(line))) // 2
            if bullet and n == 0:
                self.draw.text((x - int(size * 0.9), self.y), bullet, font=font, fill=0)
            self.draw.text((x, self.y), line, font=font, fill=0)
            self.y += line_h
        self.y += gap_after

    def box(self, lines: tuple[str, ...]) -> None:
        size = SIZES["box"]
        font = self.fonts.get("regular", size)
        width = PAGE_W - 2 * MARGIN - 40
        wrapped = [w for line in lines for w in (_wrap(line, font, width) or [""])]
        line_h = int(size * 1.4)
        height = line_h * len(wrapped) + 30
        self.room(height + 10)
        top = self.y
        for n, line in enumerate(wrapped):
            style = "bold" if n == 0 else "regular"
            x = MARGIN + 24
            if line.startswith("☐"):      # a box to tick: drawn, since the font has no such glyph
                side = int(size * 0.75)
                top_y = self.y + 15 + int(size * 0.3)
                self.draw.rectangle([x, top_y, x + side, top_y + side], outline=0, width=2)
                line, x = line[1:].strip(), x + side + int(size * 0.6)
            self.draw.text((x, self.y + 15), line, font=self.fonts.get(style, size), fill=0)
            self.y += line_h
        self.y += 30
        for x in range(MARGIN, PAGE_W - MARGIN, 16):     # a dashed frame: cut along it
            self.draw.line([(x, top), (min(x + 8, PAGE_W - MARGIN), top)], fill=0, width=2)
            self.draw.line([(x, self.y), (min(x + 8, PAGE_W - MARGIN), self.y)], fill=0, width=2)
        for y in range(top, self.y, 16):
            self.draw.line([(MARGIN, y), (MARGIN, min(y + 8, self.y))], fill=0, width=2)
            self.draw.line([(PAGE_W - MARGIN, y), (PAGE_W - MARGIN, min(y + 8, self.y))], fill=0, width=2)
        self.y += 20

    def footers(self) -> None:
        font = self.fonts.get("italic", SIZES["small"])
        for n, page in enumerate(self.pages, start=1):
            d = ImageDraw.Draw(page)
            label = f"{self.title} · {n}/{len(self.pages)}"
            d.text(((PAGE_W - int(font.getlength(label))) // 2, PAGE_H - MARGIN // 2 - SIZES["small"]), label,
                   font=font, fill=90)


def to_pdf(blocks: list[Block], title: str, path: Path) -> Path:
    bw = render_pages(blocks, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    bw[0].save(tmp, "PDF", resolution=DPI, save_all=True, append_images=bw[1:], title=title, author="Petrograd 1917")
    tmp.replace(path)
    return path


def render_pages(blocks: list[Block], title: str) -> list[Image.Image]:
    """The document as black-and-white A4 page images."""
    pages = _Pages(title)
    for b in blocks:
        if b.kind == "title":
            pages.text(b.text, "bold", SIZES["title"], gap_after=30, center=True)
        elif b.kind == "h1":
            pages.room(SIZES["h1"] * 4)
            pages.y += 18
            pages.text(b.text, "bold", SIZES["h1"], gap_after=6)
            pages.draw.line([(MARGIN, pages.y), (PAGE_W - MARGIN, pages.y)], fill=60, width=3)
            pages.y += 14
        elif b.kind == "h2":
            pages.room(SIZES["h2"] * 4)
            pages.y += 12
            pages.text(b.text, "bold", SIZES["h2"], gap_after=8)
        elif b.kind == "h3":
            pages.room(SIZES["h3"] * 3)
            pages.y += 6
            pages.text(b.text, "bold", SIZES["h3"], gap_after=6)
        elif b.kind == "p":
            pages.text(b.text, "regular", SIZES["p"], gap_after=12)
        elif b.kind == "small":
            pages.text(b.text, "italic", SIZES["small"], gap_after=10)
        elif b.kind == "quote":
            pages.text(b.text, "italic", SIZES["quote"], indent=54, gap_after=16)
        elif b.kind == "li":
            pages.text(b.text, "regular", SIZES["li"], indent=48, gap_after=8, bullet="•")
        elif b.kind == "box":
            pages.box(b.lines)
        elif b.kind == "rule":
            pages.room(20)
            pages.draw.line([(MARGIN, pages.y + 8), (PAGE_W - MARGIN, pages.y + 8)], fill=120, width=1)
            pages.y += 20
        elif b.kind == "pagebreak":
            if pages.y > MARGIN:
                pages.new_page()
    pages.footers()
    return [page.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE) for page in pages.pages]
