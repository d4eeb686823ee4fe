// parkscore: hostile .xlsx / .xlsb / .ods inputs must give an `Err` (never a panic, an abort or
// a hang), zip bombs must be refused by the inflation budget, and `worksheet_sparse` must give
// the same non-empty cells as `worksheet_range` on intact files. See PARKSCORE-PATCHES.md.

use calamine::{
    Data, Ods, OdsError, ReadLimits, Reader, SparseCell, Xlsb, XlsbError, Xlsx, XlsxError,
};
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// parkscore: the longest run without markup an XML part may have (budget.rs MAX_XML_RUN).
const RUN: u64 = 4 << 20;

// ---------------------------------------------------------------------------------------------
// Helpers

fn data_path(name: &str) -> String {
    format!("{}/tests/data/zip/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(data_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn open_xlsx(bytes: &[u8]) -> Result<Xlsx<Cursor<Vec<u8>>>, XlsxError> {
    Xlsx::new_with_limits(
        Cursor::new(bytes.to_vec()),
        ReadLimits::for_file(bytes.len()),
    )
}

fn first_sheet(x: &Xlsx<Cursor<Vec<u8>>>) -> String {
    x.sheet_names().first().cloned().expect("a sheet")
}

/// A zip of `parts`, deflated.
fn zip_parts(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn package_rels() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    )
    .into_bytes()
}

fn workbook_parts(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    let sheets: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = (1..=names.len())
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            )
        })
        .collect();
    vec![
        ("_rels/.rels".to_string(), package_rels()),
        (
            "xl/workbook.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>"#
            )
            .into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            )
            .into_bytes(),
        ),
    ]
}

fn sheet_xml(rows: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>"#
    )
    .into_bytes()
}

fn sst_xml(strings: &[&str]) -> Vec<u8> {
    let si: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{n}" uniqueCount="{n}">{si}</sst>"#,
        n = strings.len()
    )
    .into_bytes()
}

/// An xlsx with one sheet per `(name, sheetData rows)`, and optional shared strings and styles.
fn make_xlsx(sheets: &[(&str, &str)], sst: Option<&[&str]>, styles: Option<&str>) -> Vec<u8> {
    let names: Vec<&str> = sheets.iter().map(|s| s.0).collect();
    let mut parts = workbook_parts(&names);
    for (i, (_, rows)) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(rows)));
    }
    if let Some(sst) = sst {
        parts.push(("xl/sharedStrings.xml".to_string(), sst_xml(sst)));
    }
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml".to_string(), styles.as_bytes().to_vec()));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    zip_parts(&parts)
}

fn non_empty_range_cells(range: &calamine::Range<Data>) -> Vec<(u32, u32, Data)> {
    range
        .used_cells()
        .map(|(r, c, v)| {
            let (r0, c0) = range.start().unwrap();
            (r0 + r as u32, c0 + c as u32, v.clone())
        })
        .collect()
}

fn sparse_triples(cells: &[SparseCell]) -> Vec<(u32, u32, Data)> {
    cells
        .iter()
        .map(|c| (c.row, c.col, c.value.clone()))
        .collect()
}

fn assert_row_major(cells: &[SparseCell]) {
    assert!(
        cells
            .windows(2)
            .all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col)),
        "cells not in strict row-then-column order"
    );
    assert!(
        cells.iter().all(|c| c.value != Data::Empty),
        "an empty cell"
    );
}

