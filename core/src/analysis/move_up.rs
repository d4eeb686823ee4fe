//! What it takes to move up (issue 12 §3): for one park, the value each comparative (排序法)
//! indicator would need to gain a place on it and the points that gains; for every park, the
//! points between it and the park above; and a one-at-a-time sensitivity of the park's rank
//! to each comparative indicator's full marks (a tornado). The what-if — any values changed,
//! everything re-scored — is [`what_if`](super::what_if).
//!
//! **The gap to the park above** ([`gaps`]) is read from one evaluation: the ranking is on the
//! totals, which are sums of rounded scores, so the gap is the difference of two totals as
//! published (`距第 1 名 红山园区 差 0.38 分`). The park above is the park, or every park, at
//! the next better rank. The first park alone at rank 1 has none; a park that shares its rank
//! has a gap of 0 and is said to be 并列 with the others at its rank (not measured against
//! the rank above, which it would reach together with them).
//!
//! **The next place on an indicator** ([`targets`]): among the other ranked parks' values on
//! the indicator (vetoed parks are not ranked, missing values have none), the nearest value
//! strictly better than the park's own in the indicator's direction — larger, or smaller for
//! [`Direction::LowerIsBetter`]. Reaching it exactly ties the park with the park(s) holding
//! it, and under competition ranking a tie shares their rank: it is the least change that
//! gains a place (every value between the two gives the old rank, bar the value-based methods'
//! points, which move with any change). The points are then found by re-scoring, never by a
//! formula of this module: a copy of the dataset with that one value changed goes through
//! [`evaluate`] under the same reading — a 排序法 score depends on every park (`min_max`'s
//! minimum, N) — and the park's score on the indicator there, minus its score now, is the gain;
//! the new total and overall rank come from the same evaluation. A park at rank 1 on the
//! indicator (alone or tied) has no target ([`Target::Best`]); a park whose value is missing
//! (scored by the missing-value policy, `缺失计 0 分` or `缺失排最后`) has none either
//! ([`Target::Missing`]): the figure has to be reported first, and any reported value already
//! changes its rank. Each target costs one evaluation, so [`targets`] is per park (the page
//! asks for the park it shows); [`gaps`] is for every park at once.
//!
//! **The tornado** ([`tornado`]): each comparative indicator's full marks multiplied by
//! 1 − s, then by 1 + s (default s = 0.2), one indicator at a time, the comparative full marks
//! rescaled so that their sum stays the scheme's, exactly as the Monte Carlo of
//! [`stability`](super::stability) perturbs them (its [`WeightModel`]: the engine's unit
//! scores scaled, each score rounded as the engine rounds it, the totals exact integers of
//! 10^−places points); the park's competition rank on those totals at each end, and its rank
//! range (the official rank included). Bars are sorted by the width of the range, widest
//! first, ties in the scheme's indicator order. At s = 0 both ends are the official weights,
//! so every bar is the official rank.

use super::stability::{WeightModel, DEFAULT_SPREAD};
use crate::dataset::{Dataset, ParkName};
use crate::export::table::align;
use crate::issue::{Issue, Location};
use crate::scheme::{Direction, IndicatorId, Scheme};
use crate::score::Score;
use crate::scoring::{
    evaluate, names_zh_for, num, Evaluation, MissingPolicy, Options, ParkResult, NAMES_LISTED,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The default s of the tornado: the Monte Carlo's.
pub const DEFAULT_TORNADO_SPREAD: f64 = DEFAULT_SPREAD;

/// Some parks, for a sentence: the first ten of them (in ranking order) and how many there are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// At most ten of the parks.
    pub names: Vec<ParkName>,
    /// How many parks there are.
    pub count: u32,
}

impl Names {
    fn collect<'a>(all: impl Iterator<Item = &'a ParkName>) -> Names {
        let mut out = Names::default();
        for name in all {
            if out.names.len() < NAMES_LISTED {
                out.names.push(name.clone());
            }
            out.count = out.count.saturating_add(1);
        }
        out
    }

    /// `东山园区`, `甲、乙`, `甲、乙…等 12 个园区`.
    pub fn zh(&self) -> String {
        self.zh_for(crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`Names::zh`] with the units named by `noun` (`Scheme::unit_noun`): `甲、乙…等 12 个企业`.
    pub fn zh_for(&self, noun: &str) -> String {
        let shown: Vec<&str> = self.names.iter().map(ParkName::as_str).collect();
        if self.count as usize > shown.len() {
            format!("{}等 {} 个{noun}", shown.join("、"), self.count)
        } else {
            shown.join("、")
        }
    }
}

/// Where a park stands against the park above it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    /// Alone at rank 1: nobody is above.
    First,
    /// Shares its rank with other parks (the same total): 0 points between them.
    Tied {
        /// The other parks at its rank.
        with: Names,
    },
    /// Behind the park(s) at the next better rank.
    Behind {
        /// Their rank.
        rank: u32,
        /// The parks at that rank.
        parks: Names,
        /// Their total.
        total: Score,
        /// Their total minus the park's: the points it lacks.
        points: Decimal,
    },
}

/// One park's rank, total and gap to the park above.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkGap {
    /// The park.
    pub name: ParkName,
    /// Its rank.
    pub rank: u32,
    /// Its total.
    pub total: Score,
    /// The gap to the park above.
    pub gap: Gap,
}

