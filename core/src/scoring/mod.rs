//! Scoring: from a [`Scheme`] and a [`Dataset`] to an [`Evaluation`] in which every number
//! says how it was made.
//!
//! CONTRACT (shared by the engine, the import, the CLI and the app): the public types in this
//! file.
//!
//! The rules, in the order [`evaluate`] applies them:
//! 1. every park must have a non-empty, unique name;
//! 2. vetoed parks (不予评价考核) and the units the classes mark not rated (T, 不参评) leave the
//!    pool: they count in neither N nor min, max or top;
//! 3. each indicator is scored for the remaining parks by its method (or the caller's
//!    replacement for comparative indicators, [`Options::ranking_method`]): competition
//!    ranking (1, 2, 2, 4), the formulas of the `methods` module, missing values by
//!    [`MissingPolicy`];
//! 4. each indicator score is rounded half away from zero to the scheme's places; a group's
//!    subtotal is the sum of its rounded scores; base = Σ groups; total = base + bonus, the
//!    bonus not cumulative unless the scheme or the caller says so;
//! 5. parks are ranked on the total (competition ranking; ties listed by name);
//! 6. with classes, every ranked park gets its grade ([`crate::scheme::ClassRule`]);
//! 7. place awards go to the first places, parks tied across places sharing the sum of the
//!    places they occupy (amounts rounded to the 分, 6 decimals of 万元); special awards are
//!    proposed from their group's best subtotal (none when that best is 0; ties flagged).
//!
//! Negative values are legal (growth rates fall): ranking orders them as numbers,
//! `ratio_to_top` clamps a negative ratio to 0 (and gives 0 to every park but the first when
//! the top value itself is not above 0), `min_max` measures from the smallest value. Every
//! indicator score lies in `[0, full]`. Counts (`count_capped`) must not be negative and
//! assessed scores (`direct`) must lie in `[0, max]`: both are reported as errors.

mod awards;
mod classes;
mod engine;
mod explain;
/// How every sentence prints a number (no trailing zeros, `−` for negatives).
pub(crate) use explain::num;
mod methods;
mod rank;
mod reading;

use crate::dataset::{Dataset, MaybeDecimal, ParkName, ValueColumns, Veto};
use crate::issue::Issue;
use crate::scheme::{BonusRule, Direction, GroupId, IndicatorId, Method, Scheme};
use crate::score::{Score, ScoreColumn};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What to do with a value that is missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Refuse to score; every missing value is reported (the default: never silently zero).
    #[default]
    Error,
    /// A missing value scores 0 points on that indicator (and is ranked after every park that has one).
    Zero,
    /// A missing value takes the last rank: the parks missing it share the rank after every park
    /// that has one and score that rank by `rank_linear` / `rank_step`; the value-based methods
    /// (`ratio_to_top`, `min_max`) and the non-comparative ones score it 0.
    RankLast,
}

impl MissingPolicy {
    /// Every policy, in the order a user is offered them.
    pub const ALL: [MissingPolicy; 3] = [
        MissingPolicy::Error,
        MissingPolicy::Zero,
        MissingPolicy::RankLast,
    ];

    /// The Chinese label quoted in explanations and the reading: `缺失即报错`,
    /// `缺失计 0 分`, `缺失排最后`.
    pub fn label_zh(self) -> &'static str {
        match self {
            MissingPolicy::Error => "缺失即报错",
            MissingPolicy::Zero => "缺失计 0 分",
            MissingPolicy::RankLast => "缺失排最后",
        }
    }

    /// The id used on the command line: `error`, `zero`, `rank-last`.
    pub fn cli_id(self) -> &'static str {
        match self {
            MissingPolicy::Error => "error",
            MissingPolicy::Zero => "zero",
            MissingPolicy::RankLast => "rank-last",
        }
    }
}

/// The caller's choices for the document's ambiguous points. Printed on every result as the
/// [`Reading`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Replaces the method of every comparative (排序法) indicator; `None` keeps the scheme's.
    pub ranking_method: Option<Method>,
    /// Overrides the scheme's bonus rule; `None` keeps the scheme's.
    pub cumulative_bonus: Option<bool>,
    /// What a missing value does.
    pub missing: MissingPolicy,
}

