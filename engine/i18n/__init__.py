"""Translation: line ids in the story files (lines), gettext catalogues of a story's lines
(catalogue), a story read in another language (localize), and the engine's own words (words)."""
