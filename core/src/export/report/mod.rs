//! The reports of a round, each as content (for the page's printouts) and as an .xlsx workbook:
//!
//! - **公示版** ([`mod@publicity`]): what is posted — title with the year, the ranking (rank, park,
//!   group subtotals, bonus, total, award), the special awards (决定 where the committee
//!   decided, else 建议 or 由考核小组确定), the vetoed parks, the reading in plain Chinese, the
//!   公示期 and whom to contact with an objection, the 落款 (制表单位, date, a place for the
//!   stamp). No raw figure, no per-indicator value, no method or scheme id;
//! - **内部版** ([`mod@internal`]): everything, for the leaders — the ranking, the awards as a table
//!   with their total, every indicator's score with its explanation and the file and cell its
//!   value came from, the files as imported (edited cells marked, the original in a note), the
//!   change log, the files merged and the settings. Its 原始数据 sheet reads back: for one
//!   file, `parkscore score 内部版.xlsx` gives the same totals;
//! - **园区得分明细单** ([`mod@park_sheets`]): one page per park (its indicators, values, ranks,
//!   scores and explanations, group subtotals, bonus, total and rank), all parks or one.
//!
//! The analyses of issue 12 (口径对比, 稳定性分析, 年度对比) have a workbook of their own,
//! [`mod@analyses`], written the same way.
//!
//! Each report is built in two steps: a content builder turns a [`ReportContext`] into plain
//! values (headings, sentences and [`Table`]s of typed [`Cell`]s), and a writer lays them out —
//! the xlsx writers here, the Yew print components in the app. The words are the core's; the
//! page only presents them, so a printout and its workbook say the same thing.
//!
//! What a report needs is one [`ReportContext`] of references. Every report needs the year:
//! the one the office typed ([`RoundFacts::year`]), else the files' — when neither says it the
//! report is refused ([`ReportError::YearUnknown`]) rather than printed with `____`. The 公示版
//! also needs the rest of the round's facts ([`RoundFacts::missing_for_publicity`]): a notice
//! without its 公示期, contact or 落款 cannot be posted, so it is refused with the list of what
//! is missing ([`ReportError::NotReady`]).

pub mod analyses;
mod content;
pub mod internal;
pub mod park_sheets;
pub mod publicity;
mod xlsx;

pub use analyses::{analyses_xlsx, Analyses, AnalysisSheet};
pub use content::{
    amount_zh, awards_table, change_table, changes_summary, explain_table, file_lines,
    ranking_table, special_awards, vetoed_lines, AwardStatus, AwardTotals, Block, Bounds, Cell,
    Section, SpecialLine, Table,
};
pub use internal::{internal, internal_xlsx, Internal, INTERNAL_SHEETS};
pub use park_sheets::{park_sheets, park_sheets_xlsx, ParkSelection, ParkSheet, ParkSheets};
pub use publicity::{publicity, publicity_xlsx, Publicity, PUBLICITY_SHEET};

/// The workbook writer the report modules write through (`super::writer`): a name of its own
/// so that the differential test (`oracle.rs`) can compile the same modules over
/// rust_xlsxwriter and compare the workbooks part by part.
use crate::export::xlsx as writer;
use crate::import::merge::{Conflict, Provenance};
use crate::import::RawTable;
use crate::round::{AwardDecision, Change, Date, RoundFacts};
use crate::scheme::Scheme;
use crate::scoring::Evaluation;
use std::fmt;
use writer::XlsxError;

/// What the reports are made of: references to the round's data, nothing owned.
#[derive(Clone, Copy, Debug)]
pub struct ReportContext<'a> {
    /// The rules the evaluation used.
    pub scheme: &'a Scheme,
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// What the office entered for the round (year, 制表单位, 公示期, contact, 落款日期).
    pub facts: &'a RoundFacts,
    /// The year the files name (their title row or sheet name), when they do.
    pub files_year: Option<u16>,
    /// The tables imported, edits applied, in the order of the merge; the 内部版 writes each
    /// as a 原始数据 sheet. Empty: no 原始数据 sheet (the printouts need none).
    pub tables: &'a [&'a RawTable],
    /// Where each value came from; `None` leaves the 来源 column empty.
    pub provenance: Option<&'a Provenance>,
    /// The change log, in the order the changes were made. A change whose `file` is a table's
    /// `file_name` and whose `cell` is on that table marks the cell in 原始数据.
    pub changes: &'a [Change],
    /// The committee's decisions on special awards; the last one for an award counts.
    pub decisions: &'a [AwardDecision],
    /// The values the merged files gave differently, with what was taken (the 内部版 lists
    /// them); the files are named by their order in `provenance` (else in `tables`).
    pub conflicts: &'a [Conflict],
    /// The day the report is made (生成日期), as the caller's clock says; the core reads none.
    pub generated_on: Option<Date>,
    /// The moment the workbook is made, in seconds since 1970-01-01 UTC, as the caller's clock
    /// says (the page's, the command line's): the workbook's creation time in its document
    /// properties. `None`: no time is recorded (the writer's fixed stand-in, see
    /// [`crate::export::xlsx::DocProperties`]).
    pub created_at: Option<i64>,
    /// What the report must say with its title, whoever reads it: for the built-in sample,
    /// [`crate::sample::SAMPLE_NOTICE`] (`示例数据，非真实统计`). Every report's title (and
    /// each 园区得分明细单's) carries it in brackets.
    pub notice: Option<&'a str>,
}