/// The reading of the document an evaluation used, to be printed with every result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// The scheme's id.
    pub scheme_id: String,
    /// The method used for 排序法 indicators (the override, or the scheme's when all agree).
    pub ranking_method: Method,
    /// Whether bonuses added up.
    pub cumulative_bonus: bool,
    /// The missing-value policy.
    pub missing: MissingPolicy,
    /// Decimal places of indicator scores.
    pub rounding_places: u32,
    /// The scheme's list of evaluated units as this evaluation met it; `None` when the
    /// scheme has no list. Absent in sessions saved before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<UnitsReading>,
    /// The whole reading in Chinese, one sentence per choice, for printing.
    pub description_zh: Vec<String>,
    /// The scheme's word for an evaluated unit when it gives one (`Scheme::unit_noun`: 企业);
    /// `None`: 园区. Carried here so that the explanations rendered from an evaluation's facts
    /// name its units as the scheme does without the scheme at hand. Not in the CLI's JSON
    /// (written field by field), absent in sessions saved before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

impl Reading {
    /// The word for an evaluated unit: the scheme's `unit_noun`, else 园区.
    pub fn unit_noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.unit_noun.as_deref())
    }
}

/// How the parks evaluated compare with the scheme's unit list (附件1 一): the choices that
/// let an evaluation go on without a listed unit or with an unlisted park, printed with every
/// result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitsReading {
    /// How many units the scheme lists.
    pub listed: usize,
    /// Listed units with no park in the data (left out: N does not count them).
    pub missing: Vec<String>,
    /// The first [`UnitsReading::UNLISTED_NAMED`] parks in the data that are not on the list
    /// (scored, counted in N), as written; [`UnitsReading::unlisted_count`] counts them all.
    /// Bounded, so that a file of 100,000 enterprises none of which a list names does not
    /// carry every name a second time through the result (issue 14: 1.5 MB of its JSON, some
    /// 6 MB of the worker's peak).
    pub unlisted: Vec<String>,
    /// How many parks are not on the list. Written only when not 0 (so that a result with
    /// every park listed reads as it always did), and 0 in a result written before the count
    /// was kept, whose `unlisted` then names them all (see [`UnitsReading::unlisted_total`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unlisted_count: usize,
    /// Parks the file named otherwise, recorded under their official names.
    pub renamed: Vec<RenamedUnit>,
}

/// Whether a count is 0 (serde's `skip_serializing_if`).
fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl UnitsReading {
    /// How many unlisted parks [`UnitsReading::unlisted`] names at most: as many as the
    /// reading's sentence shows.
    pub const UNLISTED_NAMED: usize = 20;

    /// How many parks in the data are not on the list.
    pub fn unlisted_total(&self) -> usize {
        self.unlisted_count.max(self.unlisted.len())
    }

    /// Records one park not on the list: named while fewer than
    /// [`UnitsReading::UNLISTED_NAMED`] are, counted always.
    pub(crate) fn push_unlisted(&mut self, name: &str) {
        if self.unlisted.len() < Self::UNLISTED_NAMED {
            self.unlisted.push(name.to_owned());
        }
        self.unlisted_count = self.unlisted_count.saturating_add(1);
    }
}

/// A park the file named by a short name or alias, and the official name used instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamedUnit {
    /// The name as the file wrote it.
    pub written: String,
    /// The official name on the scheme's list.
    pub official: String,
}

/// N and the present values' extremes of one indicator column: what the value-based methods
/// and the explanations compare with, stored once per column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnFacts {
    /// The parks ranked (vetoed parks excluded), missing values included.
    pub n: u32,
    /// The best present value in the indicator's direction.
    pub best: Option<Decimal>,
    /// The smallest present value.
    pub min: Option<Decimal>,
    /// The largest present value.
    pub max: Option<Decimal>,
}

/// One indicator for every ranked park: typed columns indexed like [`Evaluation::parks`]
/// (row `i` is `parks[i]`), with the facts every explanation is rendered from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorColumn {
    /// The indicator.
    pub id: IndicatorId,
    /// The method in force (the scheme's, or the caller's replacement).
    pub method: Method,
    /// Full points.
    pub full: Decimal,
    /// Whether larger values are better.
    pub direction: Direction,
    /// The indicator's unit (quoted by `count_capped` explanations).
    pub unit: String,
    /// N and the extremes.
    pub facts: ColumnFacts,
    /// The value scored per row (missing: scored by the missing-value policy).
    pub values: Vec<MaybeDecimal>,
    /// The rounded score per row.
    pub scores: ScoreColumn,
    /// The competition rank per row, for comparative methods; empty otherwise.
    pub ranks: Vec<u32>,
    /// Whether the row shares its rank, for comparative methods; empty otherwise.
    pub tied: Vec<bool>,
}

