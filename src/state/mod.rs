//! The app's state and the intents that change it.
//!
//! [`AppState`] is reduced from [`Action`]s in plain Rust (`impl Reducible`), so every rule of
//! the UI is unit-tested natively. The state keeps the round's files as text in a
//! [`Document`] — what the user sees and edits in the data grid, with the log of changes — and
//! after every change asks for the core to run again:
//! the reducer does not compute, it sets [`AppState::pending`] to a [`Job`] (read this file;
//! score this table). The app runs the job off the main thread (`services::worker`) and hands
//! back [`Action::JobDone`]; only the newest job's outcome is taken. Nothing here scores
//! anything.

pub mod document;
pub mod grid;
pub mod scheme_draft;

use parkscore::analysis::moves::{moves, Moves};
use parkscore::analysis::stability::StabilityParams;
use parkscore::export::report::Version;
use parkscore::import::merge::{Choice, Choices, Field, Provenance};
use parkscore::import::{RawTable, ValidateOptions};
use parkscore::round::{AwardDecision, RoundFacts};
use parkscore::scoring::Reading;
use parkscore::{Evaluation, Issue, Method, MissingPolicy, Options, ParkName, Scheme};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::str::FromStr;
use yew::Reducible;

use crate::compute::{Analyses, AnalysisRequest, Checked, FileCheck, Job, Outcome, Ran};
// 提升空间 / 假设分析
use crate::compute::{Limit, ParkAnalysis, ParkRequest};
use crate::session::Session;
pub use document::{DataFile, Document, EditPlace, FileId, LoggedChange};
use parkscore::analysis::move_up::DEFAULT_TORNADO_SPREAD;
use parkscore::IndicatorId;
use std::collections::BTreeMap;

/// A cell of the [`RawTable`]: index into `rows`, index into that row's `cells`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct CellRef {
    /// Index in [`RawTable::rows`].
    pub row: usize,
    /// Index in [`parkscore::import::RawRow::cells`].
    pub col: usize,
}

/// The four methods a 排序法 indicator can be read with (the document's «按相应比例折算» is
/// ambiguous); the app offers them in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankingMethod {
    /// 按名次线性折算.
    RankLinear,
    /// 每降一名扣固定分数.
    RankStep,
    /// 按与第一名的比值折算.
    RatioToTop,
    /// 按极差（最小—最大）折算.
    MinMax,
}

impl RankingMethod {
    /// Every choice, in the order shown.
    pub const ALL: [RankingMethod; 4] = [
        RankingMethod::RankLinear,
        RankingMethod::RankStep,
        RankingMethod::RatioToTop,
        RankingMethod::MinMax,
    ];

    /// The id shared with the core and the command line (`rank_linear`, …).
    pub fn id(self) -> &'static str {
        match self {
            RankingMethod::RankLinear => "rank_linear",
            RankingMethod::RankStep => "rank_step",
            RankingMethod::RatioToTop => "ratio_to_top",
            RankingMethod::MinMax => "min_max",
        }
    }

    /// The choice with id `id`.
    pub fn from_id(id: &str) -> Option<RankingMethod> {
        RankingMethod::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The Chinese label of the choice.
    pub fn label_zh(self) -> &'static str {
        match self {
            RankingMethod::RankLinear => "按名次线性折算",
            RankingMethod::RankStep => "每降一名扣固定分数（扣完为止）",
            RankingMethod::RatioToTop => "按与第一名的比值折算",
            RankingMethod::MinMax => "按极差折算",
        }
    }

    /// The core's method for this choice, with `step` for [`RankingMethod::RankStep`].
    pub fn method(self, step: Decimal) -> Method {
        match self {
            RankingMethod::RankLinear => Method::RankLinear,
            RankingMethod::RankStep => Method::RankStep { step },
            RankingMethod::RatioToTop => Method::RatioToTop,
            RankingMethod::MinMax => Method::MinMax,
        }
    }

    /// The choice that corresponds to a core method, if it is comparative.
    pub fn of(method: &Method) -> Option<RankingMethod> {
        match method {
            Method::RankLinear => Some(RankingMethod::RankLinear),
            Method::RankStep { .. } => Some(RankingMethod::RankStep),
            Method::RatioToTop => Some(RankingMethod::RatioToTop),
            Method::MinMax => Some(RankingMethod::MinMax),
            // min_max_floor is comparative but has a parameter of its own: the selector
            // offers the four document readings only, so a scheme's floor stays as it is.
            Method::MinMaxFloor { .. }
            | Method::CountCapped { .. }
            | Method::Direct { .. }
            | Method::RatioToBenchmark { .. }
            | Method::Thresholds { .. }
            | Method::Deduction { .. } => None,
        }
    }
}

/// What is done in the scheme editor ([`scheme_draft::SchemeDraft`]).
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    /// 编辑方案…: a draft of the scheme in use (a draft already open stays as typed).
    Opened,
    /// A field's text.
    Typed {
        /// The field.
        field: scheme_draft::Field,
        /// What it now says.
        text: String,
    },
    /// An indicator's method (an id of [`scheme_draft::METHODS`]).
    Method {
        /// The group.
        group: usize,
        /// The indicator in it.
        indicator: usize,
        /// The method's id.
        method: String,
    },
    /// An indicator's direction.
    Direction {
        /// The group.
        group: usize,
        /// The indicator in it.
        indicator: usize,
        /// 越高越好 or 越低越好.
        direction: parkscore::Direction,
    },
    /// 附加分累加 switched.
    CumulativeToggled,
    /// An indicator's 不超过满分 switched (`ratio_to_benchmark`).
    CapToggled {
        /// The group.
        group: usize,
        /// The indicator in it.
        indicator: usize,
    },
    /// 等级: none, by share or by score.
    ClassesBasis {
        /// `None`: the scheme grades nobody.
        by: Option<parkscore::scheme::ClassBasis>,
    },
    /// A new grade at the end.
    GradeAdded,
    /// A grade removed.
    GradeRemoved {
        /// The grade.
        grade: usize,
    },
    /// A new indicator at the end of a group.
    IndicatorAdded {
        /// The group.
        group: usize,
    },
    /// An indicator removed.
    IndicatorRemoved {
        /// The group.
        group: usize,
        /// The indicator in it.
        indicator: usize,
    },
    /// A new group at the end.
    GroupAdded,
    /// A group removed.
    GroupRemoved {
        /// The group.
        group: usize,
    },
    /// 使用此方案: when every field is right, the round is scored under the draft's scheme and
    /// the editor closes.
    Applied,
    /// 关闭: the draft is dropped.
    Closed,
}

/// The largest scheme file read: a scheme is a page of text (the built-in one is 20 KB).
pub const MAX_SCHEME_BYTES: usize = 1 << 20;

/// The index of the row with Excel number `number`: by binary search, as rows are kept in
/// ascending order (import and row edits renumber them so); a linear look when they are not.
fn row_of(table: &RawTable, number: u32) -> Option<usize> {
    table
        .rows
        .binary_search_by_key(&number, |r| r.number)
        .ok()
        .or_else(|| table.rows.iter().position(|r| r.number == number))
}

/// The built-in scheme (赤峰 2020), parsed once per thread.
pub fn builtin_scheme() -> Rc<Scheme> {
    thread_local! {
        static BUILTIN: Rc<Scheme> = Rc::new(Scheme::chifeng_2020());
    }
    BUILTIN.with(Rc::clone)
}

/// A scheme file's text, parsed and validated: its first problem in Chinese.
pub fn read_scheme(text: &str) -> Result<Scheme, String> {
    if text.len() > MAX_SCHEME_BYTES {
        return Err(format!(
            "方案文件有 {} KB，超过 {} KB 的上限",
            text.len() / 1024,
            MAX_SCHEME_BYTES / 1024
        ));
    }
    Scheme::from_toml(text).map_err(|e| e.to_string())
}

/// Rows of the data grid shown at a time (a page); a big table is paged, so that building the
/// grid never keeps the page busy.
pub const GRID_PAGE_ROWS: usize = 100;

/// Cells one paste or one clear may change at most (each is a change of the log, which a
/// session keeps up to [`crate::session::MAX_LOG`] changes).
pub const MAX_STEP_CELLS: usize = 10_000;

/// The refusal of a paste or a clear of `n` cells.
fn too_many_cells(n: usize) -> String {
    format!("一次最多粘贴或清除 {MAX_STEP_CELLS} 个单元格（这次是 {n} 个），未修改：请分几次进行")
}

/// The step offered for 每降一名扣分 before the user types one: 0.5 points per place.
pub const DEFAULT_STEP: &str = "0.5";

/// The user's reading of the document's ambiguous points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The method for every 排序法 indicator; `None` keeps the scheme's.
    pub method: Option<RankingMethod>,
    /// The step text as typed (points lost per place, for [`RankingMethod::RankStep`]).
    pub step_text: String,
    /// Whether bonuses add up; `None` keeps the scheme's rule.
    pub cumulative_bonus: Option<bool>,
    /// What a missing value does.
    pub missing: MissingPolicy,
    /// Go on when a unit of the scheme's list is missing from the file (N shrinks for all);
    /// printed in the reading. Absent in sessions saved before it existed: off.
    #[serde(default)]
    pub allow_missing_units: bool,
    /// Score parks that are not on the scheme's list; printed in the reading.
    #[serde(default)]
    pub allow_unlisted: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            method: None,
            step_text: DEFAULT_STEP.to_owned(),
            cumulative_bonus: None,
            missing: MissingPolicy::default(),
            allow_missing_units: false,
            allow_unlisted: false,
        }
    }
}

impl Settings {
    /// The step as a number, if the text is a positive decimal.
    pub fn step(&self) -> Result<Decimal, String> {
        let text = self.step_text.trim();
        match Decimal::from_str(text) {
            Ok(step) if step > Decimal::ZERO => Ok(step),
            Ok(_) => Err(format!("每降一名扣分应大于 0（现为「{text}」）")),
            Err(_) => Err(format!("每降一名扣分应为数字，例如 0.5（现为「{text}」）")),
        }
    }

    /// The step scored with: the one typed, or [`DEFAULT_STEP`] while it is invalid.
    pub fn options_step(&self) -> Decimal {
        self.step()
            .unwrap_or_else(|_| Decimal::from_str(DEFAULT_STEP).unwrap_or(Decimal::ONE))
    }

    /// The core's options for these settings. An invalid step falls back to
    /// [`DEFAULT_STEP`]; the settings panel shows the step's error.
    pub fn options(&self) -> Options {
        let step = self.options_step();
        Options {
            ranking_method: self.method.map(|m| m.method(step)),
            cumulative_bonus: self.cumulative_bonus,
            missing: self.missing,
        }
    }

    /// The import's options for these settings: the two unit-list choices, and the missing
    /// policy, so that missing values are reported together with the file's other errors.
    pub fn validate_options(&self) -> ValidateOptions {
        ValidateOptions {
            allow_missing_units: self.allow_missing_units,
            allow_unlisted: self.allow_unlisted,
            missing: Some(self.missing),
        }
    }
}

/// Which view of the results is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// The ranking table, vetoed parks and the chart of totals.
    #[default]
    Ranking,
    /// One park, indicator by indicator.
    Detail,
    /// The award money.
    Awards,
    /// The validation issues and the editable data grid.
    Data,
    /// The round's facts and the reports (公示版, 内部版, 园区得分明细单).
    Round,
    /// Beyond the document: the readings side by side, rank stability.
    Analysis,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 6] = [
        Tab::Ranking,
        Tab::Detail,
        Tab::Awards,
        Tab::Analysis,
        Tab::Data,
        Tab::Round,
    ];

    /// The tab a key moves to from `self` in the WAI-ARIA tabs pattern: ArrowRight/ArrowLeft
    /// to the next/previous (wrapping), Home/End to the first/last; `None` for other keys.
    pub fn by_key(self, key: &str) -> Option<Tab> {
        let all = Tab::ALL;
        let i = all.iter().position(|&t| t == self)?;
        let n = all.len();
        let to = match key {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return None,
        };
        all.get(to).copied()
    }

    /// The tab's Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Tab::Ranking => "排名结果",
            Tab::Detail => "园区详情",
            Tab::Awards => "奖励资金",
            Tab::Data => "数据与校验",
            Tab::Round => "公示与报告",
            Tab::Analysis => "结果分析",
        }
    }

    /// The tab's label for a scheme whose evaluated unit is `noun` (`Scheme::unit_noun`):
    /// 园区详情 becomes 企业详情 for a scheme of enterprises; the others are [`Tab::label_zh`].
    pub fn label_for(self, noun: &str) -> String {
        match self {
            Tab::Detail => format!("{noun}详情"),
            _ => self.label_zh().to_owned(),
        }
    }

    /// A stable id for the DOM (`ranking`, `detail`, `awards`, `data`).
    pub fn id(self) -> &'static str {
        match self {
            Tab::Ranking => "ranking",
            Tab::Detail => "detail",
            Tab::Awards => "awards",
            Tab::Data => "data",
            Tab::Round => "round",
            Tab::Analysis => "analysis",
        }
    }
}

