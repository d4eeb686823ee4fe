//! The round: the facts of one year's evaluation that every printout and export carries, the
//! committee's award decisions, and the log of changes made to the bureaus' figures.
//!
//! The document has the 领导小组办公室 collect and check the figures, and the result 公示
//! before it is final (附件1 四). These types are what the office enters once and what the
//! reports print: the year (never `____`), 制表单位, the 公示 period, whom to contact with an
//! objection, the 落款 date; the committee's decisions where the rules leave one open (a
//! special award without a measuring group, a tie); and every change to a figure with its
//! reason.
//!
//! The core reads no clock: a change's time and the dates are given by the caller.

use crate::dataset::ParkName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A calendar date as offices write it, checked (month 1–12, a day the month has).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (years 1900–2999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads `2021-04-01`, `2021/4/1`, `2021.4.1` or `2021年4月1日` (full-width digits too).
    pub fn parse(text: &str) -> Result<Date, String> {
        let normal: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '年' | '月' | '/' | '.' | '－' | '—' => '-',
                '日' => ' ',
                c => c,
            })
            .collect();
        let parts: Vec<&str> = normal.trim().split('-').map(str::trim).collect();
        let bad = || {
            format!(
                "日期「{}」无法识别（应为 2021-04-01 或 2021年4月1日）",
                text.trim()
            )
        };
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(|| format!("日期「{}」不存在", text.trim()))
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// `2021-04-01`, for machines and file names.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// `2021年4月1日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Date, String> {
        Date::parse(&text)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.iso()
    }
}

/// What the office enters once for the round; printed on every report and export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFacts {
    /// The year evaluated as typed; `None` takes the year the files name.
    #[serde(default)]
    pub year: Option<u16>,
    /// 制表单位 (`赤峰市加快工业园区建设工作领导小组办公室`).
    #[serde(default)]
    pub issuer: String,
    /// 公示期: first day.
    #[serde(default)]
    pub publicity_from: Option<Date>,
    /// 公示期: last day.
    #[serde(default)]
    pub publicity_to: Option<Date>,
    /// Whom to contact with an objection (联系人).
    #[serde(default)]
    pub contact: String,
    /// Their telephone number (联系电话).
    #[serde(default)]
    pub phone: String,
    /// The date signed under the report (落款日期).
    #[serde(default)]
    pub signed_on: Option<Date>,
}

impl RoundFacts {
    /// The year to print: the one typed, else the files'.
    pub fn year_or(&self, from_files: Option<u16>) -> Option<u16> {
        self.year.or(from_files)
    }

    /// What is still to be entered before the 公示版 can be posted, in Chinese, in the order
    /// of the form; empty when nothing is missing. The year is checked against `from_files`.
    pub fn missing_for_publicity(&self, from_files: Option<u16>) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.year_or(from_files).is_none() {
            out.push("年度");
        }
        if self.issuer.trim().is_empty() {
            out.push("制表单位");
        }
        if self.publicity_from.is_none() || self.publicity_to.is_none() {
            out.push("公示期");
        }
        if self.contact.trim().is_empty() {
            out.push("联系人");
        }
        if self.phone.trim().is_empty() {
            out.push("联系电话");
        }
        if self.signed_on.is_none() {
            out.push("落款日期");
        }
        out
    }

    /// A problem with the facts as entered (the 公示期 ends before it starts), in Chinese.
    pub fn problem(&self) -> Option<String> {
        match (self.publicity_from, self.publicity_to) {
            (Some(from), Some(to)) if to < from => {
                Some(format!("公示期的结束日期（{to}）早于开始日期（{from}）"))
            }
            _ => None,
        }
    }

    /// The year typed differs from the one the files name: a warning in Chinese (the reports
    /// print the typed year over the files' figures).
    pub fn year_mismatch(&self, from_files: Option<u16>) -> Option<String> {
        match (self.year, from_files) {
            (Some(typed), Some(files)) if typed != files => Some(format!(
                "填写的年度 {typed} 与数据文件标题中的年度 {files} 不同：报告将以 {typed} 年度印出，请核对"
            )),
            _ => None,
        }
    }

    /// `公示期：2021年4月1日至2021年4月7日`; `None` until both days are entered.
    pub fn publicity_period(&self) -> Option<String> {
        Some(format!("{}至{}", self.publicity_from?, self.publicity_to?))
    }
}

