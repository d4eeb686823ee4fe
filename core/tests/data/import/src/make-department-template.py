#!/usr/bin/env python3
"""A department's template filled in as an office fills it (issue 10 §1), written with openpyxl.
Run from core/tests/data/import/:

    parkscore template --department 市科技局 -o TECH.xlsx
    python3 src/make-department-template.py TECH.xlsx

It writes template-tech-filled.xlsx: the 市科技局 template with its form fields filled (填报单位
as text, 联系电话 as a number, 填报日期 as a real date cell) and, for the 14 listed units, park i
(0-based, in the template's order) given i % 5 新增高新技术企业 and (i + 2) % 4 研发机构, typed
as numbers; 安庆园区 (i = 3) leaves 研发机构 blank. core/tests/template_departments.rs checks
the values read back against these rules.
"""
import datetime
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book["数据"]

# The fields: the cell right of each label, in the rows above the header.
header_row = None
for row in sheet.iter_rows():
    for cell in row:
        if cell.value == "园区名称":
            header_row = cell.row
    if header_row:
        break
assert header_row == 6, header_row
values = {
    "填报单位：": "赤峰市科学技术局",
    "填报人：": "王五",
    "联系电话：": 13904761234,
    "填报日期：": datetime.date(2021, 3, 15),
}
for row in sheet.iter_rows(min_row=1, max_row=header_row - 1):
    for cell in row:
        if cell.value in values:
            target = sheet.cell(row=cell.row, column=cell.column + 1)
            target.value = values[cell.value]
            if isinstance(target.value, datetime.date):
                target.number_format = "yyyy/m/d"
            else:
                target.number_format = "General"

for i, row in enumerate(range(header_row + 1, header_row + 15)):
    assert sheet.cell(row=row, column=1).value, row
    sheet.cell(row=row, column=2).value = i % 5
    if i != 3:
        sheet.cell(row=row, column=3).value = (i + 2) % 4

book.save("template-tech-filled.xlsx")