/// A column of the ranking table to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// The rank on the total (the engine's order).
    #[default]
    Rank,
    /// The park's name.
    Park,
    /// The subtotal of the group at this index of the scheme.
    Group(usize),
    /// 附加分.
    Bonus,
    /// The total.
    Total,
    /// The place award.
    Award,
}

/// How the ranking table is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest (or last) first.
    pub descending: bool,
}

/// Where the app is with the current file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Nothing loaded: the landing page.
    #[default]
    Empty,
    /// A file is being read (正在读取…).
    Reading {
        /// The file's name.
        name: String,
    },
    /// A table is loaded (it may still have errors).
    Loaded,
}

/// A request to move the keyboard focus to a grid cell; `seq` changes on every request so that
/// the same cell can be asked for twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusRequest {
    /// The file.
    pub file: FileId,
    /// The cell.
    pub cell: CellRef,
    /// Increases with every request.
    pub seq: u64,
}

/// The report shown under 公示与报告 (and printed from there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportChoice {
    /// 公示版, 内部版 or 园区得分明细单.
    pub version: Version,
    /// For a 园区得分明细单: one park's, or `None` for every park's.
    pub park: Option<ParkName>,
}

impl Default for ReportChoice {
    fn default() -> ReportChoice {
        ReportChoice {
            version: Version::Publicity,
            park: None,
        }
    }
}

/// One field of the [`RoundFacts`] as entered (already checked: a year, a date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundEdit {
    /// 年度.
    Year(Option<u16>),
    /// 制表单位.
    Issuer(String),
    /// 公示期 from.
    PublicityFrom(Option<parkscore::round::Date>),
    /// 公示期 to.
    PublicityTo(Option<parkscore::round::Date>),
    /// 联系人.
    Contact(String),
    /// 联系电话.
    Phone(String),
    /// 落款日期.
    SignedOn(Option<parkscore::round::Date>),
}

impl RoundEdit {
    /// `facts` with this field changed.
    pub fn applied(self, facts: &RoundFacts) -> RoundFacts {
        let mut next = facts.clone();
        match self {
            RoundEdit::Year(y) => next.year = y,
            RoundEdit::Issuer(t) => next.issuer = t,
            RoundEdit::PublicityFrom(d) => next.publicity_from = d,
            RoundEdit::PublicityTo(d) => next.publicity_to = d,
            RoundEdit::Contact(t) => next.contact = t,
            RoundEdit::Phone(t) => next.phone = t,
            RoundEdit::SignedOn(d) => next.signed_on = d,
        }
        next
    }
}

/// A [`Job`] waiting for its [`Outcome`].
#[derive(Clone, Debug, PartialEq)]
pub struct PendingJob {
    /// Increases with every job; an outcome is taken only for the newest.
    pub seq: u64,
    /// The work.
    pub job: Job,
    /// The reading to score with, as it was when the job was asked for.
    pub options: Options,
    /// The import's choices (unit list, missing values), as they were then.
    pub validate: ValidateOptions,
    /// Whether the outcome picks the tab (排名结果 when it scores, else 数据与校验): after a
    /// new file or a restored session, not after an edit.
    pub choose_tab: bool,
    /// Whether the file read replaces every file of the round (the sample) rather than
    /// joining them.
    pub replaces: bool,
    /// For a job asked for by a change of setting: the change in words and the results shown
    /// when it was made, for [`AppState::setting_effect`].
    pub before: Option<(String, Rc<Evaluation>)>,
}

/// The settings that differ from the scheme's default: for each, the default in words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangedSettings {
    /// The method (or the step of 每降一名扣分) differs; the scheme's method.
    pub method: Option<&'static str>,
    /// The bonus rule differs; the scheme's.
    pub bonus: Option<&'static str>,
    /// The missing-value policy differs; the default.
    pub missing: Option<&'static str>,
    /// 允许缺少名单中的单位 is on.
    pub allow_missing_units: bool,
    /// 包括名单外的园区 is on.
    pub allow_unlisted: bool,
}

impl ChangedSettings {
    /// Whether any setting differs.
    pub fn any(&self) -> bool {
        self.method.is_some()
            || self.bonus.is_some()
            || self.missing.is_some()
            || self.allow_missing_units
            || self.allow_unlisted
    }
}

/// A parameter of the rank stability analysis, as the user types it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisParam {
    /// s, in percent (`20` for ±20 %).
    Spread,
    /// N.
    Samples,
    /// The seed.
    Seed,
}

/// Samples the page runs at most (the command line goes to 10,000,000).
pub const PAGE_MAX_SAMPLES: u32 = 100_000;

/// The 结果分析 tab: its parameters as typed, the analyses it asked for and the last result.
/// The analyses run in the worker like any job, but beside the scoring: a new evaluation
/// (or new parameters) asks for them again while the tab is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisState {
    /// s in percent, as typed.
    pub spread_text: String,
    /// N, as typed.
    pub samples_text: String,
    /// The seed, as typed.
    pub seed_text: String,
    /// The last result, the evaluation it was run on ([`AppState::scored`]) and what was asked.
    pub result: Option<(u64, AnalysisRequest, Rc<Analyses>)>,
    /// The job running, and the evaluation it runs on.
    pub pending: Option<(PendingJob, u64)>,
    /// Why the last job failed.
    pub error: Option<String>,
    /// Last year's file for 年度对比 (a data file or a saved session): its name, its bytes and
    /// which choice of file it is (counted, so that a file of the same name chosen again is
    /// compared again). Not saved with the session.
    pub last_year: Option<(String, Rc<Vec<u8>>, u64)>,
    /// How many files were chosen as last year's.
    pub last_year_choices: u64,
    /// The evaluation and request of a job that failed (the worker died on it): not asked
    /// again until something changes.
    pub failed: Option<(u64, AnalysisRequest)>,
}

impl Default for AnalysisState {
    fn default() -> AnalysisState {
        let p = StabilityParams::default();
        AnalysisState {
            spread_text: (Decimal::from_f64_retain(p.spread).unwrap_or_default()
                * Decimal::ONE_HUNDRED)
                .round_dp(4)
                .normalize()
                .to_string(),
            samples_text: p.samples.to_string(),
            seed_text: p.seed.to_string(),
            result: None,
            pending: None,
            error: None,
            last_year: None,
            last_year_choices: 0,
            failed: None,
        }
    }
}

impl AnalysisState {
    /// The stability parameters typed, or what is wrong with them (in Chinese, naming the
    /// field).
    pub fn params(&self) -> Result<StabilityParams, String> {
        let spread = Decimal::from_str(self.spread_text.trim())
            .ok()
            .filter(|s| *s >= Decimal::ZERO && *s < Decimal::from(100))
            .ok_or_else(|| {
                format!(
                    "满分扰动幅度应为 0 到 100 之间（不含 100）的百分数，例如 20（现为「{}」）",
                    self.spread_text.trim()
                )
            })?;
        let samples = self
            .samples_text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=PAGE_MAX_SAMPLES).contains(n))
            .ok_or_else(|| {
                format!(
                    "抽样次数应为 1 到 {PAGE_MAX_SAMPLES} 之间的整数（现为「{}」）",
                    self.samples_text.trim()
                )
            })?;
        let seed = self.seed_text.trim().parse::<u64>().map_err(|_| {
            format!(
                "随机种子应为非负整数，例如 {}（现为「{}」）",
                parkscore::analysis::stability::DEFAULT_SEED,
                self.seed_text.trim()
            )
        })?;
        Ok(StabilityParams {
            samples,
            spread: (spread / Decimal::ONE_HUNDRED).to_f64().unwrap_or_default(),
            seed,
        })
    }

    /// Whether the analyses are being run.
    pub fn is_running(&self) -> bool {
        self.pending.is_some()
    }
}

// ===== 提升空间 / 假设分析 of the park shown in 园区详情 (issue 12 §3) =====

/// The detail view's 提升空间 and 假设分析: the what-if values typed, the job asked for and the
/// last result. Like the analyses of 结果分析, the job runs in the worker beside the scoring:
/// while the detail view shows a park and the results are settled, a new evaluation, another
/// park or another what-if value asks for it again.
///
/// The what-if values live here only, never in the saved session: they are a question asked
/// of the data, not part of it (the data stays untouched), and a reload starts without them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParkAnalysisState {
    /// The park the what-if values were typed for.
    pub inputs_park: Option<ParkName>,
    /// The what-if values typed, by indicator, as typed (a field left empty is not here).
    pub inputs: BTreeMap<IndicatorId, String>,
    /// The last result, the evaluation it was run on ([`AppState::scored`]) and what was asked.
    pub result: Option<(u64, ParkRequest, Rc<ParkAnalysis>)>,
    /// The job running, and the evaluation it runs on.
    pub pending: Option<(PendingJob, u64)>,
    /// Why the last job failed.
    pub error: Option<String>,
    /// The evaluation and request of a job that failed: not asked again until something
    /// changes.
    pub failed: Option<(u64, ParkRequest)>,
}

impl ParkAnalysisState {
    /// The what-if values typed for `park` (none when they were typed for another park).
    pub fn inputs_for(&self, park: &ParkName) -> Option<&BTreeMap<IndicatorId, String>> {
        (self.inputs_park.as_ref() == Some(park)).then_some(&self.inputs)
    }

    /// Whether the park's figures are being worked out.
    pub fn is_running(&self) -> bool {
        self.pending.is_some()
    }

    /// The result of `park`'s last job, if the last job was about it.
    pub fn result_for(&self, park: &ParkName) -> Option<&Rc<ParkAnalysis>> {
        self.result
            .as_ref()
            .filter(|(_, asked, _)| &asked.park == park)
            .map(|(_, _, r)| r)
    }
}

// ===== end 提升空间 / 假设分析 =====

/// What a change of setting did to the results: the change in words and the parks whose rank
/// or award moved (issue 12 §1).
#[derive(Clone, Debug, PartialEq)]
pub struct SettingEffect {
    /// `排序法指标的折算方法改为「…」`.
    pub change_zh: String,
    /// What moved against the results shown before the change.
    pub moves: Moves,
}

/// Largest session the autosave keeps in the browser's local storage, in bytes of JSON (see
/// [`AppState::autosave`]).
pub const AUTOSAVE_MAX_BYTES: usize = 4 * 1024 * 1024;

/// What the autosave should do (see [`AppState::autosave`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Autosave {
    /// Nothing is loaded: forget any saved session.
    Clear,
    /// Keep this session's JSON.
    Save(String),
    /// The session is too big for the browser's storage (at least `bytes` of JSON): forget
    /// the saved one and say so.
    TooBig {
        /// The session's size, or a lower bound of it.
        bytes: usize,
    },
}

/// How the too-big notice begins (see [`Autosave::too_big_zh`]).
const TOO_BIG_PREFIX: &str = "数据较大（会话约 ";

impl Autosave {
    /// The notice for a session too big to keep.
    pub fn too_big_zh(bytes: usize) -> String {
        format!(
            "{TOO_BIG_PREFIX}{:.1} MB，超过浏览器本机存储的 {} MB），不再自动保存；请用「保存会话」保存到文件",
            bytes as f64 / 1_048_576.0,
            AUTOSAVE_MAX_BYTES >> 20
        )
    }
}

