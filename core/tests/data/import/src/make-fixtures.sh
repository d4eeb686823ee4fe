#!/bin/sh
# Rebuilds the import fixtures in core/tests/data/import/ from the sources in src/ with
# LibreOffice 7.4 (headless), iconv and python3. Run from core/tests/data/import/:
#   sh src/make-fixtures.sh
# Every command is listed in README.md next to the file it makes.
set -eu
OUT=$(pwd)
TMP=$(mktemp -d)
SAMPLE=../../../data/sample-2020.csv
UTF8CSV="CSV:44,34,76,1"            # LibreOffice CSV import: comma, ", UTF-8, from line 1

# Workbooks from CSV, converted by LibreOffice Calc.
soffice --headless --infilter="$UTF8CSV" --convert-to xlsx --outdir "$OUT" "$SAMPLE"
soffice --headless --infilter="$UTF8CSV" --convert-to xls --outdir "$OUT" "$SAMPLE"
for f in percent raw-figures; do
  soffice --headless --infilter="$UTF8CSV" --convert-to xlsx --outdir "$OUT" "src/$f.csv"
done
# A merged two-line title above the header, from an HTML table with colspan.
soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx --outdir "$OUT" src/title-merged.html
# Two sheets (说明 first, 数据 second) with percentage-styled cells, from flat ODS.
soffice --headless --convert-to xlsx --outdir "$OUT" src/two-sheets.fods
soffice --headless --convert-to xls --outdir "$OUT" src/two-sheets.fods

# Text encodings as Excel/WPS on Chinese Windows write them.
# GBK (Windows code page 936; LibreOffice charset 61), comma, CRLF:
soffice --headless --infilter="$UTF8CSV" --convert-to "csv:Text - txt - csv (StarCalc):44,34,61" --outdir "$TMP" "$SAMPLE"
mv "$TMP/sample-2020.csv" "$OUT/sample-2020-gbk.csv"
# "Unicode text": UTF-16LE with BOM, tab-separated (LibreOffice charset 65535):
soffice --headless --infilter="$UTF8CSV" --convert-to "txt:Text - txt - csv (StarCalc):9,34,65535" --outdir "$TMP" "$SAMPLE"
mv "$TMP/sample-2020.txt" "$OUT/sample-2020-utf16le.txt"
# UTF-16BE with BOM, tab-separated, by iconv from the UTF-16LE file:
{ printf '\376\377'; iconv -f UTF-16 -t UTF-16BE "$OUT/sample-2020-utf16le.txt"; } > "$OUT/sample-2020-utf16be.txt"
# UTF-8 with BOM, semicolon-separated, LF line ends:
soffice --headless --infilter="$UTF8CSV" --convert-to "csv:Text - txt - csv (StarCalc):59,34,76" --outdir "$TMP" "$SAMPLE"
{ printf '\357\273\277'; tr -d '\r' < "$TMP/sample-2020.csv"; } > "$OUT/sample-2020-bom-semicolon.csv"

# The other workbook formats offices save (issue 11 §5): OpenDocument from Calc, and WPS's .et
# (a BIFF8 compound file like .xls: the .xls made above, saved under the WPS name).
soffice --headless --infilter="$UTF8CSV" --convert-to ods --outdir "$OUT" "$SAMPLE"
soffice --headless --convert-to ods --outdir "$OUT" src/two-sheets.fods
cp "$OUT/sample-2020.xls" "$OUT/sample-2020-wps.et"
# .xlsb: nothing here writes one (LibreOffice has no export filter), so a documented generator.
python3 src/make-xlsb.py

# Sheet choice, damaged sheets, the tool's own template reordered, .xls percent formats
# (issue 11 §2, §4), by openpyxl and xlwt.
../../../../target/release/parkscore template --format xlsx -o "$TMP/template.xlsx"
python3 src/make-round2.py "$TMP/template.xlsx"
# A department's template filled in (issue 10 §1).
../../../../target/release/parkscore template --department 市科技局 -o "$TMP/tech.xlsx"
python3 src/make-department-template.py "$TMP/tech.xlsx"

# Broken and protected workbooks.
head -c 3000 "$OUT/sample-2020.xlsx" > "$OUT/truncated.xlsx"
python3 src/make-encrypted-xlsx.py "$OUT/encrypted-xlsx-shell.xlsx"
rm -rf "$TMP"
