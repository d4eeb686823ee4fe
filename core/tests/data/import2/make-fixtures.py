#!/usr/bin/env python3
"""Makes the import round 2 fixtures from the fictional sample (core/data/sample-2020.csv).

Run from this folder: python3 make-fixtures.py (needs openpyxl for the .xlsx). Each file is
described in README.md; the tests are core/tests/import_round2.rs.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "..", "data", "sample-2020.csv")

with open(SAMPLE, encoding="utf-8") as f:
    rows = list(csv.reader(f))
title, header, parks = rows[0], rows[1], rows[2:]
assert len(parks) == 14


def write(name, table):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def by_name(name):
    return next(p for p in parks if p[0] == name)


# §1: one short name, one misspelling, one unit missing.
renamed = []
for p in parks:
    p = list(p)
    if p[0] == "红山绿色食品产业园区":
        continue  # missing
    if p[0] == "内蒙古林西工业园区":
        p[0] = "林西工业园区"  # short name, contained in exactly one official name
    if p[0] == "阿鲁科尔沁旗工业园区":
        p[0] = "阿鲁克尔沁旗工业园区"  # misspelt: 科 → 克
    renamed.append(p)
write("units-renamed-misspelt-missing.csv", [title, header] + renamed)
# The same with the misspelling corrected: only the missing unit remains.
fixed = [list(p) for p in renamed]
for p in fixed:
    if p[0] == "阿鲁克尔沁旗工业园区":
        p[0] = "阿鲁科尔沁旗工业园区"
write("units-renamed-missing.csv", [title, header] + fixed)

# §3: 序号, 备注, 联系人, 所属旗县区 columns around the indicators.
extra = [title, ["序号", "所属旗县区"] + header + ["备注", "联系人"]]
for i, p in enumerate(parks, 1):
    extra.append([str(i), "某旗"] + p + (["新建园区"] if i == 2 else [""]) + ["张三"])
write("extra-columns.csv", extra)

# §3: rows below the data: 合计, 平均, an empty row, notes and signatures. A real park
# (the 14th) stands after an empty row in the middle of the data.
below = [title, header] + [list(p) for p in parks[:13]] + [[""] * len(header)]
below.append(list(parks[13]))
width = len(header)
def line(*cells):
    return list(cells) + [""] * (width - len(cells))
below.append(line("合计", "999", "1"))
below.append(line("平均", "71.4"))
below.append([""] * width)
below.append(line("1. 本表数据截至2020年12月31日。"))
below.append(line("注：增速按可比价计算。"))
below.append(line("说明：绿色发展由市生态环境局评分。"))
below.append(line("审核人：李四", "", "制表人：王五", "", "联系电话：0476-1234567"))
below.append(line("填报人：赵六", "", "填报日期：2021年1月15日"))
write("rows-below.csv", below)

# §4: U+2212 minus, accounting negatives, thin / narrow no-break spaces as separators.
numbers = [title, header] + [list(p) for p in parks]
col = {h: i for i, h in enumerate(header)}
g = col["工业总产值增速（%）"]
a = col["建成区亩均工业总产值（万元/亩）"]
for p in numbers[2:]:
    if p[0] == "阿鲁科尔沁旗工业园区":
        p[g] = "\u22124.6"  # −4.6
    if p[0] == "巴林左旗工业园区":
        p[g] = "（2.1）"  # −2.1, full-width parentheses
    if p[0] == "巴林右旗工业园区":
        p[g] = "(0.8)"  # −0.8
    if p[0] == "东山园区":
        p[a] = "6\u2009125.5"  # thin space: 6125.5
    if p[0] == "红山园区":
        p[a] = "1\u202f012.5"  # narrow no-break space: 1012.5
write("numbers.csv", numbers)

# §4: one pass: a text-in-number error, a missing value and a growth rate of 1500 %.
one = [title, header] + [list(p) for p in parks]
one[2][col["新增工业总产值（亿元）"]] = "38.6亿"  # 东山园区: text in a number
one[3][col["上缴税金增速（%）"]] = ""  # 红山园区: missing
one[4][g] = "1500"  # 元宝山园区: growth beyond ±1000 %
write("one-pass.csv", one)

# §3: two-level header with merged cells and a units row, made by openpyxl.
try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    raise SystemExit("openpyxl is needed for two-level-header.xlsx")

GROUPS = [
    ("总量指标", 5), ("效益指标", 3), ("招商引资", 3), ("基础设施建设", 2),
    ("科技创新", 2), ("绿色发展", 3), ("管理水平", 5),
]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "考核数据"
ncols = 1 + 1 + 23 + 3  # 序号, 园区名称, 23 indicators, 省级/国家级认定数, 一票否决
ws.cell(1, 1, "2020年度赤峰市工业园区综合发展评价考核数据（示例数据，非真实统计）")
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
# Row 2: group row; 序号 and 园区名称 merged down over rows 2–3.
ws.cell(2, 1, "序号")
ws.merge_cells("A2:A3")
ws.cell(2, 2, "园区名称")
ws.merge_cells("B2:B3")
c = 3
for name, n in GROUPS:
    ws.cell(2, c, name)
    if n > 1:
        ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + n - 1)
    c += n
for j, name in enumerate(["省级认定数", "国家级认定数", "一票否决"]):
    ws.cell(2, c + j, name)
    ws.merge_cells(start_row=2, start_column=c + j, end_row=3, end_column=c + j)
# Row 3: indicator names without units; row 4: the units row.
names = [h.split("（")[0] for h in header[1:24]]
units = [h.split("（")[1].rstrip("）") if "（" in h else "" for h in header[1:24]]
units[0] = "万元"  # 新增工业总产值 given in 万元: the values below are × 10000
for j, (n, u) in enumerate(zip(names, units)):
    ws.cell(3, 3 + j, n)
    ws.cell(4, 3 + j, u)
for i, p in enumerate(parks):
    r = 5 + i
    ws.cell(r, 1, i + 1)
    ws.cell(r, 2, p[0])
    for j in range(23):
        v = p[1 + j]
        num = float(v)
        if j == 0:
            num = round(num * 10000, 6)
        ws.cell(r, 3 + j, int(num) if num == int(num) else num)
    ws.cell(r, 3 + 23, int(p[24]))
    ws.cell(r, 3 + 24, int(p[25]))
    ws.cell(r, 3 + 25, p[26])
r = 5 + len(parks)
ws.cell(r, 1, "合计")
ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
ws.cell(r, 3, 4096000)
ws.cell(r + 2, 1, "审核人：李四")
ws.cell(r + 2, 6, "制表人：王五")
ws.cell(r + 2, 12, "联系电话：0476-1234567")
wb.save(os.path.join(HERE, "two-level-header.xlsx"))
print("ok")
