"""The drawings of the bundled story: its places, portraits, documents and city map, in code.

Not part of the engine. `python assets/make_art.py [ids...]` writes every assets/art/<id>.svg
from these drawings (the SVGs are the committed sources the engine prints); the story's manifest
names `drawings/citymap.py` as its map, which the engine loads by path from the assets folder.
"""
