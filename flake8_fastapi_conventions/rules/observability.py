"""Rules of this group: not written yet."""
