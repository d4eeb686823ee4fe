//! The fast .xlsx sheet reader (vendor/calamine/src/xlsx/fast_cells.rs, used by
//! `Xlsx::worksheet_sparse` and so by the import) against calamine's quick-xml reader, which it
//! must never contradict: for every .xlsx fixture of the repository, for hand-written sheet
//! XML (entities, inline and rich strings, prefixes, cells without `r`, disorder, duplicates,
//! far and bad references, bad shared-string indexes, empty values, every `t`), and for random
//! mutations of sheet XML, the cells (or the error) and the bytes inflated are the same with
//! the fast reader on and off. The hand-written cases also pin which ones the fast reader
//! reads itself, so that the comparison is not vacuous.

use calamine::{ReadLimits, Reader, SparseCell, Xlsx};
use proptest::prelude::*;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Styles: xf 0 General, 1 `0.00%` (built-in 10), 2 a date (built-in 14), 3 a custom `0.0%`.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// The shared strings' `<si>` contents: plain, with entities, rich runs, phonetic runs, empty.
const STRINGS: [&str; 6] = [
    "<t>园区名称</t>",
    "<t>alpha &amp; beta</t>",
    "<t>x</t>",
    r#"<r><t>ri</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve"> ch </t></r><rPh sb="0" eb="1"><t>p</t></rPh>"#,
    "<t/>",
    "<t>_x000D_ &#x4E2D;&#20013;</t>",
];

/// The shared strings part holding [`STRINGS`].
fn sst() -> Vec<u8> {
    let si: String = STRINGS.iter().map(|s| format!("<si>{s}</si>")).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{NS}" count="{n}" uniqueCount="{n}">{si}</sst>"#,
        n = STRINGS.len()
    )
    .into_bytes()
}

/// An .xlsx whose only sheet ("S") is `sheet` (the whole part), with [`STRINGS`] shared and
/// [`STYLES`].
fn xlsx_with_sheet(sheet: &[u8]) -> Vec<u8> {
    xlsx_with_parts(&sst(), sheet)
}

/// As [`xlsx_with_sheet`], with `sst` as the shared strings part.
fn xlsx_with_parts(sst: &[u8], sheet: &[u8]) -> Vec<u8> {
    let parts: Vec<(&str, Vec<u8>)> = vec![
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes(),
        ),
        ("xl/sharedStrings.xml", sst.to_vec()),
        ("xl/styles.xml", STYLES.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet.to_vec()),
    ];
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        w.start_file(name, opts).unwrap();
        w.write_all(&body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A sheet part: the usual declaration and root around `sheet_data` (the `<sheetData>` element).
fn sheet(sheet_data: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{NS}" xmlns:r="{REL_NS}"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>{sheet_data}<pageMargins left="0.7"/></worksheet>"#
    )
    .into_bytes()
}

/// What reading a sheet gave: the cells, or the error as calamine words it.
type Outcome = Result<Vec<SparseCell>, String>;

/// Outcomes compared by their debug form (a NaN cell equals itself there).
fn same(a: &Outcome, b: &Outcome) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Every sheet of `bytes`, fast reader on and off: (sheet, fast outcome, why the fast reader
/// gave up if it did, slow outcome, bytes inflated each way). `None` when it does not open
/// (either way, with the same error: the shared strings are read by the fast reader too).
#[allow(clippy::type_complexity)]
fn both_ways(bytes: &[u8]) -> Option<Vec<(String, Outcome, Option<String>, Outcome, u64, u64)>> {
    let limits = ReadLimits::for_file(bytes.len());
    let fast = Xlsx::new_with_limits(Cursor::new(bytes.to_vec()), limits);
    let slow = Xlsx::new_with_limits_quick_xml_only(Cursor::new(bytes.to_vec()), limits);
    let (mut fast, mut slow) = match (fast, slow) {
        (Ok(fast), Ok(slow)) => (fast, slow),
        (Err(a), Err(b)) => {
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "opening");
            return None;
        }
        (a, b) => panic!(
            "opens one way only: {:?} / {:?}",
            a.map(|_| ()),
            b.map(|_| ())
        ),
    };
    assert_eq!(
        fast.inflated_bytes(),
        slow.inflated_bytes(),
        "bytes inflated when opened"
    );
    let mut out = Vec::new();
    for name in fast.sheet_names() {
        let a = fast.worksheet_sparse(&name).map_err(|e| format!("{e:?}"));
        let gave_up = match fast.fast_sheet_outcome() {
            Some(Err(why)) => Some(why.0.to_owned()),
            _ => None,
        };
        let b = slow.worksheet_sparse(&name).map_err(|e| format!("{e:?}"));
        out.push((
            name,
            a,
            gave_up,
            b,
            fast.inflated_bytes(),
            slow.inflated_bytes(),
        ));
    }
    Some(out)
}

