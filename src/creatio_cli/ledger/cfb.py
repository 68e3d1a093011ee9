"""Check a legacy .xls's OLE container (MS-CFB) before python-calamine walks it.

calamine follows the container's sector chains until their end marker without noticing a loop: a
5 KB .xls whose allocation table points a sector back at itself makes it grow a buffer until memory
runs out (found by tests/test_fuzz.py: 1.1 GB resident, then "memory allocation of 4294967296 bytes
failed" and SIGABRT). The reader process's memory cap stops that, but at the cost of a gigabyte per
file and an obscure reason. This walks the same chains first — the DIFAT, the directory, the mini
stream and mini FAT, every stream — each at most once per sector, and refuses a chain that loops or
points outside the file, and a declared size larger than the file (``file.ole_damaged``, whose detail
says what: "cannot open as a spreadsheet (damaged OLE container: the directory chain loops)"). Cost: a
few hundred microseconds for a real .xls (it reads the file once; .xls files are capped at
``CREATIO_MAX_FILE_MB``).
"""

from __future__ import annotations

import struct
from pathlib import Path

from creatio_cli.errors import LedgerError
from creatio_cli.messages import Message, msg

_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream (what calamine assumes)
_MINI = 64  # mini sector size


class _Damaged(Exception):
    """What is wrong with the container, as a catalogue message (the detail of ``file.ole_damaged``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.message: Message = msg(code, **params)


# The parts of a compound file a chain belongs to (``{part}`` of the ole.* details).
_DIRECTORY, _FAT, _MINI_FAT, _DIFAT = "ole.part.directory", "ole.part.fat", "ole.part.mini_fat", "ole.part.difat"
_MINI_STREAM, _STREAM = "ole.part.mini_stream", "ole.part.stream"


def check_container(path: Path, data: bytes) -> None:
    """LedgerError when the compound file ``data`` (the whole file) has a looping or stray sector chain."""
    try:
        _check(data)
    except _Damaged as exc:
        raise LedgerError(path, "file.ole_damaged", {"detail": exc.message}) from None
    except (struct.error, IndexError):
        raise LedgerError(path, "file.ole_damaged", {"detail": msg("ole.truncated")}) from None


def _check(data: bytes) -> None:
    if len(data) < 512 or not data.startswith(_SIGNATURE):
        raise _Damaged("ole.no_header")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Damaged("ole.sector_size")
    size = 1 << shift
    sectors = -(-len(data) // size) - 1  # sector n starts at (n + 1) × size; the header takes the first
    dir_len, fat_len, dir_start = struct.unpack_from("<III", data, 0x28)
    mini_fat_start, mini_fat_len, difat_start, difat_len = struct.unpack_from("<IIII", data, 0x3C)
    for what, declared in ((_DIRECTORY, dir_len), (_FAT, fat_len), (_MINI_FAT, mini_fat_len), (_DIFAT, difat_len)):
        if declared > sectors:
            raise _Damaged("ole.declares_sectors", part=msg(what), declared=declared, sectors=sectors)

    def sector(n: int) -> bytes:
        if n >= sectors:
            raise _Damaged("ole.sector_outside", index=n, sectors=sectors)
        return data[(n + 1) * size: (n + 2) * size].ljust(size, b"\0")

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    seen: set[int] = set()
    n = difat_start
    while n not in (_END, _FREE):  # each DIFAT sector ends with the next one's number
        if n in seen:
            raise _Damaged("ole.chain_loops", part=msg(_DIFAT))
        seen.add(n)
        links = struct.unpack(f"<{size // 4}I", sector(n))
        difat.extend(links[:-1])
        n = links[-1]
    fat: list[int] = []
    for n in difat:
        if n != _FREE:
            fat.extend(struct.unpack(f"<{size // 4}I", sector(n)))

    def chain(start: int, table: list[int], limit: int, what: str) -> list[int]:
        out: list[int] = []
        marks: set[int] = set()
        n = start
        while n != _END:
            if n >= len(table) or n >= limit:
                raise _Damaged("ole.chain_leaves", part=msg(what))
            if n in marks:
                raise _Damaged("ole.chain_loops", part=msg(what))
            marks.add(n)
            out.append(n)
            n = table[n]
        return out

    directory = b"".join(sector(n) for n in chain(dir_start, fat, sectors, _DIRECTORY))
    entries = [directory[i: i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _Damaged("ole.no_root")
    lengths = [struct.unpack_from("<Q" if size == 4096 else "<I", e, 0x78)[0] for e in entries]
    root_len = lengths[0]
    if root_len > len(data):
        raise _Damaged("ole.declares_bytes", part=msg(_MINI_STREAM), length=root_len, size=len(data))
    root_start = struct.unpack_from("<I", entries[0], 0x74)[0]
    if root_start != _END:
        chain(root_start, fat, sectors, _MINI_STREAM)
    mini_fat = [] if mini_fat_start in (_END, _FREE) else [
        v for n in chain(mini_fat_start, fat, sectors, _MINI_FAT)
        for v in struct.unpack(f"<{size // 4}I", sector(n))]
    mini_sectors = -(-root_len // _MINI)
    for entry, length in zip(entries[1:], lengths[1:], strict=True):
        if entry[0x42] != 2:  # only streams (type 2) are read
            continue
        start = struct.unpack_from("<I", entry, 0x74)[0]
        if length > len(data):
            raise _Damaged("ole.declares_bytes", part=msg(_STREAM), length=length, size=len(data))
        if length == 0 or start in (_END, _FREE):
            continue
        if length < _MINI_CUTOFF:
            chain(start, mini_fat, mini_sectors, _MINI_STREAM)
        else:
            chain(start, fat, sectors, _STREAM)
