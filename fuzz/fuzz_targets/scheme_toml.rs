//! The scheme loader (`Scheme::from_toml`: TOML syntax, the file's shape, `Scheme::validate`),
//! then what `parkscore score --scheme FILE` does with an accepted scheme.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parkscore_fuzz::scheme_toml(data));
