"""Reading YAML data files safely, strictly and with positions.

PyYAML's own constructors silently keep the last of two duplicate keys and
forget where each value came from. plancli composes the node graph with the
safe loader (libyaml's C parser when available) and builds the Python values
itself, so that it can

* reject duplicate mapping keys at any depth,
* remember the ``line:column`` of every value (only when asked: the fast path
  does not pay for it, see :func:`parse_yaml`),
* refuse anything but plain data (no python/object tags), alias expansion
  bombs and absurdly deep nesting, with explicit limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from plancli import files
from plancli.files import display_name
from plancli.positions import Scalar, locate
from plancli.problems import Problem
from plancli.safetext import describe

#: Deepest nesting of mappings/sequences accepted. plan.yaml needs 9.
MAX_DEPTH = 32
#: Most alias references (``*name``) accepted in one file.
MAX_ALIASES = 10_000
#: Most values that following aliases may add to a document. plan.yaml uses
#: no aliases; a billion-laughs file is refused after building at most this many.
MAX_EXPANDED_NODES = 1_000_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed data file: its values and, when tracked, where each one is."""

    file: str
    data: Any
    text: str
    #: ``path -> (line, column)`` of each value node, 1-based. Empty unless
    #: positions were tracked.
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: ``path -> (line, column)`` of the mapping key that leads to ``path``.
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: ``path -> source span`` of each string value, when positions are tracked.
    scalars: dict[Path_, Scalar] = field(default_factory=dict)
    #: Problems of single values (a date that is no date, a duplicate key…):
    #: the value is left out (``None``) and the rest of the file is still read.
    problems: list[Problem] = field(default_factory=list)
    #: Paths of the values those problems replaced with ``None``, with the problem.
    broken: dict[Path_, Problem] = field(default_factory=dict)

    def position(
        self, path: Path_, *, key: bool = False, offset: int | None = None
    ) -> tuple[int, int]:
        """Position of the value (or its key) at ``path``, else of its nearest located parent.

        With ``offset``, the position of that character of the string value,
        wherever folding, indentation and escapes put it in the file.
        """
        if key and path in self.key_positions:
            return self.key_positions[path]
        if offset is not None and path in self.scalars:
            value = self.value(path)
            if isinstance(value, str) and 0 <= offset < len(value):
                return locate(self.text, self.scalars[path], value, offset)
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return (0, 0)

    def value(self, path: Path_) -> Any:
        """The value at ``path`` (``None`` if there is none)."""
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