/// A reader that counts the (compressed) bytes read from the file, to show that a bomb is
/// refused before the whole entry is inflated.
struct Counting {
    inner: Cursor<Vec<u8>>,
    read: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Seek for Counting {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

// ---------------------------------------------------------------------------------------------
// The fuzz findings

#[test]
fn sst_unique_count_overflow_is_not_a_capacity() {
    // Panicked with "capacity overflow" (uniqueCount = u64::MAX) or aborted on a 100+ GB
    // allocation (4294967296): the claim is no longer a capacity, and the file reads.
    for name in [
        "xlsx-sst-uniqueCount-18446744073709551615.xlsx",
        "xlsx-sst-uniqueCount-4294967296.xlsx",
    ] {
        let bytes = fixture(name);
        let mut x = open_xlsx(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let sheet = first_sheet(&x);
        let cells = x.worksheet_sparse(&sheet).unwrap();
        assert_eq!(cells.len(), 406, "{name}");
        assert_eq!(cells[0].value, Data::String("园区名称".into()), "{name}");
        assert_row_major(&cells);
        let range = x.worksheet_range(&sheet).unwrap();
        assert_eq!(
            sparse_triples(&cells),
            non_empty_range_cells(&range),
            "{name}"
        );
    }
}

#[test]
fn fuzzed_sst_files_are_errors_not_panics() {
    // xlsx-a68757a0: uniqueCount = u64::MAX (capacity overflow panic) and an unclosed entity
    // reference in the shared strings; xlsx-a3604876: uniqueCount = 10^12 (abort) and an
    // invalid UTF-8 byte. Both are now plain XML errors when the workbook is opened.
    let bytes = fixture("xlsx-a68757a0.xlsx");
    assert!(
        matches!(open_xlsx(&bytes), Err(XlsxError::Xml(_))),
        "xlsx-a68757a0"
    );
    let bytes = fixture("xlsx-a3604876.xlsx");
    assert!(
        matches!(open_xlsx(&bytes), Err(XlsxError::Xml(_))),
        "xlsx-a3604876"
    );
    // The same through `Reader::new` (the generous default limits).
    assert!(Xlsx::new(Cursor::new(fixture("xlsx-a68757a0.xlsx"))).is_err());
    assert!(Xlsx::new(Cursor::new(fixture("xlsx-a3604876.xlsx"))).is_err());
}

#[test]
fn far_cells_read_sparsely_and_refuse_a_dense_range() {
    // One cell far away made worksheet_range allocate a rectangle of 4 GB to 550 GB.
    for (name, far_row) in [
        ("xlsx-cell-XFD1048576.xlsx", 1_048_575),
        ("xlsx-sparse-XFD100000.xlsx", 99_999),
        ("xlsx-sparse-XFD5000.xlsx", 4_999),
    ] {
        let bytes = fixture(name);
        let mut x = open_xlsx(&bytes).unwrap();
        let sheet = first_sheet(&x);
        let cells = x.worksheet_sparse(&sheet).unwrap();
        assert_eq!(
            cells.len(),
            407,
            "{name}: the sample's 406 cells and the far one"
        );
        assert_row_major(&cells);
        let last = cells.last().unwrap();
        assert_eq!((last.row, last.col), (far_row, 16_383), "{name}");
        assert_eq!(last.value, Data::Float(1.0), "{name}");
        match x.worksheet_range(&sheet) {
            Err(XlsxError::RangeTooLarge {
                sheet: s,
                cells,
                limit,
            }) => {
                assert_eq!(s, sheet);
                assert_eq!(cells, (far_row as u64 + 1) * 16_384, "{name}");
                assert_eq!(limit, 4_000_000);
            }
            other => panic!("{name}: {:?}", other.map(|r| r.get_size())),
        }
    }
}

#[test]
fn row_reference_past_the_sheet_is_an_error() {
    // xlsx-7c31c26c: a cell `r="A99999999999"` overflowed u32 (a wrapped, far position).
    let bytes = fixture("xlsx-7c31c26c.xlsx");
    let mut x = open_xlsx(&bytes).unwrap();
    let sheet = first_sheet(&x);
    match x.worksheet_sparse(&sheet) {
        Err(XlsxError::InvalidCellReference {
            sheet: s,
            reference,
        }) => {
            assert_eq!(s, sheet);
            assert_eq!(reference, "A99999999999");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        x.worksheet_range(&sheet),
        Err(XlsxError::InvalidCellReference { .. })
    ));
}

#[test]
fn decimal_overflow_files_read_normally() {
    // parkscore's own overflow (percent cell × 100); calamine must read them as they are.
    let bytes = fixture("xlsx-percent-cell-1e27.xlsx");
    let mut x = open_xlsx(&bytes).unwrap();
    let sheet = first_sheet(&x);
    let cells = x.worksheet_sparse(&sheet).unwrap();
    assert_eq!(cells.len(), 406);
    let pct: Vec<&SparseCell> = cells.iter().filter(|c| c.percent).collect();
    assert_eq!(pct.len(), 1, "the one cell with the 0.00% style");
    let range = x.worksheet_range(&sheet).unwrap();
    assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));

    let bytes = fixture("xlsx-b5523e1e.xlsx");
    let mut x = open_xlsx(&bytes).unwrap();
    let sheet = first_sheet(&x);
    let cells = x.worksheet_sparse(&sheet).unwrap();
    assert_eq!(cells.len(), 14);
    let e2 = cells.iter().find(|c| (c.row, c.col) == (1, 4)).unwrap();
    assert_eq!(e2.value, Data::Float(7.9e28));
    assert!(e2.percent);
    // s="999" is past the styles: not a percentage, not an error.
    let e3 = cells.iter().find(|c| (c.row, c.col) == (2, 4)).unwrap();
    assert_eq!(e3.value, Data::Float(-0.0125));
    let range = x.worksheet_range(&sheet).unwrap();
    assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));
}

// ---------------------------------------------------------------------------------------------
// Shared-string indexes and cell references

#[test]
fn shared_string_index_out_of_the_table_names_sheet_and_cell() {
    // -1 and 2^64 used to become index 0 (园区名称, silently); 999999 an error without a place.
    for bad in ["-1", "18446744073709551616", "999999", "2", "", "1.5", "x"] {
        let rows = format!(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>{bad}</v></c></row>"#
        );
        let bytes = make_xlsx(&[("数据", &rows)], Some(&["园区名称", "甲"]), None);
        let mut x = open_xlsx(&bytes).unwrap();
        let got = x.worksheet_sparse("数据");
        if bad.is_empty() {
            // An empty <v> is an empty cell, as before.
            assert_eq!(got.unwrap().len(), 2);
            continue;
        }
        match got {
            Err(XlsxError::SharedStringIndex { sheet, cell, index }) => {
                assert_eq!(
                    (sheet.as_str(), cell.as_str(), index.as_str()),
                    ("数据", "B2", bad)
                );
                let msg = XlsxError::SharedStringIndex { sheet, cell, index }.to_string();
                assert!(msg.contains("数据") && msg.contains("B2"), "{msg}");
            }
            other => panic!("{bad}: {other:?}"),
        }
        assert!(
            matches!(
                x.worksheet_range("数据"),
                Err(XlsxError::SharedStringIndex { .. })
            ),
            "{bad}"
        );
    }
}

