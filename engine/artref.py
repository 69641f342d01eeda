"""Picture references in stories: an art id, optionally with a weather or light variant.

`places/harbour@rain` is the harbour drawing with cold rain over it. The
variants are drawn over any picture by the art pipeline, so a place needs one drawing, not one per
weather; the loader checks the variant name and that the base drawing exists.
"""
from __future__ import annotations

VARIANTS = ("rain", "snow", "dawn", "searchlight")


def split_art_ref(ref: str) -> tuple[str, str | None]:
    """('places/x', 'rain') for 'places/x@rain'; ('places/x', None) without a variant."""
    base, sep, variant = ref.partition("@")
    return base, (variant if sep else None)
