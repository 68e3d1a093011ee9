"""Reading a standard's YAML without trusting it: bounded before reading, checked before building.

A standard is a file someone sends to a district office, so it is read the way the ledger reader reads a
workbook (``ledger.guard``): every check happens before the expensive step it protects.

- Only a regular file is opened, and only after ``stat`` shows it is one and small enough
  (``limits.standard_kb``): ``/dev/zero``, a FIFO or a folder is refused by name, never read (a FIFO
  would block ``open``; ``/dev/zero`` would be read until memory runs out).
- The parser (libyaml when PyYAML has it, ``yaml.safe_load``'s constructor either way) builds a *node
  graph* in which an alias is a second reference to the anchored node, so an alias bomb parses in
  microseconds. Before any Python object is built, one pass over the distinct nodes counts the aliases
  (``limits.yaml_aliases``), computes how many nodes the document has once every alias is expanded
  (``limits.yaml_nodes``, memoised per node so the pass itself never expands anything), refuses an alias
  inside its own anchor (a cycle, which pydantic would chase forever), and refuses duplicate keys (YAML
  keeps the last one silently, so ``points: 10`` followed by ``points: 0`` would score nothing).
- Errors name the key path the way ``loader.key_path`` does (``indicators[area.activity_share].rule``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from creatio_cli.errors import StandardError
from creatio_cli.messages import Message, msg, os_reason
from creatio_cli.standards import limits

# libyaml's safe loader when PyYAML was built with it: same safe constructor, ~6× faster to parse.
# The checker sees the pure-Python class: a base chosen at run time is not a type it can follow.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


def not_regular(path: Path | str, folder: Message | None = None) -> Message | None:
    """Why ``path`` cannot be a standard file without opening it (None when it is a regular file).
    ``folder`` is what to say of a folder (default: it is not a YAML standard)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return msg("file.not_found")
    except OSError as exc:
        return msg("file.unreadable", reason=os_reason(exc))
    return _kind_problem(mode, folder)