/// Everything the app shows, derived from the table and the settings by the core.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The rules.
    pub scheme: Rc<Scheme>,
    /// Landing, reading or loaded.
    pub phase: Phase,
    /// The round's files as text, with the user's edits and their log.
    pub doc: Document,
    /// The file shown in the data grid.
    pub active: Option<FileId>,
    /// Files dropped together wait here while the one before them is read.
    pub queue: Vec<(String, Rc<Vec<u8>>)>,
    /// The user's decisions of conflicts between files.
    pub choices: Rc<Choices>,
    /// The round's facts (年度, 制表单位, 公示期, …), printed on every report.
    pub round: RoundFacts,
    /// The committee's decisions of special awards (园区公共服务平台, ties).
    pub decisions: Vec<AwardDecision>,
    /// The reading chosen.
    pub settings: Settings,
    /// Why the last file could not be read at all.
    pub load_error: Option<Issue>,
    /// What validation (and the merge of several files) made of the round's files (its
    /// provenance moved to [`AppState::provenance`]).
    pub checked: Option<Rc<Checked>>,
    /// Where each value came from, shared with the views that show it.
    pub provenance: Option<Rc<Provenance>>,
    /// The evaluation, when validation found no error and scoring succeeded.
    pub evaluation: Option<Rc<Evaluation>>,
    /// The blocking problems scoring reported instead of an evaluation.
    pub scoring_issues: Vec<Issue>,
    /// The view shown.
    pub tab: Tab,
    /// How the ranking table is sorted.
    pub sort: Sort,
    /// The park shown in the detail view.
    pub selected_park: Option<ParkName>,
    /// The scheme editor's draft, while it is open (not saved in the session: a draft becomes
    /// work when it is applied or saved as a file).
    pub scheme_draft: Option<Box<scheme_draft::SchemeDraft>>,
    /// A park was chosen from another view (its name in the ranking, an award): the detail
    /// view, opened by it, moves the keyboard focus to its heading. Choosing a tab clears it
    /// (arrowing through the tabs keeps the focus on the tabs), and so does choosing a park in
    /// the detail view's own picker (the focus stays in the picker).
    pub focus_park_heading: bool,
    /// The grid cell to focus, set by clicking an issue.
    pub focus: Option<FocusRequest>,
    /// A file is being dragged over the window.
    pub dragging: bool,
    /// A message for the user that is not about the data (a session file that did not open,
    /// local storage full).
    pub notice: Option<String>,
    /// Increases whenever something worth saving changes (table, edits, settings, choices).
    pub revision: u64,
    /// The job the core is working on, if any; what is shown meanwhile is the last outcome.
    pub pending: Option<PendingJob>,
    /// How many jobs were asked for (the last [`PendingJob::seq`]).
    pub jobs: u64,
    /// Where the last job ran.
    pub last_ran: Option<Ran>,
    /// The page of the data grid shown (rows `page × GRID_PAGE_ROWS` on).
    pub grid_page: usize,
    /// The report chosen under 公示与报告.
    pub report: ReportChoice,
    /// What the last change of setting moved, until the data changes or the user dismisses it.
    pub setting_effect: Option<Rc<SettingEffect>>,
    /// How many evaluations were taken: identifies the one shown, for the analyses.
    pub scored: u64,
    /// The 结果分析 tab.
    pub analysis: AnalysisState,
    /// 园区详情's 提升空间 and 假设分析.
    pub park_analysis: ParkAnalysisState,
    /// The change of setting the next scheduled job is for (see `settings_changed`).
    compare_next: Option<String>,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new(builtin_scheme())
    }
}

