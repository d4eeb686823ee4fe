//! Year over year (issue 12 §4): last year's result next to this year's, park by park.
//!
//! [`compare`] takes both years' datasets and their evaluations, made by the caller (the
//! page has this year's already; the CLI evaluates both files under the same reading): the
//! ranks, totals and group subtotals come from the evaluations, the raw values from the
//! datasets (so that a vetoed park's figures are compared too). Each evaluation must be of its
//! dataset; a park either has is compared, one neither ranks nor vetoes simply has no rank.
//!
//! - **Matching.** Parks are matched by name. The import has already replaced every name it
//!   recognises by the scheme's official one (`林西工业园区` → `内蒙古林西工业园区`), so a park
//!   written differently in the two years still meets itself; a name the scheme does not list
//!   matches only itself.
//! - **Order.** This year's ranking order, then this year's vetoed parks (data order), then
//!   the parks only last year had (its ranking order, then its vetoed parks).
//! - **Status.** A park in both years' data is [`Status::Both`], one only in this year's
//!   [`Status::New`] (新参评), one only in last year's [`Status::Gone`] (未参评). A vetoed park
//!   (一票否决, 不予评价考核) has no rank that year: its [`Movement`] is
//!   [`Movement::Unranked`], and every sentence says so.
//! - **Changes.** Rank movement is last rank − this rank (↑ is better); total, group
//!   subtotals and raw values change by this − last, in exact decimals. A raw value's growth
//!   is (this − last) ÷ |last| × 100 % — the absolute value, so that a negative value rising
//!   (−4.6 → 2.0) grows (+143.48 %) — rounded half away from zero to the scheme's decimal
//!   places, as printed; it is undefined ([`Growth::Undefined`], printed `—` with the
//!   reason) when last year's value is 0 or either value is missing. Every operation is
//!   checked: an overflow leaves the change undefined, never a panic.
//! - **Years.** Each dataset's `year`, when its file says it. The same year twice, or last
//!   year's not before this year's, is a warning in [`Comparison::issues`]; an unknown year
//!   is a note, and the datasets are taken in the order given (the first is last year's),
//!   labelled `上年` / `本年` instead of `2019年` / `2020年`. Evaluations under different
//!   readings are a warning too.
//!
//! Since a 排序法 score depends on every other park's value, a park's score can fall while its
//! own figures improve: ranks lead, and the summary says so ([`RELATIVE_NOTE`]).

use super::{num, signed};
use crate::dataset::{Dataset, ParkName, ParkRecord, Veto};
use crate::export::csv::{neutralise, quote};
use crate::export::table::align;
use crate::issue::{Issue, Location};
use crate::scheme::{GroupId, IndicatorId, Scheme};
use crate::score::Score;
use crate::scoring::{names_zh_for, Evaluation};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Why ranks lead: said in every summary.
pub const RELATIVE_NOTE: &str = "排序法得分是相对的，名次变化比分数变化更说明问题";

/// Whether a park is in each year's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In both years' data (ranked or vetoed).
    Both,
    /// Only in this year's data: 新参评.
    New,
    /// Only in last year's data: 未参评.
    Gone,
}

impl Status {
    /// `两年均参评`, `新参评`, `未参评`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Both => "两年均参评",
            Status::New => "新参评",
            Status::Gone => "未参评",
        }
    }
}

/// How a park's rank moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "places")]
pub enum Movement {
    /// Up by so many places (a smaller rank number).
    Up(u32),
    /// Down by so many places.
    Down(u32),
    /// The same rank.
    Same,
    /// Only this year: 新参评.
    New,
    /// Only last year: 未参评.
    Gone,
    /// In both years, but without a rank in one of them (vetoed).
    Unranked,
}

impl Movement {
    /// `↑3`, `↓1`, `持平`, `新参评`, `未参评`, `—`.
    pub fn label_zh(self) -> String {
        match self {
            Movement::Up(n) => format!("↑{n}"),
            Movement::Down(n) => format!("↓{n}"),
            Movement::Same => "持平".to_owned(),
            Movement::New => "新参评".to_owned(),
            Movement::Gone => "未参评".to_owned(),
            Movement::Unranked => "—".to_owned(),
        }
    }
}

