"""See documents as a reader will: .docx / .xlsx (/ .odt / .ods) → PDF (LibreOffice) → one PNG per page.

    python docs/render.py OUT_DIR FILE_OR_FOLDER [...] [--dpi 60] [--no-png] [--no-font-aliases]

Every input is converted with ``soffice --headless --convert-to pdf`` into ``OUT_DIR`` (never beside the
input, which may be a notices folder the register owns), then each PDF to ``OUT_DIR/<name>-<page>.png`` with
``pdftoppm``. It prints one line per document: pages, PDF, and the fonts the PDF actually embeds
(``pdffonts``), so a font that fell back is seen, not guessed. A folder is searched (not recursively) for
the document types above; LibreOffice lock files (``.~lock…``) and temporary files are skipped.

Needs (Debian/Ubuntu)::

    apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils

Fonts: a 公文 names 仿宋_GB2312, 方正小标宋简体, 黑体, 宋体 and 楷体_GB2312, which a Linux machine does not have.
Unless ``--no-font-aliases``, the script hands LibreOffice a fontconfig file (in ``OUT_DIR``, including the
system one) that maps them to Noto Serif CJK SC (the 宋/仿宋/楷 families, serif) and Noto Sans CJK SC (黑体),
so the preview has the right widths and weights instead of whatever fontconfig picks for an unknown name.
Noto is not 仿宋: strokes differ, metrics (1 em per Chinese character) are the same, so line breaks and page
breaks match a Windows machine with the real fonts closely, not exactly.

The tests never need this script or LibreOffice. LibreOffice runs with its own profile under ``OUT_DIR``,
so it does not collide with a LibreOffice the user has open.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = (".docx", ".xlsx", ".odt", ".ods", ".doc", ".xls")
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
ALIASES = {
    "仿宋_GB2312": SERIF, "仿宋": SERIF, "FangSong": SERIF, "FangSong_GB2312": SERIF,
    "方正小标宋简体": SERIF, "方正小标宋_GBK": SERIF, "小标宋": SERIF,
    "宋体": SERIF, "SimSun": SERIF, "楷体_GB2312": SERIF, "楷体": SERIF, "KaiTi": SERIF,
    "黑体": SANS, "SimHei": SANS, "微软雅黑": SANS, "Microsoft YaHei": SANS, "等线": SANS, "DengXian": SANS,
}


def fonts_conf(out: Path) -> Path:
    """A fontconfig file: the system configuration plus a strong alias for each 公文 font name."""
    rules = "\n".join(
        f'  <match target="pattern"><test name="family"><string>{name}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{to}</string></edit></match>'
        for name, to in ALIASES.items())
    path = out / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f'  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n{rules}\n</fontconfig>\n',
                    encoding="utf-8")
    return path


def inputs(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.suffix.lower() in KINDS and not p.name.startswith((".~lock", ".creatio-", "~$")))
        elif path.is_file():
            found.append(path)
        else:
            sys.exit(f"render.py: no such file or folder: {path}")
    return found


def names(files: list[Path]) -> list[str]:
    """Output names: the file's stem, or ``<folder>_<stem>`` when two inputs share a stem (index.xlsx)."""
    stems = [f.stem for f in files]
    return [f"{f.parent.name}_{f.stem}" if stems.count(f.stem) > 1 else f.stem for f in files]


def convert(file: Path, pdf: Path, profile: Path, env: dict[str, str]) -> bool:
    """One soffice call per document (a shared call stops at the first file it cannot open), into a scratch
    folder, then moved to ``pdf``."""
    with tempfile.TemporaryDirectory(dir=pdf.parent, prefix=".lo-out-") as scratch:
        subprocess.run(["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", scratch, str(file)],
                       check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        made = Path(scratch) / (file.stem + ".pdf")
        if not made.is_file():
            return False
        made.replace(pdf)
        return True


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else 0


def embedded_fonts(pdf: Path) -> list[str]:
    """The base font names in the PDF (subset prefix ``ABCDEF+`` dropped)."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    names = {line.split()[0].partition("+")[2] or line.split()[0] for line in lines[2:] if line.strip()}
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="output folder (created; must not be an input's folder)")
    parser.add_argument("paths", type=Path, nargs="+", help=".docx/.xlsx files or folders of them")
    parser.add_argument("--dpi", type=int, default=60, help="PNG resolution (60: a page fits a screen; 150 to read)")
    parser.add_argument("--no-png", action="store_true", help="PDF and page counts only")
    parser.add_argument("--no-font-aliases", action="store_true", help="let fontconfig pick for unknown fonts")
    args = parser.parse_args(argv)
    for tool in ("soffice", "pdftoppm", "pdfinfo", "pdffonts"):
        if shutil.which(tool) is None:
            sys.exit(f"render.py: {tool} not found (apt-get install libreoffice-writer-nogui "
                     "libreoffice-calc-nogui fonts-noto-cjk poppler-utils)")
    files = inputs(args.paths)
    out = args.out.resolve()
    if any(f.resolve().parent == out for f in files):
        sys.exit(f"render.py: the output folder {out} holds an input; choose another")
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if not args.no_font_aliases:
        env["FONTCONFIG_FILE"] = str(fonts_conf(out))
    failed = 0
    with tempfile.TemporaryDirectory(dir=out, prefix=".lo-profile-") as profile:
        for file, name in zip(files, names(files), strict=True):
            pdf = out / (name + ".pdf")
            if not convert(file, pdf, Path(profile), env):
                print(f"{file}\tNOT CONVERTED")
                failed += 1
                continue
            count = pages(pdf)
            if not args.no_png:
                for old in out.glob(f"{glob_escape(name)}-*.png"):
                    old.unlink()
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(out / name)], check=True)
            print(f"{file.name}\t{count} page{'s' if count != 1 else ''}\t{pdf}\tfonts: {', '.join(embedded_fonts(pdf))}")
    return 1 if failed else 0


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


if __name__ == "__main__":
    sys.exit(main())
