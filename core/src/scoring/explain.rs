//! The only writer of score explanations: `名次 3/14：6 × (14−3)/(14−1) = 5.08`,
//! `国家级认定 1 项、省级认定 2 项；不累加，取最高一级 = 10.00`,
//! `第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元`.
//!
//! An evaluation stores facts (value, rank, N, the column's extremes, the method in force) and
//! no sentences; each sentence is rendered from those facts when it is shown, so a view that
//! shows 100 rows renders 100 explanations, whatever the number of parks. Every function here
//! is pure, and its text is bounded by the scheme, never by the number of parks (a tie of
//! 100,000 parks reads `第 1–100000 名并列 100000 个园区`).

use super::methods::{deduction_raw, step_raw, RankAt, Rule};
use super::{ColumnFacts, MissingPolicy};
use crate::scheme::{Direction, Method};
use crate::score::Score;
use rust_decimal::Decimal;

/// How many names a sentence lists before it says `等 N 个园区`.
pub(crate) const NAMES_LISTED: usize = 10;

/// One cell's explanation: the formula with its numbers, then `= score`.
/// The units are called 园区 ([`cell_for`] names them by a scheme's word).
#[cfg(test)]
pub(crate) fn cell(
    rule: Rule<'_>,
    facts: &ColumnFacts,
    missing: MissingPolicy,
    value: Option<Decimal>,
    at: Option<RankAt>,
    score: Score,
) -> String {
    let noun = crate::scheme::DEFAULT_UNIT_NOUN;
    cell_for(rule, facts, missing, value, at, score, noun)
}

/// `cell`, the units named by `noun`, the scheme's word for an evaluated unit
/// (`Scheme::unit_noun`: 园区, 企业), carried by the evaluation's [`super::Reading::unit_noun`].
pub(crate) fn cell_for(
    rule: Rule<'_>,
    facts: &ColumnFacts,
    missing: MissingPolicy,
    value: Option<Decimal>,
    at: Option<RankAt>,
    score: Score,
    noun: &str,
) -> String {
    let formula = match value {
        Some(v) => present(rule, facts, v, at, noun),
        None => absent(rule, at, missing, noun),
    };
    // `直接评分 2.5（满分 3）= 2.50`: no space after a closing full-width parenthesis.
    let space = if formula.ends_with('）') { "" } else { " " };
    format!("{formula}{space}= {}", score.fixed(rule.places))
}

