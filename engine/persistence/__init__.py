"""Saves: versioned JSON envelopes, atomic writes, replay of choice logs on edited stories."""
from .saves import (AUTOSAVE, QUICKSAVE, SaveDiverged, SaveError, SaveStore, SlotInfo, atomic_write,
                    autosave_slot, default_saves_dir, replay)

__all__ = ["AUTOSAVE", "QUICKSAVE", "SaveDiverged", "SaveError", "SaveStore", "SlotInfo", "atomic_write",
           "autosave_slot", "default_saves_dir", "replay"]