/// The committee's decision where the rules leave one open: who receives a special award (园区
/// 公共服务平台, which no group measures, or a tie for one that a group proposes). Printed as
/// 决定, not 建议.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardDecision {
    /// The special award's name, as in the scheme (`园区公共服务平台`).
    pub award: String,
    /// The park decided on.
    pub park: ParkName,
    /// The note recorded with it (the meeting, the reason); may be empty.
    #[serde(default)]
    pub note: String,
}

/// What a [`Change`] did: a cell's text, or a whole row inserted or deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A cell's text changed (`before` → `after`).
    #[default]
    Cell,
    /// An empty row was inserted as row `row` (Excel's number; the rows below moved down).
    RowInserted {
        /// The new row's number.
        row: u32,
    },
    /// Row `row` was deleted (the rows below moved up); `before` holds its cells, tab-separated.
    RowDeleted {
        /// The deleted row's number.
        row: u32,
    },
}

impl ChangeKind {
    /// Whether this is a cell's change (the default, not written in JSON).
    pub fn is_cell(&self) -> bool {
        *self == ChangeKind::Cell
    }
}

/// One change to a figure the bureaus supplied, as made in the data grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// A cell's change or a row's; absent (a cell's) in logs saved before rows could change.
    #[serde(default, skip_serializing_if = "ChangeKind::is_cell")]
    pub kind: ChangeKind,
    /// The file the cell is in.
    pub file: String,
    /// The cell as Excel names it (`C5`); a row's change names the row (`5:5`).
    pub cell: String,
    /// The park of the row, when the row is a park's.
    #[serde(default)]
    pub park: Option<String>,
    /// The column's header as written (`新增工业总产值（亿元）`).
    pub column: String,
    /// The text before.
    pub before: String,
    /// The text after.
    pub after: String,
    /// When, as the caller's clock said it (`2021-03-20 14:05`).
    pub at: String,
    /// Why (复核调整, 公示异议 …), when given.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Change {
    /// `红山园区 新增工业总产值（亿元） 38.6 → 40（原因：复核调整）`; an empty text reads （空）;
    /// a row's change reads `插入第 5 行` or `删除第 7 行（红山园区）`.
    pub fn line_zh(&self) -> String {
        let reason = self
            .reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| format!("（原因：{}）", r.trim()))
            .unwrap_or_default();
        match self.kind {
            ChangeKind::Cell => {}
            ChangeKind::RowInserted { row } => return format!("插入第 {row} 行{reason}"),
            ChangeKind::RowDeleted { row } => {
                let park = self
                    .park
                    .as_deref()
                    .map(|p| format!("（{p}）"))
                    .unwrap_or_default();
                return format!("删除第 {row} 行{park}{reason}");
            }
        }
        let shown = |t: &str| {
            if t.trim().is_empty() {
                "（空）".to_owned()
            } else {
                t.to_owned()
            }
        };
        let who = self
            .park
            .as_deref()
            .map_or_else(|| format!("{} {}", self.file, self.cell), str::to_owned);
        let mut line = format!(
            "{who} {} {} → {}",
            self.column,
            shown(&self.before),
            shown(&self.after)
        );
        line.push_str(&reason);
        line
    }

    /// The text before as a log shows it: （空） for an empty cell; a deleted row's cells
    /// joined by ` | `; nothing for a row inserted.
    pub fn before_zh(&self) -> String {
        match self.kind {
            ChangeKind::Cell => shown_zh(&self.before),
            ChangeKind::RowInserted { .. } => String::new(),
            ChangeKind::RowDeleted { .. } => {
                self.before.split('\t').collect::<Vec<_>>().join(" | ")
            }
        }
    }

    /// The text after as a log shows it: （空） for an empty cell; nothing for a row's change.
    pub fn after_zh(&self) -> String {
        match self.kind {
            ChangeKind::Cell => shown_zh(&self.after),
            ChangeKind::RowInserted { .. } | ChangeKind::RowDeleted { .. } => String::new(),
        }
    }

    /// `插入第 5 行`, `删除第 7 行`, or the cell's column for a cell's change: what the log's
    /// 列 column shows.
    pub fn what_zh(&self) -> String {
        match self.kind {
            ChangeKind::Cell => self.column.clone(),
            ChangeKind::RowInserted { row } => format!("插入第 {row} 行"),
            ChangeKind::RowDeleted { row } => format!("删除第 {row} 行"),
        }
    }
}