/// One group's subtotals (the sum of its rounded indicator scores) for every ranked park.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupColumn {
    /// The group.
    pub id: GroupId,
    /// Its Chinese name.
    pub name: String,
    /// The group's weight (its full points).
    pub full: Decimal,
    /// The subtotal per row.
    pub scores: ScoreColumn,
}

/// One indicator's outcome for one park, read from the evaluation's columns.
#[derive(Clone, Copy, Debug)]
pub struct IndicatorResult<'a> {
    /// The indicator.
    pub id: &'a IndicatorId,
    /// The value scored (`None`: missing, scored by the missing-value policy).
    pub value: Option<Decimal>,
    /// The rounded score.
    pub score: Score,
    /// Full points.
    pub full: Decimal,
    /// The competition rank among the ranked parks, for comparative methods.
    pub rank: Option<u32>,
    column: &'a IndicatorColumn,
    row: usize,
    reading: &'a Reading,
}

impl IndicatorResult<'_> {
    /// How the score was made, with its numbers: `名次 3/14：6 × (14−3)/(14−1) = 5.08`.
    pub fn explain(&self) -> String {
        let c = self.column;
        let rule = methods::Rule {
            full: c.full,
            unit: &c.unit,
            method: &c.method,
            direction: c.direction,
            places: self.reading.rounding_places,
        };
        let at = self.rank.map(|r| methods::RankAt {
            r,
            n: c.facts.n as usize,
            tie: c.tied.get(self.row).copied().unwrap_or(false),
        });
        explain::cell_for(
            rule,
            &c.facts,
            self.reading.missing,
            self.value,
            at,
            self.score,
            self.reading.unit_noun(),
        )
    }
}

/// One group's subtotal for one park, read from the evaluation's columns.
#[derive(Clone, Copy, Debug)]
pub struct GroupResult<'a> {
    /// The group.
    pub id: &'a GroupId,
    /// Its Chinese name.
    pub name: &'a str,
    /// The subtotal.
    pub score: Score,
    /// The group's weight (its full points).
    pub full: Decimal,
}

/// A ranked park: its place, total and the facts of its bonus. Its indicator scores and
/// subtotals are in [`Evaluation::columns`] and [`Evaluation::groups`], at the same row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkResult {
    /// The park.
    pub name: ParkName,
    /// Competition rank on the total (1, 2, 2, 4).
    pub rank: u32,
    /// base + bonus.
    pub total: Score,
    /// Σ group subtotals.
    pub base: Score,
    /// 附加分.
    pub bonus: Score,
    /// National-level recognitions counted by the bonus.
    pub national_recognitions: u32,
    /// Provincial-level recognitions counted by the bonus.
    pub provincial_recognitions: u32,
    /// The place award in 万元, if the park won one (shared amounts already divided).
    pub award_wan: Option<Decimal>,
}

/// A park taken out of the evaluation (不予评价考核).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoedPark {
    /// The park.
    pub name: ParkName,
    /// Why.
    pub veto: Veto,
}

/// A place award (1st 300万, 2nd 200万, 3rd 100万) as paid out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceAward {
    /// The park's rank.
    pub rank: u32,
    /// The park.
    pub park: ParkName,
    /// What it receives, in 万元.
    pub amount_wan: Decimal,
    /// The places its block of tied parks shares.
    pub share: PlaceShare,
}

/// The places a block of parks tied on the total shares: the block's size and the amounts of
/// the paid places it occupies (the places beyond the scheme's list pay 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceShare {
    /// How many parks share the places (1: no tie).
    pub parks: u32,
    /// The amounts of the occupied places that the scheme lists, in 万元, in place order.
    pub paid: Vec<Decimal>,
}

impl PlaceAward {
    /// How: `第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元`, the units called 园区.
    /// A place award does not carry the evaluation it belongs to; a reader that has it says
    /// [`PlaceAward::explain_for`] with [`Reading::unit_noun`].
    pub fn explain(&self) -> String {
        self.explain_for(crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// How, the units named by `noun` (`Reading::unit_noun`): `第 2、3 名并列 2 个企业，…`.
    pub fn explain_for(&self, noun: &str) -> String {
        explain::place_award(self.rank, &self.share, self.amount_wan, noun)
    }
}

/// A special award and the park(s) the engine proposes for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialProposal {
    /// The award's name (`创新发展`).
    pub name: String,
    /// Its amount in 万元.
    pub amount_wan: Decimal,
    /// The group it is based on; `None`: left to the user (园区公共服务平台).
    pub basis: Option<GroupId>,
    /// The proposed park(s); more than one when tied.
    pub candidates: Vec<ParkName>,
    /// Whether the top score is tied.
    pub tie: bool,
    /// How the proposal was made, in Chinese.
    pub explain: String,
}

/// The award money.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awards {
    /// Place awards, by rank.
    pub places: Vec<PlaceAward>,
    /// Special awards.
    pub special: Vec<SpecialProposal>,
}

