//! [`Dataset`]: one year's validated figures for the parks, ready to score.
//!
//! A dataset is what `import::validate` makes of a file (or what a caller builds by hand). It
//! holds numbers, not text: every value is an exact [`Decimal`] in the unit the scheme asks for.
//! A value that is absent stays absent; nothing here turns a blank into zero.

use crate::scheme::IndicatorId;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A park's name as written in the data (`东山园区`), trimmed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParkName(pub String);

impl ParkName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParkName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ParkName {
    fn from(s: &str) -> ParkName {
        ParkName(s.to_owned())
    }
}

/// A park that is not evaluated this year (不予评价考核, the 一票否决 of 附件1 三.9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// Why, as the data says it (`重特大安全生产事故`); `None` when the file only says 是.
    pub reason: Option<String>,
}

/// One park's figures for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkRecord {
    /// The park's name; unique within a dataset.
    pub name: ParkName,
    /// The indicator values, in the scheme's units. An indicator with no entry is missing.
    pub values: BTreeMap<IndicatorId, Decimal>,
    /// Provincial-level (省级 / 自治区级) recognitions this year: green, smart, circular-economy park…
    pub provincial_recognitions: u32,
    /// National-level (国家级) recognitions this year.
    pub national_recognitions: u32,
    /// Set when the park is vetoed this year.
    pub veto: Option<Veto>,
    /// The row the park came from, as Excel numbers it, for messages.
    pub source_row: Option<u32>,
    /// The name as the file wrote it, when the import replaced it by the official name of the
    /// scheme's unit list (`林西工业园区` for `内蒙古林西工业园区`); `None` when the file wrote
    /// the official spelling, or the record was not imported. Absent in older sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_name: Option<String>,
}

impl ParkRecord {
    /// A park with no values, no recognitions and no veto.
    pub fn new(name: impl Into<String>) -> ParkRecord {
        ParkRecord {
            name: ParkName(name.into()),
            values: BTreeMap::new(),
            provincial_recognitions: 0,
            national_recognitions: 0,
            veto: None,
            source_row: None,
            written_name: None,
        }
    }

    /// The value of `indicator`, if present.
    pub fn value(&self, indicator: &IndicatorId) -> Option<Decimal> {
        self.values.get(indicator).copied()
    }
}

/// All parks of one evaluation year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// The year evaluated (`2020`), when the file says so.
    pub year: Option<u16>,
    /// Where the data came from (the file name), for reports.
    pub source: Option<String>,
    /// The parks, in the order of the file.
    pub parks: Vec<ParkRecord>,
}

impl Dataset {
    /// The park called `name`.
    pub fn park(&self, name: &str) -> Option<&ParkRecord> {
        self.parks.iter().find(|p| p.name.as_str() == name)
    }
}
