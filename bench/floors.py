"""Floor processes for bench/run.py: what creatio cannot do faster than, run as separate processes.

``python bench/floors.py read PATH``            read every sheet of PATH (a file, or every .xlsx of a folder)
                                                with python-calamine into Python rows, and nothing else.
``python bench/floors.py docx TEMPLATE N OUTDIR`` load and save TEMPLATE with python-docx N times.

These never import creatio_cli: a floor must not include the code it is the floor for.
"""

from __future__ import annotations

import sys
from pathlib import Path


def read(path: Path) -> int:
    """Rows read from every sheet of one workbook or of every workbook in a folder."""
    from python_calamine import CalamineWorkbook

    files = sorted(path.glob("*.xlsx")) if path.is_dir() else [path]
    rows = 0
    for file in files:
        book = CalamineWorkbook.from_path(str(file))
        for name in book.sheet_names:
            rows += len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return rows


def docx(template: Path, count: int, out: Path) -> int:
    """Load and save the template ``count`` times (the notices floor)."""
    from docx import Document

    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        Document(str(template)).save(str(out / f"{i:04d}.docx"))
    return count


def main(argv: list[str]) -> None:
    if argv[:1] == ["read"] and len(argv) == 2:
        print(read(Path(argv[1])))
    elif argv[:1] == ["docx"] and len(argv) == 4:
        print(docx(Path(argv[1]), int(argv[2]), Path(argv[3])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
