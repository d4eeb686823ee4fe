#!/usr/bin/env python3
"""parkscore: writes percent.xls for tests/xls_percent.rs (python3 + xlwt 1.3).

Column A holds the label, column B the value, one row per number format:
  row 0  0.00%      built-in format 10            percent
  row 1  0%         built-in format 9             percent
  row 2  0.0%       custom FORMAT record          percent
  row 3  0.00"%"    custom, the % is quoted       NOT percent
  row 4  General    plain float                   not percent
  row 5  General    plain integer  not percent
  row 6  0.00%      integer 3      percent
  row 7  0.0%       formula B1*2: xlwt caches no number (an empty string)
  row 8  0.00\\%     custom, the % is escaped      NOT percent
  row 9  0.00%      a string in a percent cell    not percent (not a number)
"""
import os
import xlwt

wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("百分比")
rows = [
    ("0.00%", 0.125),
    ("0%", 0.5),
    ("0.0%", 0.034),
    ('0.00"%"', 12.5),
    ("General", 12.3),
    ("General", 7),
    ("0.00%", 3),
    ("0.0%", xlwt.Formula("B1*2")),
    ("0.00\\%", 4.5),
    ("0.00%", "文字"),
]
for i, (fmt, value) in enumerate(rows):
    ws.write(i, 0, fmt)
    ws.write(i, 1, value, xlwt.easyxf(num_format_str=fmt))
# a second sheet, so that a broken-sheet test can corrupt one and read the other
ws2 = wb.add_sheet("other")
ws2.write(0, 0, "ok")
ws2.write(0, 1, 1.5)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "percent.xls")
wb.save(out)
print(out)
