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
