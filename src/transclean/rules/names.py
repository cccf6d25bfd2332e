"""Names: people's names written in a source language's transliteration, beyond the packs."""

from __future__ import annotations

RULES = ()
