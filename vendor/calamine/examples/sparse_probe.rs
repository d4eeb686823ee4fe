//! parkscore: reads every sheet of the .xlsx files given with `worksheet_sparse`, the fast
//! reader on (`Xlsx::new_with_limits`) and off (`Xlsx::new_with_limits_quick_xml_only`), and
//! prints the time, the fast reader's outcome and whether the cells (or errors) and the bytes
//! inflated agree. `FAST_ONLY=1` reads with the fast reader only; `QUIET=1` prints only the
//! files where the two disagree.
//!
//!     cargo run --release --example sparse_probe -- FILE.xlsx…
use calamine::{ReadLimits, Reader, Xlsx};
use std::io::Cursor;
use std::time::Instant;

fn main() {
    let fast_only = std::env::var_os("FAST_ONLY").is_some();
    let quiet = std::env::var_os("QUIET").is_some();
    let (mut files, mut disagree) = (0, 0);
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let limits = ReadLimits::for_file(bytes.len());
        files += 1;
        let fast = Xlsx::new_with_limits(Cursor::new(bytes.clone()), limits);
        let slow = Xlsx::new_with_limits_quick_xml_only(Cursor::new(bytes.clone()), limits);
        let (mut fast, mut slow) = match (fast, slow) {
            (Ok(f), Ok(s)) => (f, s),
            (Err(a), Err(b)) => {
                let same = format!("{a:?}") == format!("{b:?}");
                if !same {
                    disagree += 1;
                }
                if !quiet || !same {
                    println!("{path}: not opened: {a} (same either way: {same})");
                }
                continue;
            }
            (a, b) => {
                disagree += 1;
                println!("{path}: opens one way only: {:?} / {:?}", a.err(), b.err());
                continue;
            }
        };
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
            let same = format!("{a:?}") == format!("{b:?}")
                && fast.inflated_bytes() == slow.inflated_bytes();
            if !same {
                disagree += 1;
            }
            if !quiet || !same {
                println!(
                    "{path} [{name}]: fast {t_fast:?} ({:?}), slow {t_slow:?}, {} cells, same: {same}",
                    fast.fast_sheet_outcome(),
                    a.as_ref().map(|c| c.len()).unwrap_or(0)
                );
            }
        }
    }
    eprintln!("{files} files, {disagree} disagreements");
}
