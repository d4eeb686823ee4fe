//! The whole CLI path on a `.csv` file: `import::read` → `import::validate` → `evaluate` →
//! JSON export, with the built-in scheme (see `parkscore_fuzz::score_file`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parkscore_fuzz::score_file(data, "f.csv"));
