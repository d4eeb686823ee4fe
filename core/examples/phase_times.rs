//! Prints how long each phase takes on one input file: read, validate, evaluate.
//!
//!     cargo run --release -p parkscore --example phase_times -- FILE
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: phase_times FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let scheme = parkscore::Scheme::chifeng_2020();
    let t = Instant::now();
    let table = parkscore::import::read(&bytes, &path, None, &parkscore::Scheme::chifeng_2020())
        .expect("a table");
    let t_read = t.elapsed();
    let t = Instant::now();
    // As the bench runs it: the generated parks are not the scheme's 14 units.
    let options = parkscore::import::ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        ..Default::default()
    };
    let validated = parkscore::import::validate_with(&table, &scheme, &options);
    let t_validate = t.elapsed();
    let t = Instant::now();
    let evaluation = parkscore::evaluate(&scheme, &validated.dataset, &Default::default());
    let t_eval = t.elapsed();
    println!(
        "{path}: {} rows; read {t_read:?}, validate {t_validate:?}, evaluate {t_eval:?} ({} parks ranked)",
        table.rows.len(),
        evaluation.map(|e| e.parks.len()).unwrap_or(0)
    );
}
