"""The `petrograd ids` and `petrograd translate export|import` commands."""
from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_parsers(sub) -> None:
    ids = sub.add_parser("ids", help="write the missing line ids into a story's files",
                         description="Give every translatable line of the story a stable line id (a `#line:` "
                                     "comment beside it). Idempotent: lines that have one keep it.")
    ids.add_argument("story_dir", nargs="?", default=None, metavar="STORY_DIR")
    translate = sub.add_parser("translate", help="export or import a translation's gettext catalogue",
                               description="Export the story's lines to STORY_DIR/locale/LANG/story.po (merging: "
                                           "translations are kept, those whose source changed marked fuzzy), or "
                                           "import a .po edited elsewhere into it.")
    actions = translate.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write or update STORY_DIR/locale/LANG/story.po")
    export.add_argument("--lang", required=True)
    export.add_argument("story_dir", nargs="?", default=None, metavar="STORY_DIR")
    imp = actions.add_parser("import", help="take a .po file's translations into STORY_DIR/locale/LANG/story.po")
    imp.add_argument("--lang", required=True)
    imp.add_argument("file", metavar="FILE.po")
    imp.add_argument("story_dir", nargs="?", default=None, metavar="STORY_DIR")
    words = actions.add_parser("words", help="update the engine's own words catalogue for LANG",
                               description="Write engine/locale/LANG/LC_MESSAGES/engine.po with every word the "
                                           "engine's menus, screens and pages mark for translation, keeping "
                                           "the translations it has; lists the untranslated ones.")
    words.add_argument("--lang", required=True)


def _root(args) -> Path | None:
    from ..cli import bundled_story
    root = Path(args.story_dir) if args.story_dir else bundled_story()
    if not (root / "story.yaml").is_file():
        print(f"petrograd: no story folder at {root}", file=sys.stderr)
        return None
    return root


def cmd_ids(args) -> int:
    from .lines import write_missing_ids
    root = _root(args)
    if root is None:
        return EXIT_USAGE
    added, skipped = write_missing_ids(root)
    print(f"added {added} line id(s) in {root}")
    for line in skipped:
        print(f"{line.span.path}:{line.span.line}:{line.span.column}: no id: this text shares its line with "
              "another; put each on a line of its own", file=sys.stderr)
    return EXIT_OK


def cmd_translate(args) -> int:
    from .catalogue import LANG, export, import_file
    if args.action == "words":
        return _words(args.lang)
    root = _root(args)
    if root is None:
        return EXIT_USAGE
    if not LANG.match(args.lang):
        print(f"petrograd: {args.lang!r} is not a language code such as de, ru or pt_BR", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "export":
        path, counts = export(root, args.lang)
    else:
        if not Path(args.file).is_file():
            print(f"petrograd: no such file: {args.file}", file=sys.stderr)
            return EXIT_USAGE
        path, counts, unknown = import_file(root, args.lang, Path(args.file))
        for line_id in unknown:
            print(f"{args.file}: line {line_id} is not in the story; left out", file=sys.stderr)
    print(f"{os.path.relpath(path)}: {counts['lines']} lines, {counts['translated']} translated, "
          f"{counts['stale']} stale (fuzzy), {counts['lines'] - counts['translated'] - counts['stale']} untranslated"
          + (f"; {counts['without_id']} without a line id (run `petrograd ids`)" if counts["without_id"] else ""))
    return EXIT_OK


def _words(lang: str) -> int:
    from .catalogue import LANG
    from .words import untranslated_words, update_catalogue
    if not LANG.match(lang):
        print(f"petrograd: {lang!r} is not a language code such as de, ru or pt_BR", file=sys.stderr)
        return EXIT_USAGE
    path, counts = update_catalogue(lang)
    missing = untranslated_words(lang)
    print(f"{os.path.relpath(path)}: {counts['words']} words, {counts['translated']} translated, "
          f"{len(missing)} untranslated" + (f"; {counts['dropped']} no longer used dropped" if counts["dropped"] else ""))
    for word in missing:
        print(f"  untranslated: {word!r}")
    return EXIT_OK
