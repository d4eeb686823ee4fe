//! The six scoring methods, one indicator (one column of values) at a time, each score with
//! its explanation in Chinese.
//!
//! Every computation is exact [`Decimal`] arithmetic with checked operations (a value too large
//! to compute is an error, never a panic); the exact score is then rounded half away from zero
//! to the scheme's places. Every score lies in `[0, full]`:
//! - `rank_linear`: full × (N − r) / (N − 1) with 1 ≤ r ≤ N;
//! - `rank_step`: full − (r − 1) × step, floored at 0;
//! - `ratio_to_top`: the top value (the best, in the indicator's direction) scores full; other
//!   values score full × v / top (higher is better) or full × top / v (lower is better) when
//!   top > 0, clamped at 0 — so a negative growth rate scores 0 — and 0 when top ≤ 0;
//! - `min_max`: full × (v − min) / (max − min) (or (max − v) for lower is better); all equal:
//!   full;
//! - `count_capped`: min(count × per_unit, cap); a negative count is an error;
//! - `direct`: the value itself; outside [0, max] it is an error.
//!
//! Missing values follow the [`MissingPolicy`]: [`MissingPolicy::Error`] reports them;
//! [`MissingPolicy::Zero`] scores them 0; [`MissingPolicy::RankLast`] ranks them, tied, after
//! every park that has a value, and scores that rank with `rank_linear` / `rank_step` (0 with
//! the value-based methods, which have nothing to compare, and with the non-comparative ones).
//! In both ranking policies N counts every park evaluated, missing or not.

use super::rank;
use super::MissingPolicy;
use crate::scheme::{Direction, Method};
use crate::score::Score;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One park's outcome on one indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// The rounded score.
    pub score: Score,
    /// The competition rank, for comparative methods.
    pub rank: Option<u32>,
    /// How the score was made.
    pub explain: String,
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

/// Scores one indicator for the ranked parks: `values[i]` is park i's value.
pub(crate) fn score_column(
    rule: Rule<'_>,
    values: &[Option<Decimal>],
    missing: MissingPolicy,
) -> Vec<Result<Outcome, CellError>> {
    let n = values.len();
    let ranks = rule
        .method
        .is_comparative()
        .then(|| rank::ranks(values, rule.direction));
    let mut tied: BTreeMap<u32, usize> = BTreeMap::new();
    for r in ranks.iter().flatten() {
        *tied.entry(*r).or_default() += 1;
    }
    let stats = Stats::of(values.iter().flatten().copied(), rule.direction);
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let rank = ranks.as_ref().and_then(|r| r.get(i).copied());
            let at = rank.map(|r| RankAt {
                r,
                n,
                tie: tied.get(&r).copied().unwrap_or(0) > 1,
            });
            match value {
                Some(v) => score_value(rule, *v, at, &stats).map(|(exact, explain)| Outcome {
                    score: Score(exact).round(rule.places),
                    rank,
                    explain: finish(explain, exact, rule.places),
                }),
                None => score_missing(rule, at, missing).map(|(exact, explain)| Outcome {
                    score: Score(exact).round(rule.places),
                    rank,
                    explain: finish(explain, exact, rule.places),
                }),
            }
        })
        .collect()
}

/// A park's place in the ranking of one indicator.
#[derive(Clone, Copy, Debug)]
struct RankAt {
    r: u32,
    n: usize,
    tie: bool,
}

impl RankAt {
    /// `排名 3/14` or `排名 2/14（并列）`.
    fn label(self) -> String {
        let tie = if self.tie { "（并列）" } else { "" };
        format!("排名 {}/{}{tie}", self.r, self.n)
    }
}

/// The present values' extremes.
struct Stats {
    /// The best value in the indicator's direction.
    best: Option<Decimal>,
    min: Option<Decimal>,
    max: Option<Decimal>,
}

