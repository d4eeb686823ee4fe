import datetime, random, openpyxl, xlsxwriter
from openpyxl.styles import numbers
random.seed(7)
texts = ["园区名称", "a & b", "<tag>", "\"quoted\"", "it's", "  padded  ", "line1\nline2", "cr\r\nlf", "tab\there", "_x000D_", "emoji 😀", "", " ", "\u00a0nbsp", "中文，全角", "=not formula", "1.50", "007"]
nums = [0, 1, -1, 0.1, 0.1+0.2, 1e-10, 1e20, 123456789012345678, -0.0, 85.81, 40.10, 3.14159265358979, 1/3, 2**53, 1e308, 5e-324, 12.5, 100]
def openpyxl_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active; ws.title = "数据"
    for r in range(1, 200):
        for c in range(1, 12):
            k = random.random()
            if k < 0.3: ws.cell(r, c, random.choice(texts))
            elif k < 0.6: ws.cell(r, c, random.choice(nums))
            elif k < 0.7:
                cell = ws.cell(r, c, random.random()); cell.number_format = random.choice(["0.00%", "0%", "0.0%", "General", '0.00"%"'])
            elif k < 0.75: ws.cell(r, c, datetime.date(2020, 1, 1) + datetime.timedelta(days=r))
            elif k < 0.8: ws.cell(r, c, random.choice([True, False]))
            elif k < 0.85: ws.cell(r, c, "=SUM(A1:A3)")
            elif k < 0.9: ws.cell(r, c, random.randint(-10**6, 10**6))
    ws2 = wb.create_sheet("说明")
    ws2["A1"] = "说明"; ws2["B3"] = 1.25; ws2.merge_cells("A5:C6"); ws2["A5"] = "merged"
    wb.save(path)
def xlsxwriter_book(path, constant_memory=False):
    wb = xlsxwriter.Workbook(path, {"constant_memory": constant_memory, "strings_to_numbers": False})
    ws = wb.add_worksheet("数据")
    pct = wb.add_format({"num_format": "0.00%"}); date = wb.add_format({"num_format": "yyyy-mm-dd"}); bold = wb.add_format({"bold": True})
    for r in range(0, 300):
        for c in range(0, 10):
            k = random.random()
            if k < 0.3: ws.write_string(r, c, random.choice(texts))
            elif k < 0.6: ws.write_number(r, c, random.choice(nums[:-3]) )
            elif k < 0.7: ws.write_number(r, c, random.random(), pct)
            elif k < 0.75: ws.write_datetime(r, c, datetime.datetime(2020, 1, 1) + datetime.timedelta(days=r), date)
            elif k < 0.8: ws.write_boolean(r, c, random.choice([True, False]))
            elif k < 0.85: ws.write_formula(r, c, "=1/0")
            elif k < 0.88: ws.write_formula(r, c, '="a"&"b"', None, "ab")
            elif k < 0.92: ws.write_rich_string(r, c, "plain ", bold, "bold", " tail")
            elif k < 0.95: ws.write_blank(r, c, None, bold)
    ws2 = wb.add_worksheet("Sheet2"); ws2.write(0, 0, "x")
    wb.close()
openpyxl_book("openpyxl.xlsx")
xlsxwriter_book("xlsxwriter.xlsx")
xlsxwriter_book("xlsxwriter-const.xlsx", True)
print("ok")