/// Every ranked park's gap to the park above, in ranking order: see the module's docs. Pure,
/// one pass over the evaluation's ranking.
pub fn gaps(evaluation: &Evaluation) -> Vec<ParkGap> {
    let parks = &evaluation.parks;
    let places = evaluation.reading.rounding_places;
    let mut out = Vec::with_capacity(parks.len());
    // The ranking is in rank order, a rank's parks next to each other: walk it block by block.
    let mut start = 0;
    let mut above: Option<(&ParkResult, Names)> = None;
    while let Some(first) = parks.get(start) {
        let end = parks
            .iter()
            .skip(start)
            .position(|p| p.rank != first.rank)
            .map_or(parks.len(), |k| start + k);
        let block = parks.get(start..end).unwrap_or_default();
        let names = Names::collect(block.iter().map(|p| &p.name));
        // A tied park's others: the block's first names without its own (the first eleven
        // suffice for ten), so that a block of b parks costs O(b), not O(b²).
        let head: Vec<&ParkName> = block
            .iter()
            .take(NAMES_LISTED + 1)
            .map(|p| &p.name)
            .collect();
        for p in block {
            let gap = if block.len() > 1 {
                let mut with = Names::collect(head.iter().copied().filter(|n| **n != p.name));
                with.names.truncate(NAMES_LISTED);
                with.count = names.count.saturating_sub(1);
                Gap::Tied { with }
            } else {
                match &above {
                    Some((top, parks)) => Gap::Behind {
                        rank: top.rank,
                        parks: parks.clone(),
                        total: top.total,
                        // Totals are never negative (scores lie in [0, full], the bonus is
                        // not negative): the difference of two is exact.
                        points: at_places(
                            top.total.value().saturating_sub(p.total.value()),
                            places,
                        ),
                    },
                    None => Gap::First,
                }
            };
            out.push(ParkGap {
                name: p.name.clone(),
                rank: p.rank,
                total: p.total,
                gap,
            });
        }
        above = Some((first, names));
        start = end;
    }
    out
}

/// Row `row`'s entry of [`gaps`], without the others: only its rank's block and the block
/// above are walked (a park's detail shows one gap; at 100,000 parks, working out every gap
/// for each render of it took a tenth of a second). `None` past the ranking's end.
pub fn gap_of(evaluation: &Evaluation, row: usize) -> Option<ParkGap> {
    let parks = &evaluation.parks;
    let p = parks.get(row)?;
    // The block of `row`'s rank, [start, end), and the block above it.
    let block_of = |at: usize| -> (usize, usize) {
        let rank = parks.get(at).map(|q| q.rank);
        let start = parks
            .get(..at)
            .unwrap_or_default()
            .iter()
            .rposition(|q| Some(q.rank) != rank)
            .map_or(0, |k| k + 1);
        let end = parks
            .iter()
            .skip(at)
            .position(|q| Some(q.rank) != rank)
            .map_or(parks.len(), |k| at + k);
        (start, end)
    };
    let (start, end) = block_of(row);
    let gap = if end - start > 1 {
        let block = parks.get(start..end).unwrap_or_default();
        let mut with = Names::collect(
            block
                .iter()
                .take(NAMES_LISTED + 1)
                .map(|q| &q.name)
                .filter(|n| **n != p.name),
        );
        with.names.truncate(NAMES_LISTED);
        with.count = u32::try_from(block.len())
            .unwrap_or(u32::MAX)
            .saturating_sub(1);
        Gap::Tied { with }
    } else if let Some(top_at) = start.checked_sub(1) {
        let (top_start, _) = block_of(top_at);
        let top = parks.get(top_start)?;
        let block = parks.get(top_start..start).unwrap_or_default();
        Gap::Behind {
            rank: top.rank,
            parks: Names::collect(block.iter().map(|q| &q.name)),
            total: top.total,
            points: at_places(
                top.total.value().saturating_sub(p.total.value()),
                evaluation.reading.rounding_places,
            ),
        }
    } else {
        Gap::First
    };
    Some(ParkGap {
        name: p.name.clone(),
        rank: p.rank,
        total: p.total,
        gap,
    })
}

