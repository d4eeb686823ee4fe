//! The six scoring methods, one indicator (one column of values) at a time. The scores only:
//! their explanations are rendered from the same facts by [`super::explain`].
//!
//! Every computation is exact [`Decimal`] arithmetic with checked operations (a value too large
//! to compute is an error, never a panic); the exact score is then rounded half away from zero
//! to the scheme's places. Every score lies in `[0, full]` (but uncapped
//! `ratio_to_benchmark`'s, which is at least 0):
//! - `rank_linear`: full × (N − r) / (N − 1) with 1 ≤ r ≤ N;
//! - `rank_step`: full − (r − 1) × step, floored at 0;
//! - `ratio_to_top`: the top value (the best, in the indicator's direction) scores full; other
//!   values score full × v / top (higher is better) or full × top / v (lower is better) when
//!   top > 0, clamped at 0 — so a negative growth rate scores 0 — and 0 when top ≤ 0;
//! - `min_max`: full × (v − min) / (max − min) (or (max − v) for lower is better); all equal:
//!   full;
//! - `count_capped`: min(count × per_unit, cap); a negative count is an error;
//! - `direct`: the value itself; outside [0, max] it is an error;
//! - `ratio_to_benchmark`: full × x ÷ b, 0 for x ≤ 0; with `cap`, at most full (without it
//!   the only method whose score may exceed full: 亩均 schemes reward a value above the
//!   benchmark);
//! - `min_max_floor`: full × [a + (1 − a) × (x − min) ÷ (max − min)] (or (max − x) for lower
//!   is better); all equal: full;
//! - `thresholds`: the points of the first level reached, else `otherwise`;
//! - `deduction`: max(full − count × per, minimum); a negative count is an error.
//!
//! Missing values follow the [`MissingPolicy`]: [`MissingPolicy::Error`] reports them;
//! [`MissingPolicy::Zero`] scores them 0; [`MissingPolicy::RankLast`] ranks them, tied, after
//! every park that has a value, and scores that rank with `rank_linear` / `rank_step` (0 with
//! the value-based methods, which have nothing to compare, and with the non-comparative ones).
//! In both ranking policies N counts every park evaluated, missing or not.

use super::rank;
use super::ColumnFacts;
use super::MissingPolicy;
use crate::dataset::MaybeDecimal;
use crate::scheme::{Direction, Method};
use crate::score::{Score, ScoreColumn};
use rust_decimal::Decimal;

/// One indicator scored for the ranked parks: the column of scores with the facts its
/// explanations are rendered from (see [`super::explain`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScoredColumn {
    /// The rounded score of each park (0 for a cell in `errors`).
    pub scores: ScoreColumn,
    /// The competition rank of each park, for comparative methods; empty otherwise.
    pub ranks: Vec<u32>,
    /// Whether each park shares its rank, for comparative methods; empty otherwise.
    pub tied: Vec<bool>,
    /// N and the present values' extremes.
    pub facts: ColumnFacts,
    /// The cells that could not be scored, by park index.
    pub errors: Vec<(usize, CellError)>,
}

/// Why one cell could not be scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CellError {
    /// The value is missing and the policy is [`MissingPolicy::Error`].
    Missing,
    /// A direct score outside [0, max].
    DirectOutOfRange {
        /// The value.
        value: Decimal,
        /// The highest allowed score.
        max: Decimal,
    },
    /// A negative count for `count_capped`.
    NegativeCount {
        /// The value.
        value: Decimal,
    },
    /// The value is too large to compute with.
    Overflow {
        /// The value.
        value: Decimal,
    },
}

/// The indicator's settings needed to score one column.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule<'a> {
    /// Full points.
    pub full: Decimal,
    /// The indicator's unit (for `count_capped` explanations).
    pub unit: &'a str,
    /// The method in force (the scheme's or the caller's override).
    pub method: &'a Method,
    /// Whether larger values are better.
    pub direction: Direction,
    /// Decimal places of the rounded score.
    pub places: u32,
}

