#!/usr/bin/env python3
"""Writes the Excel binary workbook fixtures sample-2020.xlsb and percent.xlsb.

Why a script: nothing on the build machine writes .xlsb. LibreOffice 7.4 has no .xlsb export
filter and the Python .xlsb packages (pyxlsb, ...) only read. So this script writes the
[MS-XLSB] records itself, with the standard library only (zipfile, struct).

Run from core/tests/data/import/ (it finds its input and output next to itself, so any
directory works); it prints nothing on success:

    python3 src/make-xlsb.py

What it writes:

* sample-2020.xlsb: one sheet "sample-2020" holding exactly the cells of
  core/data/sample-2020.csv (title in A1, header in row 2, 14 parks). Text cells are shared
  strings (BrtCellIsst into xl/sharedStrings.bin); numbers are BrtCellRk where an RK form
  gives back exactly the double of the CSV's decimal (an integer; an integer / 100, such as
  38.6 = 3860 / 100, which a reader divides into the double nearest 38.6; a double whose low
  34 bits are zero, such as 0.125) and BrtCellReal (the IEEE double) otherwise. Every number
  of the sample fits an RK; -0.046 in percent.xlsb does not. Empty cells are omitted.
* percent.xlsb: one sheet "数据" with a header and two parks; the growth-rate cells are
  fractions (0.125, -0.046) whose cell XF (index 1 in xl/styles.bin) has the built-in number
  format 10 (0.00%), as Excel stores a cell typed as 12.50%.

Both hold the parts and records the [MS-XLSB] ABNF requires, plus BrtWbProp:

    [Content_Types].xml, _rels/.rels, xl/_rels/workbook.bin.rels   (XML, as in .xlsx)
    xl/workbook.bin       2.1.7.61  BrtBeginBook BrtWbProp BrtBeginBundleShs BrtBundleSh
                                    BrtEndBundleShs BrtEndBook
    xl/worksheets/sheet1.bin  2.1.7.62  BrtBeginSheet BrtWsDim BrtBeginSheetData
                                    (BrtRowHdr cells*)* BrtEndSheetData BrtEndSheet
    xl/styles.bin         2.1.7.50  fonts, fills, borders, cell style XFs, cell XFs, styles,
                                    DXFs, table styles
    xl/sharedStrings.bin  2.1.7.45  BrtBeginSst BrtSSTItem* BrtEndSst

A record is its type and its size, each in the variable-length form of [MS-XLSB] 2.1.4
(7 bits a byte, low bits first, the high bit set on every byte but the last), then its body.
The styles part has no BrtBeginFmts: the ABNF allows a format collection only with at least one
BrtFmt, and a BrtFmt is for custom (or locale-dependent built-in) formats, not for 10.
calamine 0.38 finds BrtBeginCellXFs by reading styles.bin byte by byte past the records it does
not parse; no bytes before it happen to spell a BrtBeginFmts or BrtBeginCellXFs type (checked
when the fixtures were made: mind this when changing the font or fills).

The zip is deterministic: fixed timestamps and attributes, parts always in the same order.
"""
import csv
import re
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent  # core/tests/data/import/src
OUT = HERE.parent
SAMPLE = HERE.parents[3] / "data" / "sample-2020.csv"

# Record types, as numbered in [MS-XLSB]'s record enumeration.
BRT_ROW_HDR = 0x0000
BRT_CELL_RK = 0x0002
BRT_CELL_REAL = 0x0005
BRT_CELL_ISST = 0x0007
BRT_SST_ITEM = 0x0013
BRT_FONT = 0x002B
BRT_FILL = 0x002D
BRT_BORDER = 0x002E
BRT_XF = 0x002F
BRT_STYLE = 0x0030
BRT_BEGIN_SHEET = 0x0081
BRT_END_SHEET = 0x0082
BRT_BEGIN_BOOK = 0x0083
BRT_END_BOOK = 0x0084
BRT_BEGIN_BUNDLE_SHS = 0x008F
BRT_END_BUNDLE_SHS = 0x0090
BRT_BEGIN_SHEET_DATA = 0x0091
BRT_END_SHEET_DATA = 0x0092
BRT_WS_DIM = 0x0094
BRT_WB_PROP = 0x0099
BRT_BUNDLE_SH = 0x009C
BRT_BEGIN_SST = 0x009F
BRT_END_SST = 0x00A0
BRT_BEGIN_STYLE_SHEET = 0x0116
BRT_END_STYLE_SHEET = 0x0117
BRT_BEGIN_DXFS = 0x01F9
BRT_END_DXFS = 0x01FA
BRT_BEGIN_TABLE_STYLES = 0x01FC
BRT_END_TABLE_STYLES = 0x01FD
BRT_BEGIN_FILLS = 0x025B
BRT_END_FILLS = 0x025C
BRT_BEGIN_FONTS = 0x0263
BRT_END_FONTS = 0x0264
BRT_BEGIN_BORDERS = 0x0265
BRT_END_BORDERS = 0x0266
BRT_BEGIN_CELL_XFS = 0x0269
BRT_END_CELL_XFS = 0x026A
BRT_BEGIN_STYLES = 0x026B
BRT_END_STYLES = 0x026C
BRT_BEGIN_CELL_STYLE_XFS = 0x0272
BRT_END_CELL_STYLE_XFS = 0x0273