impl ParkGap {
    /// The gap alone: `距第 1 名 红山园区 差 0.38 分`, `与 甲 并列第 2 名，差 0 分`, `第 1 名`.
    ///
    /// A gap does not carry its evaluation, so this one calls a long list's units 园区;
    /// [`ParkGap::gap_zh_for`] takes the evaluation's word (`Reading::unit_noun`).
    pub fn gap_zh(&self, places: u32) -> String {
        self.gap_zh_for(places, crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`ParkGap::gap_zh`], a list of more than ten parks cut as `…等 12 个{noun}`.
    pub fn gap_zh_for(&self, places: u32, noun: &str) -> String {
        match &self.gap {
            Gap::First => "第 1 名".to_owned(),
            Gap::Tied { with } => {
                format!("与 {} 并列第 {} 名，差 0 分", with.zh_for(noun), self.rank)
            }
            Gap::Behind {
                rank,
                parks,
                points,
                ..
            } => format!(
                "距第 {rank} 名 {} 差 {} 分",
                parks.zh_for(noun),
                Score(*points).fixed(places)
            ),
        }
    }

    /// The park's sentence: `东山园区 第 2 名（94.80 分），距第 1 名 红山园区 差 0.38 分`;
    /// `红山园区 第 1 名（95.18 分）`. A long list's units are called 园区, as in
    /// [`ParkGap::gap_zh`]; [`ParkGap::sentence_zh_for`] takes the evaluation's word.
    pub fn sentence_zh(&self, places: u32) -> String {
        self.sentence_zh_for(places, crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`ParkGap::sentence_zh`] with a long list's units named by `noun` (`Reading::unit_noun`).
    pub fn sentence_zh_for(&self, places: u32, noun: &str) -> String {
        let head = format!(
            "{} 第 {} 名（{} 分）",
            self.name,
            self.rank,
            self.total.fixed(places)
        );
        match self.gap {
            Gap::First => head,
            _ => format!("{head}，{}", self.gap_zh_for(places, noun)),
        }
    }
}

/// A text table of [`gaps`]: rank, park, total, the gap; the units named by `noun`
/// (`Reading::unit_noun` of the evaluation the gaps are of: 园区, 企业). A gap does not carry
/// its evaluation, so the caller, who has it, passes the word.
pub fn gaps_table(gaps: &[ParkGap], places: u32, noun: &str) -> String {
    let mut rows = vec![vec![
        "名次".to_owned(),
        noun.to_owned(),
        "总分".to_owned(),
        "与上一名次的差距".to_owned(),
    ]];
    for g in gaps {
        rows.push(vec![
            g.rank.to_string(),
            g.name.to_string(),
            g.total.fixed(places),
            match g.gap {
                Gap::First => "—".to_owned(),
                _ => g.gap_zh_for(places, noun),
            },
        ]);
    }
    align(&rows)
}

/// [`gaps`] as CSV: `名次,园区,总分,上一名次,上一名次的园区,差距（分）,并列`; the first park has
/// no park above (blank cells), a tied park's gap is 0 with the others at its rank. The units
/// are named by `noun` (`Reading::unit_noun`), as in [`gaps_table`].
pub fn gaps_csv(gaps: &[ParkGap], places: u32, noun: &str) -> String {
    let mut out = format!("名次,{noun},总分,上一名次,上一名次的{noun},差距（分）,并列\n");
    for g in gaps {
        let (rank, parks, points, tied) = match &g.gap {
            Gap::First => (String::new(), String::new(), String::new(), "否"),
            Gap::Tied { with } => (
                g.rank.to_string(),
                with.zh_for(noun),
                Score(Decimal::ZERO).fixed(places),
                "是",
            ),
            Gap::Behind {
                rank,
                parks,
                points,
                ..
            } => (
                rank.to_string(),
                parks.zh_for(noun),
                Score(*points).fixed(places),
                "否",
            ),
        };
        let cells = [
            g.rank.to_string(),
            crate::export::csv::neutralise(g.name.as_str()),
            g.total.fixed(places),
            rank,
            crate::export::csv::neutralise(&parks),
            points,
            tied.to_owned(),
        ];
        let quoted: Vec<String> = cells.iter().map(|c| crate::export::csv::quote(c)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// What a park would need on one comparative indicator to gain a place on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// Already at rank 1 on the indicator (alone or tied): no place to gain.
    Best,
    /// The park has no value: no target (the figure has to be reported first).
    Missing,
    /// The value to reach and what reaching it gives.
    Reach(Reach),
}

/// Reaching the next better value on one indicator, re-scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    /// The value to reach: the nearest better value among the other parks'.
    pub value: Decimal,
    /// That value minus the park's (negative when smaller is better).
    pub change: Decimal,
    /// The parks holding that value now, tied with the park once it reaches it.
    pub holders: Names,
    /// The park's rank on the indicator at that value.
    pub rank: u32,
    /// Its score on the indicator at that value.
    pub score: Score,
    /// That score minus its score now.
    pub points: Decimal,
    /// Its total at that value.
    pub total: Score,
    /// Its overall rank at that value.
    pub overall_rank: u32,
}

/// One comparative indicator of a park: where it stands and its target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorTarget {
    /// The indicator.
    pub id: IndicatorId,
    /// Its Chinese name.
    pub name: String,
    /// The unit printed after a value, if any.
    pub unit: Option<String>,
    /// Whether larger or smaller values are better.
    pub direction: Direction,
    /// The park's value (`None`: missing, scored by the missing-value policy).
    pub value: Option<Decimal>,
    /// Its rank on the indicator.
    pub rank: u32,
    /// Whether it shares that rank.
    pub tied: bool,
    /// Its score on the indicator.
    pub score: Score,
    /// The indicator's full points.
    pub full: Decimal,
    /// What it takes to gain a place.
    pub target: Target,
}

/// One park's targets on every comparative indicator, and its gap on the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkTargets {
    /// The park, its rank, total and gap to the park above.
    pub park: ParkGap,
    /// The scheme's decimal places (how scores print).
    pub places: u32,
    /// The missing-value policy of the reading (how a missing value was scored).
    pub missing: MissingPolicy,
    /// The comparative indicators, in scheme order.
    pub indicators: Vec<IndicatorTarget>,
    /// The evaluation's word for an evaluated unit when the scheme gives one
    /// (`Reading::unit_noun`: 企业); `None`: 园区. Kept in the result, as the evaluation keeps
    /// it, because [`ParkTargets::summary_zh`], [`ParkTargets::table`] and
    /// [`ParkTargets::csv`] are rendered from the result alone. Absent in the JSON for
    /// Chifeng's scheme, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

/// The ranked park `name` (exactly, or by the scheme's unit list: an alias, a short name) and
/// its row; a vetoed park or an unknown name is an error naming it.
pub(crate) fn find_park(scheme: &Scheme, e: &Evaluation, name: &str) -> Result<usize, Vec<Issue>> {
    let name = name.trim();
    let noun = scheme.unit_noun();
    let matched = scheme.match_unit(name);
    let official = matched.official();
    if let Some(row) = std::iter::once(name).chain(official).find_map(|n| e.row(n)) {
        return Ok(row);
    }
    let at = Location {
        park: Some(name.to_owned()),
        ..Location::default()
    }
    .with_noun(noun);
    if let Some(v) = e
        .vetoed
        .iter()
        .find(|v| v.name.as_str() == name || Some(v.name.as_str()) == official)
    {
        return Err(vec![Issue::error(
            at,
            format!("{noun}「{}」一票否决，不参加排名", v.name),
        )
        .with_expected(format!("参加排名的{noun}"))]);
    }
    let suggestion = match matched {
        crate::scheme::UnitMatch::Unlisted {
            suggestion: Some(s),
        } if e.row(&s).is_some() => Some(s),
        _ => None,
    };
    let message = match &suggestion {
        Some(s) => format!("没有这个参评{noun}，是否为「{s}」？"),
        None => format!("没有这个参评{noun}"),
    };
    let expected = if e.parks.is_empty() {
        format!("参加排名的{noun}（没有{noun}参加排名）")
    } else {
        format!(
            "参评{noun}之一：{}",
            names_zh_for(e.parks.iter().map(|p| p.name.as_str()), noun)
        )
    };
    let mut issue = Issue::error(at, message)
        .with_raw(name)
        .with_expected(expected);
    if let Some(s) = suggestion {
        issue = issue.with_suggestion(s);
    }
    Err(vec![issue])
}

/// A difference of two scores (each at most `places` decimals) written with exactly `places`
/// decimals, `1.00` rather than `1`, so that every difference reads alike in JSON.
fn at_places(mut d: Decimal, places: u32) -> Decimal {
    if d.scale() <= places {
        d.rescale(places);
    }
    d
}

/// An error for an arithmetic overflow on the user's values, the park called by `noun`
/// (`Scheme::unit_noun`).
fn overflow(park: &str, indicator: &str, noun: &str) -> Vec<Issue> {
    vec![Issue::error(
        Location {
            park: Some(park.to_owned()),
            column: Some(indicator.to_owned()),
            ..Location::default()
        }
        .with_noun(noun),
        "数值过大，无法计算差值",
    )
    .with_expected("合理范围内的数")]
}

/// The park `park`'s target on every comparative indicator (see the module's docs), each
/// re-scored by [`evaluate`] on a copy of `data` with that one value changed, under `options`.
///
/// Errors: the evaluation's own; `park` not ranked (unknown, or vetoed).
pub fn targets(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    park: &str,
) -> Result<ParkTargets, Vec<Issue>> {
    let e = evaluate(scheme, data, options)?;
    let row = find_park(scheme, &e, park)?;
    let all = gaps(&e);
    let Some(gap) = all.into_iter().nth(row) else {
        return Err(Vec::new());
    };
    let name = gap.name.clone();
    let mut indicators = Vec::new();
    for column in e.columns.iter().filter(|c| c.method.is_comparative()) {
        let indicator = scheme.indicator(&column.id);
        let indicator_name = indicator.map_or_else(|| column.id.to_string(), |i| i.name.clone());
        let value = column.values.get(row).and_then(|v| v.get());
        let better = |a: Decimal, b: Decimal| match column.direction {
            Direction::HigherIsBetter => a > b,
            Direction::LowerIsBetter => a < b,
        };
        let target = match value {
            None => Target::Missing,
            Some(v) => {
                // The nearest value strictly better than v among the other parks'.
                let next = column
                    .values
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != row)
                    .filter_map(|(_, x)| x.get())
                    .filter(|&x| better(x, v))
                    .reduce(|a, b| if better(a, b) { b } else { a });
                match next {
                    None => Target::Best,
                    Some(w) => {
                        let holders = Names::collect(
                            column
                                .values
                                .iter()
                                .zip(&e.parks)
                                .filter(|(x, _)| x.get() == Some(w))
                                .map(|(_, p)| &p.name),
                        );
                        let change = w.checked_sub(v).ok_or_else(|| {
                            overflow(name.as_str(), &indicator_name, scheme.unit_noun())
                        })?;
                        let now = column.scores.get(row).unwrap_or_default();
                        let at = rescore(scheme, data, options, &name, &column.id, w)?;
                        Target::Reach(Reach {
                            value: w,
                            change,
                            holders,
                            rank: at.rank,
                            score: at.score,
                            points: at_places(
                                at.score.value().checked_sub(now.value()).ok_or_else(|| {
                                    overflow(name.as_str(), &indicator_name, scheme.unit_noun())
                                })?,
                                e.reading.rounding_places,
                            ),
                            total: at.total,
                            overall_rank: at.overall_rank,
                        })
                    }
                }
            }
        };
        indicators.push(IndicatorTarget {
            id: column.id.clone(),
            name: indicator_name,
            unit: indicator.and_then(|i| i.value_unit()).map(str::to_owned),
            direction: column.direction,
            value,
            rank: column.ranks.get(row).copied().unwrap_or(0),
            tied: column.tied.get(row).copied().unwrap_or(false),
            score: column.scores.get(row).unwrap_or_default(),
            full: column.full,
            target,
        });
    }
    Ok(ParkTargets {
        park: gap,
        places: e.reading.rounding_places,
        missing: e.reading.missing,
        indicators,
        unit_noun: e.reading.unit_noun.clone(),
    })
}

/// A park's outcome on one indicator and overall, after a re-scoring.
struct Rescored {
    rank: u32,
    score: Score,
    total: Score,
    overall_rank: u32,
}

/// Re-scores a copy of `data` with `name`'s value of `id` set to `value`.
fn rescore(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    name: &ParkName,
    id: &IndicatorId,
    value: Decimal,
) -> Result<Rescored, Vec<Issue>> {
    let mut copy = data.clone();
    if let Some(record) = copy.parks.iter_mut().find(|p| &p.name == name) {
        record.values.insert(id.clone(), value);
    }
    let after = evaluate(scheme, &copy, options)?;
    let lost = || {
        vec![Issue::error(
            Location {
                park: Some(name.to_string()),
                ..Location::default()
            }
            .with_noun(scheme.unit_noun()),
            format!("重新评分后找不到这个{}", scheme.unit_noun()),
        )]
    };
    let row = after.row(name.as_str()).ok_or_else(lost)?;
    let p = after.parks.get(row).ok_or_else(lost)?;
    let c = after
        .columns
        .iter()
        .find(|c| &c.id == id)
        .ok_or_else(lost)?;
    Ok(Rescored {
        rank: c.ranks.get(row).copied().unwrap_or(0),
        score: c.scores.get(row).unwrap_or_default(),
        total: p.total,
        overall_rank: p.rank,
    })
}

/// A value as sentences print it: `12.3 亿元`, `−4.6 %`, `7`.
pub(crate) fn shown(value: Decimal, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{} {u}", num(value)),
        None => num(value),
    }
}