def _kind_problem(mode: int, folder: Message | None = None) -> Message | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return folder or msg("standard.is_folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("standard.is_device")
    if stat.S_ISFIFO(mode):
        return msg("standard.is_fifo")
    return msg("standard.not_regular")


def read_bounded(path: Path, folder: Message | None = None) -> bytes:
    """The bytes of a standard file: regular files only, refused before reading when too large. ``folder``
    is what to say when ``path`` is a folder (a mapping or settings file names its option and kind)."""
    cap = limits.value("standard_kb") * 1000
    try:
        info = os.stat(path)
    except OSError:
        info = None
    problem = not_regular(path, folder) if info is None else _kind_problem(info.st_mode, folder)
    if problem:
        raise StandardError(path, problem.code, problem.params)
    assert info is not None
    if info.st_size > cap:
        raise _too_large(path, info.st_size, cap)
    try:
        # O_NONBLOCK: if the path became a FIFO since the stat above, open must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            opened = os.fstat(fd)
            problem = _kind_problem(opened.st_mode, folder)
            if problem:
                raise StandardError(path, problem.code, problem.params)
            raw = _read_at_most(fd, cap + 1, opened.st_size + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StandardError(path, "file.unreadable", {"reason": os_reason(exc)}) from None
    if len(raw) > cap:
        raise _too_large(path, len(raw), cap)
    return raw


def _read_at_most(fd: int, limit: int, chunk: int) -> bytes:
    """Up to ``limit`` bytes, even if the file grew since it was measured (chunks of its measured size)."""
    chunks: list[bytes] = []
    while limit > 0:
        data = os.read(fd, min(limit, chunk))
        if not data:
            break
        chunks.append(data)
        limit -= len(data)
    return b"".join(chunks)


def _too_large(path: Path, size: int, cap: int) -> StandardError:
    return StandardError(path, "standard.too_large", {"size": size, "limit": cap,
                                                      "variable": limits.variable("standard_kb")})


def load(path: Path, text: str) -> Any:
    """Parse ``text`` (the content of ``path``) into Python data once the node graph passes the checks.

    yaml.YAMLError propagates (the caller words it with line and column); limit breaches and duplicate
    keys raise StandardError naming the key path.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        loader.checker = _Checker(path, loader, root)
        if "&" in text:  # no anchor, no alias: then the file size alone bounds the node count
            loader.checker.check()
        return loader.construct_document(root)
    finally:
        loader.checker = None  # break the loader ↔ checker cycle: the node graph is freed at once, not by GC
        loader.dispose()


class _Loader(_SafeLoader):
    """The safe loader, refusing duplicate keys as it builds each mapping (once, even when aliased)."""

    checker: _Checker | None = None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The safe constructor's mapping, refusing a key written twice.

        Costs a length comparison per mapping: ``flatten_mapping`` deletes ``<<`` entries from the node's
        own list in place and puts merged keys in a new one, so ``own`` is exactly the keys written here.
        """
        own = node.value
        mapping = _construct_mapping(self, node, deep)
        merged = own is not node.value
        if (merged or len(mapping) != len(own)) and self.checker is not None:
            self.checker.no_duplicates(node, [k for k, _ in own])
        return mapping


_construct_mapping = yaml.constructor.SafeConstructor.construct_mapping


class _Checker:
    """Checks on the composed node graph: aliases, expansion and loops (``check``), duplicate keys.

    Kept cheap because every standard load pays for it: ``check`` runs only when the text has an anchor
    (``&``), visits each distinct node once and sums expanded sizes in post-order; duplicate keys are
    checked as each mapping is built; key paths are built only for a message (``_path`` finds the node).
    """

    def __init__(self, path: Path, loader: Any, root: Node) -> None:
        self.path = path
        self.loader = loader
        self.root = root

    def check(self) -> None:
        """Refuse aliases past the limit, an alias inside its own anchor, and too big an expansion."""
        self.max_nodes = limits.value("yaml_nodes")
        self.max_aliases = limits.value("yaml_aliases")
        root = self.root
        order, _aliases = self._post_order(root)
        cap = self.max_nodes + 1
        size: dict[int, int] = {}
        for node in order:
            total = 1
            for child in _children(node):
                sub = size.get(id(child))
                if sub is None:  # not finished before its parent: an ancestor, aliased inside its own anchor
                    raise StandardError(self.path, "standard.alias_loop", key=self._path(root, child, via=node) or None)
                total += sub
            size[id(node)] = min(total, cap)
        if size[id(root)] > self.max_nodes:
            node = root
            while True:  # down to the deepest node whose expansion alone passes the limit
                big = next((c for c in _children(node) if size[id(c)] > self.max_nodes), None)
                if big is None:
                    break
                node = big
            raise StandardError(self.path, "standard.yaml_nodes", {"limit": self.max_nodes,
                                                                   "variable": limits.variable("yaml_nodes")},
                                key=self._path(root, node) or None)

    def _post_order(self, root: Node) -> tuple[list[Node], int]:
        """Distinct nodes, each after its children; the number of aliases; duplicate keys refused on the way.

        Nodes are first reached in document order, and an alias only names an anchor defined earlier, so
        an aliased node has finished before the alias is met, unless it contains the alias (a loop).
        """
        order: list[Node] = []
        seen: set[int] = set()
        aliases = 0
        stack: list[tuple[Node, bool, Node | None]] = [(root, False, None)]
        while stack:
            node, finished, parent = stack.pop()
            if finished:
                order.append(node)
                continue
            if id(node) in seen:
                aliases += 1
                if aliases > self.max_aliases:
                    where = self._path(root, parent) if parent is not None else ""
                    raise StandardError(self.path, "standard.yaml_aliases", {
                        "limit": self.max_aliases, "variable": limits.variable("yaml_aliases")}, key=where or None)
                continue
            seen.add(id(node))
            stack.append((node, True, None))
            if isinstance(node, (MappingNode, SequenceNode)):
                stack.extend((child, False, node) for child in reversed(_children(node)))
        return order, aliases

    def no_duplicates(self, node: MappingNode, keys: list[Node]) -> None:
        """Refuse a mapping that repeats a key (``keys``: its own key nodes, before ``<<`` merges)."""
        names = [k.value if k.tag == _STR else self._key(k) for k in keys]
        first: dict[Any, int] = {}
        for key_node, name in zip(keys, names, strict=True):
            if name is None:
                continue
            if name in first:
                where = self._path(self.root, node)
                raise StandardError(self.path, "standard.duplicate_key", {
                    "line": key_node.start_mark.line + 1, "first": first[name]},
                    key=f"{where}.{name}" if where else str(name))
            first[name] = key_node.start_mark.line + 1

    def _key(self, key_node: Node) -> Any:
        """A scalar key as YAML reads it (``1`` and ``"1"`` differ, ``yes`` and ``true`` do not)."""
        if key_node.tag == _STR:
            return key_node.value
        if not isinstance(key_node, ScalarNode):
            return None
        try:
            value = self.loader.construct_object(key_node)
            hash(value)
        except (yaml.YAMLError, TypeError, ValueError):
            return None
        return value

    def _path(self, root: Node, target: Node, via: Node | None = None) -> str:
        """Key path of the first place ``target`` occurs (below ``via`` when given); only for messages."""
        stack: list[tuple[Node, str]] = [(root, "")]
        seen: set[int] = set()
        while stack:
            node, key = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            labelled = self._labelled(node, key)
            for child, child_key in labelled:
                if child is target and (via is None or node is via):
                    return child_key
            if node is target and via is None:
                return key
            stack.extend(reversed(labelled))
        return ""

    def _labelled(self, node: Node, key: str) -> list[tuple[Node, str]]:
        if isinstance(node, SequenceNode):
            return [(item, f"{key}[{_item_label(item, n)}]") for n, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out = []
            for key_node, value_node in node.value:
                name = self._key(key_node)
                child_key = f"{key}.{name}" if key else str(name)
                out += [(key_node, child_key), (value_node, child_key)]
            return out
        return []


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _item_label(item: Node, index: int) -> str:
    """``[id]`` for a list item that is a mapping with a plain ``id`` (indicators), else ``[index]``."""
    if isinstance(item, MappingNode):
        for k, v in item.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode) and v.value:
                return v.value
    return str(index)


def load_file(path: Path, folder: Message | None = None) -> Any:
    """A small YAML file of the user's (office settings, a column mapping) read under the same bounds as a
    standard: regular files only, size before reading, alias and node limits, duplicate keys refused.
    StandardError (exit 2) names the file (and, for a folder, says ``folder``: which option takes what);
    yaml.YAMLError and UnicodeDecodeError propagate for the caller to word."""
    raw = read_bounded(Path(path), folder)
    return load(Path(path), raw.decode("utf-8-sig"))