/// An intent of the user (or of the browser on the user's behalf).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A file is about to be read: show 正在读取….
    ReadingStarted {
        /// The file's name.
        name: String,
    },
    /// A file's bytes arrived: read it (as a [`Job`]).
    FileLoaded {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// The browser could not read a file.
    FileFailed {
        /// The file's name.
        name: String,
        /// What went wrong, in Chinese.
        message: String,
    },
    /// Load the built-in sample.
    SampleRequested,
    /// The user typed into a cell of the grid's file.
    CellEdited {
        /// Index in the table's rows.
        row: usize,
        /// Index in the row's cells.
        col: usize,
        /// The new text.
        text: String,
        /// When, by the browser's clock (`2021-03-20 14:05`), for the log.
        at: String,
    },
    /// The user left the cell being edited: the next edit is a change of its own.
    CellLeft,
    /// The edit of a cell was cancelled (Esc): the cell goes back to the text it had when the
    /// edit began, and the change being typed leaves the log.
    EditCancelled {
        /// Index in the table's rows.
        row: usize,
        /// Index in the row's cells.
        col: usize,
        /// The text the cell had when the edit began.
        text: String,
        /// When, for the log (used only if the cancel is a change of its own).
        at: String,
    },
    /// A block was pasted at a cell of the grid's file (the clipboard's text, tab-separated
    /// as Excel and WPS copy it): one step of undo.
    Pasted {
        /// Index in the table's rows of the block's top-left cell.
        row: usize,
        /// Index in the row's cells.
        col: usize,
        /// The clipboard's text.
        text: String,
        /// When, for the log.
        at: String,
    },
    /// The selected cells were cleared (Delete): one step of undo.
    CellsCleared {
        /// One corner of the selection.
        from: CellRef,
        /// The other corner.
        to: CellRef,
        /// When, for the log.
        at: String,
    },
    /// Insert an empty row into the grid's file at this index of its rows (above the row
    /// there; the row count appends one).
    RowInserted {
        /// Index in the table's rows.
        row: usize,
        /// The column to keep the focus in.
        col: usize,
        /// When, for the log.
        at: String,
    },
    /// Delete a row of the grid's file.
    RowDeleted {
        /// Index in the table's rows.
        row: usize,
        /// The column to keep the focus in.
        col: usize,
        /// When, for the log.
        at: String,
    },
    /// Take the last change back (Ctrl+Z, 撤销).
    Undo,
    /// Make the last change taken back again (Ctrl+Y, 重做).
    Redo,
    /// Give change `index` of the log a reason (复核调整, 公示异议 …).
    ReasonGiven {
        /// Index in the log.
        index: usize,
        /// The reason; empty clears it.
        reason: String,
    },
    /// Show another of the round's files in the grid.
    FileShown {
        /// The file.
        file: FileId,
    },
    /// Take a file out of the round (its edits go with it).
    FileRemoved {
        /// The file.
        file: FileId,
    },
    /// Settle a conflict between files: take `file`'s value.
    ConflictDecided {
        /// The park.
        park: ParkName,
        /// The field.
        field: Field,
        /// The file whose value is taken.
        file: String,
    },
    /// Show (and print from 公示与报告) another report.
    ReportChosen {
        /// The report.
        choice: ReportChoice,
    },
    /// The round's facts, all at once (a restored form, a test).
    RoundFactsChanged {
        /// The facts.
        facts: Box<RoundFacts>,
    },
    /// One of the round's facts as entered (applied to the facts as they are now, so that
    /// quick changes of several fields never overwrite each other).
    RoundFactEdited {
        /// The field and its value.
        edit: RoundEdit,
    },
    /// Read another worksheet of the same workbook.
    SheetChosen {
        /// The worksheet's name.
        name: String,
    },
    /// The method for 排序法 indicators.
    MethodChosen {
        /// The choice; `None` goes back to the scheme's.
        method: Option<RankingMethod>,
    },
    /// The step of 每降一名扣分 as typed.
    StepChanged {
        /// The text.
        text: String,
    },
    /// Cumulative bonus on/off.
    BonusCumulativeToggled,
    /// Go on without the scheme's units missing from the file, on/off.
    AllowMissingUnitsToggled,
    /// Score parks not on the scheme's list, on/off.
    AllowUnlistedToggled,
    /// Accept an issue's suggested text for its cell (a park name → the official name it is
    /// nearest to): an edit like any other, recorded and undoable by editing again.
    SuggestionAccepted {
        /// The issue whose [`Issue::suggestion`] is taken.
        issue: Box<Issue>,
        /// When, for the log.
        at: String,
    },
    /// 恢复默认: every setting back to the scheme's.
    SettingsReset,
    /// The note of what the last change of setting moved is closed.
    SettingEffectDismissed,
    /// A parameter of the stability analysis was typed (and committed: Enter, or leaving it).
    AnalysisParamEdited {
        /// Which.
        param: AnalysisParam,
        /// The text.
        text: String,
    },
    /// The stability analysis's parameters back to their defaults.
    AnalysisParamsReset,
    /// A file was chosen as last year's, for 年度对比.
    LastYearChosen {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// 年度对比 without last year's file.
    LastYearRemoved,
    // --- 假设分析 ---
    /// A what-if value of the park shown was typed (and committed: Enter, or leaving the
    /// field); empty takes the change back.
    WhatIfEdited {
        /// The park.
        park: ParkName,
        /// The indicator.
        indicator: IndicatorId,
        /// The value as typed.
        text: String,
    },
    /// 恢复: every what-if value taken back.
    WhatIfReset,
    // --- end 假设分析 ---
    /// The missing-value policy.
    MissingPolicyChosen {
        /// The policy.
        policy: MissingPolicy,
    },
    /// The committee's decision of a special award (园区公共服务平台, or a tie).
    AwardDecided {
        /// The award's name, as in the scheme.
        award: String,
        /// The park, or `None` to withdraw the decision.
        park: Option<ParkName>,
    },
    /// The note recorded with a special award's decision.
    AwardNoted {
        /// The award's name.
        award: String,
        /// The note.
        note: String,
    },
    /// Forget the data, edits and settings (清除本机数据).
    Cleared,
    /// A saved session (local storage or a .json file) came back.
    SessionRestored {
        /// The session.
        session: Box<Session>,
    },
    /// A scheme file (.toml) was opened: its rules replace the scheme in use, and the round
    /// is scored again under them.
    SchemeOpened {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
    /// Back to the built-in scheme (赤峰 2020).
    SchemeReset,
    /// A built-in preset chosen (`parkscore::scheme::presets::PRESETS`): its scheme is used
    /// from now on, as a scheme file opened would be.
    PresetChosen {
        /// The preset's id (`huaian-2024`).
        id: String,
    },
    /// The scheme editor: opened on the scheme in use, a field typed, a row added, applied,
    /// closed.
    SchemeDraft {
        /// What was done in the editor.
        edit: DraftEdit,
    },
    /// Something the user asked for could not be done (a session file that did not open, a
    /// download the browser refused).
    Failed {
        /// What went wrong, in Chinese.
        message: String,
    },
    /// Sort the ranking table by `key` (again: reverse the order).
    SortBy {
        /// The column.
        key: SortKey,
    },
    /// Show a park in the detail view.
    ParkSelected {
        /// The park.
        park: ParkName,
    },
    /// Show another page of the data grid.
    GridPageChosen {
        /// The page (0 is the first).
        page: usize,
    },
    /// Show a view.
    TabChosen {
        /// The view.
        tab: Tab,
    },
    /// Go to the cell an issue is about.
    IssueChosen {
        /// The issue.
        issue: Box<Issue>,
    },
    /// A file is (or is no longer) being dragged over the window.
    DragHover {
        /// Whether it is.
        active: bool,
    },
    /// Saving to local storage failed (or works again).
    AutosaveResult {
        /// The problem, or `None` when the save worked.
        error: Option<String>,
    },
    /// The core finished job `seq`.
    JobDone {
        /// The job's [`PendingJob::seq`].
        seq: u64,
        /// Where it ran.
        ran: Ran,
        /// What it came to.
        outcome: Box<Outcome>,
    },
    /// Job `seq` could not be run (the worker failed).
    JobFailed {
        /// The job's [`PendingJob::seq`].
        seq: u64,
        /// What went wrong, in Chinese.
        message: String,
    },
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

impl AppState {
    /// The state before anything is loaded, scoring under `scheme`.
    pub fn new(scheme: Rc<Scheme>) -> AppState {
        AppState {
            scheme,
            phase: Phase::Empty,
            doc: Document::default(),
            active: None,
            queue: Vec::new(),
            choices: Rc::new(Choices::default()),
            round: RoundFacts::default(),
            decisions: Vec::new(),
            settings: Settings::default(),
            load_error: None,
            checked: None,
            provenance: None,
            evaluation: None,
            scoring_issues: Vec::new(),
            tab: Tab::default(),
            sort: Sort::default(),
            selected_park: None,
            focus_park_heading: false,
            scheme_draft: None,
            focus: None,
            dragging: false,
            notice: None,
            revision: 0,
            pending: None,
            jobs: 0,
            last_ran: None,
            grid_page: 0,
            report: ReportChoice::default(),
            setting_effect: None,
            scored: 0,
            analysis: AnalysisState::default(),
            park_analysis: ParkAnalysisState::default(),
            compare_next: None,
        }
    }

    /// The state after `action`, or `None` when nothing changes (no re-render).
    pub fn apply(&self, action: Action) -> Option<AppState> {
        let mut next = self.clone();
        // The heading takes the focus once, when a park is opened from another view: any later
        // action (a result arriving, an edit) leaves the focus where the user has put it.
        next.focus_park_heading = false;
        match action {
            Action::ReadingStarted { name } => {
                next.phase = Phase::Reading { name };
                next.load_error = None;
                next.notice = None;
                next.dragging = false;
            }
            Action::FileLoaded { name, bytes } => {
                next.dragging = false;
                let files = next.doc.files().len() + next.queue.len();
                if files >= crate::session::MAX_FILES && next.doc.by_name(&name).is_none() {
                    next.notice = Some(format!(
                        "本轮已有 {} 个文件，最多 {} 个；「{name}」未读取",
                        files,
                        crate::session::MAX_FILES
                    ));
                    return Some(next);
                }
                if next
                    .pending
                    .as_ref()
                    .is_some_and(|p| matches!(p.job, Job::Load { .. }))
                {
                    // Files dropped together: each is read after the one before it.
                    next.queue.push((name, bytes));
                } else {
                    // The sample is a demonstration, never merged with real data: the first
                    // real file takes its place.
                    let only_sample = next.only_sample();
                    next.load_file(name, bytes, None, only_sample);
                }
            }
            Action::JobDone { seq, ran, outcome } => {
                // 提升空间 / 假设分析
                if let Some((job, scored)) =
                    next.park_analysis.pending.take_if(|(p, _)| p.seq == seq)
                {
                    next.take_park_analysis(job, scored, *outcome);
                    next.want_park_analysis();
                    return Some(next);
                }
                if let Some((job, scored)) = next.analysis.pending.take_if(|(p, _)| p.seq == seq) {
                    next.take_analyses(job, scored, *outcome);
                    next.want_analysis();
                    return Some(next);
                }
                let pending = next.pending.take_if(|p| p.seq == seq)?;
                next.last_ran = Some(ran);
                next.take_outcome(pending, *outcome);
                next.next_in_queue();
            }
            Action::JobFailed { seq, message } => {
                // 提升空间 / 假设分析
                if let Some((job, scored)) =
                    next.park_analysis.pending.take_if(|(p, _)| p.seq == seq)
                {
                    if let Job::ParkAnalysis { wanted, .. } = job.job {
                        next.park_analysis.failed = Some((scored, wanted));
                    }
                    next.park_analysis.error = Some(format!("分析未能完成：{message}"));
                    next.want_park_analysis();
                    return Some(next);
                }
                if let Some((job, scored)) = next.analysis.pending.take_if(|(p, _)| p.seq == seq) {
                    if let Job::Analyse { wanted, .. } = job.job {
                        next.analysis.failed = Some((scored, wanted));
                    }
                    next.analysis.error = Some(format!("分析未能完成：{message}"));
                    next.want_analysis();
                    return Some(next);
                }
                next.pending.take_if(|p| p.seq == seq)?;
                next.phase = next.settled_phase();
                next.notice = Some(format!("计算未能完成：{message}"));
                next.next_in_queue();
            }
            Action::FileFailed { name, message } => {
                next.phase = next.settled_phase();
                next.load_error = Some(Issue::error(
                    parkscore::Location {
                        file: Some(name),
                        ..Default::default()
                    },
                    message,
                ));
            }
            Action::SampleRequested => {
                // The sample of the preset in use (its own indicators), else the built-in one.
                let (name, bytes) = match next.preset_in_use() {
                    Some(p) => (p.sample_name, p.sample),
                    None => (
                        parkscore::sample::SAMPLE_FILE_NAME,
                        parkscore::sample::sample_csv(),
                    ),
                };
                next.queue.clear();
                next.load_file(name.to_owned(), Rc::new(bytes.to_vec()), None, true);
            }
            Action::PresetChosen { id } => {
                let preset = parkscore::scheme::presets::preset(&id)?;
                let scheme = match preset.scheme() {
                    Ok(scheme) => scheme,
                    Err(e) => {
                        next.notice = Some(format!("内置方案「{}」无法使用：{e}", preset.title_zh));
                        return Some(next);
                    }
                };
                if scheme == *next.scheme {
                    return None;
                }
                next.use_scheme(scheme);
            }
            Action::CellEdited { row, col, text, at } => {
                let file = next.active?;
                let cell = CellRef { row, col };
                let place = next.edit_place(file, cell);
                if !next.doc.edit(file, cell, text, at, place) {
                    return None;
                }
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::CellLeft => {
                if !next.doc.seal() {
                    return None;
                }
            }
            Action::EditCancelled { row, col, text, at } => {
                let file = next.active?;
                if !next.doc.cancel(file, CellRef { row, col }, text, at) {
                    return None;
                }
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::Pasted { row, col, text, at } => {
                let file = next.active?;
                let table = next.table()?;
                let at_cell = CellRef { row, col };
                let address = format!(
                    "{}{}",
                    parkscore::import::column_letter(col),
                    table.rows.get(row).map_or(0, |r| r.number)
                );
                let block = grid::parse_tsv(&text);
                let cells = grid::paste_cells(&block, at_cell, next.grid_extent(), &address)
                    .and_then(|cells| {
                        if cells.len() > MAX_STEP_CELLS {
                            Err(too_many_cells(cells.len()))
                        } else {
                            Ok(cells)
                        }
                    });
                match cells {
                    Ok(cells) => {
                        if !next.edit_cells(file, cells, &at) {
                            return None;
                        }
                        next.show_cell(file, at_cell);
                    }
                    Err(message) => next.notice = Some(message),
                }
            }
            Action::CellsCleared { from, to, at } => {
                let file = next.active?;
                let extent = next.grid_extent();
                let top = CellRef {
                    row: from.row.min(to.row),
                    col: from.col.min(to.col),
                };
                let bottom = CellRef {
                    row: from.row.max(to.row).min(extent.rows.checked_sub(1)?),
                    col: from.col.max(to.col).min(extent.cols.checked_sub(1)?),
                };
                let count = (bottom.row.checked_sub(top.row)? + 1)
                    .saturating_mul(bottom.col.checked_sub(top.col)? + 1);
                if count > MAX_STEP_CELLS {
                    next.notice = Some(too_many_cells(count));
                    return Some(next);
                }
                let cells = (top.row..=bottom.row)
                    .flat_map(|r| (top.col..=bottom.col).map(move |c| CellRef { row: r, col: c }))
                    .map(|c| (c, String::new()))
                    .collect();
                if !next.edit_cells(file, cells, &at) {
                    return None;
                }
            }
            Action::RowInserted { row, col, at } => {
                let file = next.active?;
                if next.table()?.rows.len() >= document::MAX_TABLE_ROWS {
                    next.notice = Some(format!(
                        "表格已有 {} 行，不能再插入行",
                        document::MAX_TABLE_ROWS
                    ));
                    return Some(next);
                }
                if !next.doc.insert_row(file, row, at) {
                    return None;
                }
                next.rows_moved(file, row, true);
                next.show_cell(file, CellRef { row, col });
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::RowDeleted { row, col, at } => {
                let file = next.active?;
                let header_row = next.file_check(file).and_then(|c| c.header_row);
                if header_row == Some(row) {
                    let number = next.table()?.rows.get(row)?.number;
                    next.notice = Some(format!(
                        "第 {number} 行是表头，不能删除（删除后各列无法识别）"
                    ));
                    return Some(next);
                }
                let park = next.row_park(file, row).map(str::to_owned);
                if !next.doc.delete_row(file, row, park, at) {
                    return None;
                }
                next.rows_moved(file, row, false);
                next.show_cell(file, CellRef { row, col });
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::Undo => {
                let (file, cell) = next.doc.undo()?;
                next.show_cell(file, cell);
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::Redo => {
                let (file, cell) = next.doc.redo()?;
                next.show_cell(file, cell);
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::ReasonGiven { index, reason } => {
                if !next.doc.set_reason(index, &reason) {
                    return None;
                }
                next.revision += 1;
            }
            Action::FileShown { file } => {
                if next.active == Some(file) || next.doc.file(file).is_none() {
                    return None;
                }
                next.active = Some(file);
                next.grid_page = 0;
            }
            Action::FileRemoved { file } => {
                let name = next.doc.file(file)?.name().to_owned();
                if !next.doc.remove(file) {
                    return None;
                }
                // Decisions for the file's values go with it (were it added back, its values
                // would be decided again).
                Rc::make_mut(&mut next.choices)
                    .cells
                    .retain(|c| c.file != name);
                if next.active == Some(file) {
                    next.active = next.doc.files().first().map(|f| f.id);
                    next.grid_page = 0;
                    next.focus = None;
                }
                if next.doc.is_empty() {
                    next.phase = Phase::Empty;
                }
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::ConflictDecided { park, field, file } => {
                let choices = Rc::make_mut(&mut next.choices);
                if choices
                    .cells
                    .iter()
                    .any(|c| c.park == park && c.field == field && c.file == file)
                {
                    return None;
                }
                choices
                    .cells
                    .retain(|c| !(c.park == park && c.field == field));
                choices.cells.push(Choice { park, field, file });
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::RoundFactsChanged { facts } => {
                if next.round == *facts {
                    return None;
                }
                next.round = *facts;
                next.revision += 1;
            }
            Action::ReportChosen { choice } => {
                if next.report == choice {
                    return None;
                }
                next.report = choice;
            }
            Action::RoundFactEdited { edit } => {
                let facts = edit.applied(&next.round);
                if next.round == facts {
                    return None;
                }
                next.round = facts;
                next.revision += 1;
            }
            Action::SheetChosen { name } => {
                let file = next.active_file()?.clone();
                let bytes = file.bytes.clone()?;
                if file.table.sheet.as_deref() == Some(name.as_str()) {
                    return None;
                }
                next.load_file(file.name().to_owned(), bytes, Some(name), false);
            }
            Action::MethodChosen { method } => {
                if next.settings.method == method {
                    return None;
                }
                next.settings.method = method;
                let change = format!(
                    "排序法指标的折算方法改为「{}」",
                    next.effective_method()
                        .method(next.settings.options_step())
                        .name_zh()
                );
                next.settings_changed(Some(change));
            }
            Action::StepChanged { text } => {
                if next.settings.step_text == text {
                    return None;
                }
                next.settings.step_text = text;
                // A step that is not a number scores with the default step: what moved would
                // be against that, not against what was typed.
                let change = next
                    .settings
                    .step()
                    .ok()
                    .map(|step| format!("每降一名扣分改为 {} 分", step.normalize()));
                next.settings_changed(change);
            }
            Action::BonusCumulativeToggled => {
                let now = next.cumulative_bonus();
                next.settings.cumulative_bonus = Some(!now);
                let change = if now {
                    format!(
                        "附加分改为不累加（同一{}只取最高一项）",
                        next.scheme.unit_noun()
                    )
                } else {
                    "附加分改为累加".to_owned()
                };
                next.settings_changed(Some(change));
            }
            Action::AllowMissingUnitsToggled => {
                next.settings.allow_missing_units = !next.settings.allow_missing_units;
                let change = if next.settings.allow_missing_units {
                    "改为允许缺少名单中的单位"
                } else {
                    "改为不允许缺少名单中的单位"
                };
                next.settings_changed(Some(change.to_owned()));
            }
            Action::AllowUnlistedToggled => {
                next.settings.allow_unlisted = !next.settings.allow_unlisted;
                let noun = next.scheme.unit_noun();
                let change = if next.settings.allow_unlisted {
                    format!("改为包括名单外的{noun}")
                } else {
                    format!("改为不包括名单外的{noun}")
                };
                next.settings_changed(Some(change));
            }
            Action::SettingsReset => {
                if next.settings == Settings::default() {
                    return None;
                }
                next.settings = Settings::default();
                next.settings_changed(Some("恢复默认口径".to_owned()));
            }
            Action::SettingEffectDismissed => {
                next.setting_effect.take()?;
            }
            Action::AnalysisParamEdited { param, text } => {
                let field = match param {
                    AnalysisParam::Spread => &mut next.analysis.spread_text,
                    AnalysisParam::Samples => &mut next.analysis.samples_text,
                    AnalysisParam::Seed => &mut next.analysis.seed_text,
                };
                if *field == text {
                    return None;
                }
                *field = text;
            }
            Action::LastYearChosen { name, bytes } => {
                next.analysis.last_year_choices += 1;
                next.analysis.last_year = Some((name, bytes, next.analysis.last_year_choices));
            }
            Action::LastYearRemoved => {
                next.analysis.last_year.take()?;
            }
            Action::AnalysisParamsReset => {
                let defaults = AnalysisState::default();
                let a = &mut next.analysis;
                if (&a.spread_text, &a.samples_text, &a.seed_text)
                    == (
                        &defaults.spread_text,
                        &defaults.samples_text,
                        &defaults.seed_text,
                    )
                {
                    return None;
                }
                a.spread_text = defaults.spread_text;
                a.samples_text = defaults.samples_text;
                a.seed_text = defaults.seed_text;
            }
            // --- 假设分析 ---
            Action::WhatIfEdited {
                park,
                indicator,
                text,
            } => {
                let p = &mut next.park_analysis;
                if p.inputs_park.as_ref() != Some(&park) {
                    p.inputs.clear();
                    p.inputs_park = Some(park);
                }
                let text = text.trim();
                if text.is_empty() {
                    p.inputs.remove(&indicator);
                } else {
                    p.inputs.insert(indicator, text.to_owned());
                }
                if next.park_analysis.inputs == self.park_analysis.inputs {
                    return None;
                }
            }
            Action::WhatIfReset => {
                if next.park_analysis.inputs.is_empty() {
                    return None;
                }
                next.park_analysis.inputs.clear();
            }
            // --- end 假设分析 ---
            Action::SuggestionAccepted { issue, at } => {
                let text = issue.suggestion.clone()?;
                let (file, cell) = next.suggestion_cell(&issue)?;
                let place = next.edit_place(file, cell);
                if !next.doc.edit(file, cell, text, at, place) {
                    return None;
                }
                next.schedule_score(false);
                next.revision += 1;
            }
            Action::MissingPolicyChosen { policy } => {
                if next.settings.missing == policy {
                    return None;
                }
                next.settings.missing = policy;
                let change = format!("缺失值处理方式改为「{}」", policy.label_zh());
                next.settings_changed(Some(change));
            }
            Action::AwardDecided { award, park } => {
                let old = next.decisions.iter().position(|d| d.award == award);
                let note = old
                    .map(|i| next.decisions.remove(i).note)
                    .unwrap_or_default();
                match park {
                    Some(park) => next.decisions.push(AwardDecision { award, park, note }),
                    None if old.is_none() => return None,
                    None => {}
                }
                next.revision += 1;
            }
            Action::AwardNoted { award, note } => {
                let decision = next.decisions.iter_mut().find(|d| d.award == award)?;
                if decision.note == note {
                    return None;
                }
                decision.note = note;
                next.revision += 1;
            }
            Action::Cleared => {
                let revision = next.revision + 1;
                next = AppState::new(Rc::clone(&self.scheme));
                next.revision = revision;
                next.jobs = self.jobs;
            }
            Action::SessionRestored { session } => {
                let revision = next.revision + 1;
                // The session's own scheme, when it was scored under one; a scheme that no
                // longer reads falls back to the built-in one, and says so.
                let (scheme, notice) = match session.scheme.as_deref().map(read_scheme) {
                    None => (builtin_scheme(), None),
                    Some(Ok(scheme)) => (Rc::new(scheme), None),
                    Some(Err(e)) => (
                        builtin_scheme(),
                        Some(format!(
                            "会话中的评分方案无法使用（{e}），已改用内置的赤峰 2020 方案计分"
                        )),
                    ),
                };
                next = AppState::new(scheme);
                next.revision = revision;
                next.jobs = self.jobs;
                next.restore(*session);
                if notice.is_some() {
                    next.notice = notice;
                }
            }
            Action::SchemeOpened { name, bytes } => {
                let scheme = std::str::from_utf8(&bytes)
                    .map_err(|_| {
                        "不是 UTF-8 编码的文本（方案文件应为 UTF-8 编码的 TOML）".to_owned()
                    })
                    .and_then(|text| read_scheme(text.strip_prefix('\u{feff}').unwrap_or(text)));
                match scheme {
                    Err(e) => next.notice = Some(format!("评分方案「{name}」无法使用：{e}")),
                    Ok(scheme) if scheme == *next.scheme => {
                        next.notice = Some(format!("评分方案「{name}」与正在使用的方案相同"));
                    }
                    Ok(scheme) => next.use_scheme(scheme),
                }
            }
            Action::SchemeDraft { edit } => {
                if edit == DraftEdit::Opened {
                    if next.scheme_draft.is_some() {
                        return None;
                    }
                    let builtin = next.scheme_is_builtin();
                    next.scheme_draft = Some(Box::new(scheme_draft::SchemeDraft::of(
                        Rc::clone(&next.scheme),
                        builtin,
                    )));
                    next.revision += 1;
                    return Some(next);
                }
                let draft = next.scheme_draft.as_deref_mut()?;
                let changed = match edit {
                    DraftEdit::Opened => false,
                    DraftEdit::Typed { field, text } => {
                        draft.text(field) != text && draft.set(field, text)
                    }
                    DraftEdit::Method {
                        group,
                        indicator,
                        method,
                    } => draft.choose_method(group, indicator, &method),
                    DraftEdit::Direction {
                        group,
                        indicator,
                        direction,
                    } => draft.choose_direction(group, indicator, direction),
                    DraftEdit::CumulativeToggled => {
                        draft.cumulative = !draft.cumulative;
                        true
                    }
                    DraftEdit::CapToggled { group, indicator } => {
                        draft.toggle_cap(group, indicator)
                    }
                    DraftEdit::ClassesBasis { by } => draft.choose_classes(by),
                    DraftEdit::GradeAdded => draft.add_grade(),
                    DraftEdit::GradeRemoved { grade } => draft.remove_grade(grade),
                    DraftEdit::IndicatorAdded { group } => draft.add_indicator(group),
                    DraftEdit::IndicatorRemoved { group, indicator } => {
                        draft.remove_indicator(group, indicator)
                    }
                    DraftEdit::GroupAdded => {
                        draft.add_group();
                        true
                    }
                    DraftEdit::GroupRemoved { group } => draft.remove_group(group),
                    DraftEdit::Applied => {
                        let scheme = draft.check().scheme?;
                        next.scheme_draft = None;
                        if scheme != *next.scheme {
                            next.use_scheme(scheme);
                        }
                        true
                    }
                    DraftEdit::Closed => {
                        next.scheme_draft = None;
                        true
                    }
                };
                if !changed {
                    return None;
                }
                next.revision += 1;
            }
            Action::SchemeReset => {
                if next.scheme_is_builtin() {
                    return None;
                }
                next.use_scheme(Scheme::clone(&builtin_scheme()));
            }
            Action::Failed { message } => {
                next.notice = Some(message);
            }
            Action::SortBy { key } => {
                next.sort = if next.sort.key == key {
                    Sort {
                        key,
                        descending: !next.sort.descending,
                    }
                } else {
                    Sort {
                        key,
                        descending: default_descending(key),
                    }
                };
            }
            Action::ParkSelected { park } => {
                next.selected_park = Some(park);
                next.focus_park_heading = next.tab != Tab::Detail;
                next.tab = Tab::Detail;
            }
            Action::GridPageChosen { page } => {
                let rows = next.table().map_or(0, |t| t.rows.len());
                let page = page.min(rows.saturating_sub(1) / GRID_PAGE_ROWS);
                if next.grid_page == page {
                    return None;
                }
                next.grid_page = page;
            }
            Action::TabChosen { tab } => {
                if next.tab == tab {
                    return None;
                }
                next.tab = tab;
                next.focus_park_heading = false;
                // A focus request is served once: a view opened later keeps the focus where the
                // user has it (on the tabs), it does not pull it into the grid again.
                next.focus = None;
            }
            Action::IssueChosen { issue } => {
                let (file, cell) = next.issue_cell(&issue)?;
                next.show_cell(file, cell);
                next.tab = Tab::Data;
            }
            Action::DragHover { active } => {
                if next.dragging == active {
                    return None;
                }
                next.dragging = active;
            }
            Action::AutosaveResult { error } => {
                if next.notice == error {
                    return None;
                }
                next.notice = error;
            }
        }
        next.want_analysis();
        next.want_park_analysis();
        Some(next)
    }

    /// Whether the settings offer 附加分累加: only when the scheme has a bonus (a 亩均 scheme's
    /// provincial and national points are both 0, so there is nothing to add up or not).
    pub fn shows_bonus_setting(&self) -> bool {
        self.scheme.has_bonus()
    }

    /// Whether bonuses add up under the current settings (the user's choice or the scheme's).
    pub fn cumulative_bonus(&self) -> bool {
        self.settings
            .cumulative_bonus
            .unwrap_or(self.scheme.bonus.cumulative)
    }

    /// What is wrong with the settings as typed (a step of 每降一名扣分 that is not a positive
    /// number), if anything: the results shown are then not those of the settings, and nothing
    /// is exported until it is fixed.
    pub fn settings_error(&self) -> Option<String> {
        if self.effective_method() == RankingMethod::RankStep {
            self.settings.step().err()
        } else {
            None
        }
    }

    /// The settings that differ from the scheme's default, each with the default in words
    /// (the settings panel marks them, and offers 恢复默认 when there is any).
    pub fn changed_settings(&self) -> ChangedSettings {
        let default = Settings::default();
        let scheme_method = self.scheme_method();
        let method = self.effective_method();
        let step_differs = method == RankingMethod::RankStep
            && self.settings.method.is_some()
            && self.settings.step_text.trim() != default.step_text;
        ChangedSettings {
            method: (method != scheme_method || step_differs).then(|| scheme_method.label_zh()),
            bonus: (self.cumulative_bonus() != self.scheme.bonus.cumulative).then_some(
                if self.scheme.bonus.cumulative {
                    "累加"
                } else {
                    "不累加"
                },
            ),
            missing: (self.settings.missing != default.missing).then(|| default.missing.label_zh()),
            allow_missing_units: self.settings.allow_missing_units != default.allow_missing_units,
            allow_unlisted: self.settings.allow_unlisted != default.allow_unlisted,
        }
    }

    /// The method 排序法 indicators use now: the user's, else the scheme's (its first
    /// comparative indicator's), else 按名次线性折算.
    pub fn effective_method(&self) -> RankingMethod {
        self.settings.method.unwrap_or_else(|| self.scheme_method())
    }

    /// The scheme's method for 排序法 indicators (its first comparative indicator's), else
    /// 按名次线性折算.
    pub fn scheme_method(&self) -> RankingMethod {
        self.scheme
            .indicators()
            .find_map(|i| RankingMethod::of(&i.method))
            .unwrap_or(RankingMethod::RankLinear)
    }

    /// The reading of the current evaluation, if there is one.
    pub fn reading(&self) -> Option<&Reading> {
        self.evaluation.as_deref().map(|e| &e.reading)
    }

    /// The file shown in the grid.
    pub fn active_file(&self) -> Option<&DataFile> {
        self.active.and_then(|id| self.doc.file(id))
    }

    /// The table shown in the grid (the active file's).
    pub fn table(&self) -> Option<&Rc<RawTable>> {
        self.active_file().map(|f| &f.table)
    }

    /// What validation made of file `id` (matched by name: the last outcome may predate a
    /// file added since).
    pub fn file_check(&self, id: FileId) -> Option<&FileCheck> {
        let name = self.doc.file(id)?.name();
        self.checked
            .as_deref()?
            .files
            .iter()
            .find(|f| f.name == name)
    }

    /// Every issue to show in the issues panel: the load failure, validation's, then scoring's.
    pub fn issues(&self) -> Vec<&Issue> {
        let mut all: Vec<&Issue> = self.load_error.iter().collect();
        if let Some(c) = &self.checked {
            all.extend(c.issues.iter());
        }
        all.extend(self.scoring_issues.iter());
        all
    }

    /// How many issues block scoring.
    pub fn error_count(&self) -> usize {
        self.issues().into_iter().filter(|i| i.is_error()).count()
    }

    /// The year evaluated: the one entered for the round, else the one the files name.
    pub fn year(&self) -> Option<u16> {
        self.round
            .year_or(self.checked.as_deref().and_then(|c| c.year))
    }

    /// The park decided on for the special award no group measures (园区公共服务平台).
    pub fn platform_choice(&self) -> Option<&ParkName> {
        let award = self
            .scheme
            .awards
            .special
            .iter()
            .find(|a| a.basis.is_none())?;
        self.decisions
            .iter()
            .find(|d| d.award == award.name)
            .map(|d| &d.park)
    }

    /// The file and the grid cell an issue is about: the file it names (the grid's file when it
    /// names none), its row by Excel row number, its column by header (matched columns first,
    /// then the header row's text, then a column letter). An issue naming a row but no known
    /// column goes to the row's first cell.
    pub fn issue_cell(&self, issue: &Issue) -> Option<(FileId, CellRef)> {
        let (file, table) = self.issue_file(issue)?;
        let number = issue.location.row?;
        let row = row_of(table, number)?;
        let col = issue
            .location
            .column
            .as_deref()
            .and_then(|header| {
                self.column_index(file, table, header)
                    .or_else(|| self.source_column(file, table, row, header))
            })
            .unwrap_or(0);
        Some((file, CellRef { row, col }))
    }

    /// For an issue about an indicator the file has no column for (`工业总产值增速`, derived
    /// from 本年 and 上年 figures; a 亩均 figure, from the area): the column of the raw figure
    /// that causes it in row `row` — the first of its figures that is empty or not a number,
    /// else the first figure.
    fn source_column(
        &self,
        file: FileId,
        table: &RawTable,
        row: usize,
        name: &str,
    ) -> Option<usize> {
        let name = name.trim();
        let indicator = self.scheme.indicators().find(|i| {
            i.name == name || format!("{}（{}）", i.name, i.unit) == name || i.id.as_str() == name
        })?;
        let check = self.file_check(file)?;
        if let Some(own) = check
            .columns
            .iter()
            .find(|c| c.target == indicator.id.as_str())
        {
            return Some(own.index);
        }
        let sources: Vec<usize> = parkscore::import::derived_from(indicator.id.as_str())
            .iter()
            .filter_map(|target| check.columns.iter().find(|c| &c.target == target))
            .map(|c| c.index)
            .collect();
        let text = |col: usize| {
            table
                .rows
                .get(row)
                .and_then(|r| r.cells.get(col))
                .map_or("", |t| t.trim())
        };
        let faulty = |col: &usize| {
            let t = text(*col);
            t.is_empty()
                || !matches!(
                    parkscore::import::number::parse_number(t),
                    Ok(parkscore::import::number::CellNumber::Plain(_))
                )
        };
        sources
            .iter()
            .copied()
            .find(faulty)
            .or_else(|| sources.first().copied())
    }

    /// The cell an issue's suggestion replaces: only when its row and its column are both
    /// found (never column A by default, as [`AppState::issue_cell`] falls back to for
    /// showing the row).
    pub fn suggestion_cell(&self, issue: &Issue) -> Option<(FileId, CellRef)> {
        let (file, table) = self.issue_file(issue)?;
        let number = issue.location.row?;
        let row = row_of(table, number)?;
        let col = self.column_index(file, table, issue.location.column.as_deref()?)?;
        Some((file, CellRef { row, col }))
    }

    fn issue_file(&self, issue: &Issue) -> Option<(FileId, &RawTable)> {
        let file = match issue.location.file.as_deref() {
            Some(name) => self.doc.by_name(name)?,
            None => self.active_file()?,
        };
        Some((file.id, &file.table))
    }

    fn column_index(&self, file: FileId, table: &RawTable, header: &str) -> Option<usize> {
        let header = header.trim();
        if let Some(check) = self.file_check(file) {
            if let Some(c) = check.columns.iter().find(|c| c.header.trim() == header) {
                return Some(c.index);
            }
            if let Some(h) = check.header_row.and_then(|i| table.rows.get(i)) {
                if let Some(i) = h.cells.iter().position(|c| c.trim() == header) {
                    return Some(i);
                }
            }
        }
        column_letter_index(header)
    }

    /// The cells of the grid's file that an error or a warning is about, to mark in the grid.
    pub fn faulty_cells(&self) -> BTreeSet<CellRef> {
        let Some(active) = self.active else {
            return BTreeSet::new();
        };
        parkscore::order::set(
            self.issues()
                .into_iter()
                .filter(|i| i.severity != parkscore::Severity::Info)
                .filter_map(|i| self.issue_cell(i))
                .filter(|(file, _)| *file == active)
                .map(|(_, cell)| cell),
        )
    }

    /// The text of a cell of the grid's file (`""` outside it).
    pub fn cell_text(&self, cell: CellRef) -> &str {
        self.active.map_or("", |id| self.doc.text(id, cell))
    }

    /// Whether a cell of the grid's file was edited since the file was loaded.
    pub fn is_edited(&self, cell: CellRef) -> bool {
        self.active.is_some_and(|id| self.doc.is_edited(id, cell))
    }

    /// Where an edit of `cell` in file `id` is, for the log: the park of its row (when the
    /// row is below the header) and the column's header.
    pub fn edit_place(&self, id: FileId, cell: CellRef) -> EditPlace {
        let table = self.doc.file(id).map(|f| &f.table);
        let header_row = self.file_check(id).and_then(|c| c.header_row);
        let column = header_row
            .and_then(|h| table?.rows.get(h)?.cells.get(cell.col))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| format!("{} 列", parkscore::import::column_letter(cell.col)));
        EditPlace {
            park: self.row_park(id, cell.row).map(str::to_owned),
            column,
        }
    }

    /// The size of the grid's table: its rows, and the columns the grid shows (the widest
    /// row's).
    pub fn grid_extent(&self) -> grid::Extent {
        self.table()
            .map_or(grid::Extent { rows: 0, cols: 0 }, |t| grid::Extent {
                rows: t.rows.len(),
                cols: t.width(),
            })
    }

    /// The grid's columns for file `id`, named after what they feed (see [`grid::columns`]).
    pub fn grid_columns(&self, id: FileId) -> Vec<grid::GridColumn> {
        let Some(file) = self.doc.file(id) else {
            return Vec::new();
        };
        let check = self.file_check(id);
        grid::columns(
            file.table.width(),
            &file.table,
            check.and_then(|c| c.header_row),
            check.map_or(&[], |c| c.columns.as_slice()),
            &self.scheme,
        )
    }

    /// The park-name column of file `id`, as validation found it.
    pub fn name_column(&self, id: FileId) -> Option<usize> {
        self.file_check(id)?
            .columns
            .iter()
            .find(|m| m.target == "name")
            .map(|m| m.index)
    }

    /// The park of row `row` of file `id` (a row below the header with a name).
    pub fn row_park(&self, id: FileId, row: usize) -> Option<&str> {
        let table = &self.doc.file(id)?.table;
        let header_row = self.file_check(id).and_then(|c| c.header_row);
        grid::row_park(table, header_row, self.name_column(id), row)
    }

    /// A row was inserted (or deleted) at index `row` of file `id`: until the new outcome
    /// comes, the last one's header row moves with the rows (the row buttons and the log's
    /// places read it).
    fn rows_moved(&mut self, id: FileId, row: usize, inserted: bool) {
        let Some(name) = self.doc.file(id).map(|f| f.name().to_owned()) else {
            return;
        };
        let Some(checked) = self.checked.as_mut() else {
            return;
        };
        for f in Rc::make_mut(checked)
            .files
            .iter_mut()
            .filter(|f| f.name == name)
        {
            if let Some(h) = f.header_row.as_mut() {
                if inserted && row <= *h {
                    *h = h.saturating_add(1);
                } else if !inserted && row < *h {
                    *h = h.saturating_sub(1);
                }
            }
        }
    }

    /// Writes several cells of file `id` as one step of undo (a paste, a clear); scores
    /// again. `false` when no cell changed.
    fn edit_cells(&mut self, id: FileId, cells: Vec<(CellRef, String)>, at: &str) -> bool {
        let cells = cells
            .into_iter()
            .map(|(cell, text)| {
                let place = self.edit_place(id, cell);
                (cell, text, place)
            })
            .collect();
        if self.doc.edit_many(id, cells, at) == 0 {
            return false;
        }
        self.schedule_score(false);
        self.revision += 1;
        true
    }

    /// Whether replacing the round would lose work the user did here: edits, a round of
    /// several files, conflict or award decisions, the round's facts. A single file as loaded
    /// is no such work (it can be opened again).
    pub fn has_work(&self) -> bool {
        self.doc.edited_cells() > 0
            || !self.doc.log().is_empty()
            || self.doc.files().len() > 1
            || !self.choices.cells.is_empty()
            || !self.decisions.is_empty()
            || self.round != RoundFacts::default()
    }

    /// What the autosave does after a change: keep the session in the browser's storage, or
    /// clear it (nothing loaded, or the work too big for it).
    ///
    /// Judgement call: a session over [`AUTOSAVE_MAX_BYTES`] is not autosaved. Browsers keep
    /// about 5 MB per page; 100,000 rows make 50 MB of session, and building it on every
    /// change cost the page a second each time, only to be refused. The old saved session is
    /// cleared rather than left behind (a reload would bring back an older state without a
    /// word), and the page says to save the session to a file. The size is bounded from below
    /// by the cells' text first, so a big table is never serialised for nothing.
    pub fn autosave(&self) -> Autosave {
        if self.doc.is_empty() {
            return Autosave::Clear;
        }
        let at_least: usize = self
            .doc
            .files()
            .iter()
            .flat_map(|f| &f.table.rows)
            .map(|r| r.cells.parts().0.len() + 3 * r.cells.len())
            .sum();
        if at_least > AUTOSAVE_MAX_BYTES {
            return Autosave::TooBig { bytes: at_least };
        }
        let json = Session::of(self).to_json();
        if json.len() > AUTOSAVE_MAX_BYTES {
            return Autosave::TooBig { bytes: json.len() };
        }
        Autosave::Save(json)
    }

    /// Whether the notice shown is the autosave's too-big one: a later save that fits (a big
    /// file removed) takes it away again.
    pub fn too_big_notice_shown(&self) -> bool {
        self.notice
            .as_deref()
            .is_some_and(|n| n.starts_with(TOO_BIG_PREFIX))
    }

    /// What to save so that a reload (or another computer) comes back to the same place.
    pub fn session(&self) -> Option<Session> {
        if self.doc.is_empty() {
            return None;
        }
        Some(Session::of(self))
    }

    /// Whether the core is working on a job (the results shown may be about to change).
    pub fn is_computing(&self) -> bool {
        self.pending.is_some()
    }

    /// Loaded when there are files, else the landing.
    fn settled_phase(&self) -> Phase {
        if self.doc.is_empty() {
            Phase::Empty
        } else {
            Phase::Loaded
        }
    }

    /// Shows `cell` of file `id` in the grid, focused (kept inside the table: a row taken
    /// away by an undo).
    fn show_cell(&mut self, file: FileId, cell: CellRef) {
        let rows = self.doc.file(file).map_or(0, |f| f.table.rows.len());
        let cell = CellRef {
            row: cell.row.min(rows.saturating_sub(1)),
            col: cell.col,
        };
        let seq = self.focus.map_or(1, |f| f.seq + 1);
        self.active = Some(file);
        self.focus = Some(FocusRequest { file, cell, seq });
        self.grid_page = cell.row / GRID_PAGE_ROWS;
    }

    /// The settings changed (`change` in words, `None` when the change cannot be scored as
    /// typed): score again, and have the outcome say what moved against the results shown now.
    fn settings_changed(&mut self, change: Option<String>) {
        // A setting that cannot be scored as typed scores nothing: the results shown stay those
        // of the last valid settings, marked as out of date, until it is fixed.
        if self.settings_error().is_some() {
            self.revision += 1;
            return;
        }
        // Only against results that nothing else is about to change: while an edit is being
        // scored or a file read, what moves would not be the setting's alone.
        let settled = match &self.pending {
            None => true,
            Some(p) => p.before.is_some() && !matches!(p.job, Job::Load { .. }),
        };
        self.compare_next = change.filter(|_| settled).map(|change| {
            // Changes made while the last one is still being scored are compared with the
            // same results shown, and named together.
            match self.pending.as_ref().and_then(|p| p.before.as_ref()) {
                Some((earlier, _)) => format!("{earlier}；{change}"),
                None => change,
            }
        });
        self.schedule_score(false);
        self.compare_next = None;
        self.revision += 1;
    }

    /// Takes the outcome of analysis job `job`, run on evaluation `scored`.
    fn take_analyses(&mut self, job: PendingJob, scored: u64, outcome: Outcome) {
        match (outcome, job.job) {
            (Outcome::Analysed { analyses }, Job::Analyse { wanted, .. }) => {
                self.analysis.result = Some((scored, wanted, Rc::new(*analyses)));
                self.analysis.error = None;
            }
            (Outcome::Unreadable { issue }, _) => {
                self.analysis.error = Some(format!("分析未能完成：{issue}"));
            }
            _ => self.analysis.error = Some("分析未能完成：计算结果不是分析结果".to_owned()),
        }
    }

    /// What the analyses would be asked for now: the step of the readings and the stability
    /// parameters typed, if they are valid.
    pub fn analysis_request(&self) -> Result<AnalysisRequest, String> {
        Ok(AnalysisRequest {
            step: self
                .settings
                .step()
                .unwrap_or_else(|_| Decimal::from_str(DEFAULT_STEP).unwrap_or(Decimal::ONE)),
            stability: self.analysis.params()?,
            last_year: self.analysis.last_year.as_ref().map(|l| l.2),
        })
    }

    /// Why the page does not run 结果分析 on this round, if it does not: more parks than
    /// [`ANALYSIS_MAX_PARKS`](crate::compute::ANALYSIS_MAX_PARKS) (decided here, so that such a round's tables are never sent to
    /// the worker only to be refused).
    pub fn analysis_refusal(&self) -> Option<String> {
        let e = self.evaluation.as_deref()?;
        Limit::Analyses.refusal(e.parks.len() + e.vetoed.len())
    }

    /// Why the page does not work out a park's 提升空间 on this round, if it does not: more
    /// parks than [`PARK_ANALYSIS_MAX_PARKS`](crate::compute::PARK_ANALYSIS_MAX_PARKS).
    pub fn park_analysis_refusal(&self) -> Option<String> {
        let e = self.evaluation.as_deref()?;
        Limit::Park.refusal(e.parks.len() + e.vetoed.len())
    }

    /// The analyses shown are those of the evaluation shown, with the parameters typed, and no
    /// new evaluation is on its way.
    pub fn analysis_is_current(&self) -> bool {
        if self.pending.is_some() {
            return false;
        }
        match (&self.analysis.result, self.analysis_request()) {
            (Some((scored, asked, _)), Ok(wanted)) => *scored == self.scored && *asked == wanted,
            _ => false,
        }
    }

    /// While 结果分析 is shown and the results are settled, asks for the analyses of the
    /// evaluation shown with the parameters typed, unless they are shown or being run already.
    fn want_analysis(&mut self) {
        if self.tab != Tab::Analysis
            || self.evaluation.is_none()
            || self.pending.is_some()
            // One job at a time: the one running is taken when it returns, and then the one
            // wanted by then is asked for (the worker answers in order; a superseded job would
            // only delay the next).
            || self.analysis.is_running()
            || self.analysis_refusal().is_some()
        {
            return;
        }
        let Ok(wanted) = self.analysis_request() else {
            return;
        };
        if self.analysis_is_current()
            || self.analysis.failed.as_ref() == Some(&(self.scored, wanted.clone()))
        {
            return;
        }
        self.jobs += 1;
        let job = Job::Analyse {
            tables: self
                .doc
                .files()
                .iter()
                .map(|f| Rc::clone(&f.table))
                .collect(),
            choices: Rc::clone(&self.choices),
            wanted,
            last_year: self
                .analysis
                .last_year
                .as_ref()
                .map(|(name, bytes, _)| (name.clone(), Rc::clone(bytes))),
        };
        self.analysis.pending = Some((
            PendingJob {
                seq: self.jobs,
                job,
                options: self.settings.options(),
                validate: self.settings.validate_options(),
                choose_tab: false,
                replaces: false,
                before: None,
            },
            self.scored,
        ));
    }

    // ===== 提升空间 / 假设分析 =====

    /// The park the detail view shows: the one chosen if it is ranked, else the first.
    pub fn detail_park(&self) -> Option<ParkName> {
        let e = self.evaluation.as_deref()?;
        self.selected_park
            .as_ref()
            .and_then(|name| e.park(name.as_str()))
            .or_else(|| e.at(0))
            .map(|p| p.name.clone())
    }

    /// What the detail view would ask about its park now: the what-if values typed for it, in
    /// the scheme's order, and the tornado's ±20 %.
    pub fn park_request(&self) -> Option<ParkRequest> {
        let park = self.detail_park()?;
        let changes = match self.park_analysis.inputs_for(&park) {
            Some(inputs) => self
                .scheme
                .indicators()
                .filter_map(|i| inputs.get(&i.id).map(|t| (i.id.clone(), t.clone())))
                .collect(),
            None => Vec::new(),
        };
        Some(ParkRequest {
            park,
            changes,
            spread: DEFAULT_TORNADO_SPREAD,
        })
    }

    /// The park's figures shown are those of the evaluation shown, the park shown and the
    /// what-if values typed, and no new evaluation is on its way.
    pub fn park_analysis_is_current(&self) -> bool {
        if self.pending.is_some() {
            return false;
        }
        match (&self.park_analysis.result, self.park_request()) {
            (Some((scored, asked, _)), Some(wanted)) => *scored == self.scored && *asked == wanted,
            _ => false,
        }
    }

    /// While 园区详情 is shown and the results are settled, asks for the shown park's figures,
    /// unless they are shown or being worked out already.
    fn want_park_analysis(&mut self) {
        if self.tab != Tab::Detail
            || self.pending.is_some()
            || self.park_analysis.is_running()
            || self.park_analysis_refusal().is_some()
            || self.park_analysis_is_current()
        {
            return;
        }
        let Some(wanted) = self.park_request() else {
            return;
        };
        if self.park_analysis.failed.as_ref() == Some(&(self.scored, wanted.clone())) {
            return;
        }
        self.jobs += 1;
        let job = Job::ParkAnalysis {
            tables: self.doc.tables(),
            choices: Rc::clone(&self.choices),
            wanted,
        };
        self.park_analysis.pending = Some((
            PendingJob {
                seq: self.jobs,
                job,
                options: self.settings.options(),
                validate: self.settings.validate_options(),
                choose_tab: false,
                replaces: false,
                before: None,
            },
            self.scored,
        ));
    }

    /// Takes the outcome of the park's job `job`, run on evaluation `scored`.
    fn take_park_analysis(&mut self, job: PendingJob, scored: u64, outcome: Outcome) {
        match (outcome, job.job) {
            (Outcome::ParkAnalysed { park }, Job::ParkAnalysis { wanted, .. }) => {
                self.park_analysis.result = Some((scored, wanted, Rc::new(*park)));
                self.park_analysis.error = None;
            }
            (Outcome::Unreadable { issue }, _) => {
                self.park_analysis.error = Some(format!("分析未能完成：{issue}"));
            }
            _ => {
                self.park_analysis.error = Some(format!(
                    "分析未能完成：计算结果不是本{}的分析结果",
                    self.scheme.unit_noun()
                ))
            }
        }
    }

    // ===== end 提升空间 / 假设分析 =====

    /// Asks for `job`; it supersedes any job still pending.
    fn schedule(&mut self, job: Job, choose_tab: bool, replaces: bool) {
        self.jobs += 1;
        let before = match (self.compare_next.clone(), &self.evaluation) {
            (Some(change), Some(shown)) => Some((change, Rc::clone(shown))),
            _ => None,
        };
        self.pending = Some(PendingJob {
            seq: self.jobs,
            before,
            job,
            options: self.settings.options(),
            validate: self.settings.validate_options(),
            choose_tab,
            replaces,
        });
    }

    /// Asks for the round as it is now to be validated and scored again. While a file is
    /// being read, its reading is asked for again instead (with the settings and the other
    /// files as they are now): scoring without it would only lose the new file.
    fn schedule_score(&mut self, choose_tab: bool) {
        if let Some(pending) = self.pending.clone() {
            if let Job::Load {
                name, bytes, sheet, ..
            } = pending.job
            {
                self.load_job(name, bytes, sheet, pending.replaces, pending.choose_tab);
                return;
            }
        }
        if self.doc.is_empty() {
            self.pending = None;
            self.checked = None;
            self.provenance = None;
            self.evaluation = None;
            self.scoring_issues.clear();
            return;
        }
        let job = Job::Score {
            tables: self.doc.tables(),
            choices: Rc::clone(&self.choices),
        };
        self.schedule(job, choose_tab, false);
    }

    /// Asks for a file to be read into the round (`replaces`: instead of every file); what
    /// is shown stays until its outcome arrives.
    fn load_file(
        &mut self,
        name: String,
        bytes: Rc<Vec<u8>>,
        sheet: Option<String>,
        replaces: bool,
    ) {
        self.phase = Phase::Reading { name: name.clone() };
        self.notice = None;
        self.load_error = None;
        self.load_job(name, bytes, sheet, replaces, true);
    }

    /// The job that reads `name` into the round as it is now: in the place of a file of the
    /// same name, else at the end.
    fn load_job(
        &mut self,
        name: String,
        bytes: Rc<Vec<u8>>,
        sheet: Option<String>,
        replaces: bool,
        choose_tab: bool,
    ) {
        let (others, at) = if replaces {
            (Vec::new(), 0)
        } else {
            let at = self
                .doc
                .files()
                .iter()
                .position(|f| f.name() == name)
                .unwrap_or(self.doc.files().len());
            let others = self
                .doc
                .files()
                .iter()
                .filter(|f| f.name() != name)
                .map(|f| Rc::clone(&f.table))
                .collect();
            (others, at)
        };
        let choices = if replaces {
            Rc::new(Choices::default())
        } else {
            Rc::clone(&self.choices)
        };
        let job = Job::Load {
            name,
            bytes,
            sheet,
            others,
            at,
            choices,
        };
        self.schedule(job, choose_tab, replaces);
    }

    /// Starts reading the next file dropped together with the last, if any.
    fn next_in_queue(&mut self) {
        if self.pending.is_some() || self.queue.is_empty() {
            return;
        }
        let (name, bytes) = self.queue.remove(0);
        // The file before it may have failed: its message stays while the next is read.
        let error = self.load_error.take();
        self.load_file(name, bytes, None, self.only_sample());
        self.load_error = error;
    }

    /// The built-in preset whose scheme is the one in use, if any.
    pub fn preset_in_use(&self) -> Option<&'static parkscore::scheme::presets::Preset> {
        thread_local! {
            static PRESET_SCHEMES: Vec<Option<Scheme>> = parkscore::scheme::presets::PRESETS
                .iter()
                .map(|p| p.scheme().ok())
                .collect();
        }
        PRESET_SCHEMES.with(|schemes| {
            parkscore::scheme::presets::PRESETS
                .iter()
                .zip(schemes)
                .find(|(_, s)| s.as_ref() == Some(&*self.scheme))
                .map(|(p, _)| p)
        })
    }

    /// Whether the scheme in use is the built-in one (赤峰 2020), which a session need not carry.
    pub fn scheme_is_builtin(&self) -> bool {
        let builtin = builtin_scheme();
        Rc::ptr_eq(&self.scheme, &builtin) || *self.scheme == *builtin
    }

    /// Scores the round under `scheme` from now on: the reading's choices go back to the
    /// scheme's defaults (a method chosen for one scheme is no choice of the next), and what
    /// the change moved is said as for a setting.
    fn use_scheme(&mut self, scheme: Scheme) {
        let change = format!("评分方案改为「{}」", scheme.name);
        self.scheme = Rc::new(scheme);
        self.settings.method = None;
        self.settings.cumulative_bonus = None;
        self.notice = None;
        if self.doc.is_empty() {
            self.revision += 1;
        } else {
            self.settings_changed(Some(change));
        }
    }

    /// What the page's status region (`aria-live`) says of the state: the file read, the
    /// errors found or the result scored, a setting's effect. A screen reader announces it
    /// when it changes, so it says only what matters: a file being read, then the settled
    /// state — the re-scoring after each keystroke changes nothing in it until its outcome
    /// does (the sentence is of the results shown).
    pub fn status_zh(&self) -> String {
        if let Phase::Reading { name } = &self.phase {
            return format!("正在读取「{name}」…");
        }
        let mut parts = Vec::new();
        if let Some(notice) = self.data_notice() {
            parts.push(notice.to_owned());
        }
        if let Some(e) = &self.load_error {
            parts.push(format!("文件无法读取：{e}"));
        }
        if let Some(file) = self.active_file() {
            parts.push(format!(
                "已读取「{}」（{} 行）",
                file.name(),
                file.table.rows.len()
            ));
        }
        let errors = self.error_count();
        let noun = self.scheme.unit_noun();
        if errors > 0 {
            parts.push(format!("发现 {errors} 个错误，须修正后才能计分"));
        } else if let Some(eval) = &self.evaluation {
            match eval.parks.first() {
                Some(first) => {
                    let mut sentence = format!(
                        "已计分：{} 个{noun}参评，第 1 名 {}（{} 分",
                        eval.parks.len(),
                        first.name,
                        first.total
                    );
                    if let Some(class) = eval.class_of(0) {
                        sentence.push_str(&format!("，等级 {class}"));
                    }
                    sentence.push('）');
                    if !eval.not_rated.is_empty() {
                        sentence.push_str(&format!("，{} 个{noun}不参评", eval.not_rated.len()));
                    }
                    parts.push(sentence);
                }
                None => parts.push(format!("已计分：没有参评{noun}")),
            }
        }
        if let Some(e) = self.settings_error() {
            parts.push(format!("计分口径有误：{e}"));
        } else if let Some(effect) = &self.setting_effect {
            parts.push(format!(
                "{}：{}",
                effect.change_zh,
                effect.moves.sentence_for(noun)
            ));
        }
        parts.join("；")
    }

    /// The page's heading: the scheme's name less a final 指标体系 — `赤峰市工业园区综合发展评价考核`
    /// for the built-in scheme, `工业企业亩均效益综合评价（淮安式，示例方案）` for a preset.
    pub fn page_title(&self) -> String {
        let name = self.scheme.name.trim();
        name.strip_suffix("指标体系").unwrap_or(name).to_owned()
    }

    /// What every result shown, printed or exported must say: `示例数据，非真实统计` while
    /// the round's data is the built-in sample ([`parkscore::sample::is_sample`]).
    pub fn data_notice(&self) -> Option<&'static str> {
        self.doc
            .files()
            .iter()
            .any(|f| parkscore::sample::is_sample(&f.table))
            .then_some(parkscore::sample::SAMPLE_NOTICE)
    }

    /// Whether the round is the sample alone (which the first real file replaces).
    fn only_sample(&self) -> bool {
        matches!(self.doc.files(), [f] if f.name() == parkscore::sample::SAMPLE_FILE_NAME)
    }

    /// Takes the outcome of `pending`.
    fn take_outcome(&mut self, pending: PendingJob, outcome: Outcome) {
        match outcome {
            Outcome::Unreadable { issue } => {
                // The round stays as it was; the file that could not be read says why.
                self.load_error = Some(issue);
                self.phase = self.settled_phase();
            }
            // Analyses come back to `take_analyses` (a park's to `take_park_analysis`); one
            // here is of no job the page waits for.
            Outcome::Analysed { .. } | Outcome::ParkAnalysed { .. } => {
                self.phase = self.settled_phase()
            }
            Outcome::Scored {
                loaded,
                checked,
                evaluation,
            } => {
                if let (Some((at, table)), Job::Load { bytes, .. }) = (loaded, pending.job) {
                    if pending.replaces {
                        // Another round (the sample): the work on the old one is gone (its
                        // session was saved before, and the page asked first).
                        self.doc = Document::default();
                        self.choices = Rc::new(Choices::default());
                        self.decisions.clear();
                        self.selected_park = None;
                        self.sort = Sort::default();
                        // A what-if is a question about the old round.
                        self.park_analysis = ParkAnalysisState::default();
                    }
                    // A new version of a file: decisions made on the old one's values do not carry
                    // over to values nobody has seen.
                    let name = table.file_name.clone();
                    if self.doc.by_name(&name).is_some() {
                        Rc::make_mut(&mut self.choices)
                            .cells
                            .retain(|c| c.file != name);
                    }
                    let id = self.doc.put(at, table, Some(bytes));
                    self.active = Some(id);
                    self.focus = None;
                    self.grid_page = 0;
                    self.revision += 1;
                }
                self.load_error = None;
                self.phase = Phase::Loaded;
                self.scoring_issues.clear();
                self.setting_effect = match (&pending.before, &evaluation) {
                    (Some((change, shown)), Some(Ok(now))) => Some(Rc::new(SettingEffect {
                        change_zh: change.clone(),
                        moves: moves(shown, now),
                    })),
                    _ => None,
                };
                self.scored += 1;
                self.evaluation = match evaluation {
                    Some(Ok(evaluation)) => Some(Rc::new(evaluation)),
                    Some(Err(issues)) => {
                        self.scoring_issues = issues;
                        None
                    }
                    None => None,
                };
                let mut checked = checked;
                self.provenance = Some(Rc::new(std::mem::take(&mut checked.provenance)));
                self.checked = Some(Rc::new(checked));
                self.keep_selected_park();
                if pending.choose_tab {
                    self.tab = if self.evaluation.is_some() {
                        Tab::Ranking
                    } else {
                        Tab::Data
                    };
                }
            }
        }
    }

    fn restore(&mut self, session: Session) {
        let open_award = self
            .scheme
            .awards
            .special
            .iter()
            .find(|a| a.basis.is_none())
            .map(|a| a.name.clone());
        let restored = session.into_parts(open_award.as_deref());
        let ids: Vec<FileId> = restored
            .files
            .into_iter()
            .map(|(table, originals)| self.doc.restore(table, originals))
            .collect();
        // The log names files by index in the session: to the ids given now.
        let remap = |list: Vec<LoggedChange>| -> Vec<LoggedChange> {
            list.into_iter()
                .filter_map(|mut l| {
                    l.file = *ids.get(usize::try_from(l.file.0).ok()?)?;
                    Some(l)
                })
                .collect()
        };
        let (log, undone) = (remap(restored.log), remap(restored.undone));
        self.doc.restore_log(log, undone);
        self.active = self
            .doc
            .files()
            .get(restored.active)
            .or_else(|| self.doc.files().first())
            .map(|f| f.id);
        self.settings = restored.settings;
        self.choices = Rc::new(restored.choices);
        self.round = restored.round;
        self.decisions = restored.decisions;
        self.phase = self.settled_phase();
        self.schedule_score(true);
    }

    /// Keeps the park shown in the detail view if it is still ranked, else shows the first.
    fn keep_selected_park(&mut self) {
        let still_there = |name: &ParkName| {
            self.evaluation
                .as_deref()
                .is_some_and(|e| e.parks.iter().any(|p| &p.name == name))
        };
        if !self.selected_park.as_ref().is_some_and(still_there) {
            self.selected_park = self
                .evaluation
                .as_deref()
                .and_then(|e| e.parks.first())
                .map(|p| p.name.clone());
        }
    }
}

/// Whether sorting by `key` starts largest first: scores and money do, rank and name do not.
fn default_descending(key: SortKey) -> bool {
    matches!(
        key,
        SortKey::Group(_) | SortKey::Bonus | SortKey::Total | SortKey::Award
    )
}

/// `A` → 0, `B` → 1, `AA` → 26: a column named by its Excel letter.
fn column_letter_index(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = text
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1);
    Some(n - 1)
}

/// Parks offered in a drop-down list (the detail view's park, the 园区公共服务平台 choice) at
/// most; thousands of `<option>`s would keep the page busy. Chifeng has 14.
pub const PICKER_PARKS: usize = 200;

/// The parks a drop-down offers: the first [`PICKER_PARKS`] by rank, and `selected` wherever
/// it ranks (so that the list always shows the current choice).
pub fn picker_parks<'a>(
    evaluation: &'a Evaluation,
    selected: Option<&ParkName>,
) -> Vec<&'a parkscore::scoring::ParkResult> {
    let mut parks: Vec<_> = evaluation.parks.iter().take(PICKER_PARKS).collect();
    if let Some(chosen) = selected.and_then(|name| {
        evaluation
            .parks
            .iter()
            .skip(PICKER_PARKS)
            .find(|p| &p.name == name)
    }) {
        parks.push(chosen);
    }
    parks
}

/// The tied parks a special award's drop-down offers: the first [`PICKER_PARKS`] of
/// `candidates`, and `selected` wherever it stands, as [`picker_parks`] does for the ranking.
/// A tie of thousands (an enterprise scheme's full marks on a group) would otherwise put
/// thousands of `<option>`s on the page: 16,713 of them held it for half a second.
pub fn picker_candidates<'a>(
    candidates: &'a [ParkName],
    selected: Option<&ParkName>,
) -> Vec<&'a ParkName> {
    let mut offered: Vec<&ParkName> = candidates.iter().take(PICKER_PARKS).collect();
    if let Some(chosen) =
        selected.and_then(|name| candidates.iter().skip(PICKER_PARKS).find(|p| *p == name))
    {
        offered.push(chosen);
    }
    offered
}

/// The ranked parks of `evaluation` in the order of `sort`; ties keep the engine's order.
pub fn sorted_parks(evaluation: &Evaluation, sort: Sort) -> Vec<parkscore::ParkView<'_>> {
    use std::cmp::Ordering;
    let mut parks: Vec<_> = evaluation.ranked().collect();
    let key = |a: &parkscore::ParkView<'_>, b: &parkscore::ParkView<'_>| -> Ordering {
        match sort.key {
            SortKey::Rank => a.rank.cmp(&b.rank),
            SortKey::Park => a.name.cmp(&b.name),
            SortKey::Group(i) => {
                let column = evaluation.groups.get(i);
                let g = |p: &parkscore::ParkView<'_>| column.and_then(|c| c.scores.get(p.row));
                g(a).cmp(&g(b))
            }
            SortKey::Bonus => a.bonus.cmp(&b.bonus),
            SortKey::Total => a.total.cmp(&b.total),
            SortKey::Award => a.award_wan.cmp(&b.award_wan),
        }
    };
    parkscore::order::sort_by(&mut parks, |a, b| {
        let o = key(a, b);
        if sort.descending {
            o.reverse()
        } else {
            o
        }
    });
    parks
}
