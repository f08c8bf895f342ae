"""The glossary: abbreviations, aliases, groups, and resolving agency names.

Names are matched case-insensitively (Kyrgyz Ө Ү Ң included), after Unicode
NFC normalisation and whitespace collapsing. Latin letters that look like
Cyrillic ones (a Latin "M" in "ЮM") are never matched silently; they are
offered as "did you mean" suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from plancli.errors import NotFoundError

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
        """The canonical entry for ``name`` or :class:`NotFoundError` with suggestions."""
        entry = self.lookup(name)
        if entry is None:
            suggestions = self.suggest(name)
            hint = "did you mean: " + ", ".join(suggestions) + "?" if suggestions else None
            raise NotFoundError(f"unknown agency or abbreviation {name!r}", hint=hint)
        return self.canonical(entry)

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