/// The result of scoring one dataset under one scheme and one reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The reading used: print it with every result.
    pub reading: Reading,
    /// Ranked parks, by rank (ties by name). Row `i` of every column is `parks[i]`.
    pub parks: Vec<ParkResult>,
    /// Every indicator, in scheme order.
    pub columns: Vec<IndicatorColumn>,
    /// Every group's subtotals, in scheme order.
    pub groups: Vec<GroupColumn>,
    /// The bonus rule applied (the points; whether they add up is in the reading).
    pub bonus_rule: BonusRule,
    /// Vetoed parks, in data order.
    pub vetoed: Vec<VetoedPark>,
    /// The award money.
    pub awards: Awards,
    /// Warnings and notes from scoring (ties at award places, values scored by policy).
    pub notes: Vec<Issue>,
    /// The units the scheme's classes mark not rated (class T, 不参评), in data order: listed,
    /// not scored, not ranked, not counted in N. Empty without classes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_rated: Vec<ParkName>,
    /// Each ranked row's grade, when the scheme has classes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<Classes>,
}

/// The grades of the ranked parks: a small index per row into the grades' names (stored once).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classes {
    /// The grades' names, from the best (`A`, `B`, `C`, `D`).
    pub names: Vec<String>,
    /// Row `i`'s grade: an index into `names`.
    pub of: Vec<u8>,
}

/// Scores `data` under `scheme` with the caller's `options`.
///
/// Returns every blocking problem at once (missing values under [`MissingPolicy::Error`], a
/// direct score out of range, a negative count, a duplicate or empty park name, a replacement
/// method that is not comparative) instead of an evaluation. A dataset with no park left to
/// rank gives an evaluation with an empty ranking and a note.
pub fn evaluate(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
) -> Result<Evaluation, Vec<Issue>> {
    engine::evaluate(scheme, std::borrow::Cow::Borrowed(data), None, options)
}

/// [`evaluate`] for a caller that has no further use for `data`: the values move from the
/// dataset's rows into the evaluation's columns, and each row's memory is freed as it goes,
/// so that the two are never held at once (at 100,000 parks, some 70 MB less at the peak).
/// The result is the same as [`evaluate`]'s.
pub fn evaluate_owned(
    scheme: &Scheme,
    data: Dataset,
    options: &Options,
) -> Result<Evaluation, Vec<Issue>> {
    engine::evaluate(scheme, std::borrow::Cow::Owned(data), None, options)
}

/// [`evaluate_owned`] of a dataset whose values are held as columns, as
/// [`crate::import::validate_columnar`] gives them: `data`'s parks carry no values, `values`
/// has a cell per park in `data`'s order. The road of big files: the values are never held
/// per park (at 100,000 parks the wasm worker's memory peaked at 131 MiB instead of 163);
/// the result is the same as [`evaluate`]'s of the dataset with the values in its rows
/// (`core/tests/columnar.rs`).
pub fn evaluate_columnar(
    scheme: &Scheme,
    data: Dataset,
    values: ValueColumns,
    options: &Options,
) -> Result<Evaluation, Vec<Issue>> {
    // The caller's promise, checked: columns made for another scheme, or for another list of
    // parks, would put values beside the wrong parks or indicators.
    if values.rows() != data.parks.len() || !values.made_for(scheme) {
        return Err(vec![Issue::error(
            crate::issue::Location {
                file: data.source.clone(),
                ..Default::default()
            },
            "内部错误：数值列与数据不一致，无法评分（请重新载入文件；若仍出现，请报告此问题）",
        )]);
    }
    engine::evaluate(scheme, std::borrow::Cow::Owned(data), Some(values), options)
}

