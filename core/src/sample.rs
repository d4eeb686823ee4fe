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
        assert!(text.contains("示例数据，非真实统计"));
        // The scheme lists the units evaluated (附件1 一); the sample has a row for each.
        for unit in &crate::Scheme::chifeng_2020().units {
            assert!(text.contains(&format!("\r\n{unit},")), "{unit}");
        }
        assert!(!text.contains("喀喇沁旗新材料产业园"));
    }
}