/// A signed difference: `+26.3`, `−1.2`, `0`.
fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", num(d))
    } else {
        num(d)
    }
}

/// Signed points with the scheme's places: `+0.46`, `0.00`.
fn signed_points(d: Decimal, places: u32) -> String {
    let text = Score(d).fixed(places);
    if d > Decimal::ZERO {
        format!("+{text}")
    } else {
        text.replacen('-', "−", 1)
    }
}

impl IndicatorTarget {
    /// `第 2 名`, `并列第 2 名`.
    fn rank_zh(&self) -> String {
        if self.tied {
            format!("并列第 {} 名", self.rank)
        } else {
            format!("第 {} 名", self.rank)
        }
    }

    /// The indicator's sentence: `新增工业总产值：现为 12.3 亿元（第 2 名，5.54 分）；达到 38.6 亿元
    /// （+26.3，与 东山园区 持平）可升至第 1 名，本项得分 +0.46 分（5.54 → 6.00），总分 95.64，
    /// 总名次第 1 名`; `…：38.6 亿元，已是第 1 名`; `…：缺少数值（按「缺失计 0 分」计分），没有目标`.
    /// A long list of holders calls its units 园区; [`IndicatorTarget::sentence_zh_for`] takes
    /// the evaluation's word ([`ParkTargets::unit_noun`]).
    pub fn sentence_zh(&self, places: u32, missing: MissingPolicy) -> String {
        self.sentence_zh_for(places, missing, crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`IndicatorTarget::sentence_zh`] with a long list of holders cut as `…等 12 个{noun}`.
    pub fn sentence_zh_for(&self, places: u32, missing: MissingPolicy, noun: &str) -> String {
        let unit = self.unit.as_deref();
        match (&self.target, self.value) {
            (Target::Reach(r), Some(v)) => format!(
                "{}：现为 {}（{}，{} 分）；达到 {}（{}，与 {} 持平）可升至第 {} 名，本项得分 {} 分（{} → {}），总分 {}，总名次第 {} 名",
                self.name,
                shown(v, unit),
                self.rank_zh(),
                self.score.fixed(places),
                shown(r.value, unit),
                signed(r.change),
                r.holders.zh_for(noun),
                r.rank,
                signed_points(r.points, places),
                self.score.fixed(places),
                r.score.fixed(places),
                r.total.fixed(places),
                r.overall_rank
            ),
            (Target::Best, Some(v)) => format!(
                "{}：{}，已{}",
                self.name,
                shown(v, unit),
                if self.tied { "并列第 1 名" } else { "是第 1 名" }
            ),
            _ => format!(
                "{}：缺少数值（按「{}」计分），没有目标，须先补报数值",
                self.name,
                missing.label_zh()
            ),
        }
    }
}

/// Indicators named one by one in the summary; the rest are counted.
const SUMMARY_LISTED: usize = 3;

impl ParkTargets {
    /// The word for an evaluated unit: the evaluation's `unit_noun`, else 园区.
    pub fn unit_noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.unit_noun.as_deref())
    }

    /// The park's gap, then the targets that gain the most points, then the indicators on
    /// which it is first and those it has no value for.
    pub fn summary_zh(&self) -> String {
        let places = self.places;
        let mut parts = vec![self.park.sentence_zh_for(places, self.unit_noun())];
        let mut reach: Vec<(&IndicatorTarget, &Reach)> = self
            .indicators
            .iter()
            .filter_map(|i| match &i.target {
                Target::Reach(r) => Some((i, r)),
                _ => None,
            })
            .collect();
        // The largest gain first; equal gains in scheme order (the sort is stable).
        crate::order::sort_by_key(&mut reach, |r| std::cmp::Reverse(r.1.points));
        if !reach.is_empty() {
            let listed: Vec<String> = reach
                .iter()
                .take(SUMMARY_LISTED)
                .map(|(i, r)| {
                    format!(
                        "{}（达到 {}，{} 分，总分 {}，总名次第 {} 名）",
                        i.name,
                        shown(r.value, i.unit.as_deref()),
                        signed_points(r.points, places),
                        r.total.fixed(places),
                        r.overall_rank
                    )
                })
                .collect();
            parts.push(format!(
                "单项提升一个名次得分最多的是 {}",
                listed.join("、")
            ));
        }
        let first: Vec<&str> = self
            .indicators
            .iter()
            .filter(|i| i.target == Target::Best)
            .map(|i| i.name.as_str())
            .collect();
        if !first.is_empty() {
            parts.push(format!(
                "已排第 1 名的 {} 项：{}",
                first.len(),
                first.join("、")
            ));
        }
        let missing: Vec<&str> = self
            .indicators
            .iter()
            .filter(|i| i.target == Target::Missing)
            .map(|i| i.name.as_str())
            .collect();
        if !missing.is_empty() {
            parts.push(format!(
                "缺少数值、没有目标的 {} 项：{}",
                missing.len(),
                missing.join("、")
            ));
        }
        parts.join("；")
    }

    /// A text table: a row per comparative indicator (value, rank, score; the value to reach,
    /// the change, the rank, the points, the new total and overall rank), then the summary.
    pub fn table(&self) -> String {
        let places = self.places;
        let mut rows = vec![[
            "指标",
            "现值",
            "名次",
            "得分",
            "需达到",
            "变化",
            "可升至",
            "得分增加",
            "新总分",
            "新总名次",
        ]
        .map(str::to_owned)
        .to_vec()];
        for i in &self.indicators {
            let value = i
                .value
                .map_or_else(|| "缺失".to_owned(), |v| shown(v, i.unit.as_deref()));
            let mut row = vec![i.name.clone(), value, i.rank_zh(), i.score.fixed(places)];
            match &i.target {
                Target::Reach(r) => row.extend([
                    shown(r.value, i.unit.as_deref()),
                    signed(r.change),
                    format!("第 {} 名", r.rank),
                    signed_points(r.points, places),
                    r.total.fixed(places),
                    format!("第 {} 名", r.overall_rank),
                ]),
                Target::Best => row.push("已是第 1 名".to_owned()),
                Target::Missing => row.push("缺少数值，没有目标".to_owned()),
            }
            rows.push(row);
        }
        let mut out = format!(
            "{}\n\n各排序法指标提升一个名次所需的数值（达到相邻较优{}的数值即与其并列）及得分变化（重新评分得出）：\n",
            self.park.sentence_zh_for(places, self.unit_noun()),
            self.unit_noun()
        );
        out.push_str(&align(&rows));
        let _ = write!(out, "\n{}\n", self.summary_zh());
        out
    }

    /// CSV, a line per comparative indicator: the target, and with `tornado` its ranks at the
    /// two ends and its best and worst rank.
    pub fn csv(&self, tornado: Option<&Tornado>) -> String {
        let places = self.places;
        let mut out = format!(
            "{},指标,指标代码,现值,单位,名次,并列,得分,需达到,变化,可升至名次,得分增加,新总分,新总名次",
            self.unit_noun()
        );
        if let Some(t) = tornado {
            let _ = write!(
                out,
                ",满分×{}时名次,满分×{}时名次,最好名次,最差名次",
                factor_zh(t.spread, false),
                factor_zh(t.spread, true)
            );
        }
        out.push('\n');
        for i in &self.indicators {
            let mut cells = vec![
                crate::export::csv::neutralise(self.park.name.as_str()),
                i.name.clone(),
                i.id.to_string(),
                i.value
                    .map(|v| v.normalize().to_string())
                    .unwrap_or_default(),
                i.unit.clone().unwrap_or_default(),
                i.rank.to_string(),
                if i.tied { "是" } else { "否" }.to_owned(),
                i.score.fixed(places),
            ];
            match &i.target {
                Target::Reach(r) => cells.extend([
                    r.value.normalize().to_string(),
                    r.change.normalize().to_string(),
                    r.rank.to_string(),
                    Score(r.points).fixed(places),
                    r.total.fixed(places),
                    r.overall_rank.to_string(),
                ]),
                Target::Best => {
                    cells.extend(["已是第 1 名", "", "", "", "", ""].map(str::to_owned))
                }
                Target::Missing => {
                    cells.extend(["缺少数值", "", "", "", "", ""].map(str::to_owned))
                }
            }
            if let Some(t) = tornado {
                match t.bars.iter().find(|b| b.id == i.id) {
                    Some(b) => cells.extend([
                        b.low.rank.to_string(),
                        b.high.rank.to_string(),
                        b.best.to_string(),
                        b.worst.to_string(),
                    ]),
                    None => cells.extend(["", "", "", ""].map(str::to_owned)),
                }
            }
            let quoted: Vec<String> = cells.iter().map(|c| crate::export::csv::quote(c)).collect();
            out.push_str(&quoted.join(","));
            out.push('\n');
        }
        out
    }
}