PERCENT_XF = 1  # cell XF with built-in number format 10, "0.00%"
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def varint(n, max_bytes):
    """[MS-XLSB] 2.1.4: 7 bits a byte, least significant first, high bit = more bytes follow."""
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            break
    assert len(out) <= max_bytes
    return bytes(out)


def record(rtype, body=b""):
    """A record: type (1-2 bytes), size (1-4 bytes), body."""
    return varint(rtype, 2) + varint(len(body), 4) + body


def wide(s):
    """XLWideString: character count (u32), then UTF-16LE."""
    raw = s.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


def color_rgb(r, g, b):
    """BrtColor: fValidRGB = 1, xColorType = 2 (RGB), index, tint, R, G, B, alpha."""
    return struct.pack("<BBhBBBB", 1 | (2 << 1), 0, 0, r, g, b, 0xFF)


def color_indexed(icv):
    """BrtColor with xColorType = 1 (palette index): 64 and 65 are the system fore/background."""
    return struct.pack("<BBhBBBB", 1 << 1, icv, 0, 0, 0, 0, 0)


COLOR_AUTO = bytes(8)  # xColorType = 0: the application's automatic colour


def rk_number(v):
    """RkNumber for v, or None when no RK form gives back exactly v.

    Bit 0: divide by 100. Bit 1: the upper 30 bits are a signed integer; else they are the top
    30 bits of the double (whose low 34 bits must then be zero). Tried in this order: integer
    (9), integer / 100 (38.6 = 3860 / 100, read back as the double nearest 38.6), truncated
    double (0.125); anything else (-0.046) is written as a BrtCellReal."""
    lo, hi = struct.unpack("<II", struct.pack("<d", v))  # the double's low and high words
    if abs(v) < 1 << 29:
        if v == int(v):
            return ((int(v) << 2) | 2) & 0xFFFFFFFF
        n = round(v * 100)
        if n / 100 == v and abs(n) < 1 << 29:  # int / int rounds as a reader's n / 100.0 does
            return ((n << 2) | 3) & 0xFFFFFFFF
    if lo == 0 and (hi & 3) == 0:
        return hi
    return None


def cell_header(col, style):
    """Cell: column (u32), then iStyleRef (24 bits) and fPhShow/reserved (8 bits)."""
    return struct.pack("<II", col, style & 0xFFFFFF)


class Strings:
    """The shared string table, in order of first use."""

    def __init__(self):
        self.index = {}
        self.uses = 0

    def __call__(self, s):
        self.uses += 1
        return self.index.setdefault(s, len(self.index))

    def part(self):
        out = record(BRT_BEGIN_SST, struct.pack("<II", self.uses, len(self.index)))
        for s in self.index:  # dicts keep insertion order, i.e. the isst order
            out += record(BRT_SST_ITEM, b"\0" + wide(s))  # RichStr: no runs, no phonetics
        return out + record(BRT_END_SST)


def sheet_part(rows, strings):
    """Worksheet (2.1.7.62). rows: list of rows, each a list of None, str or (float, xf)."""
    cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
    last_row = max(r for r, _, _ in cells)
    last_col = max(c for _, c, _ in cells)
    out = record(BRT_BEGIN_SHEET)
    out += record(BRT_WS_DIM, struct.pack("<IIII", 0, last_row, 0, last_col))  # UncheckedRfX
    out += record(BRT_BEGIN_SHEET_DATA)
    for r, row in enumerate(rows):
        cols = [c for c, v in enumerate(row) if v is not None]
        if not cols:
            continue
        # BrtRowHdr: rw, ixfe, miyRw (14.25 pt, the default for 11-pt 等线), three
        # flag bytes (all clear), then one BrtColSpan for the 1024-column block in use.
        hdr = struct.pack("<IIHBBBIII", r, 0, 285, 0, 0, 0, 1, cols[0], cols[-1])
        out += record(BRT_ROW_HDR, hdr)
        for c in cols:
            v = row[c]
            if isinstance(v, str):
                out += record(BRT_CELL_ISST, cell_header(c, 0) + struct.pack("<I", strings(v)))
                continue
            value, xf = v
            rk = rk_number(value)
            if rk is not None:
                out += record(BRT_CELL_RK, cell_header(c, xf) + struct.pack("<I", rk))
            else:
                out += record(BRT_CELL_REAL, cell_header(c, xf) + struct.pack("<d", value))
    out += record(BRT_END_SHEET_DATA)
    return out + record(BRT_END_SHEET)


def xf(parent, ifmt):
    """BrtXF: font, fill and border 0; alignment general/bottom; locked.

    xfGrbitAtr = 0: every property is this XF's own, none inherited from the style."""
    return struct.pack("<HHHHHBBHH", parent, ifmt, 0, 0, 0, 0, 0, (2 << 3) | (1 << 12), 0)