impl Stats {
    fn of(values: impl Iterator<Item = Decimal>, direction: Direction) -> Stats {
        let (mut min, mut max): (Option<Decimal>, Option<Decimal>) = (None, None);
        for v in values {
            min = Some(min.map_or(v, |m| m.min(v)));
            max = Some(max.map_or(v, |m| m.max(v)));
        }
        let best = match direction {
            Direction::HigherIsBetter => max,
            Direction::LowerIsBetter => min,
        };
        Stats { best, min, max }
    }
}

/// The explanation's formula with `= score` appended.
fn finish(formula: String, exact: Decimal, places: u32) -> String {
    // `直接评分 2.5（满分 3）= 2.50`: no space after a closing full-width parenthesis.
    let space = if formula.ends_with('）') { "" } else { " " };
    format!("{formula}{space}= {}", Score(exact).fixed(places))
}

fn score_value(
    rule: Rule<'_>,
    v: Decimal,
    at: Option<RankAt>,
    stats: &Stats,
) -> Result<(Decimal, String), CellError> {
    let full = rule.full;
    let overflow = CellError::Overflow { value: v };
    match rule.method {
        Method::RankLinear | Method::RankStep { .. } => match at {
            Some(at) => by_rank(rule, at).ok_or(overflow),
            None => Err(overflow),
        },
        Method::RatioToTop => {
            let top = stats.best.unwrap_or(v);
            let lower = rule.direction == Direction::LowerIsBetter;
            if v == top {
                let which = if lower {
                    "（数值越小越好）"
                } else {
                    ""
                };
                return Ok((full, format!("数值 {} 为第一名{which}，得满分", num(v))));
            }
            let top_label = if lower {
                format!("第一名（最小）{}", num(top))
            } else {
                format!("第一名 {}", num(top))
            };
            if top <= Decimal::ZERO {
                return Ok((
                    Decimal::ZERO,
                    format!("数值 {}，{top_label} 不大于 0：非第一名得 0 分", num(v)),
                ));
            }
            if !lower && v <= Decimal::ZERO {
                return Ok((
                    Decimal::ZERO,
                    format!(
                        "数值 {}，{top_label}：{} × {} ÷ {} ≤ 0，不低于 0",
                        num(v),
                        num(full),
                        operand(v),
                        operand(top)
                    ),
                ));
            }
            // Higher is better: 0 < v < top, full × v / top. Lower is better: v > top > 0,
            // full × top / v. Either way the ratio lies in (0, 1).
            let (numerator, denominator) = if lower { (top, v) } else { (v, top) };
            let exact = numerator
                .checked_div(denominator)
                .and_then(|q| q.checked_mul(full))
                .ok_or(overflow)?;
            Ok((
                exact,
                format!(
                    "数值 {}，{top_label}：{} × {} ÷ {}",
                    num(v),
                    num(full),
                    operand(numerator),
                    operand(denominator)
                ),
            ))
        }
        Method::MinMax => {
            let (min, max) = (stats.min.unwrap_or(v), stats.max.unwrap_or(v));
            if min == max {
                return Ok((
                    full,
                    format!("全部参评园区数值相同（{}）：均得满分", num(v)),
                ));
            }
            let (numerator, formula_top) = match rule.direction {
                Direction::HigherIsBetter => (
                    v.checked_sub(min),
                    format!("{}−{}", operand(v), operand(min)),
                ),
                Direction::LowerIsBetter => (
                    max.checked_sub(v),
                    format!("{}−{}", operand(max), operand(v)),
                ),
            };
            let exact = numerator
                .zip(max.checked_sub(min))
                .and_then(|(a, b)| a.checked_div(b))
                .and_then(|q| q.checked_mul(full))
                .ok_or(overflow)?;
            Ok((
                exact,
                format!(
                    "数值 {}，最小 {}，最大 {}：{} × ({formula_top}) ÷ ({}−{})",
                    num(v),
                    num(min),
                    num(max),
                    num(full),
                    operand(max),
                    operand(min)
                ),
            ))
        }
        Method::CountCapped { per_unit, cap } => {
            if v < Decimal::ZERO {
                return Err(CellError::NegativeCount { value: v });
            }
            // v ≥ 0 and per_unit > 0: a product too large to represent is above the cap.
            let exact = v
                .checked_mul(*per_unit)
                .map_or(*cap, |points| points.min(*cap));
            let unit = match rule.unit.trim() {
                "" | "—" | "-" => "个",
                u => u,
            };
            Ok((
                exact,
                format!(
                    "{} {unit} × {} 分，上限 {} 分",
                    num(v),
                    num(*per_unit),
                    num(*cap)
                ),
            ))
        }
        Method::Direct { max } => {
            if v < Decimal::ZERO || v > *max {
                return Err(CellError::DirectOutOfRange {
                    value: v,
                    max: *max,
                });
            }
            Ok((v, format!("直接评分 {}（满分 {}）", num(v), num(*max))))
        }
    }
}