/// One end of a tornado bar: the indicator's full marks × `factor`, the comparative full
/// marks then rescaled to their nominal sum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoEnd {
    /// 1 − s or 1 + s.
    pub factor: f64,
    /// The indicator's full marks after the rescaling.
    pub full: f64,
    /// The park's total there (its indicator scores rounded as the engine rounds them).
    pub total: Score,
    /// Its competition rank there.
    pub rank: u32,
}

/// One comparative indicator's bar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// The indicator.
    pub id: IndicatorId,
    /// Its Chinese name.
    pub name: String,
    /// Its full marks in the scheme.
    pub full: Decimal,
    /// Its full marks × (1 − s).
    pub low: TornadoEnd,
    /// Its full marks × (1 + s).
    pub high: TornadoEnd,
    /// The best rank among the two ends and the official rank.
    pub best: u32,
    /// The worst rank among them.
    pub worst: u32,
}

impl TornadoBar {
    /// The width of the rank range: `worst − best`.
    pub fn width(&self) -> u32 {
        self.worst.saturating_sub(self.best)
    }
}

/// A park's one-at-a-time sensitivity to the comparative full marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    /// The park.
    pub park: ParkName,
    /// Its official rank.
    pub official_rank: u32,
    /// Its official total.
    pub official_total: Score,
    /// s.
    pub spread: f64,
    /// The scheme's decimal places.
    pub places: u32,
    /// A bar per comparative indicator, widest range first, ties in scheme order.
    pub bars: Vec<TornadoBar>,
}

