//! A what-if (issue 12 §3): one park's values changed on a copy of the dataset — the caller's
//! data is never touched — and everything re-scored by [`evaluate`] under the same reading.
//! Because a 排序法 score depends on every park, the others' scores and ranks change too: the
//! result says which parks moved.
//!
//! A change sets a value (`Some`) or removes it (`None`, then scored by the reading's
//! missing-value policy, or refused under `缺失即报错` with the engine's message). Before
//! re-scoring, every change is checked and every problem returned at once: an indicator the
//! scheme does not have, the same indicator changed twice, a count (`count_capped`) that is
//! not a whole number ≥ 0 (as the import refuses it); the engine then refuses what it refuses
//! in a file (a direct score outside its range). A change to the value the park already has
//! changes nothing.

use super::move_up::find_park;
use crate::dataset::{Dataset, ParkName};
use crate::export::table::align;
use crate::issue::{Issue, Location};
use crate::scheme::{IndicatorId, Method, Scheme};
use crate::score::Score;
use crate::scoring::{evaluate, names_zh_for, num, Evaluation, Options};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One value changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChange {
    /// The indicator.
    pub id: IndicatorId,
    /// Its Chinese name.
    pub name: String,
    /// The unit printed after a value, if any.
    pub unit: Option<String>,
    /// The value before (`None`: missing).
    pub before: Option<Decimal>,
    /// The value after.
    pub after: Option<Decimal>,
}

/// The park's score on one indicator, before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// The indicator.
    pub id: IndicatorId,
    /// Its Chinese name.
    pub name: String,
    /// The score before.
    pub before: Score,
    /// The score after.
    pub after: Score,
}

/// A park's place in one evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Its rank.
    pub rank: u32,
    /// Its total.
    pub total: Score,
    /// Its place award in 万元, if any.
    pub award_wan: Option<Decimal>,
}

/// Another park whose rank the change moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankMove {
    /// The park.
    pub name: ParkName,
    /// Its rank before.
    pub before: u32,
    /// Its rank after.
    pub after: u32,
    /// Its total before.
    pub total_before: Score,
    /// Its total after (a 排序法 score depends on every park).
    pub total_after: Score,
}

/// The outcome of a what-if.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatIf {
    /// The park whose values changed.
    pub park: ParkName,
    /// The scheme's decimal places (how scores print).
    pub places: u32,
    /// The changes, in the order given.
    pub changes: Vec<ValueChange>,
    /// The park's score on every indicator, before and after, in scheme order.
    pub scores: Vec<ScoreChange>,
    /// The park before.
    pub before: Standing,
    /// The park after.
    pub after: Standing,
    /// The other parks whose rank changed, in the new ranking's order.
    pub moved: Vec<RankMove>,
    /// The evaluation of the changed copy.
    pub evaluation: Evaluation,
}