/// A cell's text as a log shows it: （空） when empty.
fn shown_zh(text: &str) -> String {
    if text.trim().is_empty() {
        "（空）".to_owned()
    } else {
        text.to_owned()
    }
}

/// `B12` → (`B`, 12); `None` when the text is no cell address.
fn split_address(cell: &str) -> Option<(&str, u32)> {
    let digits = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = cell.split_at(digits);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some((letters, number.parse().ok()?))
}

/// The net effect of a log on each cell: the first text before and the last after, the
/// reasons given (each once); cells changed back to what they were drop out. In the order the
/// cells were first changed. A row inserted or deleted stays a change of its own, and moves the
/// cells changed before it as it moved them in the table (a cell changed in a row deleted later
/// drops out with the row), so that every address names the cell in the table as it is now.
pub fn net_changes(log: &[Change]) -> Vec<Change> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut net: BTreeMap<(String, String), Change> = BTreeMap::new();
    for (i, change) in log.iter().enumerate() {
        let shift = match change.kind {
            ChangeKind::Cell => None,
            ChangeKind::RowInserted { row } => Some((row, true)),
            ChangeKind::RowDeleted { row } => Some((row, false)),
        };
        if let Some((at, inserted)) = shift {
            // Re-key the cells of this file below the row.
            let mut moved: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
            for ((file, cell), seen) in net.iter_mut() {
                if *file != change.file || !seen.kind.is_cell() {
                    continue;
                }
                let Some((letters, number)) = split_address(cell) else {
                    continue;
                };
                let to = if inserted && number >= at {
                    number.checked_add(1)
                } else if !inserted && number == at {
                    None
                } else if !inserted && number > at {
                    Some(number - 1)
                } else {
                    continue;
                };
                let new_cell = to.map_or_else(String::new, |n| format!("{letters}{n}"));
                seen.cell.clone_from(&new_cell);
                moved.insert((file.clone(), cell.clone()), (file.clone(), new_cell));
            }
            let mut taken: Vec<((String, String), Change)> = Vec::new();
            for from in moved.keys() {
                if let Some(c) = net.remove(from) {
                    taken.push((from.clone(), c));
                }
            }
            for (from, c) in taken {
                if let Some(to) = moved.get(&from).filter(|to| !to.1.is_empty()) {
                    net.insert(to.clone(), c);
                }
            }
            order = order
                .into_iter()
                .filter_map(|k| match moved.get(&k) {
                    Some(to) if to.1.is_empty() => None,
                    Some(to) => Some(to.clone()),
                    None => Some(k),
                })
                .collect();
            let key = (change.file.clone(), format!("#{i}"));
            order.push(key.clone());
            net.insert(key, change.clone());
            continue;
        }
        let key = (change.file.clone(), change.cell.clone());
        match net.get_mut(&key) {
            Some(seen) => {
                seen.after = change.after.clone();
                seen.at = change.at.clone();
                if let Some(reason) = change.reason.as_deref().filter(|r| !r.trim().is_empty()) {
                    let reasons = seen.reason.get_or_insert_with(String::new);
                    if !reasons.split('；').any(|r| r == reason.trim()) {
                        if !reasons.is_empty() {
                            reasons.push('；');
                        }
                        reasons.push_str(reason.trim());
                    }
                }
            }
            None => {
                order.push(key.clone());
                net.insert(key, change.clone());
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| net.remove(&k))
        .filter(|c| !c.kind.is_cell() || c.before != c.after)
        .collect()
}

/// `共修改 3 处：红山园区 新增工业总产值（亿元） 38.6 → 40（原因：…）；…`, or `未修改数据` — the
/// net changes of `log`.
pub fn changes_summary_zh(log: &[Change]) -> String {
    let net = net_changes(log);
    if net.is_empty() {
        return "导入后未修改数据".to_owned();
    }
    let lines: Vec<String> = net.iter().map(Change::line_zh).collect();
    format!("共修改 {} 处：{}", net.len(), lines.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let april = Date::new(2021, 4, 1).unwrap();
        for text in [
            "2021-04-01",
            "2021/4/1",
            "2021.4.1",
            "2021年4月1日",
            " ２０２１年４月１日 ",
        ] {
            assert_eq!(Date::parse(text), Ok(april), "{text}");
        }
        assert_eq!(april.to_string(), "2021年4月1日");
        assert_eq!(april.iso(), "2021-04-01");
        assert_eq!(
            Date::parse("2021-02-29"),
            Err("日期「2021-02-29」不存在".to_owned())
        );
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(
            Date::parse("下周一"),
            Err("日期「下周一」无法识别（应为 2021-04-01 或 2021年4月1日）".to_owned())
        );
        assert!(Date::parse("2021-13-01").is_err());
        assert!(Date::parse("2021-4-31").is_err());
        assert!(Date::parse("99999-1-1").is_err());
        // As JSON: the ISO form, refused when it is not a date.
        assert_eq!(serde_json::to_string(&april).unwrap(), "\"2021-04-01\"");
        assert!(serde_json::from_str::<Date>("\"2021-02-30\"").is_err());
    }

    #[test]
    fn what_the_publicity_version_still_needs() {
        let mut facts = RoundFacts::default();
        assert_eq!(
            facts.missing_for_publicity(None),
            [
                "年度",
                "制表单位",
                "公示期",
                "联系人",
                "联系电话",
                "落款日期"
            ]
        );
        assert_eq!(facts.missing_for_publicity(Some(2020))[0], "制表单位");
        facts.issuer = "赤峰市加快工业园区建设工作领导小组办公室".into();
        facts.publicity_from = Date::new(2021, 4, 7);
        facts.publicity_to = Date::new(2021, 4, 1);
        assert_eq!(
            facts.problem().as_deref(),
            Some("公示期的结束日期（2021年4月1日）早于开始日期（2021年4月7日）")
        );
        facts.publicity_from = Date::new(2021, 3, 25);
        assert_eq!(facts.problem(), None);
        assert_eq!(
            facts.publicity_period().as_deref(),
            Some("2021年3月25日至2021年4月1日")
        );
        facts.contact = "张三".into();
        facts.phone = "0476-8888888".into();
        facts.signed_on = Date::new(2021, 3, 24);
        assert!(facts.missing_for_publicity(Some(2020)).is_empty());
        assert_eq!(facts.year_or(Some(2020)), Some(2020));
        facts.year = Some(2021);
        assert_eq!(facts.year_or(Some(2020)), Some(2021));
        assert_eq!(
            facts.year_mismatch(Some(2020)).as_deref(),
            Some(
                "填写的年度 2021 与数据文件标题中的年度 2020 不同：报告将以 2021 年度印出，请核对"
            )
        );
        assert_eq!(facts.year_mismatch(Some(2021)), None);
        assert_eq!(facts.year_mismatch(None), None);
    }

    fn change(cell: &str, before: &str, after: &str, reason: Option<&str>) -> Change {
        Change {
            kind: ChangeKind::Cell,
            file: "工信局.xlsx".into(),
            cell: cell.into(),
            park: Some("红山园区".into()),
            column: "新增工业总产值（亿元）".into(),
            before: before.into(),
            after: after.into(),
            at: "2021-03-20 14:05".into(),
            reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn the_summary_counts_cells_not_keystrokes() {
        assert_eq!(changes_summary_zh(&[]), "导入后未修改数据");
        let log = [
            change("B4", "12.3", "40", Some("复核调整")),
            change("B4", "40", "41", Some("公示异议")),
            // Changed and changed back: no net change.
            change("C4", "9.8", "9", None),
            change("C4", "9", "9.8", None),
            change("D4", "", "3.5", Some(" ")),
        ];
        let net = net_changes(&log);
        assert_eq!(net.len(), 2);
        assert_eq!(net[0].before, "12.3");
        assert_eq!(net[0].after, "41");
        assert_eq!(net[0].reason.as_deref(), Some("复核调整；公示异议"));
        assert_eq!(
            changes_summary_zh(&log),
            "共修改 2 处：红山园区 新增工业总产值（亿元） 12.3 → 41（原因：复核调整；公示异议）；红山园区 新增工业总产值（亿元） （空） → 3.5"
        );
        let mut no_park = change("B9", "1", "2", None);
        no_park.park = None;
        assert_eq!(
            no_park.line_zh(),
            "工信局.xlsx B9 新增工业总产值（亿元） 1 → 2"
        );
    }

    #[test]
    fn rows_inserted_and_deleted_move_the_cells_changed_before() {
        let row_op = |kind: ChangeKind, park: Option<&str>| Change {
            kind,
            cell: String::new(),
            park: park.map(str::to_owned),
            column: String::new(),
            before: String::new(),
            after: String::new(),
            ..change("", "", "", None)
        };
        let log = [
            change("B4", "12.3", "40", None),
            change("B6", "1", "2", None),
            change("B7", "3", "4", None),
            // Row 5 inserted: B6 → B7, B7 → B8; B4 stays.
            row_op(ChangeKind::RowInserted { row: 5 }, None),
            // Row 7 (the old B6's) deleted: its change goes with it; B8 → B7.
            row_op(ChangeKind::RowDeleted { row: 7 }, Some("红山园区")),
        ];
        let net = net_changes(&log);
        let cells: Vec<(&str, &str)> = net
            .iter()
            .map(|c| (c.cell.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(cells, [("B4", "40"), ("B7", "4"), ("", ""), ("", "")]);
        assert_eq!(net[2].line_zh(), "插入第 5 行");
        assert_eq!(net[3].line_zh(), "删除第 7 行（红山园区）");
        assert_eq!(net[3].what_zh(), "删除第 7 行");
        let deleted = Change {
            before: "红山园区\t\t12.3".into(),
            ..net[3].clone()
        };
        assert_eq!(
            (deleted.before_zh().as_str(), deleted.after_zh().as_str()),
            ("红山园区 |  | 12.3", "")
        );
        assert_eq!(
            (net[2].before_zh(), net[2].after_zh()),
            (String::new(), String::new())
        );
        assert_eq!(
            (net[0].before_zh(), change("B1", "", "1", None).before_zh()),
            ("12.3".to_owned(), "（空）".to_owned())
        );
        assert_eq!(
            changes_summary_zh(&log),
            "共修改 4 处：红山园区 新增工业总产值（亿元） 12.3 → 40；红山园区 新增工业总产值（亿元） 3 → 4；插入第 5 行；删除第 7 行（红山园区）"
        );
        // A log saved before rows could change reads as cells' changes.
        let old = r#"{"file":"a.csv","cell":"B4","column":"x","before":"1","after":"2","at":"t"}"#;
        let read: Change = serde_json::from_str(old).unwrap();
        assert_eq!(read.kind, ChangeKind::Cell);
        assert!(!serde_json::to_string(&read).unwrap().contains("kind"));
    }
}