/// One park in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearResult {
    /// Its rank; `None` when it is not ranked (vetoed).
    pub rank: Option<u32>,
    /// Its total; `None` when it is not ranked.
    pub total: Option<Score>,
    /// Its place award in 万元, if any.
    pub award_wan: Option<Decimal>,
    /// Set when it was vetoed (一票否决) that year.
    pub veto: Option<Veto>,
}

/// A score (a total or a group subtotal) in both years.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// Last year's.
    pub last: Option<Score>,
    /// This year's.
    pub this: Option<Score>,
    /// this − last, when both are there.
    pub change: Option<Score>,
}

impl ScoreChange {
    fn of(last: Option<Score>, this: Option<Score>) -> ScoreChange {
        let change = match (last, this) {
            (Some(a), Some(b)) => b.value().checked_sub(a.value()).map(Score),
            _ => None,
        };
        ScoreChange { last, this, change }
    }
}

/// Why a growth rate is not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoGrowth {
    /// The park is only in this year's data.
    NewPark,
    /// The park is only in last year's data.
    GonePark,
    /// Last year's value is missing.
    LastMissing,
    /// This year's value is missing.
    ThisMissing,
    /// Last year's value is 0: a growth rate has no meaning.
    LastZero,
    /// The values are too large to compute with.
    Overflow,
}

impl NoGrowth {
    /// Why, in Chinese: `上年为 0，增长率无意义`.
    pub fn reason_zh(self) -> &'static str {
        match self {
            NoGrowth::NewPark => "新参评，无上年数值",
            NoGrowth::GonePark => "未参评，无本年数值",
            NoGrowth::LastMissing => "上年数值缺失",
            NoGrowth::ThisMissing => "本年数值缺失",
            NoGrowth::LastZero => "上年为 0，增长率无意义",
            NoGrowth::Overflow => "数值过大，无法计算",
        }
    }
}

/// A raw value's growth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// (this − last) ÷ |last| × 100, in percent, rounded to the scheme's places.
    Percent(Decimal),
    /// Not given, and why.
    Undefined(NoGrowth),
}

/// One raw indicator value in both years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChange {
    /// Last year's value.
    pub last: Option<Decimal>,
    /// This year's value.
    pub this: Option<Decimal>,
    /// this − last, when both are there.
    pub change: Option<Decimal>,
    /// Its growth.
    pub growth: Growth,
}

impl ValueChange {
    /// The change of `last` to `this` for a park of `status`, growth rounded to `places`
    /// (both without trailing zeros).
    pub fn of(status: Status, last: Option<Decimal>, this: Option<Decimal>, places: u32) -> Self {
        let change = match (last, this) {
            (Some(a), Some(b)) => b.checked_sub(a).map(|c| c.normalize()),
            _ => None,
        };
        let growth = match (status, last, this) {
            (Status::New, _, _) => Growth::Undefined(NoGrowth::NewPark),
            (Status::Gone, _, _) => Growth::Undefined(NoGrowth::GonePark),
            (_, None, _) => Growth::Undefined(NoGrowth::LastMissing),
            (_, _, None) => Growth::Undefined(NoGrowth::ThisMissing),
            (_, Some(a), Some(_)) if a.is_zero() => Growth::Undefined(NoGrowth::LastZero),
            (_, Some(a), Some(_)) => change
                .and_then(|c| c.checked_mul(Decimal::ONE_HUNDRED))
                .and_then(|c| c.checked_div(a.abs()))
                .map_or(Growth::Undefined(NoGrowth::Overflow), |g| {
                    Growth::Percent(Score(g).round(places).value().normalize())
                }),
        };
        ValueChange {
            last,
            this,
            change,
            growth,
        }
    }

