use calamine::{Reader, Xls};
#[test]
fn probe() {
    let dir = format!("{}/tests/data/xls", env!("CARGO_MANIFEST_DIR"));
    let mut x: Xls<_> = calamine::open_workbook(format!("{dir}/percent.xls")).unwrap();
    for s in x.sheet_names() {
        for c in x.worksheet_sparse(&s).unwrap() { println!("{s} {c:?}"); }
    }
}