/// `rank_linear` / `rank_step` at rank `at`; `None` on overflow.
fn by_rank(rule: Rule<'_>, at: RankAt) -> Option<(Decimal, String)> {
    let full = rule.full;
    let label = at.label();
    let direction = match rule.direction {
        Direction::HigherIsBetter => "",
        Direction::LowerIsBetter => "（数值越小越好）",
    };
    let (r, n) = (Decimal::from(at.r), Decimal::from(at.n));
    match rule.method {
        Method::RankStep { step } => {
            let raw = full.checked_sub(r.checked_sub(Decimal::ONE)?.checked_mul(*step)?)?;
            let formula = format!(
                "{label}{direction}：{} − ({}−1) × {}",
                num(full),
                at.r,
                num(*step)
            );
            if raw < Decimal::ZERO {
                Some((Decimal::ZERO, format!("{formula} = {}，扣完为止", num(raw))))
            } else {
                Some((raw, formula))
            }
        }
        _ => {
            if at.n <= 1 {
                return Some((full, format!("{label}：仅 1 个参评园区，得满分")));
            }
            let exact = full
                .checked_mul(n.checked_sub(r)?)?
                .checked_div(n.checked_sub(Decimal::ONE)?)?;
            Some((
                exact,
                format!(
                    "{label}{direction}：{} × ({}−{})/({}−1)",
                    num(full),
                    at.n,
                    at.r,
                    at.n
                ),
            ))
        }
    }
}

fn score_missing(
    rule: Rule<'_>,
    at: Option<RankAt>,
    missing: MissingPolicy,
) -> Result<(Decimal, String), CellError> {
    match missing {
        MissingPolicy::Error => Err(CellError::Missing),
        MissingPolicy::Zero => Ok((Decimal::ZERO, "缺失数值，按“缺失计 0 分”处理".to_owned())),
        MissingPolicy::RankLast => {
            let prefix = "缺失数值，按“缺失排最后”处理";
            match (rule.method, at) {
                (Method::RankLinear | Method::RankStep { .. }, Some(at)) => {
                    let (exact, formula) = by_rank(rule, at).ok_or(CellError::Overflow {
                        value: Decimal::ZERO,
                    })?;
                    Ok((exact, format!("{prefix}，{formula}")))
                }
                (method, _) if method.is_comparative() => Ok((
                    Decimal::ZERO,
                    format!("{prefix}；{}无数值可比，得 0 分", method.name_zh()),
                )),
                _ => Ok((Decimal::ZERO, format!("{prefix}；非排序法指标得 0 分"))),
            }
        }
    }
}

/// A number as the explanations print it: no trailing zeros, `−` for negatives.
pub(crate) fn num(d: Decimal) -> String {
    let s = d.normalize().to_string();
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// A number as an operand: negatives in parentheses, `(−3)`.
fn operand(d: Decimal) -> String {
    if d < Decimal::ZERO {
        format!("({})", num(d))
    } else {
        num(d)
    }
}

#[cfg(test)]
mod tests;