def styles_part():
    """Styles (2.1.7.50) with one font, the two fills every workbook has, one empty border,
    the Normal style, and two cell XFs: 0 General, 1 built-in format 10 (0.00%)."""
    font = struct.pack("<HHHHBBBB", 220, 0, 400, 0, 0, 2, 134, 0)  # 11 pt, normal, swiss, GB2312
    font += color_rgb(0, 0, 0) + b"\0" + wide("等线")  # bFontScheme 0: no theme font
    fill_tail = struct.pack("<I5dI", 0, 0, 0, 0, 0, 0, 0)  # no gradient
    fills = [
        struct.pack("<I", pattern) + color_indexed(64) + color_indexed(65) + fill_tail
        for pattern in (0x00, 0x11)  # none, gray125
    ]
    blxf = struct.pack("<BB", 0, 0) + COLOR_AUTO  # Blxf: no line
    border = b"\0" + blxf * 5  # top, bottom, left, right, diagonal

    out = record(BRT_BEGIN_STYLE_SHEET)
    out += record(BRT_BEGIN_FONTS, struct.pack("<I", 1)) + record(BRT_FONT, font)
    out += record(BRT_END_FONTS)
    out += record(BRT_BEGIN_FILLS, struct.pack("<I", len(fills)))
    out += b"".join(record(BRT_FILL, f) for f in fills) + record(BRT_END_FILLS)
    out += record(BRT_BEGIN_BORDERS, struct.pack("<I", 1)) + record(BRT_BORDER, border)
    out += record(BRT_END_BORDERS)
    out += record(BRT_BEGIN_CELL_STYLE_XFS, struct.pack("<I", 1))
    out += record(BRT_XF, xf(0xFFFF, 0)) + record(BRT_END_CELL_STYLE_XFS)
    out += record(BRT_BEGIN_CELL_XFS, struct.pack("<I", 2))
    out += record(BRT_XF, xf(0, 0)) + record(BRT_XF, xf(0, 10)) + record(BRT_END_CELL_XFS)
    # BrtStyle: the built-in Normal style (fBuiltIn, iStyBuiltIn 0, iLevel 0xFF).
    out += record(BRT_BEGIN_STYLES, struct.pack("<I", 1))
    out += record(BRT_STYLE, struct.pack("<IHBB", 0, 1, 0, 0xFF) + wide("Normal"))
    out += record(BRT_END_STYLES)
    out += record(BRT_BEGIN_DXFS, struct.pack("<I", 0)) + record(BRT_END_DXFS)
    out += record(
        BRT_BEGIN_TABLE_STYLES,
        struct.pack("<I", 0) + wide("TableStyleMedium2") + wide("PivotStyleLight16"),
    )
    out += record(BRT_END_TABLE_STYLES)
    return out + record(BRT_END_STYLE_SHEET)


def workbook_part(sheet_name):
    """Workbook (2.1.7.61): 1900 date system, one visible sheet, relationship rId1."""
    out = record(BRT_BEGIN_BOOK)
    # BrtWbProp: flags 0 (1900 date system), theme version 0, no code name.
    out += record(BRT_WB_PROP, struct.pack("<II", 0, 0) + wide(""))
    out += record(BRT_BEGIN_BUNDLE_SHS)
    # BrtBundleSh: hsState 0 (visible), iTabID 1, strRelID, strName.
    out += record(BRT_BUNDLE_SH, struct.pack("<II", 0, 1) + wide("rId1") + wide(sheet_name))
    out += record(BRT_END_BUNDLE_SHS)
    return out + record(BRT_END_BOOK)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>\
<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>\
<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>\
</Types>"""

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.bin"/>\
</Relationships>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.bin"/>\
<Relationship Id="rId2" Type="{REL}/styles" Target="styles.bin"/>\
<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.bin"/>\
</Relationships>"""


def write_xlsb(path, sheet_name, rows):
    strings = Strings()
    sheet = sheet_part(rows, strings)  # fills the string table
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", ROOT_RELS.encode()),
        ("xl/workbook.bin", workbook_part(sheet_name)),
        ("xl/_rels/workbook.bin.rels", WORKBOOK_RELS.encode()),
        ("xl/worksheets/sheet1.bin", sheet),
        ("xl/styles.bin", styles_part()),
        ("xl/sharedStrings.bin", strings.part()),
    ]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Excel writes, whatever the host
            z.writestr(info, data)


def sample_rows():
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 16 and all(len(r) == 28 for r in rows), "unexpected sample shape"
    out = []
    for row in rows:
        cells = []
        for text in row:
            if text == "":
                cells.append(None)
            elif NUMBER.fullmatch(text):
                cells.append((float(text), 0))
            else:
                cells.append(text)
        out.append(cells)
    return out


def percent_rows():
    return [
        ["园区名称", "工业总产值增速（%）", "新增工业总产值（亿元）"],
        ["东山园区", (0.125, PERCENT_XF), (12.3, 0)],
        ["红山园区", (-0.046, PERCENT_XF), (-1.8, 0)],
    ]


def main():
    write_xlsb(OUT / "sample-2020.xlsb", "sample-2020", sample_rows())
    write_xlsb(OUT / "percent.xlsb", "数据", percent_rows())


if __name__ == "__main__":
    main()
