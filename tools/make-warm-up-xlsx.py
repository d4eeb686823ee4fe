#!/usr/bin/env python3
"""Writes src/data/warm-up.xlsx: the first three lines of core/data/sample-2020.csv (the title,
the header, 东山园区's row) as the smallest .xlsx Excel opens — texts as shared strings,
numbers as numbers, one style sheet, no theme. The compute worker reads it once after it
starts (src/compute.rs, `Work::WarmUp`), so that the browser has compiled the workbook
reader before a user's first workbook arrives. Deterministic: fixed timestamps, sorted parts.

    python3 tools/make-warm-up-xlsx.py
"""
import csv
import io
import pathlib
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
rows = list(csv.reader(io.StringIO((ROOT / 'core/data/sample-2020.csv').read_text('utf-8'))))[:3]


def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def is_number(t):
    try:
        float(t)
        return True
    except ValueError:
        return False


strings = []
cells_xml = []
for r, row in enumerate(rows, start=1):
    cells = []
    for c, text in enumerate(row):
        if text == '':
            continue
        ref = f'{col(c)}{r}'
        if is_number(text):
            cells.append(f'<c r="{ref}"><v>{text}</v></c>')
        else:
            if text not in strings:
                strings.append(text)
            cells.append(f'<c r="{ref}" t="s"><v>{strings.index(text)}</v></c>')
    cells_xml.append(f'<row r="{r}">{"".join(cells)}</row>')

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = 'http://schemas.openxmlformats.org/package/2006/content-types'
OD = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
parts = {
    '[Content_Types].xml': f'<Types xmlns="{CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{OD}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OD}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{OD}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="{OD}.styles+xml"/></Types>',
    '_rels/.rels': f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
    'xl/styles.xml': f'<styleSheet xmlns="{NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>',
    'xl/sharedStrings.xml': f'<sst xmlns="{NS}" count="{len(strings)}" uniqueCount="{len(strings)}">' + ''.join(f'<si><t>{escape(s)}</t></si>' for s in strings) + '</sst>',
    'xl/worksheets/sheet1.xml': f'<worksheet xmlns="{NS}"><sheetData>{"".join(cells_xml)}</sheetData></worksheet>',
}
out = ROOT / 'src/data/warm-up.xlsx'
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in sorted(parts):
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, head + parts[name])
print(f'{out}: {out.stat().st_size} bytes')