/// Scores one indicator for the ranked parks: `values[i]` is park i's value. One sort for the
/// ranks, one pass for the extremes and one for the scores: O(n log n) whatever the ties.
pub(crate) fn score_column(
    rule: Rule<'_>,
    values: &[MaybeDecimal],
    missing: MissingPolicy,
) -> ScoredColumn {
    let n = values.len();
    let ranks = if rule.method.is_comparative() {
        rank::ranks(values, rule.direction)
    } else {
        Vec::new()
    };
    // How many parks hold each rank (ranks run from 1 to n + 1).
    let mut holders = vec![0u32; if ranks.is_empty() { 0 } else { n + 2 }];
    for &r in &ranks {
        if let Some(h) = holders.get_mut(r as usize) {
            *h = h.saturating_add(1);
        }
    }
    let tied: Vec<bool> = ranks
        .iter()
        .map(|&r| holders.get(r as usize).is_some_and(|&h| h > 1))
        .collect();
    let facts = ColumnFacts::of(values, rule.direction);
    let mut scores = ScoreColumn::with_capacity(n);
    let mut errors = Vec::new();
    for (i, &cell) in values.iter().enumerate() {
        let at = ranks.get(i).map(|&r| RankAt {
            r,
            n,
            tie: tied.get(i).copied().unwrap_or(false),
        });
        // rank_linear, the 排序法's method, in integers: the same rounded score without a
        // decimal division per cell (see `rank_linear_rounded`).
        if let (Some(at), Method::RankLinear) = (at, rule.method) {
            if !cell.is_none() || missing == MissingPolicy::RankLast {
                if let Some(score) = rank_linear_rounded(rule.full, at, rule.places) {
                    scores.push(score);
                    continue;
                }
            }
        }
        let exact = match cell.get() {
            Some(v) => score_value(rule, v, at, &facts),
            None => score_missing(rule, at, missing),
        };
        match exact {
            Ok(exact) => scores.push(Score(exact).round(rule.places)),
            Err(e) => {
                scores.push(Score::ZERO);
                errors.push((i, e));
            }
        }
    }
    ScoredColumn {
        scores,
        ranks,
        tied,
        facts,
        errors,
    }
}

/// A park's place in the ranking of one indicator.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RankAt {
    /// The competition rank.
    pub r: u32,
    /// N: the parks ranked.
    pub n: usize,
    /// Whether another park holds the same rank.
    pub tie: bool,
}

impl ColumnFacts {
    /// N and the extremes of the present values.
    pub(crate) fn of(values: &[MaybeDecimal], direction: Direction) -> ColumnFacts {
        let (mut min, mut max): (Option<Decimal>, Option<Decimal>) = (None, None);
        for v in values.iter().filter_map(|v| v.get()) {
            min = Some(min.map_or(v, |m| m.min(v)));
            max = Some(max.map_or(v, |m| m.max(v)));
        }
        let best = match direction {
            Direction::HigherIsBetter => max,
            Direction::LowerIsBetter => min,
        };
        ColumnFacts {
            n: u32::try_from(values.len()).unwrap_or(u32::MAX),
            best,
            min,
            max,
        }
    }
}

