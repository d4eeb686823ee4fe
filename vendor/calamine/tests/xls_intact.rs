//! parkscore: intact .xls fixtures read exactly as calamine 0.38.0 read them before the
//! hardening patches. The golden dumps in tests/data/xls/*.range.txt were written by the
//! unpatched crate (run with `PARKSCORE_WRITE_GOLDEN=1` to rewrite them).

use std::fmt::Write;

use calamine::{Data, Reader, Xls};

fn dump_ranges(file: &str) -> String {
    let path = format!("{}/tests/data/xls/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut xls: Xls<_> = calamine::open_workbook(&path).expect("open");
    let mut out = String::new();
    for name in xls.sheet_names() {
        let range = xls.worksheet_range(&name).expect("range");
        writeln!(out, "sheet {name:?} start {:?} end {:?}", range.start(), range.end()).unwrap();
        for (row, col, value) in range.cells() {
            writeln!(out, "  ({row}, {col}) {value:?}").unwrap();
        }
        let formula = xls.worksheet_formula(&name).expect("formula");
        for (row, col, f) in formula.used_cells() {
            writeln!(out, "  formula ({row}, {col}) {f:?}").unwrap();
        }
    }
    out
}

fn check_golden(file: &str) {
    let got = dump_ranges(file);
    let golden = format!(
        "{}/tests/data/xls/{file}.range.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("PARKSCORE_WRITE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("golden file");
    assert_eq!(got, want, "{file}: worksheet_range differs from the unpatched calamine");
    // The dump is not trivially empty.
    assert!(got.lines().filter(|l| !l.contains("Empty")).count() > 10);
    let _ = Data::Empty;
}

#[test]
fn sample_2020_reads_as_before() {
    check_golden("sample-2020.xls");
}

#[test]
fn two_sheets_reads_as_before() {
    check_golden("two-sheets.xls");
}

/// `worksheet_sparse` gives exactly the non-empty cells of `worksheet_range`, in row then
/// column order.
#[test]
fn sparse_matches_range() {
    for file in ["sample-2020.xls", "two-sheets.xls", "percent.xls"] {
        let path = format!("{}/tests/data/xls/{file}", env!("CARGO_MANIFEST_DIR"));
        let mut xls: Xls<_> = calamine::open_workbook(&path).expect("open");
        for name in xls.sheet_names() {
            let range = xls.worksheet_range(&name).unwrap();
            let from_range: Vec<_> = range
                .used_cells()
                .map(|(r, c, v)| {
                    let (r0, c0) = range.start().unwrap();
                    (r as u32 + r0, c as u32 + c0, v.clone())
                })
                .collect();
            let sparse: Vec<_> = xls
                .worksheet_sparse(&name)
                .unwrap()
                .into_iter()
                .map(|c| (c.row, c.col, c.value))
                .collect();
            assert!(!sparse.is_empty(), "{file} {name}");
            assert_eq!(sparse, from_range, "{file} {name}");
        }
    }
}

/// Percent formats in a real .xls written by xlwt (tests/data/xls/make_percent_xls.py; xlwt
/// writes a number as an RK record when it fits one, else as a Number record).
#[test]
fn percent_xls_flags() {
    let path = format!("{}/tests/data/xls/percent.xls", env!("CARGO_MANIFEST_DIR"));
    let mut xls: Xls<_> = calamine::open_workbook(&path).expect("open");
    let cells = xls.worksheet_sparse("百分比").unwrap();
    let col_b: Vec<_> = cells
        .iter()
        .filter(|c| c.col == 1)
        .map(|c| (c.row, c.value.clone(), c.percent))
        .collect();
    assert_eq!(
        col_b,
        vec![
            (0, Data::Float(0.125), true),          // 0.00% (built-in 10)
            (1, Data::Float(0.5), true),            // 0% (built-in 9)
            (2, Data::Float(0.034), true),          // custom 0.0%
            (3, Data::Float(12.5), false),          // 0.00"%": quoted
            (4, Data::Float(12.3), false),          // General
            (5, Data::Int(7), false),               // General, an integer
            (6, Data::Int(3), true),                // 0.00%, an integer
            (7, Data::String(String::new()), false), // xlwt's formula: no cached number
            (8, Data::Float(4.5), false),           // 0.00\%: escaped
            (9, Data::String("文字".into()), false), // text in a percent cell
        ]
    );
    // the labels in column A are never percent
    assert!(cells.iter().filter(|c| c.col == 0).all(|c| !c.percent));
    assert_eq!(xls.worksheet_sparse("other").unwrap().len(), 2);
}
