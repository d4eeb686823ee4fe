//! The readings side by side (issue 12 §1): the dataset evaluated under each comparative
//! method (`rank_linear`, `rank_step` with the caller's step, `ratio_to_top`, `min_max`) ×
//! each bonus rule (not cumulative, cumulative) — 8 readings, in that order — with every
//! park's rank, total and award under each.
//!
//! The reference reading is the scheme's own (its comparative method, when every 排序法
//! indicator has the same one, and its bonus rule); when the scheme's reading is none of the 8
//! (a `rank_step` with another step, or mixed methods) the first reading is the reference.
//! A park "varies" when its rank, or its award, is not the same under all readings. The
//! summary sentence compares every other reading with the reference.

use super::num;
use crate::dataset::{Dataset, ParkName};
use crate::export::table::align;
use crate::issue::Issue;
use crate::scheme::{Method, Scheme};
use crate::score::Score;
use crate::scoring::{evaluate, MissingPolicy, Options};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Every park's rank and award under one reading, in the reference ranking's order.
type Outcome = Vec<(u32, Option<Decimal>)>;

/// Movers listed one by one per reading in the summary; the rest are counted.
const MOVERS_LISTED: usize = 5;

/// One reading: the method every comparative indicator is scored by, and the bonus rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingKey {
    /// The comparative method.
    pub method: Method,
    /// Whether bonuses add up.
    pub cumulative_bonus: bool,
}

impl ReadingKey {
    /// `按名次线性折算、附加分不累加`.
    pub fn label_zh(&self) -> String {
        format!(
            "{}、{}",
            self.method.name_zh(),
            if self.cumulative_bonus {
                "附加分累加"
            } else {
                "附加分不累加"
            }
        )
    }

    /// `rank_linear/highest`, `rank_step(0.5)/cumulative`: the id the CSV and table use.
    pub fn id(&self) -> String {
        let method = match &self.method {
            Method::RankStep { step } => format!("rank_step({})", step.normalize()),
            m => m.id().to_owned(),
        };
        let bonus = if self.cumulative_bonus {
            "cumulative"
        } else {
            "highest"
        };
        format!("{method}/{bonus}")
    }
}

/// One park under one reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingCell {
    /// Competition rank on the total.
    pub rank: u32,
    /// The total.
    pub total: Score,
    /// The place award in 万元, if any.
    pub award_wan: Option<Decimal>,
}

/// One park under every reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkReadings {
    /// The park.
    pub name: ParkName,
    /// Its rank, total and award per reading, indexed like [`Readings::readings`].
    pub cells: Vec<ReadingCell>,
    /// Whether its rank is not the same under every reading.
    pub rank_varies: bool,
    /// Whether its award is not the same under every reading.
    pub award_varies: bool,
}

/// The dataset under every reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readings {
    /// The readings, methods in [`Method::COMPARATIVE_IDS`] order, each not cumulative then
    /// cumulative.
    pub readings: Vec<ReadingKey>,
    /// The index of the scheme's own reading among them, if it is one of them.
    pub default: Option<usize>,
    /// The parks, in the reference reading's ranking order (vetoed parks are in none).
    pub parks: Vec<ParkReadings>,
    /// The award places the scheme pays (3 for Chifeng).
    pub award_places: u32,
    /// The summary sentence, rendered from the above by [`Readings::render_summary`].
    pub summary_zh: String,
    /// The scheme's word for an evaluated unit when it gives one (`Scheme::unit_noun`: 企业);
    /// `None`: 园区. Kept in the result, as [`crate::scoring::Reading::unit_noun`] is in an
    /// evaluation, because the summary, [`Readings::table`] and [`Readings::csv`] are rendered
    /// from the result alone (on the page, in the workbook). Absent in the JSON for Chifeng's
    /// scheme, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