/// The formula for a present value.
fn present(
    rule: Rule<'_>,
    facts: &ColumnFacts,
    v: Decimal,
    at: Option<RankAt>,
    noun: &str,
) -> String {
    let full = rule.full;
    match rule.method {
        Method::RankLinear | Method::RankStep { .. } => match at {
            Some(at) => by_rank(rule, at, noun),
            None => format!("数值 {}", num(v)),
        },
        Method::RatioToTop => {
            let top = facts.best.unwrap_or(v);
            let lower = rule.direction == Direction::LowerIsBetter;
            if v == top {
                let which = if lower {
                    "（数值越小越好）"
                } else {
                    ""
                };
                return format!("数值 {} 为第一名{which}，得满分", num(v));
            }
            let top_label = if lower {
                format!("第一名（最小）{}", num(top))
            } else {
                format!("第一名 {}", num(top))
            };
            if top <= Decimal::ZERO {
                return format!("数值 {}，{top_label} 不大于 0：非第一名得 0 分", num(v));
            }
            if !lower && v <= Decimal::ZERO {
                return format!(
                    "数值 {}，{top_label}：{} × {} ÷ {} ≤ 0，不低于 0",
                    num(v),
                    num(full),
                    operand(v),
                    operand(top)
                );
            }
            let (numerator, denominator) = if lower { (top, v) } else { (v, top) };
            format!(
                "数值 {}，{top_label}：{} × {} ÷ {}",
                num(v),
                num(full),
                operand(numerator),
                operand(denominator)
            )
        }
        Method::MinMax => {
            let (min, max, top) = match min_max_terms(v, facts, rule.direction, noun) {
                Ok(terms) => terms,
                Err(all_equal) => return all_equal,
            };
            format!(
                "数值 {}，最小 {}，最大 {}：{} × ({top}) ÷ ({}−{})",
                num(v),
                num(min),
                num(max),
                num(full),
                operand(max),
                operand(min)
            )
        }
        Method::CountCapped { per_unit, cap } => {
            let unit = match rule.unit.trim() {
                "" | "—" | "-" => "个",
                u => u,
            };
            format!(
                "{} {unit} × {} 分，上限 {} 分",
                num(v),
                num(*per_unit),
                num(*cap)
            )
        }
        Method::Direct { max } => format!("直接评分 {}（满分 {}）", num(v), num(*max)),
        Method::RatioToBenchmark { benchmark, cap } => {
            let head = format!("数值 {}，基准值 {}", num(v), num(*benchmark));
            if v <= Decimal::ZERO {
                return format!("{head}：数值不大于 0，得 0 分");
            }
            if *cap && v >= *benchmark {
                return format!("{head}：达到基准值，得满分（不超过满分）");
            }
            format!("{head}：{} × {} ÷ {}", num(full), num(v), num(*benchmark))
        }
        Method::MinMaxFloor { floor } => {
            let (min, max, top) = match min_max_terms(v, facts, rule.direction, noun) {
                Ok(terms) => terms,
                Err(all_equal) => return all_equal,
            };
            let rest = Decimal::ONE.checked_sub(*floor).unwrap_or(Decimal::ZERO);
            format!(
                "数值 {}，最小 {}，最大 {}：{} × [{} + {} × ({top}) ÷ ({}−{})]",
                num(v),
                num(min),
                num(max),
                num(full),
                num(*floor),
                num(rest),
                operand(max),
                operand(min)
            )
        }
        Method::Thresholds { levels, .. } => match levels.iter().position(|l| l.bound.reached(v)) {
            Some(i) => {
                let bound = levels
                    .get(i)
                    .map(|l| l.bound.to_string())
                    .unwrap_or_default();
                format!("数值 {} {bound}：第 {} 档", num(v), i + 1)
            }
            None => match levels.last() {
                Some(last) => format!("数值 {} 未达到最低一档（{}）：其余", num(v), last.bound),
                None => format!("数值 {}：无分档", num(v)),
            },
        },
        Method::Deduction { per, minimum } => {
            let formula = format!(
                "{} 项 × 每项 {} 分：{} − {} × {}",
                num(v),
                num(*per),
                num(full),
                operand(v),
                num(*per)
            );
            match deduction_raw(full, *per, v) {
                Some(raw) if raw < *minimum && minimum.is_zero() => {
                    format!("{formula} = {}，扣完为止", num(raw))
                }
                Some(raw) if raw < *minimum => {
                    format!("{formula} = {}，最低 {} 分", num(raw), num(*minimum))
                }
                None => format!("{formula}，扣至最低 {} 分", num(*minimum)),
                Some(_) => formula,
            }
        }
    }
}

/// `rank_linear` / `rank_step` at rank `at`.
fn by_rank(rule: Rule<'_>, at: RankAt, noun: &str) -> String {
    let full = rule.full;
    let tie = if at.tie { "（并列）" } else { "" };
    let label = format!("名次 {}/{}{tie}", at.r, at.n);
    let direction = match rule.direction {
        Direction::HigherIsBetter => "",
        Direction::LowerIsBetter => "（数值越小越好）",
    };
    match rule.method {
        Method::RankStep { step } => {
            let formula = format!(
                "{label}{direction}：{} − ({}−1) × {}",
                num(full),
                at.r,
                num(*step)
            );
            match step_raw(full, *step, at.r) {
                Some(raw) if raw < Decimal::ZERO => format!("{formula} = {}，扣完为止", num(raw)),
                _ => formula,
            }
        }
        _ if at.n <= 1 => format!("{label}：仅 1 个参评{noun}，得满分"),
        _ => format!(
            "{label}{direction}：{} × ({}−{})/({}−1)",
            num(full),
            at.n,
            at.r,
            at.n
        ),
    }
}

/// The formula for a missing value scored by `missing`.
fn absent(rule: Rule<'_>, at: Option<RankAt>, missing: MissingPolicy, noun: &str) -> String {
    match missing {
        // An evaluation never holds a missing value under this policy; said plainly if asked.
        MissingPolicy::Error => "缺少数值".to_owned(),
        MissingPolicy::Zero => "缺失数值，按“缺失计 0 分”处理".to_owned(),
        MissingPolicy::RankLast => {
            let prefix = "缺失数值，按“缺失排最后”处理";
            match (rule.method, at) {
                (Method::RankLinear | Method::RankStep { .. }, Some(at)) => {
                    format!("{prefix}，{}", by_rank(rule, at, noun))
                }
                (method, _) if method.is_comparative() => {
                    format!("{prefix}；{}无数值可比，得 0 分", method.name_zh())
                }
                _ => format!("{prefix}；非排序法指标得 0 分"),
            }
        }
    }
}

