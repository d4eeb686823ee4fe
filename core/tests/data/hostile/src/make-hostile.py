#!/usr/bin/env python3
"""Writes the small hostile files of core/tests/data/hostile/ (run from that directory:
`python3 src/make-hostile.py`). Each must be refused by `parkscore score` with exit 2 and a
located Chinese message, fast and in little memory (core/tests/hostile.rs). The big generated
cases (zip bombs, wide rows, huge headers) are made by the test itself, in a temp directory."""

import csv
import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SAMPLE = HERE.parent.parent.parent / "data" / "sample-2020.csv"

rows = [r for r in csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))) if r]
title, header, data = rows[0], rows[1], [r for r in rows[2:] if r[0]]


def write(name, content):
    (HERE / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def csv_text(table):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def with_cell(row, col, text):
    row = list(row)
    row[col] = text
    return row


# Numbers a Decimal cannot hold, or that are not numbers at all.
for name, value in [
    ("csv-number-1e400.csv", "1e400"),
    ("csv-number-nan.csv", "NaN"),
    ("csv-number-inf.csv", "inf"),
    ("csv-number-10000-digits.csv", "9" * 10000),
]:
    write(name, csv_text([header, with_cell(data[0], 1, value)] + data[1:]))

# Not a spreadsheet at all.
write("empty.csv", b"")
write("empty.xlsx", b"")
write("bom-only.csv", b"\xef\xbb\xbf")
write("nul-bytes.csv", b"\x00" * 4096)
write("png-named.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
write("pdf-named.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 100)
write("zip-end-record-only.xlsx", b"PK\x05\x06" + b"\x00" * 18)
write("cfb-header-only.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)

# JSON: 100,000 levels of nesting; a bare number; a huge number; rows of the wrong shape.
write("json-deep-nesting.json", "[" * 100_000 + "]" * 100_000)
write("json-number-only.json", "1e400")
write("json-rows-not-arrays.json", json.dumps({"columns": header, "rows": [1, 2, 3]}, ensure_ascii=False))
write("json-value-1e400.json", json.dumps([dict(zip(header, data[0]))], ensure_ascii=False).replace('"38.6"', "1e400", 1))


def xlsx(name, sheet_xml, extra=None):
    out = io.BytesIO()
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        put = z.writestr

        def writestr(part, text):
            # A fixed date: the same bytes at every run.
            put(zipfile.ZipInfo(part, (1980, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)

        z.writestr = writestr
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for part, text in (extra or {}).items():
            z.writestr(part, text)
    write(name, out.getvalue())


def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def row_xml(r, cells):
    out = [f'<row r="{r}">']
    for c, text in enumerate(cells):
        if text == "":
            continue
        try:
            float(text)
            out.append(f'<c r="{col(c)}{r}"><v>{text}</v></c>')
        except ValueError:
            out.append(f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>')
    out.append("</row>")
    return "".join(out)


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
body = row_xml(1, header) + "".join(row_xml(i + 2, r) for i, r in enumerate(data))

# Billion laughs: an entity that expands to gigabytes.
laughs = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
xlsx("xlsx-entity-expansion.xlsx",
     f'<?xml version="1.0"?>{laughs}<worksheet {NS}><sheetData>'
     + row_xml(1, header) + '<row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c></row>'
     + "</sheetData></worksheet>")
# A cell reference that does not parse, and one past the sheet's last row.
xlsx("xlsx-cell-ref-garbage.xlsx",
     f'<worksheet {NS}><sheetData>' + body.replace('r="B2"', 'r="B!2"', 1) + "</sheetData></worksheet>")
xlsx("xlsx-cell-row-0.xlsx",
     f'<worksheet {NS}><sheetData>' + body.replace('r="B2"', 'r="B0"', 1) + "</sheetData></worksheet>")
# A number cell of 1e308 in a money column (a double, out of a Decimal's range).
xlsx("xlsx-number-1e308.xlsx",
     f'<worksheet {NS}><sheetData>' + body.replace("<v>38.6</v>", "<v>1e308</v>", 1) + "</sheetData></worksheet>")