/// Evaluates `data` under the 8 readings, `rank_step` with `step` points per place, missing
/// values by `missing`. Errors are those of the first reading that fails (the data's errors
/// are the same under every reading, bar a `step` that is not positive).
pub fn readings(
    scheme: &Scheme,
    data: &Dataset,
    missing: MissingPolicy,
    step: Decimal,
) -> Result<Readings, Vec<Issue>> {
    let mut keys = Vec::with_capacity(8);
    for id in Method::COMPARATIVE_IDS {
        let s = (id == "rank_step").then_some(step);
        let method = Method::comparative(id, s).map_err(|m| {
            vec![Issue::error(crate::issue::Location::default(), m)
                .with_expected("大于 0 的分数，例如 0.5")]
        })?;
        for cumulative_bonus in [false, true] {
            keys.push(ReadingKey {
                method: method.clone(),
                cumulative_bonus,
            });
        }
    }
    let default = scheme_reading(scheme).and_then(|k| keys.iter().position(|x| *x == k));
    let reference = default.unwrap_or(0);

    let mut evaluations = Vec::with_capacity(keys.len());
    for key in &keys {
        let options = Options {
            ranking_method: Some(key.method.clone()),
            cumulative_bonus: Some(key.cumulative_bonus),
            missing,
        };
        evaluations.push(evaluate(scheme, data, &options)?);
    }
    let Some(base) = evaluations.get(reference) else {
        return Err(Vec::new());
    };
    let mut parks: Vec<ParkReadings> = base
        .parks
        .iter()
        .map(|p| ParkReadings {
            name: p.name.clone(),
            cells: Vec::with_capacity(keys.len()),
            rank_varies: false,
            award_varies: false,
        })
        .collect();
    for e in &evaluations {
        let by_name: std::collections::HashMap<&str, usize> = e
            .parks
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.as_str(), i))
            .collect();
        for row in &mut parks {
            if let Some(p) = by_name.get(row.name.as_str()).and_then(|&i| e.parks.get(i)) {
                row.cells.push(ReadingCell {
                    rank: p.rank,
                    total: p.total,
                    award_wan: p.award_wan,
                });
            }
        }
    }
    for row in &mut parks {
        if let Some(first) = row.cells.first() {
            row.rank_varies = row.cells.iter().any(|c| c.rank != first.rank);
            row.award_varies = row.cells.iter().any(|c| c.award_wan != first.award_wan);
        }
    }
    let mut out = Readings {
        readings: keys,
        default,
        parks,
        award_places: u32::try_from(scheme.awards.places_wan.len()).unwrap_or(u32::MAX),
        summary_zh: String::new(),
        unit_noun: scheme.unit_noun.clone(),
    };
    out.summary_zh = out.render_summary();
    Ok(out)
}

/// The scheme's own reading: its comparative indicators' method when they all share one.
fn scheme_reading(scheme: &Scheme) -> Option<ReadingKey> {
    let mut methods = scheme
        .indicators()
        .map(|i| &i.method)
        .filter(|m| m.is_comparative());
    let first = methods.next()?;
    methods.all(|m| m == first).then(|| ReadingKey {
        method: first.clone(),
        cumulative_bonus: scheme.bonus.cumulative,
    })
}