/// Each row's exact (unrounded) score of `column` if its full points were 1, under the
/// method in force and `missing`: for `rank_linear`, `ratio_to_top` and `min_max` the score
/// at full points f is exactly f × this. `rank_step` is not proportional to its full points
/// (full − (r − 1) × step): its rows give the score at full = 1, which callers must not scale.
pub(crate) fn unit_scores(column: &IndicatorColumn, missing: MissingPolicy) -> Vec<Decimal> {
    let rule = methods::Rule {
        full: Decimal::ONE,
        unit: &column.unit,
        method: &column.method,
        direction: column.direction,
        places: 28,
    };
    methods::score_column(rule, &column.values, missing)
        .scores
        .iter()
        .map(Score::value)
        .collect()
}

/// How many names a sentence lists before `等 N 个园区`: the analyses' sentences list as many.
pub(crate) use explain::NAMES_LISTED;

/// Up to ten names joined with 、, then `等 N 个园区` when there are more: how every sentence
/// about a set of parks names them, so that its length does not grow with the set.
pub fn names_zh<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    explain::names(names, crate::scheme::DEFAULT_UNIT_NOUN)
}

/// [`names_zh`] with the units named by `noun` (`Scheme::unit_noun`): `…等 25 个企业`.
pub fn names_zh_for<'a>(names: impl ExactSizeIterator<Item = &'a str>, noun: &str) -> String {
    explain::names(names, noun)
}

/// [`names_zh_for`] of `total` names of which `names` gives the first ten or more: for a list
/// kept bounded as it was gathered.
pub fn names_zh_of<'a>(names: impl Iterator<Item = &'a str>, total: usize, noun: &str) -> String {
    explain::names_of(names, total, noun)
}

impl SpecialProposal {
    /// Whether the committee decides this award: no group measures it (园区公共服务平台), or
    /// its group's best score is tied. Otherwise the scores decide, and a recorded decision is
    /// stale.
    pub fn is_open(&self) -> bool {
        self.basis.is_none() || self.tie
    }

    /// Who receives the award, in Chinese: for an award the engine leaves to the user
    /// (no basis), the user's `choice` or 由考核小组确定; otherwise the proposed park(s),
    /// ten named and the rest counted as 园区 ([`names_zh`]).
    pub fn recipients_zh(&self, choice: Option<&ParkName>) -> String {
        self.recipients_zh_for(choice, crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`SpecialProposal::recipients_zh`] with the rest counted by `noun`
    /// (`Reading::unit_noun`: `…等 12 个企业`).
    pub fn recipients_zh_for(&self, choice: Option<&ParkName>, noun: &str) -> String {
        if self.basis.is_none() {
            return choice.map_or_else(|| "由考核小组确定".to_owned(), ToString::to_string);
        }
        names_zh_for(self.candidates.iter().map(|c| c.as_str()), noun)
    }
}

impl Evaluation {
    /// The row of the ranked park called `name`.
    pub fn row(&self, name: &str) -> Option<usize> {
        self.parks.iter().position(|p| p.name.as_str() == name)
    }

    /// The ranked park called `name`, with its row's columns.
    pub fn park(&self, name: &str) -> Option<ParkView<'_>> {
        self.row(name).and_then(|r| self.at(r))
    }

    /// The ranked park at row `row`, with its row's columns.
    pub fn at(&self, row: usize) -> Option<ParkView<'_>> {
        Some(ParkView {
            park: self.parks.get(row)?,
            row,
            evaluation: self,
        })
    }

    /// Every ranked park with its row's columns, by rank.
    pub fn ranked(&self) -> impl ExactSizeIterator<Item = ParkView<'_>> {
        self.parks
            .iter()
            .enumerate()
            .map(move |(row, park)| ParkView {
                park,
                row,
                evaluation: self,
            })
    }

    /// Row `row`'s grade (`A`), when the scheme has classes.
    pub fn class_of(&self, row: usize) -> Option<&str> {
        let c = self.classes.as_ref()?;
        c.names
            .get(usize::from(*c.of.get(row)?))
            .map(String::as_str)
    }

    /// Row `row`'s result on every indicator, in scheme order.
    pub fn indicators(&self, row: usize) -> impl Iterator<Item = IndicatorResult<'_>> {
        self.columns.iter().filter_map(move |c| self.result(c, row))
    }

    /// Row `row`'s result on indicator `id`.
    pub fn indicator(&self, row: usize, id: &str) -> Option<IndicatorResult<'_>> {
        let column = self.columns.iter().find(|c| c.id.as_str() == id)?;
        self.result(column, row)
    }

    /// Row `row`'s subtotal of every group, in scheme order.
    pub fn groups_of(&self, row: usize) -> impl Iterator<Item = GroupResult<'_>> {
        self.groups.iter().filter_map(move |g| {
            Some(GroupResult {
                id: &g.id,
                name: &g.name,
                score: g.scores.get(row)?,
                full: g.full,
            })
        })
    }

    /// Row `row`'s subtotal of group `id`.
    pub fn group(&self, row: usize, id: &str) -> Option<GroupResult<'_>> {
        self.groups_of(row).find(|g| g.id.0 == id)
    }

    /// How row `row`'s bonus was made: `国家级认定 1 项、省级认定 2 项；不累加，取最高一级 = 10.00`.
    pub fn bonus_explain(&self, row: usize) -> String {
        let Some(p) = self.parks.get(row) else {
            return String::new();
        };
        explain::bonus(
            p.national_recognitions,
            p.provincial_recognitions,
            &self.bonus_rule,
            self.reading.cumulative_bonus,
            p.bonus,
            self.reading.rounding_places,
        )
    }

    fn result<'a>(&'a self, c: &'a IndicatorColumn, row: usize) -> Option<IndicatorResult<'a>> {
        Some(IndicatorResult {
            id: &c.id,
            value: c.values.get(row)?.get(),
            score: c.scores.get(row)?,
            full: c.full,
            rank: c.ranks.get(row).copied(),
            column: c,
            row,
            reading: &self.reading,
        })
    }
}