/// Re-scores a copy of `data` in which `park`'s values are changed as `changes` says (see the
/// module's docs), under `options`.
///
/// Errors: the evaluation's own (of the data, or of the changed copy), `park` not ranked
/// (unknown, or vetoed), and every bad change.
pub fn what_if(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    park: &str,
    changes: &[(IndicatorId, Option<Decimal>)],
) -> Result<WhatIf, Vec<Issue>> {
    let before = evaluate(scheme, data, options)?;
    let row = find_park(scheme, &before, park)?;
    let Some(p) = before.parks.get(row) else {
        return Err(Vec::new());
    };
    let name = p.name.clone();
    let at = |column: Option<String>| {
        Location {
            park: Some(name.to_string()),
            column,
            ..Location::default()
        }
        .with_noun(scheme.unit_noun())
    };

    // Every change checked before anything is re-scored.
    let mut errors = Vec::new();
    let mut seen: std::collections::HashSet<&IndicatorId> = std::collections::HashSet::new();
    for (id, value) in changes {
        let Some(indicator) = scheme.indicator(id) else {
            errors.push(
                Issue::error(at(None), format!("方案中没有指标「{id}」")).with_expected(format!(
                    "方案的指标代码之一：{}",
                    scheme
                        .indicators()
                        .map(|i| i.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                )),
            );
            continue;
        };
        if !seen.insert(id) {
            errors.push(
                Issue::error(at(Some(indicator.name.clone())), "同一项指标改了两次")
                    .with_expected("每项指标只给一个新数值"),
            );
            continue;
        }
        if let (true, Some(v)) = (indicator.method.counts(), value) {
            if v.is_sign_negative() && !v.is_zero() || !v.fract().is_zero() {
                let what = if matches!(indicator.method, Method::Deduction { .. }) {
                    "发生次数应为非负整数"
                } else {
                    "户数应为非负整数"
                };
                errors.push(
                    Issue::error(at(Some(indicator.name.clone())), what)
                        .with_raw(num(*v))
                        .with_expected("不小于 0 的整数"),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut copy = data.clone();
    let record = copy
        .parks
        .iter_mut()
        .find(|r| r.name == name)
        .ok_or_else(|| {
            let noun = scheme.unit_noun();
            vec![Issue::error(at(None), format!("数据中找不到这个{noun}"))]
        })?;
    let mut applied = Vec::with_capacity(changes.len());
    for (id, value) in changes {
        let old = record.value(id);
        match value {
            Some(v) => record.values.insert(id.clone(), *v),
            None => record.values.remove(id),
        };
        let indicator = scheme.indicator(id);
        applied.push(ValueChange {
            id: id.clone(),
            name: indicator.map_or_else(|| id.to_string(), |i| i.name.clone()),
            unit: indicator.and_then(|i| i.value_unit()).map(str::to_owned),
            before: old,
            after: *value,
        });
    }
    // The engine locates a problem in the file; a changed value is not in the file.
    let after = evaluate(scheme, &copy, options).map_err(|issues| {
        issues
            .into_iter()
            .map(|mut issue| {
                let l = &issue.location;
                let changed = l.park.as_deref() == Some(name.as_str())
                    && l.column
                        .as_ref()
                        .is_some_and(|c| applied.iter().any(|a| &a.name == c));
                if changed {
                    issue.location.file = None;
                    issue.location.sheet = None;
                    issue.location.row = None;
                    issue.message = format!("改动后：{}", issue.message);
                }
                issue
            })
            .collect::<Vec<_>>()
    })?;
    drop(copy);
    let new_row = after.row(name.as_str()).ok_or_else(|| {
        let noun = scheme.unit_noun();
        vec![Issue::error(
            at(None),
            format!("重新评分后找不到这个{noun}"),
        )]
    })?;
    let Some(q) = after.parks.get(new_row) else {
        return Err(Vec::new());
    };

    let scores = before
        .columns
        .iter()
        .zip(&after.columns)
        .map(|(b, a)| ScoreChange {
            id: b.id.clone(),
            name: scheme
                .indicator(&b.id)
                .map_or_else(|| b.id.to_string(), |i| i.name.clone()),
            before: b.scores.get(row).unwrap_or_default(),
            after: a.scores.get(new_row).unwrap_or_default(),
        })
        .collect();
    let old: HashMap<&str, (u32, Score)> = before
        .parks
        .iter()
        .map(|p| (p.name.as_str(), (p.rank, p.total)))
        .collect();
    let moved = after
        .parks
        .iter()
        .filter(|o| o.name != name)
        .filter_map(|o| {
            let &(was, total) = old.get(o.name.as_str())?;
            (was != o.rank).then(|| RankMove {
                name: o.name.clone(),
                before: was,
                after: o.rank,
                total_before: total,
                total_after: o.total,
            })
        })
        .collect();
    Ok(WhatIf {
        places: after.reading.rounding_places,
        changes: applied,
        scores,
        before: Standing {
            rank: p.rank,
            total: p.total,
            award_wan: p.award_wan,
        },
        after: Standing {
            rank: q.rank,
            total: q.total,
            award_wan: q.award_wan,
        },
        moved,
        park: name,
        evaluation: after,
    })
}

/// A value, or `缺失`: `38.6 亿元`.
fn shown(value: Option<Decimal>, unit: Option<&str>) -> String {
    match (value, unit) {
        (None, _) => "缺失".to_owned(),
        (Some(v), Some(u)) => format!("{} {u}", num(v)),
        (Some(v), None) => num(v),
    }
}

fn award(a: Option<Decimal>) -> String {
    num(a.unwrap_or(Decimal::ZERO))
}

impl WhatIf {
    /// The indicators whose score for the park changed.
    pub fn changed_scores(&self) -> impl Iterator<Item = &ScoreChange> {
        self.scores.iter().filter(|s| s.before != s.after)
    }

    /// The sentence: `若 东山园区 的 新增工业总产值 由 38.6 亿元 改为 40 亿元：总分 94.80 → 95.10，
    /// 第 2 名 → 第 1 名，奖励 200 → 300 万元；名次变化的其他园区：红山园区 第 1 → 2 名`.
    pub fn summary_zh(&self) -> String {
        let places = self.places;
        let what: Vec<String> = self
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{} 由 {} 改为 {}",
                    c.name,
                    shown(c.before, c.unit.as_deref()),
                    shown(c.after, c.unit.as_deref())
                )
            })
            .collect();
        let mut out = if what.is_empty() {
            format!("{} 的数值不变", self.park)
        } else {
            format!("若 {} 的 {}", self.park, what.join("，"))
        };
        let (b, a) = (&self.before, &self.after);
        if b == a {
            let _ = write!(
                out,
                "：总分和名次不变（第 {} 名，{} 分）",
                b.rank,
                b.total.fixed(places)
            );
        } else {
            let _ = write!(
                out,
                "：总分 {} → {}，",
                b.total.fixed(places),
                a.total.fixed(places)
            );
            if b.rank == a.rank {
                let _ = write!(out, "名次仍为第 {} 名", a.rank);
            } else {
                let _ = write!(out, "第 {} 名 → 第 {} 名", b.rank, a.rank);
            }
            if b.award_wan != a.award_wan {
                let _ = write!(
                    out,
                    "，奖励 {} → {} 万元",
                    award(b.award_wan),
                    award(a.award_wan)
                );
            }
        }
        // The units named as the scheme names them (园区 for Chifeng's, as it always was).
        let noun = self.evaluation.reading.unit_noun();
        if self.moved.is_empty() {
            let _ = write!(out, "；其他{noun}名次不变");
        } else {
            let names = names_zh_for(self.moved.iter().map(|m| m.name.as_str()), noun);
            let listed: Vec<String> = self
                .moved
                .iter()
                .take(crate::scoring::NAMES_LISTED)
                .map(|m| format!("{} 第 {} → {} 名", m.name, m.before, m.after))
                .collect();
            let _ = write!(out, "；名次变化的其他{noun}：{}", listed.join("，"));
            if self.moved.len() > listed.len() {
                let _ = write!(out, "（{names}）");
            }
        }
        out
    }

    /// A text table: the values changed and the scores that moved, the park before and after,
    /// the other parks that moved, the sentence.
    pub fn table(&self) -> String {
        let places = self.places;
        let mut out = format!(
            "假设分析：{}（原数据不变，按同一口径重新评分）\n\n",
            self.park
        );
        let mut rows = vec![["指标", "原数值", "新数值"].map(str::to_owned).to_vec()];
        for c in &self.changes {
            rows.push(vec![
                c.name.clone(),
                shown(c.before, c.unit.as_deref()),
                shown(c.after, c.unit.as_deref()),
            ]);
        }
        out.push_str(&align(&rows));
        let mut rows = vec![["指标", "原得分", "新得分", "变化"]
            .map(str::to_owned)
            .to_vec()];
        for s in self.changed_scores() {
            let delta = s.after.value().checked_sub(s.before.value());
            rows.push(vec![
                s.name.clone(),
                s.before.fixed(places),
                s.after.fixed(places),
                delta.map_or_else(String::new, |d| {
                    let t = Score(d).fixed(places);
                    if d > Decimal::ZERO {
                        format!("+{t}")
                    } else {
                        t.replacen('-', "−", 1)
                    }
                }),
            ]);
        }
        if rows.len() > 1 {
            out.push_str("\n得分变化：\n");
            out.push_str(&align(&rows));
        }
        let (b, a) = (&self.before, &self.after);
        let _ = write!(
            out,
            "\n总分 {} → {}，名次 第 {} 名 → 第 {} 名",
            b.total.fixed(places),
            a.total.fixed(places),
            b.rank,
            a.rank,
        );
        if b.award_wan.is_some() || a.award_wan.is_some() {
            let _ = write!(
                out,
                "，奖励 {} → {} 万元",
                award(b.award_wan),
                award(a.award_wan)
            );
        }
        out.push('\n');
        if !self.moved.is_empty() {
            let noun = self.evaluation.reading.unit_noun();
            let _ = write!(out, "\n名次变化的其他{noun}：\n");
            let mut rows = vec![[noun, "原名次", "新名次", "原总分", "新总分"]
                .map(str::to_owned)
                .to_vec()];
            for m in &self.moved {
                rows.push(vec![
                    m.name.to_string(),
                    m.before.to_string(),
                    m.after.to_string(),
                    m.total_before.fixed(places),
                    m.total_after.fixed(places),
                ]);
            }
            out.push_str(&align(&rows));
        }
        let _ = write!(out, "\n{}\n", self.summary_zh());
        out
    }
}