impl Readings {
    /// The word for an evaluated unit: the scheme's `unit_noun`, else 园区.
    pub fn unit_noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.unit_noun.as_deref())
    }

    /// The reading the others are compared with: the scheme's own, or the first.
    pub fn reference(&self) -> usize {
        self.default.unwrap_or(0)
    }

    /// How the reading at `index` is named in sentences: its label, with `（默认）` for the
    /// scheme's own.
    pub fn label_zh(&self, index: usize) -> String {
        let label = self
            .readings
            .get(index)
            .map(ReadingKey::label_zh)
            .unwrap_or_default();
        if self.default == Some(index) {
            format!("{label}（默认）")
        } else {
            label
        }
    }

    /// The summary sentence: the award places held by the same park under every reading,
    /// then, for each group of readings with the same outcome that differs from the
    /// reference, the swaps and moves it makes and the awards they change.
    pub fn render_summary(&self) -> String {
        let n = self.readings.len();
        let reference = self.reference();
        let at = |row: &ParkReadings, i: usize| row.cells.get(i).cloned();
        let mut parts = Vec::new();
        if self.parks.is_empty() {
            return format!("没有参评{}", self.unit_noun());
        }

        // Award places held by one park under every reading, alone at that place.
        let mut stable: Vec<(u32, &str)> = Vec::new();
        for place in 1..=self.award_places.min(self.parks.len() as u32) {
            let holders: Vec<&ParkReadings> = self
                .parks
                .iter()
                .filter(|p| p.cells.iter().any(|c| c.rank == place))
                .collect();
            if let [only] = holders.as_slice() {
                if only.cells.iter().all(|c| c.rank == place) {
                    stable.push((place, only.name.as_str()));
                }
            }
        }
        if !stable.is_empty() {
            let places: Vec<String> = stable.iter().map(|(p, _)| p.to_string()).collect();
            let names: Vec<&str> = stable.iter().map(|(_, name)| *name).collect();
            parts.push(format!(
                "第 {} 名在全部 {n} 种口径下均为{}",
                places.join("、"),
                names.join("、")
            ));
        }
        if self.parks.iter().all(|p| !p.rank_varies && !p.award_varies) {
            parts.push(format!(
                "全部 {} 个{}的名次和奖励在 {n} 种口径下均相同",
                self.parks.len(),
                self.unit_noun()
            ));
            return parts.join("；");
        }

        // Readings grouped by outcome (every park's rank and award).
        let outcome = |i: usize| -> Outcome {
            self.parks
                .iter()
                .filter_map(|p| at(p, i).map(|c| (c.rank, c.award_wan)))
                .collect()
        };
        let base = outcome(reference);
        let mut groups: Vec<(Vec<usize>, Outcome)> = Vec::new();
        for i in (0..n).filter(|&i| i != reference) {
            let o = outcome(i);
            if o == base {
                continue;
            }
            match groups.iter_mut().find(|(_, g)| *g == o) {
                Some((members, _)) => members.push(i),
                None => groups.push((vec![i], o)),
            }
        }
        for (members, _) in &groups {
            let Some(&first) = members.first() else {
                continue;
            };
            let changes = self.changes(reference, first);
            parts.push(format!("在{}下：{}", self.group_label(members), changes));
        }
        let same = (0..n)
            .filter(|&i| i != reference && outcome(i) == base)
            .count();
        if same > 0 {
            parts.push(format!(
                "其余 {same} 种口径与「{}」的名次和奖励相同",
                self.label_zh(reference)
            ));
        }
        parts.join("；")
    }

    /// The readings `members` named in a sentence, each in 「」: a method whose two bonus
    /// rules are both members is named once (`「按极差折算」（附加分累加与否）`).
    fn group_label(&self, members: &[usize]) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut done = vec![false; members.len()];
        for (k, &i) in members.iter().enumerate() {
            if done[k] {
                continue;
            }
            let Some(key) = self.readings.get(i) else {
                continue;
            };
            let twin = members.iter().enumerate().skip(k + 1).find(|(_, &j)| {
                self.readings.get(j).is_some_and(|o| {
                    o.method == key.method && o.cumulative_bonus != key.cumulative_bonus
                })
            });
            match twin {
                Some((t, _)) => {
                    done[t] = true;
                    out.push(format!("「{}」（附加分累加与否）", key.method.name_zh()));
                }
                None => out.push(format!("「{}」", self.label_zh(i))),
            }
        }
        out.join("、")
    }

    /// What reading `other` changes against `reference`: swaps of two parks first, then the
    /// other moves (the first [`MOVERS_LISTED`] by reference rank, the rest counted).
    fn changes(&self, reference: usize, other: usize) -> String {
        let cell = |p: &ParkReadings, i: usize| p.cells.get(i).cloned();
        let moved: Vec<(&ParkReadings, ReadingCell, ReadingCell)> = self
            .parks
            .iter()
            .filter_map(|p| Some((p, cell(p, reference)?, cell(p, other)?)))
            .filter(|(_, a, b)| a.rank != b.rank || a.award_wan != b.award_wan)
            .collect();
        let mut done = vec![false; moved.len()];
        let mut texts = Vec::new();
        for i in 0..moved.len() {
            if done[i] {
                continue;
            }
            let (p, a, b) = &moved[i];
            if a.rank == b.rank {
                continue;
            }
            let partner = (i + 1..moved.len()).find(|&j| {
                let (_, c, d) = &moved[j];
                !done[j] && c.rank == b.rank && d.rank == a.rank
            });
            if let Some(j) = partner {
                done[i] = true;
                done[j] = true;
                let (q, _, _) = &moved[j];
                let delta = award(b.award_wan) - award(a.award_wan);
                let money = if delta.is_zero() {
                    String::new()
                } else {
                    format!("，奖励相应变化 {} 万元", num(delta.abs()))
                };
                texts.push(format!(
                    "第 {}、{} 名互换（{}、{}）{money}",
                    a.rank.min(b.rank),
                    a.rank.max(b.rank),
                    p.name,
                    q.name
                ));
            }
        }
        let rest: Vec<usize> = (0..moved.len()).filter(|&i| !done[i]).collect();
        for &i in rest.iter().take(MOVERS_LISTED) {
            let (p, a, b) = &moved[i];
            let mut t = if a.rank == b.rank {
                format!("{} 名次不变（第 {} 名）", p.name, a.rank)
            } else {
                format!("{} 由第 {} 名变为第 {} 名", p.name, a.rank, b.rank)
            };
            if a.award_wan != b.award_wan {
                let _ = write!(
                    t,
                    "，奖励 {} → {} 万元",
                    num(award(a.award_wan)),
                    num(award(b.award_wan))
                );
            }
            texts.push(t);
        }
        if rest.len() > MOVERS_LISTED {
            texts.push(format!(
                "等 {} 个{}名次或奖励变化",
                rest.len() - MOVERS_LISTED,
                self.unit_noun()
            ));
        }
        texts.join("，")
    }

    /// A text table: the readings numbered, then a row per park with `名次 总分 奖励` under
    /// each reading; `*` marks a park whose rank or award varies.
    pub fn table(&self) -> String {
        let mut out = String::from("口径：\n");
        for i in 0..self.readings.len() {
            let _ = writeln!(out, "  [{}] {}", i + 1, self.label_zh(i));
        }
        out.push('\n');
        let mut rows = Vec::with_capacity(self.parks.len() + 1);
        let mut header = vec![self.unit_noun().to_owned()];
        header.extend((1..=self.readings.len()).map(|i| format!("[{i}] 名次/总分/奖励")));
        header.push("变化".to_owned());
        rows.push(header);
        for p in &self.parks {
            let mut row = vec![p.name.to_string()];
            for c in &p.cells {
                row.push(format!(
                    "{}/{}/{}",
                    c.rank,
                    c.total,
                    c.award_wan.map_or_else(|| "—".to_owned(), num)
                ));
            }
            let flag = match (p.rank_varies, p.award_varies) {
                (true, true) => "* 名次、奖励",
                (true, false) => "* 名次",
                (false, true) => "* 奖励",
                (false, false) => "",
            };
            row.push(flag.to_owned());
            rows.push(row);
        }
        out.push_str(&align(&rows));
        out.push('\n');
        out.push_str(&self.summary_zh);
        out.push('\n');
        out
    }

    /// CSV, one line per park and reading: `园区,口径,计分方法,附加分,名次,总分,奖励（万元）,名次有变化,奖励有变化`
    /// (the first column named by [`Readings::unit_noun`]).
    pub fn csv(&self) -> String {
        let mut out = format!(
            "{},口径,计分方法,附加分,默认口径,名次,总分,奖励（万元）,名次有变化,奖励有变化\n",
            self.unit_noun()
        );
        for p in &self.parks {
            for (i, (key, c)) in self.readings.iter().zip(&p.cells).enumerate() {
                let cells = [
                    crate::export::csv::neutralise(p.name.as_str()),
                    key.id(),
                    key.method.name_zh(),
                    if key.cumulative_bonus {
                        "累加"
                    } else {
                        "不累加"
                    }
                    .to_owned(),
                    yes(self.default == Some(i)).to_owned(),
                    c.rank.to_string(),
                    c.total.to_string(),
                    c.award_wan.map(num).unwrap_or_default(),
                    yes(p.rank_varies).to_owned(),
                    yes(p.award_varies).to_owned(),
                ];
                let quoted: Vec<String> =
                    cells.iter().map(|c| crate::export::csv::quote(c)).collect();
                out.push_str(&quoted.join(","));
                out.push('\n');
            }
        }
        out
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

fn award(a: Option<Decimal>) -> Decimal {
    a.unwrap_or(Decimal::ZERO)
}