/// The exact (unrounded) score of a present value.
fn score_value(
    rule: Rule<'_>,
    v: Decimal,
    at: Option<RankAt>,
    facts: &ColumnFacts,
) -> Result<Decimal, CellError> {
    let full = rule.full;
    let overflow = CellError::Overflow { value: v };
    match rule.method {
        Method::RankLinear | Method::RankStep { .. } => match at {
            Some(at) => by_rank(rule, at).ok_or(overflow),
            None => Err(overflow),
        },
        Method::RatioToTop => {
            let top = facts.best.unwrap_or(v);
            let lower = rule.direction == Direction::LowerIsBetter;
            if v == top {
                return Ok(full);
            }
            if top <= Decimal::ZERO || (!lower && v <= Decimal::ZERO) {
                return Ok(Decimal::ZERO);
            }
            // Higher is better: 0 < v < top, full × v / top. Lower is better: v > top > 0,
            // full × top / v. Either way the ratio lies in (0, 1).
            let (numerator, denominator) = if lower { (top, v) } else { (v, top) };
            numerator
                .checked_div(denominator)
                .and_then(|q| q.checked_mul(full))
                .ok_or(overflow)
        }
        Method::MinMax => match min_max_share(v, facts, rule.direction) {
            Share::AllEqual => Ok(full),
            Share::Of(share) => share.checked_mul(full).ok_or(overflow),
            Share::Overflow => Err(overflow),
        },
        Method::CountCapped { per_unit, cap } => {
            if v < Decimal::ZERO {
                return Err(CellError::NegativeCount { value: v });
            }
            // v ≥ 0 and per_unit > 0: a product too large to represent is above the cap.
            Ok(v.checked_mul(*per_unit)
                .map_or(*cap, |points| points.min(*cap)))
        }
        Method::Direct { max } => {
            if v < Decimal::ZERO || v > *max {
                return Err(CellError::DirectOutOfRange {
                    value: v,
                    max: *max,
                });
            }
            Ok(v)
        }
        Method::RatioToBenchmark { benchmark, cap } => {
            if v <= Decimal::ZERO {
                return Ok(Decimal::ZERO);
            }
            if *cap && v >= *benchmark {
                return Ok(full);
            }
            // full × x ÷ b: the product first, so that a benchmark of many digits divides once.
            full.checked_mul(v)
                .and_then(|p| p.checked_div(*benchmark))
                .ok_or(overflow)
        }
        Method::MinMaxFloor { floor } => {
            // full × [a + (1 − a) × share], share = (x − min) ÷ (max − min) ∈ [0, 1].
            let share = match min_max_share(v, facts, rule.direction) {
                Share::AllEqual => return Ok(full),
                Share::Of(share) => Some(share),
                Share::Overflow => None,
            };
            share
                .and_then(|share| Decimal::ONE.checked_sub(*floor)?.checked_mul(share))
                .and_then(|part| part.checked_add(*floor))
                .and_then(|q| q.checked_mul(full))
                .ok_or(overflow)
        }
        Method::Thresholds { levels, otherwise } => Ok(levels
            .iter()
            .find(|l| l.bound.reached(v))
            .map_or(*otherwise, |l| l.points)),
        Method::Deduction { per, minimum } => {
            if v < Decimal::ZERO {
                return Err(CellError::NegativeCount { value: v });
            }
            // v ≥ 0 and per > 0: a product too large to represent takes everything off.
            Ok(deduction_raw(full, *per, v).map_or(*minimum, |raw| raw.max(*minimum)))
        }
    }
}

/// `deduction`'s full − count × per before the floor; `None` on overflow.
pub(crate) fn deduction_raw(full: Decimal, per: Decimal, count: Decimal) -> Option<Decimal> {
    full.checked_sub(count.checked_mul(per)?)
}

/// `rank_step`'s full − (r − 1) × step before the floor at 0; `None` on overflow.
pub(crate) fn step_raw(full: Decimal, step: Decimal, r: u32) -> Option<Decimal> {
    full.checked_sub(
        Decimal::from(r)
            .checked_sub(Decimal::ONE)?
            .checked_mul(step)?,
    )
}

/// `rank_linear` / `rank_step` at rank `at`; `None` on overflow.
fn by_rank(rule: Rule<'_>, at: RankAt) -> Option<Decimal> {
    let full = rule.full;
    match rule.method {
        Method::RankStep { step } => Some(step_raw(full, *step, at.r)?.max(Decimal::ZERO)),
        _ => {
            if at.n <= 1 {
                return Some(full);
            }
            let (r, n) = (Decimal::from(at.r), Decimal::from(at.n));
            full.checked_mul(n.checked_sub(r)?)?
                .checked_div(n.checked_sub(Decimal::ONE)?)
        }
    }
}