    /// The growth as printed: `+12.35 %`, `-3.10 %`, or `—`.
    pub fn growth_text(&self, places: u32) -> String {
        match self.growth {
            Growth::Percent(g) => format!("{} %", signed(Score(g).fixed(places), g)),
            Growth::Undefined(_) => "—".to_owned(),
        }
    }

    /// The change as printed: `+2.4`, `-0.5`, or `—`.
    pub fn change_text(&self) -> String {
        self.change
            .map_or_else(|| "—".to_owned(), |c| signed(num(c), c))
    }

    /// Why the growth is not given, if it is not.
    pub fn reason_zh(&self) -> Option<&'static str> {
        match self.growth {
            Growth::Undefined(why) => Some(why.reason_zh()),
            Growth::Percent(_) => None,
        }
    }
}

/// One park in both years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkComparison {
    /// The park (its official name).
    pub name: ParkName,
    /// In which years' data it is.
    pub status: Status,
    /// Last year's rank, total, award and veto; `None` when not in last year's data.
    pub last: Option<YearResult>,
    /// This year's; `None` when not in this year's data.
    pub this: Option<YearResult>,
    /// How its rank moved.
    pub movement: Movement,
    /// Its total in both years.
    pub total: ScoreChange,
    /// Its group subtotals, indexed like [`Comparison::groups`].
    pub groups: Vec<ScoreChange>,
    /// Its raw values, indexed like [`Comparison::indicators`].
    pub values: Vec<ValueChange>,
}

impl ParkComparison {
    /// Whether it was vetoed last year, this year.
    pub fn vetoed(&self) -> (bool, bool) {
        let v = |y: &Option<YearResult>| y.as_ref().is_some_and(|r| r.veto.is_some());
        (v(&self.last), v(&self.this))
    }
}

/// A group, as the comparison's columns name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    /// The group.
    pub id: GroupId,
    /// Its Chinese name.
    pub name: String,
}

/// An indicator, as the comparison's columns name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// The indicator.
    pub id: IndicatorId,
    /// Its Chinese name.
    pub name: String,
    /// The unit its values are in (`亿元`, `%`), if any.
    pub unit: Option<String>,
}

/// Two years side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Last year, when its file says it.
    pub last_year: Option<u16>,
    /// This year, when its file says it.
    pub this_year: Option<u16>,
    /// The scheme's decimal places: totals, subtotals and growth rates are printed with them.
    pub places: u32,
    /// Parks ranked last year (N).
    pub last_ranked: u32,
    /// Parks ranked this year (N).
    pub this_ranked: u32,
    /// The groups, in scheme order.
    pub groups: Vec<GroupRef>,
    /// The indicators, in scheme order.
    pub indicators: Vec<IndicatorRef>,
    /// The parks (see the module's docs for the order).
    pub parks: Vec<ParkComparison>,
    /// Warnings and notes: the years, the readings.
    pub issues: Vec<Issue>,
    /// The scheme's word for an evaluated unit when it gives one (`Scheme::unit_noun`: 企业);
    /// `None`: 园区. Kept in the result, as [`crate::scoring::Reading::unit_noun`] is in an
    /// evaluation, because the texts are rendered later ([`Comparison::summary_zh`],
    /// [`Comparison::table`], [`Comparison::csv`], the page, the workbook) where the scheme
    /// is not always at hand. Absent in the JSON for Chifeng's scheme, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

/// One year's side: the dataset's records and the evaluation's rows by name.
struct Side<'a> {
    data: &'a Dataset,
    eval: &'a Evaluation,
    records: HashMap<&'a str, &'a ParkRecord>,
    rows: HashMap<&'a str, usize>,
    vetoed: HashMap<&'a str, &'a Veto>,
    /// Per scheme group, the evaluation's group column.
    group_columns: Vec<Option<usize>>,
}

