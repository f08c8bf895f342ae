"""The glossary as a graph: aliases and groups that must lead somewhere.

``alias_of`` and ``members`` link entries to each other; resolution follows
them (:class:`plancli.glossary.Glossary`). A careless edit can make those
links go round in circles, and resolution then quietly stops somewhere else:
``alias_of: МФ`` added to ФМ made ``measures --agency ФМ`` drop from 56
measures to 6 while ``validate`` said nothing. Each such link is a problem
located at the key that makes it. Linear in the number of entries and links.
"""

from __future__ import annotations

from collections.abc import Iterator

from plancli.glossary import name_key
from plancli.models import GlossaryFile

#: Longest chain of aliases (an alias of an alias of …) accepted. The bundled
#: glossary needs 1: every alias names the body's own entry.
MAX_ALIAS_CHAIN = 3

Path_ = tuple[str | int, ...]
Finding = tuple[Path_, str, str]


def graph_problems(model: GlossaryFile) -> Iterator[Finding]:
    """``(path, code, message)`` for every alias or group link that cannot resolve."""
    index: dict[str, int] = {}
    for number, entry in enumerate(model.entries):
        index.setdefault(name_key(entry.term), number)
    yield from _entry_shapes(model)
    yield from _alias_links(model, index)
    yield from _group_links(model, index)


def _entry_shapes(model: GlossaryFile) -> Iterator[Finding]:
    for number, entry in enumerate(model.entries):
        path: Path_ = ("entries", number)
        if entry.alias_of is not None and (entry.kind == "group" or entry.members):
            yield (
                (*path, "alias_of"),
                "glossary-alias-group",
                "an entry is either an alias or a group, not both; "
                "give the group its members, or make the alias a plain entry",
            )
        if entry.members_kind == "group":
            yield (
                (*path, "members_kind"),
                "glossary-members-kind",
                "members_kind: group would make every group a member of this one, "
                "itself included; list the member groups under members",
            )


def _alias_links(model: GlossaryFile, index: dict[str, int]) -> Iterator[Finding]:
    entries = model.entries
    target: dict[int, int] = {}
    for number, entry in enumerate(entries):
        if entry.alias_of is None:
            continue
        found = index.get(name_key(entry.alias_of))
        if found is None:
            continue  # reported as glossary-alias-unknown
        if found == number:
            yield (
                ("entries", number, "alias_of"),
                "glossary-alias-self",
                f"{entry.term!r} is given as an alias of itself; remove alias_of",
            )
            continue
        target[number] = found
    # hops from each alias to its body; None when it runs into a cycle (memoised)
    depth: dict[int, int | None] = {}
    for start in target:
        walk: list[int] = []
        on_walk: dict[int, int] = {}
        node = start
        while node in target and node not in depth and node not in on_walk:
            on_walk[node] = len(walk)
            walk.append(node)
            node = target[node]
        if node in on_walk:
            cycle = walk[on_walk[node] :]
            names = " -> ".join(entries[n].term for n in [*cycle, cycle[0]])
            for member in cycle:
                yield (
                    ("entries", member, "alias_of"),
                    "glossary-alias-cycle",
                    f"aliases go round in a circle ({names}); one of them must be the "
                    "entry of the body itself, without alias_of",
                )
            base: int | None = None
        else:
            base = depth.get(node, 0)  # 0: node is the body itself
        for member in reversed(walk):
            base = None if base is None else base + 1
            depth[member] = base
    for number, length in depth.items():
        if length is not None and length > MAX_ALIAS_CHAIN:
            yield (
                ("entries", number, "alias_of"),
                "glossary-alias-chain",
                f"{entries[number].term!r} reaches its body through {length} aliases; "
                f"at most {MAX_ALIAS_CHAIN} are followed: point alias_of at the body's entry",
            )


def _group_links(model: GlossaryFile, index: dict[str, int]) -> Iterator[Finding]:
    entries = model.entries
    members: dict[int, list[tuple[int, int]]] = {}
    for number, entry in enumerate(entries):
        for m_number, member in enumerate(entry.members):
            found = index.get(name_key(member))
            if found is not None:
                members.setdefault(number, []).append((m_number, found))
    for number, links in members.items():
        for m_number, found in links:
            if found == number:
                yield (
                    ("entries", number, "members", m_number),
                    "glossary-group-self",
                    f"group {entries[number].term!r} lists itself as a member",
                )
    # a group reachable from itself through member groups (iterative DFS)
    colour: dict[int, int] = {}
    for root in members:
        if colour.get(root):
            continue
        stack: list[tuple[int, int]] = [(root, 0)]
        colour[root] = 1
        while stack:
            node, position = stack.pop()
            links = [link for link in members.get(node, []) if link[1] != node]
            if position < len(links):
                stack.append((node, position + 1))
                m_number, child = links[position]
                if colour.get(child) == 1:
                    on_path = [n for n, _ in stack]
                    cycle = on_path[on_path.index(child) :]
                    names = " -> ".join(entries[n].term for n in [*cycle, child])
                    yield (
                        ("entries", node, "members", m_number),
                        "glossary-group-cycle",
                        f"groups contain each other ({names}); a group cannot be its own member",
                    )
                elif not colour.get(child):
                    colour[child] = 1
                    stack.append((child, 0))
            else:
                colour[node] = 2