class YamlReadError(Exception):
    """The file could not be turned into data; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].format())
        self.problems = problems


def read_text(
    path: Path, *, file: str | None = None, content: bytes | None = None, limit: int | None = None
) -> str:
    """Read a data file as UTF-8 (a BOM is allowed) or raise :class:`YamlReadError`.

    ``content`` is the file's bytes when they were read already; ``limit`` the
    largest size accepted (default :data:`plancli.files.MAX_BYTES`).
    """
    name = file or display_name(path)
    limit = files.MAX_BYTES if limit is None else limit

    def fail(code: str, message: str, line: int = 0, column: int = 0) -> YamlReadError:
        return YamlReadError([Problem(name, line, column, code, message)])

    if content is not None:
        raw = content
    else:
        try:
            raw = files.read_limited(path, limit)
        except files.UnreadableFile as error:
            raise fail(error.code, error.message) from None
    if len(raw) > limit:
        raise fail("file-too-large", f"file is {len(raw)} bytes; the limit is {limit} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise fail(
            "encoding",
            f"not valid UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}; "
            "save the file as UTF-8",
            line,
            column,
        ) from None
    if not text.strip():
        raise fail("file-empty", "file is empty")
    return text


def parse_yaml(text: str, *, file: str, track_positions: bool = False) -> YamlDocument:
    """Parse one YAML data file's text.

    Raises :class:`YamlReadError` for a file that cannot be read as a whole:
    malformed YAML (its first syntax error), alias bombs, excessive nesting.
    A problem confined to one value (a date that is no date, an unsafe tag, a
    duplicate key) does not stop the reading: it is in the document's
    ``problems``, the value is left out, and the checks go on with the rest.
    With ``track_positions`` the returned document also knows where every
    value (and every character of a string value) is.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise YamlReadError([_syntax_problem(file, text, error)]) from None
    except yaml.reader.ReaderError:
        raise YamlReadError([_character_problem(file, text)]) from None
    except yaml.YAMLError as error:
        raise YamlReadError([Problem(file, 0, 0, "yaml-syntax", str(error))]) from None
    except RecursionError:
        raise YamlReadError(
            [Problem(file, 0, 0, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels")]
        ) from None
    if node is None:
        raise YamlReadError([Problem(file, 0, 0, "file-empty", "file holds no YAML document")])
    builder = _Builder(file, track_positions)
    data = builder.build(node, (), 0)
    return YamlDocument(
        file=file,
        data=data,
        text=text,
        positions=builder.positions,
        key_positions=builder.key_positions,
        scalars=builder.scalars,
        problems=builder.problems,
        broken=builder.broken,
    )


# What YAML 1.1 allows in a stream (tab, line breaks, printable Unicode).
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _character_problem(file: str, text: str) -> Problem:
    """A raw control byte (NUL, ESC…) in the file, with its line and column."""
    found = _NOT_YAML.search(text)
    if found is None:  # pragma: no cover - the reader refused something
        return Problem(file, 0, 0, "yaml-character", "a character YAML does not allow")
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    return Problem(
        file,
        line,
        column,
        "yaml-character",
        f"raw control character {describe(found.group())} in the file; delete it",
    )


def _syntax_problem(file: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    lines = text.splitlines()
    if mark and 0 <= mark.line < len(lines) and "\t" in lines[mark.line]:
        return Problem(
            file,
            line,
            lines[mark.line].index("\t") + 1,
            "yaml-tab",
            "tab character in the indentation; YAML indents with spaces only",
        )
    message = error.problem or "malformed YAML"
    if error.context and error.context_mark and error.context_mark is not mark:
        message += f" ({error.context} started on line {error.context_mark.line + 1})"
    elif error.context:
        message += f" ({error.context})"
    return Problem(file, line, column, "yaml-syntax", f"YAML syntax error: {message}")


class _Builder:
    """Turns a composed node graph into plain Python values."""

    def __init__(self, file: str, track_positions: bool) -> None:
        self.file = file
        self.track = track_positions
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.scalars: dict[Path_, Scalar] = {}
        self.problems: list[Problem] = []
        #: values replaced with None because of a problem (see YamlDocument.broken)
        self.broken: dict[Path_, Problem] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        #: Collections built so far (by id): meeting one again means an alias.
        self.built: set[int] = set()
        #: Expanded sizes of aliased collections, memoised by node id.
        self.sizes: dict[int, int] = {}
        #: Values the aliases followed so far expand to; alias references seen.
        self.values = 0
        self.aliases = 0
        #: > 0 while building inside an alias already charged in full.
        self.charged = 0

    def problem(self, node: Node, code: str, message: str) -> Problem:
        mark = node.start_mark
        found = Problem(self.file, mark.line + 1, mark.column + 1, code, message)
        self.problems.append(found)
        return found

    def _charge_alias(self, node: Node) -> None:
        """Count what following an alias to ``node`` will build, before building it.

        The composer hands every alias (``*name``) over as the very node object
        its anchor names, so a collection met a second time is an alias,
        whatever the text around it looks like. Its expanded size is computed
        from the node graph (memoised per node, so shared subtrees cost once)
        and the document is refused before anything is expanded past the limit.
        """
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.problem(node, "yaml-aliases", f"more than {MAX_ALIASES} alias references")
            raise YamlReadError(self.problems)
        self.values += self._size(node)
        if self.values > MAX_EXPANDED_NODES:
            self.problem(
                node,
                "yaml-alias-bomb",
                f"aliases expand to more than {MAX_EXPANDED_NODES} values; "
                "write the data out or use fewer aliases",
            )
            raise YamlReadError(self.problems)

    def _size(self, root: Node) -> int:
        """How many values ``root`` expands to (shared subtrees counted each time)."""
        sizes = self.sizes
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if id(node) in sizes:
                continue
            children = _children(node)
            if children_done:
                total = 1 + sum(sizes.get(id(child), 1) for child in children)
                sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in children if _children(child))
        return sizes.get(id(root), 1)

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.problem(node, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise YamlReadError(self.problems)
        if self.track:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            if node.tag not in _SAFE_SCALAR_TAGS:
                self.broken[path] = self.problem(node, "yaml-tag", f"unsupported tag {node.tag!r}; plain data only")
                return None
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                self.broken[path] = self.problem(
                    node, "yaml-value", f"cannot read value {node.value!r}: {error}"
                )
                return None
            if self.track and isinstance(value, str):
                start, end = node.start_mark, node.end_mark
                self.scalars[path] = Scalar(
                    start.line, start.column, start.index, end.index, node.style
                )
            return value
        if id(node) not in self.built:
            self.built.add(id(node))
            return self._collection(node, path, depth)
        if self.charged:
            return self._collection(node, path, depth)
        self._charge_alias(node)
        self.charged += 1
        try:
            return self._collection(node, path, depth)
        finally:
            self.charged -= 1

    def _collection(self, node: Node, path: Path_, depth: int) -> Any:
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self.broken[path] = self.problem(node, "yaml-tag", f"unsupported tag {node.tag!r}; plain data only")
                return None
            return [
                self.build(child, (*path, index), depth + 1)
                for index, child in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                self.broken[path] = self.problem(node, "yaml-tag", f"unsupported tag {node.tag!r}; plain data only")
                return None
            return self._mapping(node, path, depth)
        raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover

    def _mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "yaml-key-type", "mapping keys must be plain scalars")
                continue
            key = self.build(key_node, (*path, "<key>"), depth + 1)
            if not isinstance(key, (str, int)):
                key = str(key_node.value)
            if key in first_seen:
                self.problem(
                    key_node,
                    "yaml-duplicate-key",
                    f"duplicate key {key!r} (first defined on line {first_seen[key]}); "
                    "YAML would silently keep only the last one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            if self.track:
                mark = key_node.start_mark
                self.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        for key_node, value_node in merged:
            key = self.build(key_node, (*path, "<key>"), depth + 1)
            if isinstance(key, (str, int)) and key not in result:
                result[key] = self.build(value_node, (*path, key), depth + 1)
        if self.track:
            self.positions.pop((*path, "<key>"), None)
            self.scalars.pop((*path, "<key>"), None)
        return result

    def _merge_sources(self, value: Node) -> Iterator[tuple[Node, Node]]:
        sources = value.value if isinstance(value, SequenceNode) else [value]
        for source in sources:
            if isinstance(source, MappingNode):
                yield from source.value
            else:
                self.problem(source, "yaml-merge", "'<<' must refer to a mapping")


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