impl<'a> Side<'a> {
    fn new(scheme: &Scheme, data: &'a Dataset, eval: &'a Evaluation) -> Side<'a> {
        let mut records = HashMap::with_capacity(data.parks.len());
        for p in &data.parks {
            records.entry(p.name.as_str()).or_insert(p);
        }
        let mut rows = HashMap::with_capacity(eval.parks.len());
        for (i, p) in eval.parks.iter().enumerate() {
            rows.entry(p.name.as_str()).or_insert(i);
        }
        let mut vetoed = HashMap::new();
        for v in &eval.vetoed {
            vetoed.entry(v.name.as_str()).or_insert(&v.veto);
        }
        // A veto the dataset records counts even if the evaluation is not of this dataset.
        for p in &data.parks {
            if let Some(v) = &p.veto {
                if !rows.contains_key(p.name.as_str()) {
                    vetoed.entry(p.name.as_str()).or_insert(v);
                }
            }
        }
        let group_columns = scheme
            .groups
            .iter()
            .map(|g| eval.groups.iter().position(|c| c.id == g.id))
            .collect();
        Side {
            data,
            eval,
            records,
            rows,
            vetoed,
            group_columns,
        }
    }

    fn has(&self, name: &str) -> bool {
        self.records.contains_key(name)
            || self.rows.contains_key(name)
            || self.vetoed.contains_key(name)
    }

    /// The names in this side's order: ranking, vetoed, then the rest of the data.
    fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.eval
            .parks
            .iter()
            .map(|p| p.name.as_str())
            .chain(self.eval.vetoed.iter().map(|v| v.name.as_str()))
            .chain(self.data.parks.iter().map(|p| p.name.as_str()))
    }

    fn result(&self, name: &str) -> Option<YearResult> {
        if !self.has(name) {
            return None;
        }
        let park = self.rows.get(name).and_then(|&i| self.eval.parks.get(i));
        Some(YearResult {
            rank: park.map(|p| p.rank),
            total: park.map(|p| p.total),
            award_wan: park.and_then(|p| p.award_wan),
            veto: match park {
                Some(_) => None,
                None => self.vetoed.get(name).map(|v| (*v).clone()),
            },
        })
    }

    fn subtotal(&self, name: &str, group: usize) -> Option<Score> {
        let row = *self.rows.get(name)?;
        let column = self.group_columns.get(group).copied().flatten()?;
        self.eval.groups.get(column)?.scores.get(row)
    }

    fn value(&self, name: &str, id: &IndicatorId) -> Option<Decimal> {
        self.records.get(name).and_then(|p| p.value(id))
    }
}

/// Compares last year's result with this year's (see the module's docs). Never fails: what
/// is doubtful about the input is in [`Comparison::issues`].
pub fn compare(
    scheme: &Scheme,
    last: &Dataset,
    last_eval: &Evaluation,
    this: &Dataset,
    this_eval: &Evaluation,
) -> Comparison {
    let places = scheme.rounding_places;
    let old = Side::new(scheme, last, last_eval);
    let new = Side::new(scheme, this, this_eval);

    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let order: Vec<&str> = new
        .names()
        .chain(old.names())
        .filter(|n| seen.insert(n))
        .collect();

    let groups: Vec<GroupRef> = scheme
        .groups
        .iter()
        .map(|g| GroupRef {
            id: g.id.clone(),
            name: g.name.clone(),
        })
        .collect();
    let indicators: Vec<IndicatorRef> = scheme
        .indicators()
        .map(|i| IndicatorRef {
            id: i.id.clone(),
            name: i.name.clone(),
            unit: i.value_unit().map(str::to_owned),
        })
        .collect();

    let parks = order
        .into_iter()
        .map(|name| {
            let before = old.result(name);
            let now = new.result(name);
            let status = match (&before, &now) {
                (Some(_), Some(_)) => Status::Both,
                (None, _) => Status::New,
                (Some(_), None) => Status::Gone,
            };
            let movement = match status {
                Status::New => Movement::New,
                Status::Gone => Movement::Gone,
                Status::Both => {
                    match (
                        before.as_ref().and_then(|r| r.rank),
                        now.as_ref().and_then(|r| r.rank),
                    ) {
                        (Some(a), Some(b)) if b < a => Movement::Up(a - b),
                        (Some(a), Some(b)) if b > a => Movement::Down(b - a),
                        (Some(_), Some(_)) => Movement::Same,
                        _ => Movement::Unranked,
                    }
                }
            };
            let total = ScoreChange::of(
                before.as_ref().and_then(|r| r.total),
                now.as_ref().and_then(|r| r.total),
            );
            let group_changes = (0..groups.len())
                .map(|g| ScoreChange::of(old.subtotal(name, g), new.subtotal(name, g)))
                .collect();
            let values = indicators
                .iter()
                .map(|i| {
                    ValueChange::of(
                        status,
                        old.value(name, &i.id),
                        new.value(name, &i.id),
                        places,
                    )
                })
                .collect();
            ParkComparison {
                name: ParkName(name.to_owned()),
                status,
                last: before,
                this: now,
                movement,
                total,
                groups: group_changes,
                values,
            }
        })
        .collect::<Vec<_>>();

    let mut out = Comparison {
        last_year: last.year,
        this_year: this.year,
        places,
        last_ranked: u32::try_from(last_eval.parks.len()).unwrap_or(u32::MAX),
        this_ranked: u32::try_from(this_eval.parks.len()).unwrap_or(u32::MAX),
        groups,
        indicators,
        parks,
        issues: Vec::new(),
        unit_noun: scheme.unit_noun.clone(),
    };
    out.issues = out.check(last_eval, this_eval);
    out
}