/// The one-at-a-time sensitivity of `park`'s rank to each comparative indicator's full marks
/// at × (1 − `spread`) and × (1 + `spread`), rescaled as the Monte Carlo rescales them (see
/// the module's docs), under `options`.
///
/// Errors: the evaluation's own, those of [`WeightModel::new`], `park` not ranked, `spread`
/// outside [0, 1).
pub fn tornado(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    park: &str,
    spread: f64,
) -> Result<Tornado, Vec<Issue>> {
    if !(0.0..1.0).contains(&spread) {
        return Err(vec![Issue::error(
            Location::default(),
            format!("扰动幅度 s = {spread} 无效"),
        )
        .with_expected("不小于 0、小于 1 的数，例如 0.2")]);
    }
    let (model, e) = WeightModel::new(scheme, data, options)?;
    let row = find_park(scheme, &e, park)?;
    let Some(p) = e.parks.get(row) else {
        return Err(Vec::new());
    };
    let mut factors = vec![1.0f64; model.nominal.len()];
    let mut fulls = Vec::with_capacity(factors.len());
    let mut totals = Vec::with_capacity(e.parks.len());
    let mut end = |k: usize, factor: f64, factors: &mut Vec<f64>| -> TornadoEnd {
        if let Some(x) = factors.get_mut(k) {
            *x = factor;
        }
        model.rescaled(factors, &mut fulls);
        model.totals_at(&fulls, &mut totals);
        if let Some(x) = factors.get_mut(k) {
            *x = 1.0;
        }
        let own = totals.get(row).copied().unwrap_or(0);
        TornadoEnd {
            factor,
            full: fulls.get(k).copied().unwrap_or(0.0),
            // Units of 10^−places points (places ≤ 6, checked by the model).
            total: Score(Decimal::try_new(own, model.places).unwrap_or_default()),
            rank: rank_of(&totals, own),
        }
    };
    let mut bars = Vec::with_capacity(model.indicators.len());
    for (k, id) in model.indicators.iter().enumerate() {
        let low = end(k, 1.0 - spread, &mut factors);
        let high = end(k, 1.0 + spread, &mut factors);
        let indicator = scheme.indicator(id);
        bars.push(TornadoBar {
            id: id.clone(),
            name: indicator.map_or_else(|| id.to_string(), |i| i.name.clone()),
            full: indicator.map_or(Decimal::ZERO, |i| i.full),
            best: p.rank.min(low.rank).min(high.rank),
            worst: p.rank.max(low.rank).max(high.rank),
            low,
            high,
        });
    }
    // Stable: equal widths keep the scheme's order.
    crate::order::sort_by_key(&mut bars, |b| std::cmp::Reverse(b.width()));
    Ok(Tornado {
        park: p.name.clone(),
        official_rank: p.rank,
        official_total: p.total,
        spread,
        places: model.places,
        bars,
    })
}