/// Asserts that the fast reader agrees with quick-xml on every sheet; returns why it gave up
/// on the first sheet (`None`: it read the sheet itself) and the first sheet's cells.
fn agree(bytes: &[u8], what: &str) -> (Option<String>, Outcome) {
    let sheets = both_ways(bytes).unwrap_or_else(|| panic!("{what}: does not open"));
    for (name, fast, _, slow, fast_bytes, slow_bytes) in &sheets {
        assert!(same(fast, slow), "{what} [{name}]: {fast:?} / {slow:?}");
        assert_eq!(fast_bytes, slow_bytes, "{what} [{name}]: bytes inflated");
    }
    let (_, fast, gave_up, ..) = sheets.into_iter().next().expect("a sheet");
    (gave_up, fast)
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xlsx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | ".git" | "node_modules" | "dist") {
                xlsx_files(&path, out);
            }
        } else if name.ends_with(".xlsx") {
            out.push(path);
        }
    }
}

#[test]
fn every_xlsx_fixture_reads_the_same_fast_and_slow() {
    let mut files = Vec::new();
    xlsx_files(&repository(), &mut files);
    files.sort();
    assert!(files.len() >= 40, "found only {} .xlsx files", files.len());
    let (mut sheets, mut read_fast) = (0, 0);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let Some(results) = both_ways(&bytes) else {
            continue;
        };
        for (name, fast, gave_up, slow, fast_bytes, slow_bytes) in results {
            let what = format!("{} [{name}]", file.display());
            assert!(same(&fast, &slow), "{what}: {fast:?} / {slow:?}");
            assert_eq!(fast_bytes, slow_bytes, "{what}: bytes inflated");
            sheets += 1;
            if gave_up.is_none() {
                read_fast += 1;
            }
        }
    }
    // The intact fixtures (made by Excel, WPS, LibreOffice, openpyxl, rust_xlsxwriter) are
    // read by the fast reader; only the damaged ones go to quick-xml.
    assert!(sheets >= 40, "{sheets} sheets");
    assert!(
        read_fast * 10 >= sheets * 8,
        "{read_fast} of {sheets} sheets read fast"
    );
    for intact in [
        "core/tests/data/import/sample-2020.xlsx",
        "core/tests/data/import/two-level-after-older.xlsx",
        "core/tests/data/import/template-tech-filled.xlsx",
        "core/tests/data/import/percent.xlsx",
    ] {
        let bytes = std::fs::read(repository().join(intact)).unwrap();
        for (name, _, gave_up, ..) in both_ways(&bytes).unwrap() {
            assert_eq!(gave_up, None, "{intact} [{name}]");
        }
    }
}

