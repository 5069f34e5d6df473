"""Benchmark of the Excel reader's decompression guard ("xlsx bomb"), run on demand (not a test).

    .venv/bin/python benchmarks/xlsx_bomb.py [--unpacked-mb 900] [--unguarded]

Builds a small .xlsx (about 0.9 MB) whose one cell — an inline string of "A"s in ``A2`` — unpacks to about
``--unpacked-mb`` MB, then imports it, each case in a fresh subprocess so that the memory figures are clean:

- ``shared``: the shared SheetSpec import (``fazhi.core.spreadsheets.import_file``), as every register's
  Excel import runs it;
- ``powers_real_file``: the power-list reader for published files (``fazhi.powers.realimport.read_workbook``);
- ``*_forged_size``: the same bomb with the sheet's declared size forged to 100,000 bytes, so that only the
  chunked inflation check can catch it;
- ``ordinary``: a normal 2,000-row workbook through the shared import, to show the guard does not get in the
  way of real files (and what it costs);
- ``unguarded`` (only with ``--unguarded``; needs several GB of memory): openpyxl opening the bomb directly,
  which is what the guard prevents.

For each case it prints the outcome (refused or read, the Chinese message), the wall time and the growth of the
peak resident memory over the process's memory before the import (Linux ``VmHWM`` after resetting it through
``/proc/self/clear_refs``; ``ru_maxrss`` elsewhere). Target: the bomb is refused with less than 100 MB growth.
"""
import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHEET = "xl/worksheets/sheet1.xml"


def build_bomb(path: Path, unpacked_bytes: int, *, declare: int | None = None) -> None:
    """A valid workbook (made by openpyxl) whose sheet XML is replaced by one row of header and one huge cell.

    ``declare``: forge the sheet's declared uncompressed size (local header and central directory)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "炸弹"
    workbook.active.append(["代码", "名称"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    base = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in base.infolist():
            if info.filename != SHEET:
                archive.writestr(info.filename, base.read(info.filename))
                continue
            with archive.open(SHEET, "w") as member:
                member.write('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                             '<row r="1"><c r="A1" t="inlineStr"><is><t>代码</t></is></c>'
                             '<c r="B1" t="inlineStr"><is><t>名称</t></is></c></row>'
                             '<row r="2"><c r="A2" t="inlineStr"><is><t>'.encode())
                chunk = b"A" * (4 * 1024 * 1024)
                left = unpacked_bytes
                while left > 0:
                    member.write(chunk[:left])
                    left -= len(chunk)
                member.write(b"</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
                             b"</sheetData></worksheet>")
    if declare is not None:
        _forge_size(path, SHEET, declare)


def _forge_size(path: Path, name: str, size: int) -> None:
    import struct

    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local file header
    at = 0
    while True:  # its central directory entry
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == name.encode():
            struct.pack_into("<I", data, at + 24, size)
            break
        at += 4
    path.write_bytes(bytes(data))


def build_ordinary(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("普通")
    sheet.append(["代码", "名称"])
    for i in range(rows):
        sheet.append([f"K{i:05d}", f"郧西县第{i}号测试单位（含全角标点：，。）"])
    workbook.save(path)


# One case, in its own process ---------------------------------------------------------------------

def _status(field: str) -> int:
    """A /proc/self/status figure in bytes (0 when not on Linux)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def run_case(case: str, path: str) -> dict:
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from openpyxl import load_workbook

    from fazhi.core import spreadsheets as sheets
    from fazhi.core.errors import DomainError
    from fazhi.powers import realimport

    spec = sheets.SheetSpec(title="炸弹", columns=[sheets.Column("代码", "code", required=True),
                                                   sheets.Column("名称", "name")],
                            save_rows=lambda rows: len(rows))
    data = Path(path).read_bytes()
    import gc

    gc.collect()
    on_linux = _reset_peak()
    before = _status("VmRSS") if on_linux else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    started = time.perf_counter()
    outcome = {"case": case, "file_bytes": len(data)}
    try:
        if case in ("shared", "shared_forged_size", "ordinary"):
            from django.db import transaction

            with transaction.atomic():  # nothing is saved by save_rows above; the atomic block needs no table
                result = sheets.import_file(spec, data)
            outcome.update(refused=False, rows=result.total_rows, errors=len(result.errors))
        elif case in ("powers_real_file", "powers_real_file_forged_size"):
            preview = realimport.read_workbook(data, filename="bomb.xlsx")
            outcome.update(refused=False, items=preview.item_count)
        elif case == "unguarded":
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            longest = max(len(str(c.value or "")) for row in workbook.active.iter_rows() for c in row)
            outcome.update(refused=False, longest_cell_chars=longest)
        else:
            raise SystemExit(f"unknown case {case}")
    except DomainError as e:
        outcome.update(refused=True, code=e.code, message=e.message)
    elapsed = time.perf_counter() - started
    peak = _status("VmHWM") if on_linux else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    outcome.update(seconds=round(elapsed, 3), rss_before_mb=round(before / 2**20, 1),
                   peak_growth_mb=round(max(0, peak - before) / 2**20, 1),
                   measure="VmHWM after clear_refs" if on_linux else "ru_maxrss")
    return outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unpacked-mb", type=int, default=900)
    parser.add_argument("--unguarded", action="store_true", help="also let openpyxl open the bomb (several GB)")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.file), ensure_ascii=False))
        return

    tmp = tempfile.TemporaryDirectory(prefix="fazhi-bomb-")
    bomb = Path(tmp.name) / "bomb.xlsx"
    forged = Path(tmp.name) / "bomb-forged.xlsx"
    ordinary = Path(tmp.name) / "ordinary.xlsx"
    t = time.perf_counter()
    build_bomb(bomb, args.unpacked_mb * 1024 * 1024)
    forged.write_bytes(bomb.read_bytes())
    _forge_size(forged, SHEET, 100_000)
    build_ordinary(ordinary, 2000)
    info = zipfile.ZipFile(bomb).getinfo(SHEET)
    result = {
        "bomb": {"file_bytes": bomb.stat().st_size, "sheet_unpacked_bytes": info.file_size,
                 "sheet_compressed_bytes": info.compress_size,
                 "ratio": round(info.file_size / info.compress_size), "build_s": round(time.perf_counter() - t, 1)},
        "cases": [],
    }
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")}
    cases = [("shared", bomb), ("powers_real_file", bomb), ("shared_forged_size", forged),
             ("powers_real_file_forged_size", forged), ("ordinary", ordinary)]
    if args.unguarded:
        cases.append(("unguarded", bomb))
    for case, path in cases:
        run = subprocess.run([sys.executable, __file__, "--case", case, "--file", str(path)], cwd=ROOT, env=env,
                             capture_output=True, text=True)
        if run.returncode != 0:
            result["cases"].append({"case": case, "crashed": run.returncode, "stderr": run.stderr[-2000:]})
        else:
            result["cases"].append(json.loads(run.stdout.strip().splitlines()[-1]))
    bombs = [c for c in result["cases"] if c["case"] not in ("ordinary", "unguarded")]
    result["target_met"] = all(c.get("refused") and c["peak_growth_mb"] < 100 for c in bombs)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
