//! Prints how long each phase takes on one input file — read, validate, evaluate (the values
//! read into columns, the file and the table freed first, as the worker runs it) — and the
//! memory it holds: the peak of the bytes allocated at once during the phase and what stays
//! allocated after it (a counting allocator; the worker's wasm memory grows to about the
//! largest peak).
//!
//!     cargo run --release -p parkscore --example phase_times -- FILE
#[path = "common/counting.rs"]
mod counting;

use counting::{memory, Counting};
use std::time::Instant;

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let path = std::env::args().nth(1).expect("usage: phase_times FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let scheme = parkscore::Scheme::chifeng_2020();
    let m_file = memory();
    let t = Instant::now();
    let table = parkscore::import::read(&bytes, &path, None, &parkscore::Scheme::chifeng_2020())
        .expect("a table");
    let t_read = t.elapsed();
    let m_read = memory();
    let t = Instant::now();
    // As the bench runs it: the generated parks are not the scheme's 14 units.
    let options = parkscore::import::ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        ..Default::default()
    };
    // The worker's and the CLI's road for one file: the values read into columns.
    let (validated, values) = parkscore::import::validate_columnar(&table, &scheme, &options);
    let t_validate = t.elapsed();
    let m_validate = memory();
    // As the worker and the CLI run it: the file and the table gone, the dataset given away.
    let rows = table.rows.len();
    drop((bytes, table));
    let issues = validated.issues.len();
    let m_freed = memory();
    let t = Instant::now();
    let evaluation =
        parkscore::evaluate_columnar(&scheme, validated.dataset, values, &Default::default());
    let t_eval = t.elapsed();
    let m_eval = memory();
    println!(
        "{path}: {rows} rows; read {t_read:?}, validate {t_validate:?}, evaluate {t_eval:?} ({} parks ranked)",
        evaluation.as_ref().map(|e| e.parks.len()).unwrap_or(0)
    );
    println!(
        "memory: file {m_file}; read {m_read}; validate {m_validate}; file and table freed: {m_freed}; evaluate {m_eval}; {issues} issues"
    );
}
