//! [`Issue`]: one located problem or note found while importing or scoring.
//!
//! Import and scoring never stop at the first problem: they return their result together with
//! every issue they found. An [`Severity::Error`] blocks scoring, a [`Severity::Warning`] does
//! not, an [`Severity::Info`] only tells what was done (a derived value, a unit conversion).

use crate::scheme::DEFAULT_UNIT_NOUN;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How much an [`Issue`] matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Tells what was done (a derived value, a converted unit, an ignored column).
    Info,
    /// Worth a look; scoring goes on.
    Warning,
    /// Blocks scoring until it is fixed.
    Error,
}

impl Severity {
    /// The Chinese label shown to users: 错误, 警告, 提示.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Where an [`Issue`] is: as much of file, sheet, row, column and park as is known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file name as the user chose it.
    pub file: Option<String>,
    /// The worksheet name, for spreadsheets.
    pub sheet: Option<String>,
    /// The row number as Excel shows it (1-based, counting title rows).
    pub row: Option<u32>,
    /// The column header as written in the file (or the column letter when there is none).
    pub column: Option<String>,
    /// The park the row belongs to.
    pub park: Option<String>,
    /// The scheme's word for the unit `park` names (`Scheme::unit_noun`: 企业), shown before
    /// its name; `None` is 园区 ([`DEFAULT_UNIT_NOUN`]), so a Chifeng issue serializes as it
    /// always has. Set by [`Location::with_noun`]. A `Box<str>`, not a `String`: an [`Issue`]
    /// stays under the 256 bytes `clippy.toml` allows an error to take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noun: Option<Box<str>>,
}

impl Location {
    /// The same place with its park called by `noun`, the scheme's word for a unit
    /// (`Scheme::unit_noun`). Kept only when the place names a park and the word is not 园区:
    /// a Chifeng location stays the same, field for field.
    pub fn with_noun(mut self, noun: &str) -> Location {
        let noun = noun.trim();
        self.noun = (self.park.is_some() && !noun.is_empty() && noun != DEFAULT_UNIT_NOUN)
            .then(|| noun.into());
        self
    }

    /// The word its park is called by: [`Location::noun`], else 园区.
    pub fn noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.noun.as_deref())
    }
}

impl fmt::Display for Location {
    /// `文件 data.xlsx，工作表 Sheet1，第 5 行，列「工业总产值增速」，园区「红山园区」` (the park
    /// called by [`Location::noun`]: `企业「甲公司」` under a scheme of enterprises)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(format!("文件 {file}"));
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("工作表 {sheet}"));
        }
        if let Some(row) = self.row {
            parts.push(format!("第 {row} 行"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("列「{column}」"));
        }
        if let Some(park) = &self.park {
            parts.push(format!("{}「{park}」", self.noun()));
        }
        f.write_str(&parts.join("，"))
    }
}

/// One problem or note, in Chinese, with its place and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Whether it blocks scoring.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// The cell's text exactly as found, when a cell is at fault.
    pub raw: Option<String>,
    /// What is wrong (or what was done), in Chinese.
    pub message: String,
    /// What was expected instead, in Chinese (`数字，例如 12.5`).
    pub expected: Option<String>,
    /// 技术细节: the reader's own words (often English), for whoever helps the user; shown
    /// after the Chinese message, never instead of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A replacement for the cell's text that would fix the problem, when there is exactly
    /// one (a park name not on the scheme's list → the nearest official name), so that an app
    /// can offer to accept it with one click. Absent in sessions saved before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Issue {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Error,
            location,
            raw: None,
            message: message.into(),
            expected: None,
            detail: None,
            suggestion: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(location, message)
        }
    }

    /// A note at `location`.
    pub fn info(location: Location, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Info,
            ..Issue::error(location, message)
        }
    }

    /// The same issue with the raw cell text.
    pub fn with_raw(mut self, raw: impl Into<String>) -> Issue {
        self.raw = Some(raw.into());
        self
    }

    /// The same issue with what was expected.
    pub fn with_expected(mut self, expected: impl Into<String>) -> Issue {
        self.expected = Some(expected.into());
        self
    }

    /// The same issue with a technical detail (a library's error text) for 技术细节.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Issue {
        self.detail = Some(detail.into());
        self
    }

    /// The same issue with a suggested replacement for the cell's text.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Issue {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Whether this issue blocks scoring.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    /// `错误：文件 a.csv，第 5 行，列「工业总产值增速」，园区「红山园区」：不是数字（原文「12..5」；应为 数字）`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：", self.severity.label_zh())?;
        let place = self.location.to_string();
        if !place.is_empty() {
            write!(f, "{place}：")?;
        }
        f.write_str(&self.message)?;
        match (&self.raw, &self.expected) {
            (Some(raw), Some(exp)) => write!(f, "（原文「{raw}」；应为{exp}）"),
            (Some(raw), None) => write!(f, "（原文「{raw}」）"),
            (None, Some(exp)) => write!(f, "（应为{exp}）"),
            (None, None) => Ok(()),
        }?;
        match &self.detail {
            Some(detail) => write!(f, "（技术细节：{detail}）"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_every_part_of_the_place() {
        let issue = Issue::error(
            Location {
                file: Some("a.csv".into()),
                sheet: None,
                row: Some(5),
                column: Some("工业总产值增速".into()),
                park: Some("红山园区".into()),
                noun: None,
            },
            "不是数字",
        )
        .with_raw("12..5")
        .with_expected("数字，例如 12.5");
        assert_eq!(
            issue.to_string(),
            "错误：文件 a.csv，第 5 行，列「工业总产值增速」，园区「红山园区」：不是数字（原文「12..5」；应为数字，例如 12.5）"
        );
    }

    #[test]
    fn a_park_is_called_by_the_schemes_word() {
        let at = Location {
            row: Some(3),
            park: Some("甲公司".into()),
            ..Location::default()
        };
        let issue = Issue::error(at.clone().with_noun("企业"), "缺少数值");
        assert_eq!(issue.to_string(), "错误：第 3 行，企业「甲公司」：缺少数值");
        assert!(!issue.to_string().contains("园区"));
        // Chifeng's word is left unsaid: the location and its JSON are as they always were.
        let chifeng = at.clone().with_noun(DEFAULT_UNIT_NOUN);
        assert_eq!(chifeng, at);
        assert_eq!(
            serde_json::to_string(&chifeng).unwrap(),
            r#"{"file":null,"sheet":null,"row":3,"column":null,"park":"甲公司"}"#
        );
        assert_eq!(chifeng.to_string(), "第 3 行，园区「甲公司」");
        // A place with no park keeps no word.
        assert_eq!(Location::default().with_noun("企业").noun, None);
        // The word travels with a saved issue.
        let json = serde_json::to_string(&issue).unwrap();
        assert!(json.contains(r#""noun":"企业""#), "{json}");
        let back: Issue = serde_json::from_str(&json).unwrap();
        assert_eq!(back, issue);
    }

    #[test]
    fn a_session_saved_before_suggestions_still_loads() {
        let old = r#"{"severity":"error","location":{"file":null,"sheet":null,"row":3,"column":null,"park":null},"raw":"东三园区","message":"不在名单中","expected":null}"#;
        let issue: Issue = serde_json::from_str(old).unwrap();
        assert_eq!(issue.suggestion, None);
        assert_eq!(issue.location.row, Some(3));
        let new = issue.clone().with_suggestion("东山园区");
        let back: Issue = serde_json::from_str(&serde_json::to_string(&new).unwrap()).unwrap();
        assert_eq!(back.suggestion.as_deref(), Some("东山园区"));
    }
}
