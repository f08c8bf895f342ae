"""``plancli glossary`` and ``plancli expand``: glossary entries, their uses, expansions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancli.dataset import Dataset
from plancli.errors import NotFoundError
from plancli.glossary import Entry
from plancli.queries.selection import search_key


def expand_terms(
    data: Dataset, terms: Sequence[str]
) -> tuple[list[tuple[str, Entry, Entry]], list[NotFoundError]]:
    """``(as given, entry found, canonical entry)`` for each term, and the failures."""
    found, failed = [], []
    for term in terms:
        try:
            entry = data.glossary.find(term)
        except NotFoundError as error:
            failed.append(error)
            continue
        found.append((term, entry, data.glossary.canonical(entry)))
    return found, failed


@dataclass(frozen=True)
class GlossaryUse:
    entry: Entry
    as_executor: int
    in_text: int
    #: Uses of the entries that are aliases of this one (``alias_of``), e.g.
    #: "Улуттук банк" for КРУБ: the body is used under another name.
    via_aliases: int = 0

    @property
    def used(self) -> bool:
        return bool(self.as_executor or self.in_text or self.via_aliases)


def glossary_entries(
    data: Dataset, *, search: str | None = None, used: bool | None = None
) -> list[GlossaryUse]:
    """Glossary entries with how often the plan uses each (as an executor, in texts)."""
    texts = (
        [text for m in data.plan.measures for text in (m.text, *m.items, *m.results)]
        + [t.title for t in data.plan.tasks]
        + [s.title for s in data.plan.sections]
    )
    words = data.glossary.term_counts(texts)
    executors: dict[str, int] = {}
    for measure in data.plan.measures:
        for executor in measure.executors:
            entry = data.glossary.lookup(executor.name)
            if entry is not None:
                executors[entry.term] = executors.get(entry.term, 0) + 1
            # a term inside a longer executor name ("мамлекеттик органдардын АСБ
            # кызматтары" names АСБ) is used in the text of the executor cell
            if len(executor.name.split()) > 1:
                for word in executor.name.split():
                    for term, count in data.glossary.term_counts([word]).items():
                        if entry is None or term != entry.term:
                            words[term] = words.get(term, 0) + count
    via_aliases: dict[str, int] = {}
    for entry in data.glossary.entries:
        direct = executors.get(entry.term, 0) + words.get(entry.term, 0)
        if not direct or not entry.alias_of:
            continue
        seen = {entry.term}
        target = data.glossary.lookup(entry.alias_of)
        while target is not None and target.term not in seen:  # every entry up the chain
            via_aliases[target.term] = via_aliases.get(target.term, 0) + direct
            seen.add(target.term)
            target = data.glossary.lookup(target.alias_of) if target.alias_of else None
    needle = search_key(search) if search else None
    result = []
    for entry in data.glossary.entries:
        use = GlossaryUse(
            entry,
            executors.get(entry.term, 0),
            words.get(entry.term, 0),
            via_aliases.get(entry.term, 0),
        )
        haystack = search_key(" ".join(filter(None, (entry.term, entry.expansion, entry.alias_of))))
        if needle and needle not in haystack:
            continue
        if used is not None and use.used != used:
            continue
        result.append(use)
    return result