impl Comparison {
    /// The word for an evaluated unit: the scheme's `unit_noun`, else 园区.
    pub fn unit_noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.unit_noun.as_deref())
    }

    /// The years' and readings' warnings and notes.
    fn check(&self, last_eval: &Evaluation, this_eval: &Evaluation) -> Vec<Issue> {
        let at = Location::default;
        let mut issues = Vec::new();
        match (self.last_year, self.this_year) {
            (Some(a), Some(b)) if a == b => issues.push(
                Issue::warning(
                    at(),
                    format!("上年和本年的数据年度相同（均为 {a} 年度），请确认选择的两个文件"),
                )
                .with_expected("上年的数据在前、本年的数据在后，年度不同"),
            ),
            (Some(a), Some(b)) if a > b => issues.push(
                Issue::warning(
                    at(),
                    format!(
                        "上年数据的年度（{a} 年度）晚于本年数据（{b} 年度），两个文件是否放反了？"
                    ),
                )
                .with_expected("上年的数据在前、本年的数据在后"),
            ),
            _ => {}
        }
        for (year, which) in [(self.last_year, "上年"), (self.this_year, "本年")] {
            if year.is_none() {
                issues.push(Issue::info(
                    at(),
                    format!(
                        "{which}数据的标题中没有年度，按给出的顺序视为{which}（先上年、后本年）"
                    ),
                ));
            }
        }
        let (a, b) = (&last_eval.reading, &this_eval.reading);
        if a.ranking_method != b.ranking_method
            || a.cumulative_bonus != b.cumulative_bonus
            || a.missing != b.missing
            || a.rounding_places != b.rounding_places
        {
            issues.push(Issue::warning(
                at(),
                "两年的计分口径不同，名次和得分的变化有一部分来自口径而不是数据",
            ));
        }
        if !self.parks.is_empty() && !self.parks.iter().any(|p| p.status == Status::Both) {
            issues.push(Issue::warning(
                at(),
                format!(
                    "两年没有共同的{}（按正式名称对照），无法比较名次",
                    self.unit_noun()
                ),
            ));
        }
        issues
    }

    /// `2019年`, or `上年` when the file does not say.
    pub fn last_label(&self) -> String {
        self.last_year
            .map_or_else(|| "上年".to_owned(), |y| format!("{y}年"))
    }

    /// `2020年`, or `本年` when the file does not say.
    pub fn this_label(&self) -> String {
        self.this_year
            .map_or_else(|| "本年".to_owned(), |y| format!("{y}年"))
    }

    /// A score as printed, with the scheme's places, or `—`.
    fn score_text(&self, s: Option<Score>) -> String {
        s.map_or_else(|| "—".to_owned(), |s| s.fixed(self.places))
    }

    /// A change of score as printed: `+5.06`, `-1.20`, or `—`.
    pub fn score_change_text(&self, s: Option<Score>) -> String {
        s.map_or_else(
            || "—".to_owned(),
            |s| signed(s.fixed(self.places), s.value()),
        )
    }

    /// `第 3 名，总分 88.10`, `一票否决（事故），不予排名`: one year of a park.
    fn year_text(&self, r: &YearResult) -> String {
        match (&r.veto, r.rank) {
            (_, Some(rank)) => format!("第 {rank} 名，总分 {}", self.score_text(r.total)),
            (Some(v), None) => format!("一票否决{}，不予排名", veto_reason(v)),
            (None, None) => "未排名".to_owned(),
        }
    }

    /// A park's sentence: `东山园区：第 2 名 → 第 1 名（↑1），总分 90.12 → 95.18（+5.06）`;
    /// a new, gone or vetoed park says so.
    pub fn sentence_zh(&self, p: &ParkComparison) -> String {
        let (last, this) = (self.last_label(), self.this_label());
        let body = match (&p.last, &p.this) {
            (None, Some(r)) => format!("新参评，{this}{}", self.year_text(r)),
            (Some(r), None) => format!("未参评（{last}{}）", self.year_text(r)),
            (Some(a), Some(b)) => match (a.rank, b.rank) {
                (Some(ra), Some(rb)) => {
                    let mut t = format!(
                        "第 {ra} 名 → 第 {rb} 名（{}），总分 {} → {}（{}）",
                        p.movement.label_zh(),
                        self.score_text(a.total),
                        self.score_text(b.total),
                        self.score_change_text(p.total.change)
                    );
                    if a.award_wan != b.award_wan {
                        let award = |x: Option<Decimal>| num(x.unwrap_or(Decimal::ZERO));
                        let _ = write!(
                            t,
                            "，奖励 {} → {} 万元",
                            award(a.award_wan),
                            award(b.award_wan)
                        );
                    }
                    t
                }
                (None, None) => match (&a.veto, &b.veto) {
                    (Some(_), Some(v)) => format!("两年均一票否决{}，不予排名", veto_reason(v)),
                    _ => "两年均未排名".to_owned(),
                },
                (None, Some(_)) => {
                    format!("{last}{}；{this}{}", self.year_text(a), self.year_text(b))
                }
                (Some(_), None) => {
                    format!("{this}{}；{last}{}", self.year_text(b), self.year_text(a))
                }
            },
            (None, None) => String::new(),
        };
        format!("{}：{body}", p.name)
    }

    /// The summary: how many parks moved up, down or stayed among those ranked both years,
    /// who moved most, the new, gone and vetoed parks, and [`RELATIVE_NOTE`].
    pub fn summary_zh(&self) -> String {
        let noun = self.unit_noun();
        let mut parts = Vec::new();
        let both: Vec<&ParkComparison> = self
            .parks
            .iter()
            .filter(|p| {
                matches!(
                    p.movement,
                    Movement::Up(_) | Movement::Down(_) | Movement::Same
                )
            })
            .collect();
        let count = |f: fn(&Movement) -> bool| both.iter().filter(|p| f(&p.movement)).count();
        let up = count(|m| matches!(m, Movement::Up(_)));
        let down = count(|m| matches!(m, Movement::Down(_)));
        let same = count(|m| matches!(m, Movement::Same));
        if both.is_empty() {
            parts.push(format!("没有两年均参评的{noun}"));
        } else {
            parts.push(format!(
                "{} 个{noun}两年均参评：{up} 个名次上升，{down} 个下降，{same} 个不变",
                both.len()
            ));
        }
        let most = |pick: fn(&Movement) -> Option<u32>, arrow: &str| -> Option<String> {
            let best = both.iter().filter_map(|p| pick(&p.movement)).max()?;
            let names: Vec<&str> = both
                .iter()
                .filter(|p| pick(&p.movement) == Some(best))
                .map(|p| p.name.as_str())
                .collect();
            Some(format!(
                "{}（{arrow}{best}）",
                names_zh_for(names.into_iter(), noun)
            ))
        };
        let ups = |m: &Movement| match m {
            Movement::Up(n) => Some(*n),
            _ => None,
        };
        let downs = |m: &Movement| match m {
            Movement::Down(n) => Some(*n),
            _ => None,
        };
        if let Some(t) = most(ups, "↑") {
            parts.push(format!("上升最多的是{t}"));
        }
        if let Some(t) = most(downs, "↓") {
            parts.push(format!("下降最多的是{t}"));
        }
        for (status, what) in [(Status::New, "新参评"), (Status::Gone, "未参评")] {
            let names: Vec<&str> = self
                .parks
                .iter()
                .filter(|p| p.status == status)
                .map(|p| p.name.as_str())
                .collect();
            if !names.is_empty() {
                parts.push(format!(
                    "{what} {} 个：{}",
                    names.len(),
                    names_zh_for(names.into_iter(), noun)
                ));
            }
        }
        for (label, pick) in [(self.last_label(), 0usize), (self.this_label(), 1usize)] {
            let names: Vec<&str> = self
                .parks
                .iter()
                .filter(|p| {
                    let (a, b) = p.vetoed();
                    if pick == 0 {
                        a
                    } else {
                        b
                    }
                })
                .map(|p| p.name.as_str())
                .collect();
            if !names.is_empty() {
                parts.push(format!(
                    "{label}一票否决（不予排名）：{}",
                    names_zh_for(names.into_iter(), noun)
                ));
            }
        }
        parts.push(RELATIVE_NOTE.to_owned());
        parts.join("；")
    }

    /// A text table: the issues, the summary, then per park its ranks, totals and group
    /// changes, then every raw value's change and growth.
    pub fn table(&self) -> String {
        let (last, this) = (self.last_label(), self.this_label());
        let mut out = format!("年度对比：{last} → {this}\n");
        for issue in &self.issues {
            let _ = writeln!(out, "{issue}");
        }
        let _ = write!(out, "\n{}\n\n", self.summary_zh());

        let mut header: Vec<String> = vec![
            self.unit_noun().into(),
            "状态".into(),
            format!("{last}名次"),
            format!("{this}名次"),
            "名次变化".into(),
            format!("{last}总分"),
            format!("{this}总分"),
            "总分变化".into(),
        ];
        header.extend(self.groups.iter().map(|g| format!("{}变化", g.name)));
        header.push("说明".into());
        let mut rows = vec![header];
        for p in &self.parks {
            let rank = |y: &Option<YearResult>| {
                y.as_ref()
                    .and_then(|r| r.rank)
                    .map_or_else(|| "—".to_owned(), |r| r.to_string())
            };
            let mut row = vec![
                p.name.to_string(),
                p.status.label_zh().to_owned(),
                rank(&p.last),
                rank(&p.this),
                p.movement.label_zh(),
                self.score_text(p.total.last),
                self.score_text(p.total.this),
                self.score_change_text(p.total.change),
            ];
            row.extend(p.groups.iter().map(|g| self.score_change_text(g.change)));
            row.push(self.veto_note(p));
            rows.push(row);
        }
        out.push_str(&align(&rows));

        out.push_str("\n各项指标数值变化（增长率 = (本年 − 上年) ÷ |上年| × 100 %）：\n");
        let mut rows = vec![vec![
            self.unit_noun().to_owned(),
            "指标".to_owned(),
            "单位".to_owned(),
            last.clone(),
            this.clone(),
            "变化".to_owned(),
            "增长率".to_owned(),
            "说明".to_owned(),
        ]];
        for p in &self.parks {
            for (i, v) in self.indicators.iter().zip(&p.values) {
                let value = |x: Option<Decimal>| x.map_or_else(|| "—".to_owned(), num);
                rows.push(vec![
                    p.name.to_string(),
                    i.name.clone(),
                    i.unit.clone().unwrap_or_default(),
                    value(v.last),
                    value(v.this),
                    v.change_text(),
                    v.growth_text(self.places),
                    v.reason_zh().unwrap_or_default().to_owned(),
                ]);
            }
        }
        out.push_str(&align(&rows));
        out
    }

    /// `本年一票否决（事故）`: the vetoes of a park, for a 说明 column; empty when none.
    pub fn veto_note(&self, p: &ParkComparison) -> String {
        let mut notes = Vec::new();
        for (y, label) in [(&p.last, self.last_label()), (&p.this, self.this_label())] {
            if let Some(v) = y.as_ref().and_then(|r| r.veto.as_ref()) {
                notes.push(format!("{label}一票否决{}", veto_reason(v)));
            }
        }
        notes.join("；")
    }

    /// CSV, one line per park and item (名次, 总分, each group's subtotal, each indicator's
    /// value): `园区,状态,项目,单位,上年,本年,变化,增长率（%）,说明`, with the years in the
    /// header when known (the first column named by [`Comparison::unit_noun`]).
    pub fn csv(&self) -> String {
        let mut out = format!(
            "{},状态,项目,单位,{},{},变化,增长率（%）,说明\n",
            self.unit_noun(),
            self.last_label(),
            self.this_label()
        );
        // Names, items and notes are text a spreadsheet must not take for a formula; the
        // figures are plain numbers (no `+`).
        let mut line = |cells: [String; 9]| {
            let quoted: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| match i {
                    0 | 2 | 8 => quote(&neutralise(c)),
                    _ => quote(c),
                })
                .collect();
            out.push_str(&quoted.join(","));
            out.push('\n');
        };
        let opt = |s: Option<String>| s.unwrap_or_default();
        for p in &self.parks {
            let name = p.name.to_string();
            let status = p.status.label_zh().to_owned();
            let rank = |y: &Option<YearResult>| {
                opt(y.as_ref().and_then(|r| r.rank).map(|r| r.to_string()))
            };
            let movement = match p.movement {
                Movement::Unranked => String::new(),
                m => m.label_zh(),
            };
            line([
                name.clone(),
                status.clone(),
                "名次".into(),
                String::new(),
                rank(&p.last),
                rank(&p.this),
                movement,
                String::new(),
                self.veto_note(p),
            ]);
            let score = |s: Option<Score>| opt(s.map(|s| s.fixed(self.places)));
            let scores = std::iter::once(("总分".to_owned(), &p.total))
                .chain(self.groups.iter().map(|g| g.name.clone()).zip(&p.groups));
            for (item, s) in scores {
                line([
                    name.clone(),
                    status.clone(),
                    item,
                    "分".into(),
                    score(s.last),
                    score(s.this),
                    score(s.change),
                    String::new(),
                    String::new(),
                ]);
            }
            for (i, v) in self.indicators.iter().zip(&p.values) {
                let growth = match v.growth {
                    Growth::Percent(g) => Score(g).fixed(self.places),
                    Growth::Undefined(_) => String::new(),
                };
                line([
                    name.clone(),
                    status.clone(),
                    i.name.clone(),
                    i.unit.clone().unwrap_or_default(),
                    // A machine reads the CSV: ASCII minus, as `Decimal` writes it.
                    opt(v.last.map(|d| d.normalize().to_string())),
                    opt(v.this.map(|d| d.normalize().to_string())),
                    opt(v.change.map(|d| d.normalize().to_string())),
                    growth,
                    v.reason_zh().unwrap_or_default().to_owned(),
                ]);
            }
        }
        out
    }
}

/// `（重特大安全生产事故）`, or nothing when the file only says 是.
fn veto_reason(v: &Veto) -> String {
    v.reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map_or_else(String::new, |r| format!("（{r}）"))
}
