"""Messages in the editor's language, through the standard gettext machinery.

Message ids are the Simplified Chinese texts (the default language); the
English catalog lives in ``factcheck/locale/en/LC_MESSAGES/factcheck.po``
and its compiled ``.mo`` beside it (``python tools/compile_catalogs.py``
rebuilds it; a test checks that it is current).
"""
from __future__ import annotations

import gettext as _gettext
import locale
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "factcheck"
_current: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "zh"


def detect_language() -> str:
    """FACTCHECK_LANG, else the locale; Chinese unless English is asked for."""
    for value in (os.environ.get("FACTCHECK_LANG"), os.environ.get("LC_ALL"),
                  os.environ.get("LC_MESSAGES"), os.environ.get("LANG"), locale.getlocale()[0]):
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(language: str | None) -> str:
    global _current, _language
    _language = language or detect_language()
    if _language == "zh":
        _current = _gettext.NullTranslations()
    else:
        _current = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return _language


def language() -> str:
    return _language


def _(message: str) -> str:
    return _current.gettext(message)
