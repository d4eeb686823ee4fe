//! Scoring: from a [`Scheme`] and a [`Dataset`] to an [`Evaluation`] in which every number
//! says how it was made.
//!
//! CONTRACT (shared by the engine, the import, the CLI and the app): the public types in this
//! file.
//!
//! The rules, in the order [`evaluate`] applies them:
//! 1. every park must have a non-empty, unique name;
//! 2. vetoed parks (不予评价考核) leave the pool: they count in neither N nor min, max or top;
//! 3. each indicator is scored for the remaining parks by its method (or the caller's
//!    replacement for comparative indicators, [`Options::ranking_method`]): competition
//!    ranking (1, 2, 2, 4), the formulas of the `methods` module, missing values by
//!    [`MissingPolicy`];
//! 4. each indicator score is rounded half away from zero to the scheme's places; a group's
//!    subtotal is the sum of its rounded scores; base = Σ groups; total = base + bonus, the
//!    bonus not cumulative unless the scheme or the caller says so;
//! 5. parks are ranked on the total (competition ranking; ties listed by name);
//! 6. place awards go to the first places, parks tied across places sharing the sum of the
//!    places they occupy (amounts rounded to the 分, 6 decimals of 万元); special awards are
//!    proposed from their group's best subtotal (none when that best is 0; ties flagged).
//!
//! Negative values are legal (growth rates fall): ranking orders them as numbers,
//! `ratio_to_top` clamps a negative ratio to 0 (and gives 0 to every park but the first when
//! the top value itself is not above 0), `min_max` measures from the smallest value. Every
//! indicator score lies in `[0, full]`. Counts (`count_capped`) must not be negative and
//! assessed scores (`direct`) must lie in `[0, max]`: both are reported as errors.

mod awards;
mod engine;
mod methods;
mod rank;
mod reading;

use crate::dataset::{Dataset, ParkName, Veto};
use crate::issue::Issue;
use crate::scheme::{GroupId, IndicatorId, Method, Scheme};
use crate::score::Score;
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
    /// Parks in the data that are not on the list (scored, counted in N), as written.
    pub unlisted: Vec<String>,
    /// Parks the file named otherwise, recorded under their official names.
    pub renamed: Vec<RenamedUnit>,
}

/// A park the file named by a short name or alias, and the official name used instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamedUnit {
    /// The name as the file wrote it.
    pub written: String,
    /// The official name on the scheme's list.
    pub official: String,
}

/// One indicator's outcome for one park.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// The indicator.
    pub id: IndicatorId,
    /// The value scored (`None`: missing, scored by the missing-value policy).
    pub value: Option<Decimal>,
    /// The rounded score.
    pub score: Score,
    /// Full points.
    pub full: Decimal,
    /// The competition rank among the ranked parks, for comparative methods.
    pub rank: Option<u32>,
    /// How the score was made, with its numbers: `排名 3/14：6 × (14−3)/(14−1) = 5.08`.
    pub explain: String,
}

/// One group's subtotal for one park: the sum of its rounded indicator scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupResult {
    /// The group.
    pub id: GroupId,
    /// Its Chinese name.
    pub name: String,
    /// The subtotal.
    pub score: Score,
    /// The group's weight (its full points).
    pub full: Decimal,
}

/// A ranked park's full result.
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
    /// How the bonus was made: `国家级认定 1 项，省级认定 2 项；不累加，取最高 = 10.00`.
    pub bonus_explain: String,
    /// The 7 group subtotals, in scheme order.
    pub groups: Vec<GroupResult>,
    /// Every indicator, in scheme order.
    pub indicators: Vec<IndicatorResult>,
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
    /// How: `第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元`.
    pub explain: String,
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
    /// Ranked parks, by rank (ties by name).
    pub parks: Vec<ParkResult>,
    /// Vetoed parks, in data order.
    pub vetoed: Vec<VetoedPark>,
    /// The award money.
    pub awards: Awards,
    /// Warnings and notes from scoring (ties at award places, values scored by policy).
    pub notes: Vec<Issue>,
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
    engine::evaluate(scheme, data, options)
}

impl SpecialProposal {
    /// Who receives the award, in Chinese: for an award the engine leaves to the user
    /// (no basis), the user's `choice` or 由考核小组确定; otherwise the proposed park(s),
    /// joined with 、.
    pub fn recipients_zh(&self, choice: Option<&ParkName>) -> String {
        if self.basis.is_none() {
            return choice.map_or_else(|| "由考核小组确定".to_owned(), ToString::to_string);
        }
        self.candidates
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、")
    }
}

impl Evaluation {
    /// The ranked park called `name`.
    pub fn park(&self, name: &str) -> Option<&ParkResult> {
        self.parks.iter().find(|p| p.name.as_str() == name)
    }
}

impl ParkResult {
    /// This park's result on indicator `id`.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.id.as_str() == id)
    }

    /// This park's subtotal of group `id`.
    pub fn group(&self, id: &str) -> Option<&GroupResult> {
        self.groups.iter().find(|g| g.id.0 == id)
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
}