/// The competition rank of a total among `totals`: 1 + the number strictly above it.
fn rank_of(totals: &[i64], total: i64) -> u32 {
    let above = totals.iter().filter(|&&t| t > total).count();
    u32::try_from(above).unwrap_or(u32::MAX).saturating_add(1)
}

impl TornadoBar {
    /// `第 2–3 名`, or `第 2 名` when the range is one rank.
    pub fn range_zh(&self) -> String {
        if self.best == self.worst {
            format!("第 {} 名", self.best)
        } else {
            format!("第 {}–{} 名", self.best, self.worst)
        }
    }
}

/// `1 − s` or `1 + s` as text, computed in decimals from s's shortest form (`0.8`, never
/// `0.30000000000000004`).
fn factor_zh(spread: f64, plus: bool) -> String {
    let s = crate::import::number::decimal_from_f64(spread).unwrap_or_default();
    let factor = if plus {
        Decimal::ONE.checked_add(s)
    } else {
        Decimal::ONE.checked_sub(s)
    };
    factor.map(num).unwrap_or_default()
}

impl Tornado {
    /// A bar's sentence: `工业总产值增速 满分 ×0.8（6 → 4.87）第 3 名，×1.2（6 → 7.11）第 2 名：
    /// 第 2–3 名`.
    pub fn bar_zh(&self, bar: &TornadoBar) -> String {
        let end = |e: &TornadoEnd, plus: bool| {
            format!(
                "×{}（{} → {:.2}）第 {} 名",
                factor_zh(self.spread, plus),
                num(bar.full),
                e.full,
                e.rank
            )
        };
        format!(
            "{} 满分 {}，{}：{}",
            bar.name,
            end(&bar.low, false),
            end(&bar.high, true),
            bar.range_zh()
        )
    }