/// A ranked park together with its row of the evaluation's columns: what a view or an export
/// reads about one park. Dereferences to its [`ParkResult`].
#[derive(Clone, Copy, Debug)]
pub struct ParkView<'a> {
    /// The park's place, total and bonus facts.
    pub park: &'a ParkResult,
    /// Its row in the evaluation's columns.
    pub row: usize,
    evaluation: &'a Evaluation,
}

impl<'a> ParkView<'a> {
    /// Its result on every indicator, in scheme order.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorResult<'a>> {
        self.evaluation.indicators(self.row)
    }

    /// Its result on indicator `id`.
    pub fn indicator(&self, id: &str) -> Option<IndicatorResult<'a>> {
        self.evaluation.indicator(self.row, id)
    }

    /// Its grade (`A`), when the scheme has classes.
    pub fn class(&self) -> Option<&'a str> {
        self.evaluation.class_of(self.row)
    }

    /// Its subtotal of every group, in scheme order.
    pub fn groups(&self) -> impl Iterator<Item = GroupResult<'a>> {
        self.evaluation.groups_of(self.row)
    }

    /// Its subtotal of group `id`.
    pub fn group(&self, id: &str) -> Option<GroupResult<'a>> {
        self.evaluation.group(self.row, id)
    }

    /// How its bonus was made.
    pub fn bonus_explain(&self) -> String {
        self.evaluation.bonus_explain(self.row)
    }
}

impl std::ops::Deref for ParkView<'_> {
    type Target = ParkResult;

    fn deref(&self) -> &ParkResult {
        self.park
    }
}

#[cfg(test)]
mod special_tests {
    use super::*;

    fn proposal(basis: Option<&str>, candidates: &[&str]) -> SpecialProposal {
        SpecialProposal {
            name: "专项".to_owned(),
            amount_wan: Decimal::ONE_HUNDRED,
            basis: basis.map(|b| GroupId(b.to_owned())),
            candidates: candidates.iter().map(|&c| ParkName::from(c)).collect(),
            tie: candidates.len() > 1,
            explain: String::new(),
        }
    }

    #[test]
    fn recipients_are_the_proposal_or_the_users_choice() {
        let chosen = ParkName::from("安庆园区");
        let tied = proposal(Some("green"), &["甲园区", "乙园区"]);
        assert_eq!(tied.recipients_zh(Some(&chosen)), "甲园区、乙园区");
        let open = proposal(None, &[]);
        assert_eq!(open.recipients_zh(None), "由考核小组确定");
        assert_eq!(open.recipients_zh(Some(&chosen)), "安庆园区");
    }

    #[test]
    fn a_long_tie_names_ten_and_counts_the_rest_by_the_schemes_word() {
        let names: Vec<String> = (1..=12).map(|i| format!("公司{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let tied = proposal(Some("green"), &refs);
        let ten = "公司01、公司02、公司03、公司04、公司05、公司06、公司07、公司08、公司09、公司10";
        assert_eq!(
            tied.recipients_zh_for(None, "企业"),
            format!("{ten}等 12 个企业")
        );
        assert_eq!(tied.recipients_zh(None), format!("{ten}等 12 个园区"));
    }
}
