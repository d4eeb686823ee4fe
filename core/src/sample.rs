//! The built-in sample: a fictional dataset (示例数据，非真实统计) for the 14 evaluated units.
//!
//! CONTRACT: [`SAMPLE_FILE_NAME`] and [`sample_csv`]. The import issue provides the data
//! (`core/data/sample-2020.csv`), read through the ordinary import path.

/// The name the sample goes by, as if it were a file the user chose.
pub const SAMPLE_FILE_NAME: &str = "示例数据-2020.csv";

/// The sample as the bytes of a UTF-8 CSV file.
pub fn sample_csv() -> &'static [u8] {
    b""
}