/// (name, `<sheetData>`, whether the fast reader reads it itself).
const CASES: &[(&str, &str, bool)] = &[
    ("plain", r#"<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>85.81</v></c><c r="C1" s="1"><v>0.125</v></c></row></sheetData>"#, true),
    ("pretty-printed", "<sheetData>\n  <row r=\"1\">\n    <c r=\"A1\">\n      <v>1</v>\n    </c>\n    <c r=\"B1\" t=\"s\"><v>1</v></c>\n  </row>\r\n</sheetData>", true),
    ("no r anywhere", r#"<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c/><c><v>5</v></c></row></sheetData>"#, true),
    ("r on some cells", r#"<sheetData><row r="3"><c r="C3"><v>1</v></c><c><v>2</v></c><c r="F3"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row></sheetData>"#, true),
    ("empty rows and cells", r#"<sheetData><row r="2"/><row r="4"><c r="A4"/><c r="B4" s="1"/><c r="C4"><v>7</v></c></row></sheetData>"#, true),
    ("attributes in any order and quote", r#"<sheetData><row r='1'><c  s="1"   t="n" r="B1" ><v>0.5</v></c><c t='s' r='C1'><v>2</v></c><c r="D1" s='3' foo="&amp;"><v>0.25</v></c></row></sheetData>"#, true),
    ("far cell", r#"<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#, true),
    ("lower-case reference", r#"<sheetData><row r="1"><c r="b1"><v>1</v></c></row></sheetData>"#, true),
    ("inline string with entities", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#20013;&#x4E2D; &quot;q&apos; _x000D_ _x005F_x000D_</t></is></c></row></sheetData>"#, true),
    ("inline string trimmed or preserved", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>  pad  </t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">  pad  </t></is></c><c r="C1" t="inlineStr"><is><t> </t></is></c></row></sheetData>"#, true),
    ("rich text and phonetic runs", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体 </t></r><rPh sb="0" eb="1"><t>cu</t></rPh><phoneticPr fontId="1"/></is></c></row></sheetData>"#, true),
    ("inline string with a redundant v", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is><v>ignored</v></c><c r="B1" t="inlineStr"><v>only v</v></c></row></sheetData>"#, true),
    ("CR LF in text", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc\nd</t></is></c><c r=\"B1\" t=\"str\"><v>e\r\nf</v></c></row></sheetData>", true),
    ("namespace prefixes", r#"<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row></x:sheetData>"#, true),
    ("formula cached values", r#"<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>A2&amp;"x"</f><v>a&amp;b &lt;</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1*2</f><v>4</v></c><c r="D1"><f/></c></row></sheetData>"#, true),
    ("value before formula is lost", r#"<sheetData><row r="1"><c r="A1"><v>1</v><f>X</f></c><c r="B1"><v>2</v></c></row></sheetData>"#, true),
    ("booleans, errors, dates", r#"<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>false</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="d"><v>2020-01-02T00:00:00</v></c><c r="E1" s="2"><v>43831</v></c><c r="F1" t="e"><v>#N/A</v></c></row></sheetData>"#, true),
    ("number texts", r#"<sheetData><row r="1"><c r="A1"><v>1e5</v></c><c r="B1"><v>-0</v></c><c r="C1"><v>0.10</v></c><c r="D1"><v>1.0E-3</v></c><c r="E1"><v>.5</v></c><c r="F1"><v>+3</v></c><c r="G1"><v>0.30000000000000004</v></c><c r="H1"><v>123456789012345678</v></c><c r="I1"><v>-12.5</v></c><c r="J1"><v>007</v></c></row></sheetData>"#, true),
    ("non-number without t", r#"<sheetData><row r="1"><c r="A1"><v>abc</v></c><c r="B1"><v> 1</v></c><c r="C1"><v>inf</v></c><c r="D1"><v>NaN</v></c></row></sheetData>"#, true),
    ("empty values", r#"<sheetData><row r="1"><c r="A1" t="s"><v/></c><c r="B1"><v></v></c><c r="C1" t="str"><v/></c><c r="D1" t="b"><v/></c><c r="E1" t="inlineStr"><is/></c></row></sheetData>"#, true),
    ("numbers as raw text with entity", r#"<sheetData><row r="1"><c r="A1"><v>12&amp;3</v></c></row></sheetData>"#, true),
    ("empty sheetData", r#"<sheetData/>"#, true),
    // Read by quick-xml (the fast reader gives up), same result either way.
    ("cells out of order", r#"<sheetData><row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>3</v></c></row></sheetData>"#, false),
    ("duplicate cells", r#"<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c><c r="A1"/></row></sheetData>"#, false),
    ("past XFD", r#"<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>"#, false),
    ("past the last row", r#"<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData>"#, false),
    ("cell without r past XFD", r#"<sheetData><row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row></sheetData>"#, false),
    ("garbage reference", r#"<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>"#, false),
    ("shared string index out of the table", r#"<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B7" t="s"><v>99</v></c></row></sheetData>"#, false),
    ("negative shared string index", r#"<sheetData><row r="1"><c r="A1" t="s"><v>-1</v></c></row></sheetData>"#, false),
    ("shared string index not a number", r#"<sheetData><row r="1"><c r="A1" t="s"><v>x</v></c></row></sheetData>"#, false),
    ("bad boolean", r#"<sheetData><row r="1"><c r="A1" t="b"><v>2</v></c></row></sheetData>"#, false),
    ("bad error value", r#"<sheetData><row r="1"><c r="A1" t="e"><v>#BOGUS</v></c></row></sheetData>"#, false),
    ("t=n not a number", r#"<sheetData><row r="1"><c r="A1" t="n"><v>abc</v></c></row></sheetData>"#, false),
    ("unknown t", r#"<sheetData><row r="1"><c r="A1" t="zz"><v>1</v></c></row></sheetData>"#, false),
    ("unknown child of c", r#"<sheetData><row r="1"><c r="A1"><extLst/></c></row></sheetData>"#, false),
    ("comment", r#"<sheetData><!-- a comment --><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#, false),
    ("CDATA", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x>]]></t></is></c></row></sheetData>"#, false),
    ("unknown entity", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData>"#, false),
    ("dangling ampersand", r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row></sheetData>"#, false),
    ("unclosed sheetData", r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#, false),
    ("unclosed cell", r#"<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>"#, false),
    ("unquoted attribute", r#"<sheetData><row r="1"><c r=A1><v>1</v></c></row></sheetData>"#, false),
    ("processing instruction", r#"<sheetData><?pi x?><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#, false),
];

#[test]
fn hand_written_sheets_read_the_same_fast_and_slow() {
    for (name, data, fast) in CASES {
        let bytes = xlsx_with_sheet(&sheet(data));
        let (gave_up, _) = agree(&bytes, name);
        assert_eq!(
            gave_up.is_none(),
            *fast,
            "{name}: the fast reader gave up: {gave_up:?}"
        );
    }
}

#[test]
fn hand_written_sheets_give_the_expected_cells() {
    use calamine::Data::{self, Bool, DateTimeIso, Float, String as S};
    let cells = |data: &str| -> Vec<(u32, u32, Data, bool)> {
        let (gave_up, out) = agree(&xlsx_with_sheet(&sheet(data)), data);
        assert_eq!(gave_up, None, "{data}");
        out.unwrap()
            .into_iter()
            .map(|c| (c.row, c.col, c.value, c.percent))
            .collect()
    };
    let text = |s: &str| S(s.to_owned());
    assert_eq!(
        cells(CASES[0].1),
        vec![
            (0, 0, text("园区名称"), false),
            (0, 1, Float(85.81), false),
            (0, 2, Float(0.125), true)
        ]
    );
    assert_eq!(
        cells(CASES[3].1),
        vec![
            (2, 2, Float(1.0), false),
            (2, 3, Float(2.0), false),
            (2, 5, Float(3.0), false),
            (2, 6, Float(4.0), false),
            (3, 0, Float(5.0), false)
        ]
    );
    assert_eq!(
        cells(CASES[8].1),
        vec![(0, 0, text("a & b <c> 中中 \"q' \r _x000D_"), false)]
    );
    assert_eq!(cells(CASES[10].1), vec![(0, 0, text("粗 体 "), false)]);
    assert_eq!(
        cells(CASES[12].1),
        vec![
            (0, 0, text("a\nb\nc\nd"), false),
            (0, 1, text("e\nf"), false)
        ]
    );
    let booleans = cells(CASES[16].1);
    assert_eq!(booleans[0], (0, 0, Bool(true), false));
    assert_eq!(booleans[1], (0, 1, Bool(false), false));
    assert_eq!(
        booleans[3],
        (0, 3, DateTimeIso("2020-01-02T00:00:00".into()), false)
    );
    assert!(
        matches!(booleans[4].2, Data::DateTime(_)),
        "{:?}",
        booleans[4]
    );
    // A formula's text is not a value; the cached value is, unless a formula follows it.
    assert_eq!(
        cells(CASES[14].1),
        vec![
            (0, 0, Float(2.0), false),
            (0, 1, text("a&b <"), false),
            (0, 2, Float(4.0), false)
        ]
    );
    assert_eq!(cells(CASES[15].1), vec![(0, 1, Float(2.0), false)]);
}

#[test]
fn shared_strings_are_read_fast_and_the_same() {
    let data = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c></row></sheetData>"#;
    let bytes = xlsx_with_sheet(&sheet(data));
    let x = Xlsx::new_with_limits(
        Cursor::new(bytes.clone()),
        ReadLimits::for_file(bytes.len()),
    )
    .unwrap();
    // The last part the fast reader was tried on: the shared strings, read by it.
    assert_eq!(x.fast_sheet_outcome(), Some(Ok(())));
    let (gave_up, out) = agree(&bytes, "shared strings");
    assert_eq!(gave_up, None);
    let texts: Vec<String> = out
        .unwrap()
        .into_iter()
        .map(|c| match c.value {
            calamine::Data::String(s) => s,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(texts, ["园区名称", "alpha & beta", "ri ch ", "", "\r 中中"]);
}

#[test]
fn errors_name_sheet_and_cell_either_way() {
    let bytes = xlsx_with_sheet(&sheet(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B7" t="s"><v>99</v></c></row></sheetData>"#,
    ));
    let (_, out) = agree(&bytes, "bad index");
    let e = out.unwrap_err();
    assert!(
        e.contains("SharedStringIndex") && e.contains("\"B7\"") && e.contains("\"S\""),
        "{e}"
    );
}

#[test]
fn other_prefixes_and_declarations() {
    let cases: &[(&str, &[u8], bool)] = &[
        ("no declaration", b"<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>", true),
        ("prefixed root", br#"<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#, true),
        ("single-quoted declaration", b"<?xml version='1.0' encoding='utf-8'?><worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>", true),
        ("byte-order mark", b"\xEF\xBB\xBF<?xml version=\"1.0\"?><worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>", false),
        ("another encoding", b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\xE9</t></is></c></row></sheetData></worksheet>", false),
        ("invalid UTF-8", b"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\xE9</t></is></c></row></sheetData></worksheet>", false),
        ("no sheetData (a chart sheet)", b"<chartsheet><sheetPr/></chartsheet>", false),
        ("dimension without ref", b"<worksheet><dimension/><sheetData/></worksheet>", false),
        ("end tag with no start", b"</x><worksheet><sheetData/></worksheet>", false),
        ("trailing garbage after sheetData", b"<worksheet><sheetData><row><c><v>1</v></c></row></sheetData><<<&&&\xFF", true),
    ];
    for (name, part, fast) in cases {
        let (gave_up, _) = agree(&xlsx_with_sheet(part), name);
        assert_eq!(gave_up.is_none(), *fast, "{name}: {gave_up:?}");
    }
}

/// A sheet like the import's: a header of shared strings, rows of numbers and percentages,
/// some formulas and inline strings; `n` rows.
fn realistic_sheet(n: usize) -> Vec<u8> {
    let mut data = String::from(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
    );
    for i in 2..n + 2 {
        data.push_str(&format!(
            r#"<row r="{i}" spans="1:4"><c r="A{i}" t="inlineStr"><is><t>园区{i} &amp; co</t></is></c><c r="B{i}"><v>{}.25</v></c><c r="C{i}" s="1"><v>0.{i}5</v></c><c r="D{i}"><f>B{i}*2</f><v>{}</v></c></row>"#,
            i * 7,
            i * 14
        ));
    }
    data.push_str("</sheetData>");
    sheet(&data)
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, &'static str),
    Delete(usize, usize),
}

const INSERTS: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "</c>",
    "<c>",
    "<c r=\"A1\">",
    "</row>",
    "<row r=\"2\">",
    "<v>",
    "</v>",
    "<v/>",
    "<f>",
    "</sheetData>",
    "<sheetData>",
    "<!--",
    "-->",
    "\"",
    "'",
    " t=\"s\"",
    " r=\"ZZZ9\"",
    " s=\"1\"",
    "<is><t>",
    "</t></is>",
    "<x:c>",
    "\u{FEFF}",
    "\r",
    "\u{4E2D}",
    "<![CDATA[",
    "]]>",
    "<?x?>",
    "/",
    " ",
    "=",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::sample::select(INSERTS)).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn mutate(mut xml: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = xml.len().max(1);
        match *m {
            Mutation::Truncate(i) => xml.truncate(i % len),
            Mutation::Flip(i, b) => {
                if !xml.is_empty() {
                    let i = i % xml.len();
                    xml[i] = b;
                }
            }
            Mutation::Insert(i, s) => {
                let i = i % (xml.len() + 1);
                xml.splice(i..i, s.bytes());
            }
            Mutation::Delete(i, n) => {
                let i = i % len;
                let end = (i + n).min(xml.len());
                if i < end {
                    xml.drain(i..end);
                }
            }
        }
    }
    xml
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

proptest! {
    // 400 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Mutated sheet XML (truncated, bytes changed, tags and references inserted, bytes
    /// deleted): the fast reader never panics and gives what quick-xml gives, cells or error,
    /// with the same bytes inflated.
    #[test]
    fn mutated_sheets_read_the_same_fast_and_slow(
        seed in 0usize..(CASES.len() + 1),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let base = match CASES.get(seed) {
            Some((_, data, _)) => sheet(data),
            None => realistic_sheet(30),
        };
        let xml = mutate(base, &mutations);
        let bytes = xlsx_with_sheet(&xml);
        if let Some(sheets) = both_ways(&bytes) {
            for (name, fast, _, slow, fast_bytes, slow_bytes) in sheets {
                prop_assert!(same(&fast, &slow), "[{}] {:?} / {:?} for {:?}", name, fast, slow, String::from_utf8_lossy(&xml));
                prop_assert_eq!(fast_bytes, slow_bytes);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Mutated shared strings: opened (or refused) alike, and the cells that use them the same.
    #[test]
    fn mutated_shared_strings_read_the_same_fast_and_slow(
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let xml = mutate(sst(), &mutations);
        let data = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>5</v></c></row></sheetData>"#;
        let bytes = xlsx_with_parts(&xml, &sheet(data));
        if let Some(sheets) = both_ways(&bytes) {
            for (name, fast, _, slow, fast_bytes, slow_bytes) in sheets {
                prop_assert!(same(&fast, &slow), "[{}] {:?} / {:?} for {:?}", name, fast, slow, String::from_utf8_lossy(&xml));
                prop_assert_eq!(fast_bytes, slow_bytes);
            }
        }
    }
}

#[test]
fn a_realistic_sheet_is_read_fast_across_chunk_boundaries() {
    // 3,000 rows: the part spans many 8 KiB reads, and cells straddle their boundaries.
    let (gave_up, out) = agree(&xlsx_with_sheet(&realistic_sheet(3000)), "realistic");
    assert_eq!(gave_up, None);
    assert_eq!(out.unwrap().len(), 3 + 3000 * 4);
}

#[test]
fn limits_are_the_same_fast_and_slow() {
    // Too many cells and too much shared text are refused the same way (by quick-xml's path).
    let bytes = xlsx_with_sheet(&realistic_sheet(50));
    for limits in [
        ReadLimits {
            max_inflated_bytes: 1 << 30,
            max_cells: 100,
        },
        ReadLimits {
            max_inflated_bytes: 1 << 30,
            max_cells: 203,
        },
        ReadLimits {
            max_inflated_bytes: 4000,
            max_cells: 1 << 20,
        },
        ReadLimits {
            max_inflated_bytes: 20_000,
            max_cells: 1 << 20,
        },
    ] {
        let fast = Xlsx::new_with_limits(Cursor::new(bytes.clone()), limits);
        let slow = Xlsx::new_with_limits_quick_xml_only(Cursor::new(bytes.clone()), limits);
        let (Ok(mut fast), Ok(mut slow)) = (fast, slow) else {
            continue;
        };
        let a = fast.worksheet_sparse("S").map_err(|e| format!("{e:?}"));
        let b = slow.worksheet_sparse("S").map_err(|e| format!("{e:?}"));
        assert!(same(&a, &b), "{limits:?}");
        assert_eq!(fast.inflated_bytes(), slow.inflated_bytes(), "{limits:?}");
        // And the workbook's later reads fail or succeed alike.
        let a = fast.worksheet_sparse("S").map_err(|e| format!("{e:?}"));
        let b = slow.worksheet_sparse("S").map_err(|e| format!("{e:?}"));
        assert!(same(&a, &b), "{limits:?} again");
    }
}
