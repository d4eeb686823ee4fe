//! The built-in sample: a fictional dataset (示例数据，非真实统计) for the 14 evaluated units.
//!
//! The figures are invented, with realistic magnitudes (a large park adds tens of 亿元 of
//! output a year, a small one a few; some growth rates are negative); the file's first line
//! says so. Two parks have a provincial recognition and one a national one; no park is vetoed.
//! The sample is read through the ordinary import path, like any file the user chooses.

/// The name the sample goes by, as if it were a file the user chose.
pub const SAMPLE_FILE_NAME: &str = "示例数据-2020.csv";

/// The title line of the sample, which labels it as fictional.
pub const SAMPLE_TITLE: &str = "2020年度赤峰市工业园区考核数据（示例数据，非真实统计）";

/// What every result of the sample says, on screen, on paper and in every exported file: the
/// reports print it with their title ([`crate::export::report::ReportContext::notice`]).
pub const SAMPLE_NOTICE: &str = "示例数据，非真实统计";

/// What the name of every file exported from the sample's results starts with.
pub const SAMPLE_FILE_PREFIX: &str = "示例数据-";

/// Whether `table` is the built-in sample: its name, or its title line (a sample saved and
/// reopened under another name still says what it is). Marking real data as the sample is the
/// lesser error: it only adds a notice.
pub fn is_sample(table: &crate::import::RawTable) -> bool {
    table.file_name == SAMPLE_FILE_NAME
        || table
            .rows
            .first()
            .and_then(|r| r.cells.first())
            .is_some_and(|c| c.trim() == SAMPLE_TITLE)
}

/// The sample as the bytes of a UTF-8 CSV file.
pub fn sample_csv() -> &'static [u8] {
    include_bytes!("../data/sample-2020.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_labelled_fictional() {
        let text = std::str::from_utf8(sample_csv()).unwrap();
        assert!(text.starts_with(SAMPLE_TITLE));
        assert!(text.contains(SAMPLE_NOTICE));
        // The scheme lists the units evaluated (附件1 一); the sample has a row for each.
        for unit in &crate::Scheme::chifeng_2020().units {
            assert!(text.contains(&format!("\r\n{unit},")), "{unit}");
        }
        assert!(!text.contains("喀喇沁旗新材料产业园"));
    }
}