#[test]
fn unparsable_cell_references_are_errors() {
    for bad in [
        "A",
        "1A",
        "ZZZZ1",
        "A0",
        "XFE1",
        "A1048577",
        "A-1",
        "AAAAAAAAAAAAAAAA1",
        "A99999999999999999999",
    ] {
        let rows = format!(r#"<row r="1"><c r="A1"><v>1</v></c><c r="{bad}"><v>2</v></c></row>"#);
        let bytes = make_xlsx(&[("S", &rows)], None, None);
        let mut x = open_xlsx(&bytes).unwrap();
        match x.worksheet_sparse("S") {
            Err(XlsxError::InvalidCellReference { sheet, reference }) => {
                assert_eq!((sheet.as_str(), reference.as_str()), ("S", bad));
            }
            other => panic!("{bad}: {other:?}"),
        }
        assert!(x.worksheet_range("S").is_err(), "{bad}");
    }
    // A row reference too.
    let bytes = make_xlsx(&[("S", r#"<row r="0"><c><v>1</v></c></row>"#)], None, None);
    let mut x = open_xlsx(&bytes).unwrap();
    assert!(matches!(
        x.worksheet_sparse("S"),
        Err(XlsxError::InvalidCellReference { .. })
    ));
    // The last cell of the sheet is fine.
    let bytes = make_xlsx(
        &[(
            "S",
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        )],
        None,
        None,
    );
    let mut x = open_xlsx(&bytes).unwrap();
    let cells = x.worksheet_sparse("S").unwrap();
    assert_eq!(cells.len(), 2, "a far cell costs one SparseCell");
    assert_eq!((cells[1].row, cells[1].col), (1_048_575, 16_383));
    // Cells without `r` run past XFD: an error, not a column 16384.
    let many: String = (0..16_385).map(|_| "<c><v>1</v></c>").collect();
    let bytes = make_xlsx(&[("S", &format!("<row>{many}</row>"))], None, None);
    let mut x = open_xlsx(&bytes).unwrap();
    assert!(matches!(
        x.worksheet_sparse("S"),
        Err(XlsxError::InvalidCellReference { .. })
    ));
}

#[test]
fn cells_without_references_and_string_kinds() {
    let rows = r#"<row><c t="inlineStr"><is><t>行内</t></is></c><c t="s"><v>1</v></c><c/><c t="str"><f>A1&amp;"x"</f><v>公式</v></c></row><row r="3"><c r="C3" t="b"><v>1</v></c><c r="A3"><v>2.5</v></c></row>"#;
    let bytes = make_xlsx(&[("S", rows)], Some(&["零", "一"]), None);
    let mut x = open_xlsx(&bytes).unwrap();
    let cells = x.worksheet_sparse("S").unwrap();
    assert_row_major(&cells);
    assert_eq!(
        sparse_triples(&cells),
        vec![
            (0, 0, Data::String("行内".into())),
            (0, 1, Data::String("一".into())),
            (0, 3, Data::String("公式".into())),
            (2, 0, Data::Float(2.5)),
            (2, 2, Data::Bool(true)),
        ]
    );
    let range = x.worksheet_range("S").unwrap();
    assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));
}

// ---------------------------------------------------------------------------------------------
// Limits

#[test]
fn more_than_max_cells_is_an_error() {
    let row: String = (1..=10)
        .map(|i| format!(r#"<c r="{}1"><v>{i}</v></c>"#, (b'A' + i as u8 - 1) as char))
        .collect();
    let rows = format!(r#"<row r="1">{row}</row><row r="2"><c r="A2"><v>11</v></c></row>"#);
    let bytes = make_xlsx(&[("S", &rows)], None, None);
    let limits = |n| ReadLimits {
        max_inflated_bytes: 1 << 20,
        max_cells: n,
    };
    let mut x = Xlsx::new_with_limits(Cursor::new(bytes.clone()), limits(11)).unwrap();
    assert_eq!(x.worksheet_sparse("S").unwrap().len(), 11);
    let mut x = Xlsx::new_with_limits(Cursor::new(bytes), limits(10)).unwrap();
    match x.worksheet_sparse("S") {
        Err(XlsxError::TooManyCells { sheet, limit }) => {
            assert_eq!((sheet.as_str(), limit), ("S", 10))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        x.worksheet_range("S"),
        Err(XlsxError::TooManyCells { .. })
    ));
}

#[test]
fn repeated_shared_string_cannot_multiply_memory() {
    // A 100 KB shared string used by 2,000 cells would be 200 MB of copies.
    let big = "字".repeat(100_000 / 3);
    let row: String = (0..2_000).map(|_| r#"<c t="s"><v>0</v></c>"#).collect();
    let rows: String = (0..1).map(|_| format!("<row>{row}</row>")).collect();
    let bytes = make_xlsx(&[("S", &rows)], Some(&[big.as_str()]), None);
    let limits = ReadLimits {
        max_inflated_bytes: 16 << 20,
        max_cells: 4_000_000,
    };
    let mut x = Xlsx::new_with_limits(Cursor::new(bytes), limits).unwrap();
    assert!(matches!(
        x.worksheet_sparse("S"),
        Err(XlsxError::TooLarge { limit }) if limit == 16 << 20
    ));
    assert!(matches!(
        x.worksheet_range("S"),
        Err(XlsxError::TooLarge { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Zip bombs: ~1 MB files inflating to ~1 GiB, made here.

const GIB: u64 = 1 << 30;

/// A zip whose part `bomb_part` is `head`, then `GIB` bytes of `fill`, then `tail`; the other
/// parts as given.
fn bomb(parts: &[(&str, Vec<u8>)], bomb_part: &str, head: &str, fill: u8, tail: &str) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    for (name, body) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.start_file(bomb_part, opts).unwrap();
    w.write_all(head.as_bytes()).unwrap();
    let chunk = vec![fill; 1 << 20];
    for _ in 0..(GIB >> 20) {
        w.write_all(&chunk).unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn bomb_workbook_parts(with_sheet: bool) -> Vec<(String, Vec<u8>)> {
    let mut parts = workbook_parts(&["S"]);
    if with_sheet {
        parts.push((
            "xl/worksheets/sheet1.xml".to_string(),
            sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        ));
    }
    parts
}

fn as_refs(parts: &[(String, Vec<u8>)]) -> Vec<(&str, Vec<u8>)> {
    parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect()
}

fn whitespace_bomb() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let parts = bomb_workbook_parts(false);
        bomb(
            &as_refs(&parts),
            "xl/worksheets/sheet1.xml",
            &format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#),
            b' ',
            r#"<row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>"#,
        )
    })
}

fn shared_string_bomb() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let parts = bomb_workbook_parts(true);
        bomb(
            &as_refs(&parts),
            "xl/sharedStrings.xml",
            &format!(r#"<?xml version="1.0"?><sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>"#),
            b'a',
            "</t></si></sst>",
        )
    })
}

fn inline_string_bomb() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let parts = bomb_workbook_parts(false);
        bomb(
            &as_refs(&parts),
            "xl/worksheets/sheet1.xml",
            &format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#),
            b'a',
            "</t></is></c></row></sheetData></worksheet>",
        )
    })
}

/// Opens `bytes` with `ReadLimits::for_file(len)` through a counting reader; returns the open
/// result and a counter of compressed bytes read so far.
fn open_counting(bytes: &[u8]) -> (Result<Xlsx<Counting>, XlsxError>, Arc<AtomicU64>) {
    let read = Arc::new(AtomicU64::new(0));
    let r = Counting {
        inner: Cursor::new(bytes.to_vec()),
        read: read.clone(),
    };
    (
        Xlsx::new_with_limits(r, ReadLimits::for_file(bytes.len())),
        read,
    )
}

fn assert_bomb_size(bytes: &[u8]) {
    // ~1 MB, as in the fuzz report (1.1 MB for 1.1 GiB).
    assert!(
        bytes.len() > 200_000 && bytes.len() < 3_000_000,
        "{}",
        bytes.len()
    );
}

#[test]
fn whitespace_between_rows_bomb_is_refused_early() {
    let bytes = whitespace_bomb();
    assert_bomb_size(bytes);
    let limit = ReadLimits::for_file(bytes.len()).max_inflated_bytes;
    let (x, read) = open_counting(bytes);
    let mut x = x.expect("the sheet is only read on demand");
    let err = x.worksheet_sparse("S").unwrap_err();
    // parkscore: refused by the inflation budget, or sooner by the 4 MiB run limit
    // (MAX_XML_RUN, budget.rs).
    assert!(
        matches!(err, XlsxError::TooLarge { limit: l } if l == limit || l == RUN),
        "{err:?}"
    );
    // Refused when the budget was crossed, not after inflating the whole entry: well under
    // half of the compressed entry was read.
    let read = read.load(Ordering::Relaxed);
    assert!(
        read < bytes.len() as u64 / 2,
        "read {read} of {}",
        bytes.len()
    );
    // The budget is for the whole workbook: later reads fail at once.
    assert!(matches!(
        x.worksheet_range("S"),
        Err(XlsxError::TooLarge { .. })
    ));
    // And the generous default of `Reader::new` refuses it too (1 GiB > 200 MiB).
    let mut x = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    assert!(matches!(
        x.worksheet_range("S"),
        Err(XlsxError::TooLarge { .. })
    ));
}

#[test]
fn huge_shared_string_bomb_is_refused_when_opened() {
    let bytes = shared_string_bomb();
    assert_bomb_size(bytes);
    let limit = ReadLimits::for_file(bytes.len()).max_inflated_bytes;
    let (x, read) = open_counting(bytes);
    match x {
        Err(XlsxError::TooLarge { limit: l }) => assert!(l == limit || l == RUN, "{l}"),
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("opened a shared-string bomb"),
    }
    assert!(read.load(Ordering::Relaxed) < bytes.len() as u64 / 2);
}

#[test]
fn huge_inline_string_bomb_is_refused() {
    let bytes = inline_string_bomb();
    assert_bomb_size(bytes);
    let (x, read) = open_counting(bytes);
    let mut x = x.unwrap();
    assert!(matches!(
        x.worksheet_sparse("S"),
        Err(XlsxError::TooLarge { .. })
    ));
    assert!(read.load(Ordering::Relaxed) < bytes.len() as u64 / 2);
}

#[test]
fn a_file_under_the_budget_reads_as_before() {
    // Whitespace that inflates to 7 MiB, under the 16 MiB minimum budget: read in full.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (n, b) in bomb_workbook_parts(false) {
        w.start_file(n, opts).unwrap();
        w.write_all(&b).unwrap();
    }
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    w.write_all(
        format!(r#"<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#)
            .as_bytes(),
    )
    .unwrap();
    // Under the budget and under the 4 MiB run limit (MAX_XML_RUN).
    w.write_all(&vec![b' '; 3 << 20]).unwrap();
    w.write_all(br#"<row r="2"><c r="B2"><v>2</v></c></row></sheetData></worksheet>"#)
        .unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let mut x = open_xlsx(&bytes).unwrap();
    let cells = x.worksheet_sparse("S").unwrap();
    assert_eq!(
        sparse_triples(&cells),
        vec![(0, 0, Data::Float(1.0)), (1, 1, Data::Float(2.0))]
    );
    // Budget per workbook: a second read of the sheet adds another 3 MiB, still under 16 MiB.
    let range = x.worksheet_range("S").unwrap();
    assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));
    // Four more reads (18 MiB in all) cross the 16 MiB budget.
    let results: Vec<bool> = (0..4)
        .map(|_| matches!(x.worksheet_sparse("S"), Err(XlsxError::TooLarge { .. })))
        .collect();
    assert_eq!(results, [false, false, false, true]);
}

// ---------------------------------------------------------------------------------------------
// Sheets that cannot be read; encrypted workbooks

#[test]
fn a_corrupt_sheet_fails_alone() {
    let mut parts = workbook_parts(&["好", "坏", "空"]);
    parts.push((
        "xl/worksheets/sheet1.xml".into(),
        sheet_xml(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
    ));
    parts.push((
        "xl/worksheets/sheet2.xml".into(),
        format!(
            r#"<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>"#
        )
        .into_bytes(),
    ));
    // sheet3.xml is missing from the package.
    let bytes = zip_parts(&as_refs(&parts));
    let mut x = open_xlsx(&bytes).expect("one sheet's content must not stop the workbook");
    assert_eq!(x.sheet_names(), vec!["好", "坏", "空"]);
    assert!(x.worksheet_sparse("坏").is_err());
    assert!(x.worksheet_range("坏").is_err());
    assert!(matches!(
        x.worksheet_sparse("空"),
        Err(XlsxError::WorksheetNotFound(_))
    ));
    assert_eq!(x.worksheet_sparse("好").unwrap().len(), 1);
    assert_eq!(x.worksheet_range("好").unwrap().used_cells().count(), 1);
}

#[test]
fn encrypted_xlsx_is_password() {
    let bytes = fixture("intact/encrypted-xlsx-shell.xlsx");
    assert!(matches!(open_xlsx(&bytes), Err(XlsxError::Password)));
    assert!(matches!(
        Xlsx::new(Cursor::new(bytes)),
        Err(XlsxError::Password)
    ));
}

// ---------------------------------------------------------------------------------------------
// Intact files: sparse == range, percent flags == worksheet_style

#[test]
fn intact_fixtures_sparse_equals_range() {
    for name in [
        "sample-2020.xlsx",
        "percent.xlsx",
        "title-merged.xlsx",
        "two-sheets.xlsx",
        "raw-figures.xlsx",
    ] {
        let bytes = fixture(&format!("intact/{name}"));
        for mut x in [
            open_xlsx(&bytes).unwrap(),
            Xlsx::new(Cursor::new(bytes.clone())).unwrap(),
        ] {
            let mut total = 0;
            for sheet in x.sheet_names() {
                let cells = x.worksheet_sparse(&sheet).unwrap();
                assert_row_major(&cells);
                let range = x.worksheet_range(&sheet).unwrap();
                assert_eq!(
                    sparse_triples(&cells),
                    non_empty_range_cells(&range),
                    "{name}/{sheet}"
                );
                total += cells.len();
            }
            assert!(total > 0, "{name}");
        }
    }
}

fn style_percent(styles: &calamine::StyleRange, pos: (u32, u32)) -> bool {
    styles
        .get(pos)
        .and_then(|s| s.number_format.as_ref())
        .is_some_and(|nf| {
            // The rule of parkscore's import::workbook::is_percent_format.
            if matches!(nf.format_id, Some(9) | Some(10)) {
                return true;
            }
            let (mut quoted, mut escaped) = (false, false);
            for c in nf.format_code.chars() {
                if escaped {
                    escaped = false;
                    continue;
                }
                match c {
                    '\\' => escaped = true,
                    '"' => quoted = !quoted,
                    '%' if !quoted => return true,
                    _ => {}
                }
            }
            false
        })
}

#[test]
fn percent_flags_agree_with_worksheet_style() {
    for name in [
        "percent.xlsx",
        "two-sheets.xlsx",
        "sample-2020.xlsx",
        "raw-figures.xlsx",
    ] {
        let bytes = fixture(&format!("intact/{name}"));
        let mut x = open_xlsx(&bytes).unwrap();
        for sheet in x.sheet_names() {
            let cells = x.worksheet_sparse(&sheet).unwrap();
            let styles = x.worksheet_style(&sheet).unwrap();
            for c in &cells {
                assert_eq!(
                    c.percent,
                    style_percent(&styles, (c.row, c.col)),
                    "{name}/{sheet} {c:?}"
                );
            }
        }
    }
    // percent.xlsx: the 6 percentage cells of its % columns.
    let bytes = fixture("intact/percent.xlsx");
    let mut x = open_xlsx(&bytes).unwrap();
    let cells = x.worksheet_sparse("percent").unwrap();
    let pct: Vec<(u32, u32)> = cells
        .iter()
        .filter(|c| c.percent)
        .map(|c| (c.row, c.col))
        .collect();
    assert_eq!(pct.len(), 6, "{pct:?}");
    assert!(cells
        .iter()
        .filter(|c| c.percent)
        .all(|c| matches!(c.value, Data::Float(_))));
}

#[test]
fn percent_format_rule() {
    // Custom codes: % outside quotes and not escaped.
    let styles = |code: &str| {
        format!(
            r#"<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="170" formatCode="{code}"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="9"/><xf numFmtId="10"/></cellXfs></styleSheet>"#
        )
    };
    let rows = r#"<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="3"><v>0.5</v></c><c r="D1"><v>0.5</v></c><c r="E1" s="0"><v>0.5</v></c></row>"#;
    for (code, pct) in [
        ("0.0%", true),
        ("&quot;%&quot;0", false),
        ("0\\%", false),
        ("0.00&quot;%&quot;%", true),
        ("General", false),
    ] {
        let bytes = make_xlsx(&[("S", rows)], None, Some(&styles(code)));
        let mut x = open_xlsx(&bytes).unwrap();
        let cells = x.worksheet_sparse("S").unwrap();
        let flags: Vec<bool> = cells.iter().map(|c| c.percent).collect();
        assert_eq!(flags, vec![pct, true, true, false, false], "{code}");
    }
}

// ---------------------------------------------------------------------------------------------
// .ods

fn open_ods(bytes: &[u8]) -> Result<Ods<Cursor<Vec<u8>>>, OdsError> {
    Ods::new_with_limits(
        Cursor::new(bytes.to_vec()),
        ReadLimits::for_file(bytes.len()),
    )
}

#[test]
fn ods_fixtures_sparse_equals_range_and_percent() {
    for name in ["percent", "two-sheets", "sample-2020"] {
        let ods_bytes = fixture(&format!("intact/{name}.ods"));
        let xlsx_bytes = fixture(&format!("intact/{name}.xlsx"));
        let mut o = open_ods(&ods_bytes).unwrap();
        let mut x = open_xlsx(&xlsx_bytes).unwrap();
        for sheet in x.sheet_names() {
            let cells = o.worksheet_sparse(&sheet).unwrap();
            assert_row_major(&cells);
            let range = o.worksheet_range(&sheet).unwrap();
            assert_eq!(
                sparse_triples(&cells),
                non_empty_range_cells(&range),
                "{name}/{sheet}"
            );
            // LibreOffice's conversion keeps the cells and the percent styles.
            let xcells = x.worksheet_sparse(&sheet).unwrap();
            let pos = |c: &[SparseCell]| {
                c.iter()
                    .map(|c| (c.row, c.col, c.percent))
                    .collect::<Vec<_>>()
            };
            assert_eq!(pos(&cells), pos(&xcells), "{name}/{sheet}");
        }
    }
    let mut o = open_ods(&fixture("intact/percent.ods")).unwrap();
    assert_eq!(
        o.worksheet_sparse("percent")
            .unwrap()
            .iter()
            .filter(|c| c.percent)
            .count(),
        6
    );
}

const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

fn make_ods(table_body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(ODS_MIME.as_bytes()).unwrap();
    w.start_file("META-INF/manifest.xml", deflated).unwrap();
    w.write_all(br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#).unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn ods_repeats_count_against_max_cells_and_empty_repeats_are_free() {
    let limits = |n| ReadLimits {
        max_inflated_bytes: 1 << 20,
        max_cells: n,
    };
    // 1,048,576 empty rows of 16,384 empty columns, then one cell: cost one cell.
    let body = r#"<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="7"/></table:table-row>"#;
    let bytes = make_ods(body);
    let mut o = Ods::new_with_limits(Cursor::new(bytes), limits(1)).unwrap();
    let cells = o.worksheet_sparse("S").unwrap();
    assert_eq!(
        sparse_triples(&cells),
        vec![(1_048_575, 16_383, Data::Float(7.0))]
    );
    // 3 rows × 4 repeated non-empty cells = 12 cells, percentages flagged.
    let body = r#"<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="percentage" office:value="0.25" table:number-columns-repeated="4"/></table:table-row>"#;
    let bytes = make_ods(body);
    let mut o = Ods::new_with_limits(Cursor::new(bytes.clone()), limits(12)).unwrap();
    let cells = o.worksheet_sparse("S").unwrap();
    assert_eq!(cells.len(), 12);
    assert_row_major(&cells);
    assert!(cells
        .iter()
        .all(|c| c.percent && c.value == Data::Float(0.25)));
    let range = o.worksheet_range("S").unwrap();
    assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));
    let mut o = Ods::new_with_limits(Cursor::new(bytes), limits(11)).unwrap();
    assert!(matches!(
        o.worksheet_sparse("S"),
        Err(OdsError::TooManyCells { ref sheet, limit: 11 }) if sheet == "S"
    ));
    assert!(matches!(
        o.worksheet_range("S"),
        Err(OdsError::TooManyCells { .. })
    ));
    // A cell repeated over the whole sheet (17 billion cells from 150 bytes): refused, quickly.
    let body = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    let mut o = open_ods(&make_ods(body)).unwrap();
    assert!(matches!(
        o.worksheet_sparse("S"),
        Err(OdsError::TooManyCells { .. })
    ));
    assert!(o.worksheets().is_empty());
}

#[test]
fn ods_hostile_content() {
    // Two far cells: a dense range would be 17 billion cells.
    let body = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row>"#;
    let mut o = open_ods(&make_ods(body)).unwrap();
    assert_eq!(o.worksheet_sparse("S").unwrap().len(), 2);
    assert!(matches!(
        o.worksheet_range("S"),
        Err(OdsError::RangeTooLarge {
            cells: 17_179_869_184,
            ..
        })
    ));
    // 4 billion spaces from `text:s`: the inflation budget.
    let body = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>b</text:p></table:table-cell></table:table-row>"#;
    assert!(matches!(
        open_ods(&make_ods(body)),
        Err(OdsError::TooLarge { .. })
    ));
    // A string repeated in every cell of 100,000 rows: more text than the budget.
    let long = "长".repeat(2_000);
    let body = format!(
        r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="string" office:string-value="{long}" table:number-columns-repeated="3"/></table:table-row>"#
    );
    let mut o = open_ods(&make_ods(&body)).unwrap();
    assert!(matches!(
        o.worksheet_sparse("S"),
        Err(OdsError::TooLarge { .. })
    ));
    // Truncated content (an end of file inside a table or an annotation) looped forever.
    for body in [
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x"#,
    ] {
        let content_cut = make_ods_truncated(body);
        assert!(open_ods(&content_cut).is_err());
    }
    // Repeats that do not parse.
    let body =
        r#"<table:table-row table:number-rows-repeated="-1"><table:table-cell/></table:table-row>"#;
    assert!(open_ods(&make_ods(body)).is_err());
    let body = r#"<table:table-row><table:table-cell table:number-columns-repeated="99999999999999999999999"/></table:table-row>"#;
    assert!(open_ods(&make_ods(body)).is_err());
}

/// An ods whose content.xml stops inside the first table (no closing tags).
fn make_ods_truncated(table_body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">{table_body}"#
    );
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(ODS_MIME.as_bytes()).unwrap();
    w.start_file("META-INF/manifest.xml", stored).unwrap();
    w.write_all(br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"></manifest:manifest>"#).unwrap();
    w.start_file("content.xml", stored).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn ods_bomb_is_refused() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(ODS_MIME.as_bytes()).unwrap();
    w.start_file("META-INF/manifest.xml", stored).unwrap();
    w.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"></manifest:manifest>"#).unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(br#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="S">"#).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..256 {
        w.write_all(&chunk).unwrap();
    }
    w.write_all(b"</table:table></office:spreadsheet></office:body></office:document-content>")
        .unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let limit = ReadLimits::for_file(bytes.len()).max_inflated_bytes;
    assert!(limit < 256 << 20);
    assert!(matches!(
        open_ods(&bytes),
        Err(OdsError::TooLarge { limit: l }) if l == limit || l == RUN
    ));
}

// ---------------------------------------------------------------------------------------------
// .xlsb, built record by record (LibreOffice cannot write .xlsb)

fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(body);
    out
}

fn wstr(s: &str) -> Vec<u8> {
    let u: Vec<u16> = s.encode_utf16().collect();
    let mut out = (u.len() as u32).to_le_bytes().to_vec();
    for c in u {
        out.extend_from_slice(&c.to_le_bytes());
    }
    out
}

/// A cell record body: column, style (24 bits) and flags, then `value`.
fn cell(col: u32, style: u32, value: &[u8]) -> Vec<u8> {
    let mut b = col.to_le_bytes().to_vec();
    b.extend_from_slice(&style.to_le_bytes()[..3]);
    b.push(0);
    b.extend_from_slice(value);
    b
}

fn row_hdr(row: u32) -> Vec<u8> {
    let mut b = row.to_le_bytes().to_vec();
    b.extend_from_slice(&[0u8; 13]);
    rec(0x0000, &b)
}

/// An .xlsb with one sheet "S" whose sheet data records are `sheet_data`, shared strings
/// `sst`, and a custom `0.0%` format (id 170) for xf 1 and built-in 10 for xf 2.
fn make_xlsb(sheet_data: &[u8], sst: &[&str]) -> Vec<u8> {
    let mut wb = Vec::new();
    wb.extend(rec(0x0083, &[])); // BrtBeginBook
    let mut sh = Vec::new();
    sh.extend_from_slice(&0u32.to_le_bytes()); // hsState
    sh.extend_from_slice(&1u32.to_le_bytes()); // iTabID
    sh.extend(wstr("rId1"));
    sh.extend(wstr("S"));
    wb.extend(rec(0x009C, &sh)); // BrtBundleSh
    wb.extend(rec(0x0090, &[])); // BrtEndBundleShs
    wb.extend(rec(0x009D, &[0u8; 4])); // BrtCalcProp
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;

    let mut st = Vec::new();
    st.extend(rec(0x0116, &[])); // BrtBeginStyleSheet
    st.extend(rec(0x0267, &1u32.to_le_bytes())); // BrtBeginFmts
    let mut fmt = 170u16.to_le_bytes().to_vec();
    fmt.extend(wstr("0.0%"));
    st.extend(rec(0x002C, &fmt)); // BrtFmt
    st.extend(rec(0x0268, &[])); // BrtEndFmts
    st.extend(rec(0x0269, &3u32.to_le_bytes())); // BrtBeginCellXFs
    for id in [0u16, 170, 10] {
        let mut xf = 0u16.to_le_bytes().to_vec();
        xf.extend_from_slice(&id.to_le_bytes());
        xf.extend_from_slice(&[0u8; 12]);
        st.extend(rec(0x002F, &xf)); // BrtXF
    }
    st.extend(rec(0x026A, &[])); // BrtEndCellXFs

    let mut ss = Vec::new();
    let mut begin = (sst.len() as u32).to_le_bytes().to_vec();
    begin.extend_from_slice(&(sst.len() as u32).to_le_bytes());
    ss.extend(rec(0x009F, &begin)); // BrtBeginSst
    for s in sst {
        let mut item = vec![0u8];
        item.extend(wstr(s));
        ss.extend(rec(0x0013, &item)); // BrtSSTItem
    }
    ss.extend(rec(0x00A0, &[])); // BrtEndSst

    let mut ws = Vec::new();
    ws.extend(rec(0x0081, &[])); // BrtBeginSheet
    ws.extend(rec(0x0094, &[0u8; 16])); // BrtWsDim
    ws.extend(rec(0x0091, &[])); // BrtBeginSheetData
    ws.extend_from_slice(sheet_data);
    ws.extend(rec(0x0092, &[])); // BrtEndSheetData
    ws.extend(rec(0x0082, &[])); // BrtEndSheet

    zip_parts(&[
        ("xl/workbook.bin", wb),
        ("xl/_rels/workbook.bin.rels", rels.as_bytes().to_vec()),
        ("xl/styles.bin", st),
        ("xl/sharedStrings.bin", ss),
        ("xl/worksheets/sheet1.bin", ws),
    ])
}

fn open_xlsb(bytes: &[u8]) -> Result<Xlsb<Cursor<Vec<u8>>>, XlsbError> {
    Xlsb::new_with_limits(
        Cursor::new(bytes.to_vec()),
        ReadLimits::for_file(bytes.len()),
    )
}

fn xlsb_sample_data() -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row_hdr(0));
    d.extend(rec(0x0007, &cell(0, 0, &0u32.to_le_bytes()))); // BrtCellIsst "园区"
    d.extend(rec(0x0006, &cell(1, 0, &wstr("行内")))); // BrtCellSt
    d.extend(row_hdr(1));
    d.extend(rec(0x0005, &cell(0, 1, &0.125f64.to_le_bytes()))); // BrtCellReal, 0.0%
    d.extend(rec(0x0005, &cell(1, 2, &0.5f64.to_le_bytes()))); // built-in 10
    d.extend(rec(0x0005, &cell(2, 0, &3.0f64.to_le_bytes())));
    d.extend(rec(0x0001, &cell(3, 0, &[]))); // BrtCellBlank
    d
}

