"""Language identification of short spans: langdetect, seeded and limited to the languages we serve.

Loading only the profiles below is faster than langdetect's default (all 55) and
keeps a French fragment from being read as Catalan. Results are cached by span.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

PROFILES = ("en", "fr", "de", "it", "es", "pt", "nl", "ru", "uk", "bg", "pl", "ro")
NAMES = {
    "en": "English", "fr": "French", "de": "German", "it": "Italian", "es": "Spanish", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "pl": "Polish", "ro": "Romanian",
    "cs": "Czech", "tr": "Turkish", "zh": "Chinese", "ja": "Japanese",
}
SEED = 0


@cache
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    directory = Path(langdetect.__file__).parent / "profiles"
    factory.load_json_profile([(directory / code).read_text(encoding="utf-8") for code in PROFILES])
    factory.set_seed(SEED)
    return factory


@lru_cache(maxsize=4096)
def identify(span: str) -> tuple[str, float] | None:
    """The most likely language of a span and its probability, or None."""
    detector = _factory().create()
    detector.append(span)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang, best.prob


def language_name(code: str) -> str:
    return NAMES.get(code, code)
