"""Kyrgyz Cyrillic <-> Latin: how people without a Kyrgyz keyboard type a name.

A name typed in Latin letters (``IUM``, ``BSHK``, ``FM``) is compared with a
Cyrillic one (``ЮМ``, ``БШК``, ``ФМ``) letter by letter through the table
below, never by guessing: each Cyrillic letter may be typed as any of the
Latin spellings listed for it. The spellings are those of the usual systems
(the Kyrgyz Latin alphabet proposals with ö ü ñ, BGN/PCGN and the
passport-style ASCII forms) and the plain keyboard habits they produce:
Ю is "yu", "iu" or "ju", Ш is "sh", Ө is "o", "oe" or "ö".
"""

from __future__ import annotations

import functools

#: Every Kyrgyz Cyrillic letter (lower case), Ң Ө Ү included, with the Latin
#: spellings it may be typed as. The empty spelling: the letter may be left out.
LATIN: dict[str, tuple[str, ...]] = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v", "w"),
    "г": ("g",),
    "д": ("d",),
    "е": ("e", "ye", "je"),
    "ё": ("yo", "jo", "io", "e"),
    "ж": ("zh", "j", "dzh", "dj", "ž"),
    "з": ("z",),
    "и": ("i",),
    "й": ("y", "i", "j"),
    "к": ("k",),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "ң": ("ng", "n", "ñ", "ŋ"),
    "о": ("o",),
    "ө": ("o", "oe", "ö"),
    "п": ("p",),
    "р": ("r",),
    "с": ("s",),
    "т": ("t",),
    "у": ("u",),
    "ү": ("u", "ue", "ü", "y"),
    "ф": ("f",),
    "х": ("kh", "h", "x"),
    "ц": ("ts", "c", "tz"),
    "ч": ("ch", "c", "č"),
    "ш": ("sh", "š"),
    "щ": ("shch", "sch", "sh", "š"),
    "ъ": ("",),
    "ы": ("y", "i", "ı"),
    "ь": ("", "'"),
    "э": ("e",),
    "ю": ("yu", "iu", "ju"),
    "я": ("ya", "ia", "ja"),
}


def has_latin_letters(text: str) -> bool:
    """Whether ``text`` has Latin letters and no Cyrillic ones: a transliterated name."""
    letters = [c for c in text.casefold() if c.isalpha()]
    return bool(letters) and not any(c in LATIN for c in letters)


def typed_as(cyrillic: str, latin: str) -> bool:
    """Whether ``latin`` is a way of typing ``cyrillic`` by the table (any case).

    Characters that are not Cyrillic letters (spaces, hyphens, digits) must be
    typed as themselves.
    """
    source, typed = cyrillic.casefold(), latin.casefold()

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(source):
            return j == len(typed)
        spellings = LATIN.get(source[i], (source[i],))
        return any(
            typed.startswith(spelling, j) and match(i + 1, j + len(spelling))
            for spelling in spellings
        )

    return match(0, 0)
