"""The glossary: abbreviations, aliases, groups, and resolving agency names.

Names are matched case-insensitively (Kyrgyz Ө Ү Ң included), after Unicode
NFC normalisation and whitespace collapsing. An agency given on the command
line (:meth:`Glossary.find`) may be a term, an alias, a full name, a name as
tables print it with " (макулдашуу боюнча)", or whole words of a full name
that only one body has ("Юстиция" is ЮМ). Latin letters that look like
Cyrillic ones (a Latin "M" in "ЮM") and names typed in Latin letters ("IUM",
read through :mod:`plancli.kyrgyz_latin`) are never matched silently; they are
offered as "did you mean" suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plancli.errors import NotFoundError
from plancli.kyrgyz_latin import has_latin_letters, typed_as

#: Latin letters that look like Cyrillic ones, mapped to the Cyrillic letter.
HOMOGLYPHS = str.maketrans(
    "AaBCcEeHKMOoPpTXxYy",
    "АаВСсЕеНКМОоРрТХхУу",
)


def name_key(name: str) -> str:
    """The form under which names are compared."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def fold_homoglyphs(text: str) -> str:
    return text.translate(HOMOGLYPHS)


#: What every unknown-agency message ends with.
AGENCIES_HINT = "`plancli agencies` lists the known bodies"

#: The mark tables print after a body acting by agreement (plan.BY_AGREEMENT),
#: spaced however it was copied.
_BY_AGREEMENT = re.compile(r"\s*\(\s*макулдашуу\s+боюнча\s*\)\s*$", re.IGNORECASE)

#: How many candidates an ambiguous or unknown name lists.
_SHOWN = 8


def _words(text: str) -> tuple[str, ...]:
    """The whole words of a name, case-folded ("Маданият, маалымат" -> 2 words)."""
    return tuple(re.findall(r"\w+(?:-\w+)*", unicodedata.normalize("NFC", text).casefold()))


def _phrase_in(
    wanted: tuple[str, ...], words: tuple[str, ...], same: Callable[[str, str], bool]
) -> bool:
    """Whether ``wanted`` occurs in ``words`` as a run of whole words."""
    span = len(wanted)
    return any(
        all(
            same(word, want) for word, want in zip(words[start : start + span], wanted, strict=True)
        )
        for start in range(len(words) - span + 1)
    )


def _equal(word: str, wanted: str) -> bool:
    return word == wanted


def _listed(terms: list[str]) -> str:
    shown = ", ".join(terms[:_SHOWN])
    return shown + (f" and {len(terms) - _SHOWN} more" if len(terms) > _SHOWN else "")


@dataclass(frozen=True)
class Entry:
    term: str
    expansion: str | None
    kind: str
    provenance: str
    certainty: str | None = None
    alias_of: str | None = None
    members: tuple[str, ...] = ()
    members_kind: str | None = None
    note: str | None = None
    #: The body this entry is a unit of (a sub-unit is not a state body of its own).
    part_of: str | None = None

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


