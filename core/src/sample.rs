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

/// Whether `table` is a built-in sample (the Chifeng sample or a preset's,
/// [`crate::scheme::presets`]): its name, or its title line (a sample saved and reopened under
/// another name still says what it is). Marking real data as the sample is the
/// lesser error: it only adds a notice.
pub fn is_sample(table: &crate::import::RawTable) -> bool {
    let title = table
        .rows
        .first()
        .and_then(|r| r.cells.first())
        .map(|c| c.trim());
    crate::scheme::presets::PRESETS.iter().any(|p| {
        table.file_name == p.sample_name || title.is_some_and(|t| t == sample_title(p.sample))
    })
}

/// The first cell of a sample's first line (its title, which says 示例数据，非真实统计).
fn sample_title(sample: &[u8]) -> &str {
    let text = std::str::from_utf8(sample).unwrap_or_default();
    let line = text.lines().next().unwrap_or_default();
    line.split(',').next().unwrap_or_default().trim()
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
        assert_eq!(sample_title(sample_csv()), SAMPLE_TITLE);
    }

    #[test]
    fn the_presets_samples_are_samples() {
        for p in &crate::scheme::presets::PRESETS {
            let scheme = p.scheme().unwrap();
            let mut table = crate::import::read(p.sample, "renamed.csv", None, &scheme).unwrap();
            assert!(is_sample(&table), "{}", p.id);
            table.rows.remove(0);
            assert!(!is_sample(&table), "{}", p.id);
            table.file_name = p.sample_name.to_owned();
            assert!(is_sample(&table), "{}", p.id);
        }
    }
}
