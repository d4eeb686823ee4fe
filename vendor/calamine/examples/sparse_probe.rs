//! parkscore: reads every sheet of the .xlsx files given with `worksheet_sparse`, fast reader
//! on and off, and prints the time, the fast reader's outcome and whether the cells agree.
//!
//!     cargo run --release --example sparse_probe -- FILE.xlsx…
use calamine::{ReadLimits, Reader, Xlsx};
use std::io::Cursor;
use std::time::Instant;

fn main() {
    let fast_only = std::env::var_os("FAST_ONLY").is_some();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let open = || {
            Xlsx::new_with_limits(
                Cursor::new(bytes.clone()),
                ReadLimits::for_file(bytes.len()),
            )
        };
        let mut fast = match open() {
            Ok(x) => x,
            Err(e) => {
                println!("{path}: not opened: {e}");
                continue;
            }
        };
        let mut slow = Xlsx::new_with_limits_quick_xml_only(
            Cursor::new(bytes.clone()),
            ReadLimits::for_file(bytes.len()),
        )
        .expect("opens twice");
        for name in fast.sheet_names() {
            let t = Instant::now();
            let a = fast.worksheet_sparse(&name);
            let t_fast = t.elapsed();
            if fast_only {
                println!(
                    "{path} [{name}]: fast {t_fast:?} ({:?})",
                    fast.fast_sheet_outcome()
                );
                continue;
            }
            let t = Instant::now();
            let b = slow.worksheet_sparse(&name);
            let t_slow = t.elapsed();
            let same = match (&a, &b) {
                (Ok(a), Ok(b)) => a == b,
                (Err(a), Err(b)) => a.to_string() == b.to_string(),
                _ => false,
            };
            println!(
                "{path} [{name}]: fast {t_fast:?} ({:?}), slow {t_slow:?}, {} cells, same: {same}",
                fast.fast_sheet_outcome(),
                a.as_ref().map(|c| c.len()).unwrap_or(0)
            );
        }
    }
}