class Glossary:
    """Lookup over glossary entries. Build with :func:`plancli.resolve.resolve_glossary`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_key: dict[str, Entry] = {}
        for entry in self.entries:
            self._by_key.setdefault(name_key(entry.term), entry)
        self._pattern: re.Pattern[str] | None = None
        self._by_expansion: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.expansion and entry.kind != "group":
                self._by_expansion.setdefault(name_key(entry.expansion), entry)

    def lookup(self, name: str) -> Entry | None:
        """The entry whose term (or, failing that, expansion) is ``name``."""
        key = name_key(name)
        return self._by_key.get(key) or self._by_expansion.get(key)

    def canonical(self, entry: Entry) -> Entry:
        """Follow ``alias_of`` to the entry that describes the body."""
        seen = {entry.term}
        while entry.alias_of:
            target = self._by_key.get(name_key(entry.alias_of))
            if target is None or target.term in seen:
                break
            seen.add(target.term)
            entry = target
        return entry

    def resolve(self, name: str) -> Entry:
        """The canonical entry for ``name`` (see :meth:`find`)."""
        return self.canonical(self.find(name))

    def find(self, name: str) -> Entry:
        """The entry an agency name given by a person means, or :class:`NotFoundError`.

        In this order: a term, alias or full name (any case); the same with the
        " (макулдашуу боюнча)" that tables print after a body acting by agreement;
        whole words of the terms and full names of the bodies, when they belong to
        one body only. Several bodies, or none: the error lists the candidates or
        suggestions (look-alike and transliterated Latin letters included) and
        ends with a pointer to ``plancli agencies``.
        """
        entry = self.lookup(name)
        if entry is not None:
            return entry
        bare = _BY_AGREEMENT.sub("", name)
        if bare != name and bare.strip():
            entry = self.lookup(bare)
            if entry is not None:
                return entry
        else:
            bare = name
        found = self.bodies_named_by(bare)
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(
                f"agency {name!r} is part of the names of {len(found)} bodies",
                hint=f"did you mean {_listed([e.term for e in found])}? {AGENCIES_HINT}",
            )
        suggestions = self._suggest_agency(bare)
        mean = f"did you mean {_listed(suggestions)}? " if suggestions else ""
        raise NotFoundError(f"unknown agency or abbreviation {name!r}", hint=mean + AGENCIES_HINT)

    def bodies_named_by(self, words: str, same: Callable[[str, str], bool] = _equal) -> list[Entry]:
        """The canonical bodies whose term or full name contains ``words`` as whole words.

        Glossary terms that name no body (``kind: term``, e.g. ЧУА) and the
        descriptions of groups ("Бул термин…") do not count. ``same(word, wanted)``
        compares one word of a name with one wanted word.
        """
        wanted = _words(words)
        if not wanted:
            return []
        found: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.kind == "term":
                continue
            names = [entry.term]
            if entry.expansion and not entry.is_group:
                names.append(entry.expansion)
            if any(_phrase_in(wanted, _words(n), same) for n in names):
                target = self.canonical(entry)
                found.setdefault(target.term, target)
        return list(found.values())

    def _suggest_agency(self, name: str) -> list[str]:
        """Terms an unknown agency name may have meant, the likeliest first."""
        suggestions = self.suggest(name)
        if has_latin_letters(name):
            spelled = [e.term for e in self.bodies_named_by(name, typed_as)]
            suggestions = spelled + [s for s in suggestions if s not in spelled]
        return suggestions

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` known terms close to ``name`` (homoglyphs folded first)."""
        import difflib  # only when a name is unknown

        folded = name_key(fold_homoglyphs(name))
        exact = self._by_key.get(folded)
        if exact is not None:
            return [exact.term]
        keys = list(self._by_key)
        close = difflib.get_close_matches(folded, keys, n=limit, cutoff=0.6)
        return [self._by_key[key].term for key in close]

    def members(self, entry: Entry) -> tuple[Entry, ...]:
        """The canonical member bodies of a group, nested groups flattened."""
        found: dict[str, Entry] = {}
        stack = [entry]
        visited: set[str] = set()
        while stack:
            group = stack.pop()
            if group.term in visited:
                continue
            visited.add(group.term)
            candidates = [self.lookup(m) for m in group.members]
            # A group listing its members reaches their units too (ККК through МУКК in
            # "укук коргоо органдары"); a group defined by kind ("мамлекеттик органдар")
            # reaches whole bodies only: a unit is answered for by its parent.
            candidates += [part for m in candidates if m is not None for part in self.parts(m)]
            if group.members_kind:
                candidates += [
                    e
                    for e in self.entries
                    if e.kind == group.members_kind and not e.alias_of and not e.part_of
                ]
            for member in candidates:
                if member is None:
                    continue
                member = self.canonical(member)
                if member.is_group:
                    stack.append(member)
                else:
                    found.setdefault(member.term, member)
        return tuple(found.values())

    def parts(self, entry: Entry) -> tuple[Entry, ...]:
        """The entries that are units of ``entry`` (``part_of``), units of units included."""
        found: list[Entry] = []
        parents = {self.canonical(entry).term}
        changed = True
        while changed:
            changed = False
            for candidate in self.entries:
                if candidate.part_of is None or candidate in found:
                    continue
                parent = self.lookup(candidate.part_of)
                if parent is not None and self.canonical(parent).term in parents:
                    found.append(candidate)
                    parents.add(candidate.term)
                    changed = True
        return tuple(found)

    def expand_text(self, text: str) -> str:
        """Add each known term's expansion after the word it occurs in.

        Longest terms win ("ККК" before "КК"), and a term only matches as a
        whole word or a word stem followed by a Kyrgyz suffix: "ЧУАларга" is
        ЧУА + "ларга", but "КК" inside "ККК" is not КК.
        """

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            entry = self._term_of(word)
            if entry is None:
                return word
            target = self.canonical(entry)
            expansion = target.expansion
            if not expansion or name_key(expansion) == name_key(word):
                return word
            inferred = "inferred" in (entry.certainty, target.certainty)
            return f"{word} ({expansion}{' — inferred' if inferred else ''})"

        return self._term_pattern().sub(replace, text)

    def term_counts(self, texts: Iterable[str]) -> dict[str, int]:
        """How often each term occurs (as matched by :meth:`expand_text`) in ``texts``."""
        pattern = self._term_pattern()
        counts: dict[str, int] = {}
        for text in texts:
            for match in pattern.finditer(text):
                entry = self._term_of(match.group(0))
                if entry is not None:
                    counts[entry.term] = counts.get(entry.term, 0) + 1
        return counts

    def _terms_longest_first(self) -> list[Entry]:
        return sorted(self.entries, key=lambda e: len(e.term), reverse=True)

    def _term_of(self, word: str) -> Entry | None:
        """The longest term that ``word`` starts with (abbreviations case-sensitively)."""
        for entry in self._terms_longest_first():
            if _is_abbreviation(entry.term):
                if word.startswith(entry.term):
                    return entry
            elif word.casefold().startswith(entry.term.casefold()):
                return entry
        return None

    def _term_pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            alternatives = []
            for entry in self._terms_longest_first():
                escaped = re.escape(entry.term)
                alternatives.append(escaped if _is_abbreviation(entry.term) else f"(?i:{escaped})")
            self._pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)}){_SUFFIX}(?!\w)")
        return self._pattern


#: A Kyrgyz inflectional suffix written after a term: lower-case letters only.
_SUFFIX = "[а-яёөүң]*"


def _is_abbreviation(term: str) -> bool:
    """ "ЮМ", "ЖӨБО", "КР Жогорку Кеңеш" is not; abbreviations match case-sensitively."""
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