#[test]
fn xlsb_sparse_equals_range_with_percent() {
    let bytes = make_xlsb(&xlsb_sample_data(), &["园区"]);
    for mut x in [
        open_xlsb(&bytes).unwrap(),
        Xlsb::new(Cursor::new(bytes.clone())).unwrap(),
    ] {
        let cells = x.worksheet_sparse("S").unwrap();
        assert_row_major(&cells);
        assert_eq!(
            cells
                .iter()
                .map(|c| (c.row, c.col, c.value.clone(), c.percent))
                .collect::<Vec<_>>(),
            vec![
                (0, 0, Data::String("园区".into()), false),
                (0, 1, Data::String("行内".into()), false),
                (1, 0, Data::Float(0.125), true),
                (1, 1, Data::Float(0.5), true),
                (1, 2, Data::Float(3.0), false),
            ]
        );
        let range = x.worksheet_range("S").unwrap();
        assert_eq!(sparse_triples(&cells), non_empty_range_cells(&range));
    }
}

#[test]
fn xlsb_hostile_records() {
    // A shared string index outside the table panicked (`strings[isst]`).
    let mut d = row_hdr(4);
    d.extend(rec(0x0007, &cell(2, 0, &7u32.to_le_bytes())));
    let mut x = open_xlsb(&make_xlsb(&d, &["a"])).unwrap();
    match x.worksheet_sparse("S") {
        Err(XlsbError::SharedStringIndex { sheet, cell, index }) => {
            assert_eq!((sheet.as_str(), cell.as_str(), index), ("S", "C5", 7))
        }
        other => panic!("{other:?}"),
    }
    // Records shorter than their type needs panicked or read stale bytes.
    for (typ, body) in [
        (0x0005u16, cell(0, 0, &[1, 2, 3])),
        (0x0007, cell(0, 0, &[0])),
        (0x0002, vec![0, 0, 0]),
        (0x0003, cell(0, 0, &[])),
        (0x0006, cell(0, 0, &[9, 0, 0, 0, b'a'])),
        (0x0000, vec![1]),
    ] {
        let mut d = row_hdr(0);
        d.extend(rec(0x0005, &cell(0, 0, &1.0f64.to_le_bytes())));
        d.extend(rec(typ, &body));
        let mut x = open_xlsb(&make_xlsb(&d, &["a"])).unwrap();
        assert!(x.worksheet_sparse("S").is_err(), "{typ:X}");
        assert!(x.worksheet_range("S").is_err(), "{typ:X}");
    }
    // A row past 1048576 silently ended the sheet; a column past XFD was taken as is.
    for d in [
        [
            row_hdr(0),
            rec(0x0005, &cell(0, 0, &1.0f64.to_le_bytes())),
            row_hdr(2_000_000),
        ]
        .concat(),
        [
            row_hdr(0),
            rec(0x0005, &cell(16_384, 0, &1.0f64.to_le_bytes())),
        ]
        .concat(),
    ] {
        let mut x = open_xlsb(&make_xlsb(&d, &[])).unwrap();
        assert!(matches!(
            x.worksheet_sparse("S"),
            Err(XlsbError::InvalidCellReference { .. })
        ));
    }
    // A far cell: two sparse cells, no dense range.
    let d = [
        row_hdr(0),
        rec(0x0005, &cell(0, 0, &1.0f64.to_le_bytes())),
        row_hdr(1_048_575),
        rec(0x0005, &cell(16_383, 0, &2.0f64.to_le_bytes())),
    ]
    .concat();
    let mut x = open_xlsb(&make_xlsb(&d, &[])).unwrap();
    assert_eq!(x.worksheet_sparse("S").unwrap().len(), 2);
    assert!(matches!(
        x.worksheet_range("S"),
        Err(XlsbError::RangeTooLarge { .. })
    ));
    // A record claiming 256 MiB in a few bytes: no allocation, an error.
    let mut d = row_hdr(0);
    d.extend_from_slice(&[0x05, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
    let mut x = open_xlsb(&make_xlsb(&d, &[])).unwrap();
    assert!(x.worksheet_sparse("S").is_err());
}

/// Every single-byte change of every part of a small .xlsb, and of a small .xlsx's sheet:
/// an `Ok` or an `Err`, never a panic (a deterministic sweep, not a fuzzer).
#[test]
fn single_byte_mutations_never_panic() {
    let base = make_xlsb(&xlsb_sample_data(), &["园区"]);
    let mut archive = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        parts.push((f.name().unwrap().to_string(), b));
    }
    let mut tried = 0;
    for p in 0..parts.len() {
        if parts[p].0.ends_with(".rels") {
            continue;
        }
        for i in 0..parts[p].1.len() {
            for v in [0x00u8, 0xFF, 0x80, 0x7F] {
                let mut mutated = parts.clone();
                if mutated[p].1[i] == v {
                    continue;
                }
                mutated[p].1[i] = v;
                let bytes = zip_parts(&as_refs(&mutated));
                tried += 1;
                if let Ok(mut x) = open_xlsb(&bytes) {
                    for s in x.sheet_names() {
                        let _ = x.worksheet_sparse(&s);
                        let _ = x.worksheet_range(&s);
                        let _ = x.worksheet_formula(&s);
                    }
                }
            }
        }
    }
    assert!(tried > 500, "{tried}");
}