/// The bonus's explanation: `无省级、国家级认定 = 0.00`,
/// `国家级认定 1 项 × 10 + 省级认定 2 项 × 5；累加 = 20.00`,
/// `国家级认定 1 项、省级认定 2 项；不累加，取最高一级 = 10.00`.
pub(crate) fn bonus(
    national: u32,
    provincial: u32,
    rule: &crate::scheme::BonusRule,
    cumulative: bool,
    score: Score,
    places: u32,
) -> String {
    let (n, p) = (national, provincial);
    if n == 0 && p == 0 {
        format!("无省级、国家级认定 = {}", score.fixed(places))
    } else if cumulative {
        format!(
            "国家级认定 {n} 项 × {} + 省级认定 {p} 项 × {}；累加 = {}",
            num(rule.national),
            num(rule.provincial),
            score.fixed(places)
        )
    } else {
        format!(
            "国家级认定 {n} 项、省级认定 {p} 项；不累加，取最高一级 = {}",
            score.fixed(places)
        )
    }
}

/// A place award's explanation: `第 1 名 = 300 万元`, or for a block of tied parks
/// `第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元`. A block of more than five parks
/// names its places as a range (`第 1–368 名`) and sums its unpaid places as zeros in one term
/// (`+ 0 × 365`), so the sentence stays short however many parks tie.
pub(crate) fn place_award(
    rank: u32,
    block: &super::PlaceShare,
    each: Decimal,
    noun: &str,
) -> String {
    let count = block.parks;
    if count <= 1 {
        return format!("第 {rank} 名 = {} 万元", num(each));
    }
    let places = if count <= 5 {
        (0..count)
            .map(|i| rank.saturating_add(i).to_string())
            .collect::<Vec<_>>()
            .join("、")
    } else {
        format!("{rank}–{}", rank.saturating_add(count - 1))
    };
    let listed = u32::try_from(block.paid.len()).unwrap_or(u32::MAX);
    let mut terms: Vec<String> = block.paid.iter().map(|a| num(*a)).collect();
    let zeros = count.saturating_sub(listed);
    // Up to five parks the sentence spells every place out, as it always did.
    if count > 5 && zeros > 1 {
        terms.push(format!("0 × {zeros}"));
    } else {
        terms.extend((0..zeros).map(|_| "0".to_owned()));
    }
    format!(
        "第 {places} 名并列 {count} 个{noun}，({}) ÷ {count} = {} 万元",
        terms.join(" + "),
        num(each)
    )
}

/// Up to [`NAMES_LISTED`] names joined with 、, then `等 N 个园区` (`noun`: the scheme's word
/// for a unit) when there are more.
pub(crate) fn names<'a>(names: impl ExactSizeIterator<Item = &'a str>, noun: &str) -> String {
    let total = names.len();
    names_of(names, total, noun)
}

/// [`names`] of a set of `total` names of which `names` gives the first (at least
/// [`NAMES_LISTED`] of them when there are that many): for a caller that keeps only those.
pub(crate) fn names_of<'a>(
    names: impl Iterator<Item = &'a str>,
    total: usize,
    noun: &str,
) -> String {
    let shown: Vec<&str> = names.take(NAMES_LISTED).collect();
    if total > shown.len() {
        format!("{}等 {total} 个{noun}", shown.join("、"))
    } else {
        shown.join("、")
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
pub(crate) fn operand(d: Decimal) -> String {
    if d < Decimal::ZERO {
        format!("({})", num(d))
    } else {
        num(d)
    }
}

/// The terms of a min–max explanation: min, max and the numerator `(v−min)` (or `(max−v)`
/// when lower is better); the sentence for a column of equal values instead. Shared by
/// `min_max` and `min_max_floor`.
fn min_max_terms(
    v: Decimal,
    facts: &ColumnFacts,
    direction: Direction,
    noun: &str,
) -> Result<(Decimal, Decimal, String), String> {
    let (min, max) = (facts.min.unwrap_or(v), facts.max.unwrap_or(v));
    if min == max {
        return Err(format!("全部参评{noun}数值相同（{}）：均得满分", num(v)));
    }
    let top = match direction {
        Direction::HigherIsBetter => format!("{}−{}", operand(v), operand(min)),
        Direction::LowerIsBetter => format!("{}−{}", operand(max), operand(v)),
    };
    Ok((min, max, top))
}
