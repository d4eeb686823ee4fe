#!/usr/bin/env python3
"""Workbooks for import round 2 (issue 11 §2, §4, §5), written with openpyxl and xlwt from the
sample CSV (core/data/sample-2020.csv). Run from core/tests/data/import/:

    python3 src/make-round2.py TEMPLATE.xlsx

TEMPLATE.xlsx is the tool's own template (`parkscore template --format xlsx -o TEMPLATE.xlsx`).
Every file is described in README.md.
"""
import csv
import io
import re
import sys
import zipfile

import openpyxl
import xlwt

SAMPLE = "../../../data/sample-2020.csv"
with open(SAMPLE, encoding="utf-8") as f:
    ROWS = [r for r in csv.reader(f)]
TITLE, HEADER, PARKS = ROWS[0], ROWS[1], ROWS[2:]


def number(text):
    """The cell value as a spreadsheet stores it: a number when the text is one."""
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


def sheet_from_rows(ws, rows, scale=1.0):
    for r in rows:
        ws.append([number(c) for c in r])


def rewrite_zip(source, target, part, change):
    """Copies the zip `source` (a path or a file object) to `target`, `part` passed through
    `change` (bytes → bytes)."""
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, b in parts.items():
            z.writestr(name, b)


# 1. The tool's template, filled with the sample, with 填报说明 moved in front of 数据.
template = openpyxl.load_workbook(sys.argv[1])
data = template["数据"]
# The header is under the template's title and form fields (填报单位 …) since issue 10 §1.
header_row = next(r[0].row for r in data.iter_rows() if r[0].value == "园区名称")
header = [c.value for c in data[header_row]]
by_name = {p[0]: p for p in PARKS}
for row in data.iter_rows(min_row=header_row + 1):
    park = row[0].value
    if park not in by_name:
        continue
    values = dict(zip(HEADER, by_name[park]))
    for cell, h in zip(row, header):
        # The template's headers are the scheme's names with units; the sample's are the same
        # text, except that direct scores carry （分） in the template.
        key = h if h in values else (h or "").replace("（分）", "")
        if cell.column > 1 and key in values:
            cell.value = number(values[key])
template.move_sheet("填报说明", offset=-template.index(template["填报说明"]))
template.save("template-instructions-first.xlsx")

# 2. This year and last year: sheets 2019年 and 2020年, same headers; the 2020 one must be read,
#    with a warning that 2019年 also qualifies. Last year's figures are the sample's decimals
#    halved (whole numbers — counts, 0/1 recognitions — kept, so the sheet is valid too).
book = openpyxl.Workbook()
old = book.active
old.title = "2019年"


def halved(c):
    return str(round(float(c) / 2, 2)) if "." in c else c


sheet_from_rows(old, [["2019年度赤峰市工业园区考核数据"], HEADER] + [
    [p[0]] + [halved(c) for c in p[1:]] for p in PARKS])
new = book.create_sheet("2020年")
sheet_from_rows(new, [TITLE, HEADER] + PARKS)
book.save("two-years.xlsx")

# 3. A damaged data sheet next to an intact older one: the 2020年 sheet's XML is cut short.
rewrite_zip("two-years.xlsx", "damaged-data-sheet.xlsx", "xl/worksheets/sheet2.xml",
            lambda xml: xml[: len(xml) // 2])

# 4. .xls (BIFF8, as Excel 97–2003 and WPS save it) whose % columns mix percent-formatted cells
#    (stored 0.124, shown 12.4%) with plain numbers (12.4): both mean 12.4 %.
wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("数据")
pct = xlwt.easyxf(num_format_str="0.0%")
pct_header = [i for i, h in enumerate(HEADER) if "（%）" in h]
for c, t in enumerate(TITLE[:1]):
    ws.write(0, c, t)
for c, h in enumerate(HEADER):
    if h:
        ws.write(1, c, h)
for r, park in enumerate(PARKS, start=2):
    for c, text in enumerate(park):
        if text == "":
            continue
        v = number(text)
        if c in pct_header and isinstance(v, (int, float)) and r % 2 == 0:
            ws.write(r, c, v / 100, pct)  # percent-formatted: stored as a fraction
        else:
            ws.write(r, c, v)
wb.save("xls-percent-mixed.xls")

# 5. A workbook whose only sheet is damaged: the sample as one sheet, its XML cut in half.
one = openpyxl.Workbook()
one.active.title = "数据"
sheet_from_rows(one.active, [TITLE, HEADER] + PARKS)
buf = io.BytesIO()
one.save(buf)
rewrite_zip(buf, "damaged-only-sheet.xlsx", "xl/worksheets/sheet1.xml",
            lambda xml: xml[: len(xml) // 2])

# 6. A shared-string number out of range in one cell (B2 of the header row, 新增工业总产值):
#    read as some other string, it would silently rename a column; it must be refused naming
#    the cell. Made from the LibreOffice-made sample-2020.xlsx.
def bad_index(xml):
    text, n = re.subn(r'(<c r="B2"[^>]*t="s"[^>]*><v>)\d+(</v>)', r"\g<1>999999\g<2>",
                      xml.decode("utf-8"), count=1)
    assert n == 1, "B2 is a shared string in sample-2020.xlsx"
    return text.encode("utf-8")


rewrite_zip("sample-2020.xlsx", "sst-index-out-of-range.xlsx", "xl/worksheets/sheet1.xml", bad_index)

# 7. A two-level header (园区名称 merged down over both header rows, so its text stands in the
#    upper row only) after an older single-level sheet: the two-level sheet fits best and must
#    be read, not the older one. From import2/two-level-header.xlsx (sheet 考核数据, 2020).
two = openpyxl.load_workbook("../import2/two-level-header.xlsx")
older = two.create_sheet("2019年", 0)
sheet_from_rows(older, [["2019年度赤峰市工业园区考核数据"], HEADER] + [
    [p[0]] + [halved(c) for c in p[1:]] for p in PARKS])
two.save("two-level-after-older.xlsx")