/// `rank_linear`'s score at rank `at`, rounded half away from zero to `places`, computed in
/// 128-bit integers for the usual case, `None` for every other (the decimal path decides).
///
/// With full = m ÷ 10^s, the score × 10^places is m × (N − r) × 10^(places − s) ÷ (N − 1),
/// rounded once. Taken only when that gives the decimal path's score to the digit and to the
/// scale (the property test `rank_linear_in_integers_equals_the_decimal_path` holds it to
/// both):
/// - full has at most `places` decimals and fewer than 16 digits, and `places` ≤ 4: the
///   decimal quotient (28 significant digits) then lies closer to the exact one than any
///   rounding boundary of a fraction with denominator N − 1 can, so rounding it gives the same;
/// - the quotient is not exact at `places` decimals: the decimal path's result then has more
///   decimals and is rounded to exactly `places`. An exact quotient (r = 1, r = N, and some
///   others) keeps whatever scale the decimal division gives it, which the decimal path
///   reproduces and this one would not.
pub(crate) fn rank_linear_rounded(full: Decimal, at: RankAt, places: u32) -> Option<Score> {
    let m = full.mantissa();
    let s = full.scale();
    let (n, r) = (i128::try_from(at.n).ok()?, i128::from(at.r));
    if n <= 1 || !(0..1_000_000_000_000_000).contains(&m) || s > places || places > 4 {
        return None;
    }
    if r < 1 || r > n {
        return None;
    }
    let num = m
        .checked_mul(n - r)?
        .checked_mul(10i128.checked_pow(places - s)?)?;
    let den = n - 1;
    if num.checked_rem(den)? == 0 {
        return None;
    }
    // Half away from zero for a non-negative quotient: ⌊(2 × num + den) ÷ (2 × den)⌋.
    let q = num
        .checked_mul(2)?
        .checked_add(den)?
        .checked_div(den.checked_mul(2)?)?;
    Decimal::try_from_i128_with_scale(q, places).ok().map(Score)
}

/// The exact score of a missing value under `missing`.
fn score_missing(
    rule: Rule<'_>,
    at: Option<RankAt>,
    missing: MissingPolicy,
) -> Result<Decimal, CellError> {
    match missing {
        MissingPolicy::Error => Err(CellError::Missing),
        MissingPolicy::Zero => Ok(Decimal::ZERO),
        MissingPolicy::RankLast => match (rule.method, at) {
            (Method::RankLinear | Method::RankStep { .. }, Some(at)) => {
                by_rank(rule, at).ok_or(CellError::Overflow {
                    value: Decimal::ZERO,
                })
            }
            _ => Ok(Decimal::ZERO),
        },
    }
}

/// Where `v` stands between the column's min and max, as min–max methods read it.
enum Share {
    /// Every value is the same: everyone gets full points.
    AllEqual,
    /// (v − min) ÷ (max − min), or (max − v) ÷ (max − min) when lower is better.
    Of(Decimal),
    /// The arithmetic left the decimal range.
    Overflow,
}

/// The share of `v` in the column's range (min and max from `facts`, `v` itself when absent),
/// shared by `min_max` and `min_max_floor`.
fn min_max_share(v: Decimal, facts: &ColumnFacts, direction: Direction) -> Share {
    let (min, max) = (facts.min.unwrap_or(v), facts.max.unwrap_or(v));
    if min == max {
        return Share::AllEqual;
    }
    let numerator = match direction {
        Direction::HigherIsBetter => v.checked_sub(min),
        Direction::LowerIsBetter => max.checked_sub(v),
    };
    numerator
        .zip(max.checked_sub(min))
        .and_then(|(a, b)| a.checked_div(b))
        .map_or(Share::Overflow, Share::Of)
}

#[cfg(test)]
mod tests;