    /// `s = 0.2：每次只改变一项排序法指标的满分（× 0.8 或 × 1.2），再按比例缩放全部排序法指标，使其满分之和不变`.
    pub fn describe_zh(&self) -> String {
        format!(
            "满分扰动幅度 s = {}：每次只把一项排序法指标的满分乘以 1 − s 或 1 + s，再按同一比例缩放全部排序法指标的满分，使其满分之和不变；其余指标和附加分不变",
            self.spread
        )
    }

    /// The widest bars (up to three) and how many indicators leave the rank unchanged.
    pub fn summary_zh(&self) -> String {
        let head = format!(
            "{}（第 {} 名）在单项排序法指标满分 ×{} 或 ×{} 时",
            self.park,
            self.official_rank,
            factor_zh(self.spread, false),
            factor_zh(self.spread, true)
        );
        let moving: Vec<&TornadoBar> = self.bars.iter().filter(|b| b.width() > 0).collect();
        let still = self.bars.len() - moving.len();
        if moving.is_empty() {
            return format!("{head}名次均不变（{} 项指标）", self.bars.len());
        }
        let listed: Vec<String> = moving
            .iter()
            .take(SUMMARY_LISTED)
            .map(|b| format!("{}（{}）", b.name, b.range_zh()))
            .collect();
        let mut out = format!("{head}名次变化最大的是 {}", listed.join("、"));
        if moving.len() > SUMMARY_LISTED {
            let _ = write!(out, "等 {} 项", moving.len());
        }
        if still > 0 {
            let _ = write!(out, "；其余 {still} 项指标不改变其名次");
        }
        out
    }

    /// A text table: the parameters, a bar per row (widest first: the full marks and rank at
    /// each end, the range, a bar of `█` over the ranks), the summary.
    pub fn table(&self) -> String {
        let mut out = format!(
            "单项敏感性（龙卷风图）：{}，正式名次第 {} 名（{} 分）\n{}\n\n",
            self.park,
            self.official_rank,
            self.official_total.fixed(self.places),
            self.describe_zh()
        );
        let last = self
            .bars
            .iter()
            .map(|b| b.worst)
            .max()
            .unwrap_or(self.official_rank);
        let mut rows = vec![vec![
            "指标".to_owned(),
            format!("满分 ×{}", factor_zh(self.spread, false)),
            "名次".to_owned(),
            format!("满分 ×{}", factor_zh(self.spread, true)),
            "名次".to_owned(),
            "名次范围".to_owned(),
            "图示".to_owned(),
        ]];
        for b in &self.bars {
            // One character per rank from 1 to the worst shown: the range in █, the official
            // rank │ when it is not an end.
            let bar: String = (1..=last.min(50))
                .map(|r| {
                    if r >= b.best && r <= b.worst {
                        '█'
                    } else if r == self.official_rank {
                        '│'
                    } else {
                        '·'
                    }
                })
                .collect();
            rows.push(vec![
                b.name.clone(),
                format!("{} → {:.2}", num(b.full), b.low.full),
                b.low.rank.to_string(),
                format!("{} → {:.2}", num(b.full), b.high.full),
                b.high.rank.to_string(),
                b.range_zh(),
                bar,
            ]);
        }
        out.push_str(&align(&rows));
        let _ = write!(out, "\n{}\n", self.summary_zh());
        out
    }
}
