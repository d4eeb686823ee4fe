//! Helpers shared by the import test binaries (`mod common;` in each).

use parkscore::IndicatorId;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The bytes of `tests/data/import/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A decimal written out.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// An indicator id.
pub fn id(s: &str) -> IndicatorId {
    IndicatorId::from(s)
}