impl ReportContext<'_> {
    /// The year reported: the one typed, else the files'.
    pub fn year(&self) -> Result<u16, ReportError> {
        self.facts
            .year_or(self.files_year)
            .ok_or(ReportError::YearUnknown)
    }

    /// `赤峰市工业园区综合发展评价考核结果（2020年度）`, with the [notice](Self::notice).
    pub fn title(&self) -> Result<String, ReportError> {
        Ok(self.marked(report_title(self.scheme, self.year()?)))
    }

    /// `title` with the [notice](Self::notice) after it: `…（示例数据，非真实统计）`.
    pub fn marked(&self, title: String) -> String {
        match self.notice {
            Some(notice) => format!("{title}（{notice}）"),
            None => title,
        }
    }
}

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// 公示版.
    Publicity,
    /// 内部版.
    Internal,
    /// 园区得分明细单 (企业得分明细单: the scheme's word).
    ParkSheets,
}

impl Version {
    /// `公示版`, `内部版`, `园区得分明细单`: the units called `noun`, the scheme's word for
    /// them (`Scheme::unit_noun`: `企业得分明细单`).
    pub fn label_zh(self, noun: &str) -> String {
        match self {
            Version::Publicity => "公示版".to_owned(),
            Version::Internal => "内部版".to_owned(),
            Version::ParkSheets => format!("{noun}得分明细单"),
        }
    }
}

/// The report's title with the year: `赤峰市工业园区综合发展评价考核结果（2020年度）`.
pub fn report_title(scheme: &Scheme, year: u16) -> String {
    format!("{}（{year}年度）", scheme.report_title())
}

/// The file name offered for a report: `赤峰市工业园区评价结果-2020年度-公示版.xlsx`; for
/// the park sheets of one park, its name is added (`…-园区得分明细单-东山园区.xlsx`; the
/// scheme's word for a unit names the sheets: `…-企业得分明细单-…`). Characters
/// no file system takes (`/\:*?"<>|` and control characters) become `_`.
pub fn file_name(scheme: &Scheme, year: u16, version: Version, park: Option<&str>) -> String {
    let mut stem = format!(
        "{}-{year}年度-{}",
        scheme.file_title(),
        version.label_zh(scheme.unit_noun())
    );
    if let Some(park) = park.filter(|_| version == Version::ParkSheets) {
        stem.push('-');
        stem.push_str(park.trim());
    }
    format!("{}.xlsx", safe_file_stem(&stem))
}

/// `stem` fit for a file name on Windows and elsewhere: control characters and `/ \ : * ? " < > |`
/// become `_`.
pub fn safe_file_stem(stem: &str) -> String {
    stem.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// What is wrong with a committee's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionProblem {
    /// The scheme has no special award of that name.
    UnknownAward,
    /// The park is not in the ranking (not in the data, or vetoed).
    ParkNotRanked,
    /// The award is no longer open: its group's best park is no longer tied, so the rules
    /// decide it (the data changed since the decision).
    NotOpen,
    /// The award is tied, but the park decided on is not one of the tied parks (any more).
    NotACandidate,
}

/// Why a report could not be made.
#[derive(Debug)]
pub enum ReportError {
    /// Neither the office nor the files say which year is evaluated; the title needs it.
    YearUnknown,
    /// The 公示版 lacks facts a posted notice must carry.
    NotReady {
        /// What is still to be entered, in the order of the form (`制表单位`, `公示期` …).
        missing: Vec<&'static str>,
        /// A fact entered wrongly (the 公示期 ends before it starts), in Chinese.
        problem: Option<String>,
    },
    /// A recorded decision that cannot be printed as it stands.
    Decision {
        /// The award named by the decision.
        award: String,
        /// The park named by the decision.
        park: String,
        /// What is wrong.
        problem: DecisionProblem,
    },
    /// The park asked for (园区得分明细单 of one park) is not in the ranking.
    UnknownPark(String),
    /// The workbook could not be written.
    Xlsx(XlsxError),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::YearUnknown => f.write_str(
                "不知道考核年度：数据文件的标题中没有年度，请在「公示与报告」的本轮信息中填写年度",
            ),
            ReportError::NotReady { missing, problem } => {
                f.write_str("公示版还不能生成：")?;
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    parts.push(format!("请先填写{}", missing.join("、")));
                }
                if let Some(problem) = problem {
                    parts.push(problem.clone());
                }
                f.write_str(&parts.join("；"))
            }
            ReportError::Decision {
                award,
                park,
                problem,
            } => match problem {
                DecisionProblem::UnknownAward => write!(
                    f,
                    "记录的决定「{award}：{park}」无法使用：方案中没有专项奖励「{award}」"
                ),
                DecisionProblem::ParkNotRanked => write!(
                    f,
                    "记录的决定「{award}：{park}」无法使用：{park} 不在本次排名中（不在数据中，或被一票否决），请重新确定"
                ),
                DecisionProblem::NotOpen => write!(
                    f,
                    "记录的决定「{award}：{park}」已不适用：数据修改后「{award}」不再并列，按得分确定；请在「奖励资金」中撤销这项决定"
                ),
                DecisionProblem::NotACandidate => write!(
                    f,
                    "记录的决定「{award}：{park}」已不适用：{park} 不在并列的园区之中，请在「奖励资金」中重新确定"
                ),
            },
            ReportError::UnknownPark(park) => write!(f, "{park} 不在本次排名中，无法生成得分明细单"),
            ReportError::Xlsx(e) => write!(f, "无法生成 Excel 文件：{e}"),
        }
    }
}

impl std::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReportError::Xlsx(e) => Some(e),
            _ => None,
        }
    }
}

impl From<XlsxError> for ReportError {
    fn from(e: XlsxError) -> ReportError {
        ReportError::Xlsx(e)
    }
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
