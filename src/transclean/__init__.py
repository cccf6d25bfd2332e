"""transclean: repairs the surface damage machine translation leaves in English text.

>>> import transclean
>>> transclean.fix("the company Space X , by Elon Musk").text
'the company SpaceX, by Elon Musk'
"""

from __future__ import annotations

from functools import lru_cache

from .model import Change, Flag, Result
from .packs import PackError
from .pipeline import Pipeline, UnknownRuleError
from .rule import AUTO
from .version import VERSION

__version__ = VERSION
__all__ = ["fix", "Pipeline", "Result", "Change", "Flag", "PackError", "UnknownRuleError", "__version__"]


@lru_cache(maxsize=16)
def _pipeline(source_lang: str, unsafe: bool) -> Pipeline:
    return Pipeline(source_lang=source_lang, unsafe=unsafe)


def fix(text: str, source_lang: str = AUTO, unsafe: bool = False) -> Result:
    """Repair one text with the default rules; see Pipeline for more control."""
    if not isinstance(text, str):
        raise TypeError(f"fix() takes a str, not {type(text).__name__}")
    return _pipeline(source_lang.lower(), unsafe).fix(text)
