//! Rank stability under the weights (issue 12 §2), by Monte Carlo over the full marks of the
//! comparative (排序法) indicators.
//!
//! Each sample multiplies every comparative indicator's full mark by its own factor drawn
//! uniformly from [1 − s, 1 + s], then rescales all of them by one factor so that their total
//! stays the scheme's (Chifeng: 79 of the 100 points, 13 indicators); capped counts, direct scores and the
//! bonus are unchanged. The parks are then ranked (competition ranks) on the sample totals.
//!
//! How a sample is computed, and what is rounded when:
//! 1. [`evaluate`] runs once, under the caller's reading: the official ranking, totals and
//!    indicator scores (exact decimals, each indicator score rounded to the scheme's places).
//! 2. For each park, the part of its total that the samples do not change — the official total
//!    minus its official comparative scores — is kept exactly, as an integer number of
//!    10^−places points.
//! 3. For each comparative cell, the exact (unrounded) score at full = 1 is taken from the
//!    engine's own formulas (`rank_linear`, `ratio_to_top` and `min_max` are proportional to
//!    the full mark), converted once to `f64`; `rank_step` is max(f − (r − 1) × step, 0).
//! 4. In a sample, each cell's score at the perturbed full mark f is computed in `f64` and
//!    rounded half away from zero to the scheme's places, as the official scores are; a cell
//!    whose full mark is exactly the nominal one takes the engine's official score, so that
//!    the sample at the nominal weights (every factor 1, or s = 0) reproduces the official
//!    totals, hence the official ranking, exactly. The sample totals are sums of rounded
//!    scores in integer units: the competition ranks are on the rounded totals, ties exact.
//!
//! Only +, ×, ÷ and rounding of `f64` are used (IEEE-exact, no library functions), and the
//! generator is the crate's own [`SplitMix64`]: the same input, s, N and seed give the same
//! figures on every platform, natively and in WebAssembly.
//!
//! Ties: a park tied with others takes their shared best rank (1, 2, 2, 4), so each park's
//! acceptabilities b(r) sum to 1 over r, while a rank's column sums to 1 only when no sample
//! has a tie across it (rank 3 is empty in a sample where two parks share rank 2).
//! P(A above B) counts the samples where A's rank is strictly better; ties count for neither.

use super::percent_text;
use crate::dataset::{Dataset, ParkName};
use crate::export::table::align;
use crate::issue::{Issue, Location};
use crate::scheme::{IndicatorId, Method, Scheme};
use crate::scoring::{evaluate, unit_scores, MissingPolicy, Options};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The default number of samples.
pub const DEFAULT_SAMPLES: u32 = 10_000;
/// The default spread s.
pub const DEFAULT_SPREAD: f64 = 0.2;
/// The default seed (赤政发〔2020〕172号).
pub const DEFAULT_SEED: u64 = 2_020_172;
/// The most samples a run takes.
pub const MAX_SAMPLES: u32 = 10_000_000;
/// The most parks a run takes (the acceptability matrix is parks × parks counts).
pub const MAX_PARKS: usize = 2_000;
/// The most decimal places of the scheme's scores the sample totals handle (integers of
/// 10^−places points).
const MAX_PLACES: u32 = 6;

/// SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference constants): a small, fast,
/// well-mixed 64-bit generator, the same on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in [0, 1): the top 53 bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The run's parameters, printed with its figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StabilityParams {
    /// N: the number of samples.
    pub samples: u32,
    /// s: each factor is uniform in [1 − s, 1 + s]; 0 ≤ s < 1.
    pub spread: f64,
    /// The generator's seed.
    pub seed: u64,
}

impl Default for StabilityParams {
    fn default() -> StabilityParams {
        StabilityParams {
            samples: DEFAULT_SAMPLES,
            spread: DEFAULT_SPREAD,
            seed: DEFAULT_SEED,
        }
    }
}

impl StabilityParams {
    /// `s = 0.2，N = 10000，种子 = 2020172`.
    pub fn describe_zh(&self) -> String {
        format!(
            "满分扰动幅度 s = {}，抽样次数 N = {}，随机种子 = {}",
            self.spread, self.samples, self.seed
        )
    }
}

/// One park's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParkStability {
    /// The park.
    pub name: ParkName,
    /// Its official rank.
    pub official_rank: u32,
    /// `rank_counts[r − 1]`: the samples in which it has rank r; b(r) = that ÷ N.
    pub rank_counts: Vec<u32>,
    /// The samples in which it holds an award place (rank ≤ the places the scheme pays).
    pub award_count: u32,
    /// The median rank: the smallest r with b(1) + … + b(r) ≥ 0.5.
    pub median_rank: u32,
    /// The 5 % rank: the smallest r with b(1) + … + b(r) ≥ 0.05.
    pub band_low: u32,
    /// The 95 % rank: the smallest r with b(1) + … + b(r) ≥ 0.95.
    pub band_high: u32,
}

impl ParkStability {
    /// b(r), the rank acceptability index: the share of samples in which the park has rank r.
    pub fn acceptability(&self, r: u32, samples: u32) -> f64 {
        let count = r
            .checked_sub(1)
            .and_then(|i| self.rank_counts.get(i as usize))
            .copied()
            .unwrap_or(0);
        share(count, samples)
    }
}

/// The pairwise index of two parks next to each other in the official ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairIndex {
    /// The park officially above.
    pub above: ParkName,
    /// The park officially below.
    pub below: ParkName,
    /// The samples in which `above` ranks strictly better than `below`.
    pub above_count: u32,
    /// The samples in which `below` ranks strictly better than `above`.
    pub below_count: u32,
}

/// The figures of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// s, N and the seed.
    pub params: StabilityParams,
    /// The perturbed (comparative) indicators, in scheme order.
    pub perturbed: Vec<IndicatorId>,
    /// Their names, as printed (no ids on paper).
    #[serde(default)]
    pub perturbed_names: Vec<String>,
    /// The award places the scheme pays (3 for Chifeng).
    pub award_places: u32,
    /// Every ranked park, in the official ranking order.
    pub parks: Vec<ParkStability>,
    /// Neighbours in the official ranking, top down.
    pub pairs: Vec<PairIndex>,
    /// The scheme's word for an evaluated unit when it gives one (`Scheme::unit_noun`: 企业);
    /// `None`: 园区. Kept in the result, as [`crate::scoring::Reading::unit_noun`] is in an
    /// evaluation, because [`Stability::table`] and the page's map are rendered from the
    /// result alone. Absent in the JSON for Chifeng's scheme, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

/// One comparative cell: score(f) = max(a × f − c, 0), or the official score at f = nominal.
#[derive(Clone, Copy, Debug)]
struct Cell {
    a: f64,
    c: f64,
    official: i64,
}

/// Runs the Monte Carlo on `data` under the reading `options` (see the module's docs).
///
/// Errors: the evaluation's own, or parameters out of range (N = 0 or above [`MAX_SAMPLES`],
/// s outside [0, 1), more than [`MAX_PARKS`] parks, a scheme with more than 6 decimal places).
pub fn stability(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    params: StabilityParams,
) -> Result<Stability, Vec<Issue>> {
    let bad = |m: String, expected: &str| {
        vec![Issue::error(Location::default(), m).with_expected(expected)]
    };
    if params.samples == 0 || params.samples > MAX_SAMPLES {
        return Err(bad(
            format!("抽样次数 {} 无效", params.samples),
            "1 到 10000000 之间的整数",
        ));
    }
    if !(params.spread >= 0.0 && params.spread < 1.0) {
        return Err(bad(
            format!("扰动幅度 s = {} 无效", params.spread),
            "不小于 0、小于 1 的数，例如 0.2",
        ));
    }
    let (model, e) = WeightModel::new(scheme, data, options)?;
    let n = e.parks.len();
    if n > MAX_PARKS {
        return Err(bad(
            format!("参评{} {n} 个，超过稳定性分析的上限", scheme.unit_noun()),
            &format!("不超过 2000 个{}", scheme.unit_noun()),
        ));
    }
    let fulls = model.nominal.clone();

    // The samples.
    let mut rng = SplitMix64::new(params.seed);
    let mut counts = vec![0u32; n * n];
    let mut pair_counts = vec![(0u32, 0u32); n.saturating_sub(1)];
    let mut factors = vec![0.0f64; fulls.len()];
    let mut perturbed_fulls = vec![0.0f64; fulls.len()];
    let mut totals = vec![0i64; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut ranks = vec![0u32; n];
    for _ in 0..params.samples {
        for x in factors.iter_mut() {
            let u = rng.next_f64();
            *x = 1.0 - params.spread + 2.0 * params.spread * u;
        }
        model.rescaled(&factors, &mut perturbed_fulls);
        model.totals_at(&perturbed_fulls, &mut totals);
        // Once per sample (10,000 of them, up to 2,000 parks): the standard sort, inline.
        order.sort_unstable_by(|&i, &j| totals[j].cmp(&totals[i]));
        for (k, &i) in order.iter().enumerate() {
            ranks[i] = if k > 0 && totals[i] == totals[order[k - 1]] {
                ranks[order[k - 1]]
            } else {
                k as u32 + 1
            };
        }
        for (i, &r) in ranks.iter().enumerate() {
            if let Some(c) = counts.get_mut(i * n + r as usize - 1) {
                *c += 1;
            }
        }
        for (k, pc) in pair_counts.iter_mut().enumerate() {
            match ranks[k].cmp(&ranks[k + 1]) {
                std::cmp::Ordering::Less => pc.0 += 1,
                std::cmp::Ordering::Greater => pc.1 += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
    }

    let places = u32::try_from(scheme.awards.places_wan.len()).unwrap_or(u32::MAX);
    let quantile = |row: &[u32], num: u64, den: u64| -> u32 {
        let mut cum = 0u64;
        for (i, &c) in row.iter().enumerate() {
            cum += u64::from(c);
            if cum * den >= num * u64::from(params.samples) {
                return i as u32 + 1;
            }
        }
        n as u32
    };
    let parks = e
        .parks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let row = counts.get(i * n..(i + 1) * n).unwrap_or_default().to_vec();
            ParkStability {
                name: p.name.clone(),
                official_rank: p.rank,
                award_count: row.iter().take(places as usize).sum(),
                median_rank: quantile(&row, 1, 2),
                band_low: quantile(&row, 5, 100),
                band_high: quantile(&row, 95, 100),
                rank_counts: row,
            }
        })
        .collect();
    let pairs = e
        .parks
        .windows(2)
        .zip(pair_counts)
        .map(|(w, (a, b))| PairIndex {
            above: w[0].name.clone(),
            below: w[1].name.clone(),
            above_count: a,
            below_count: b,
        })
        .collect();
    let perturbed_names = model
        .indicators
        .iter()
        .map(|id| {
            scheme
                .indicator(id)
                .map_or_else(|| id.to_string(), |i| i.name.clone())
        })
        .collect();
    Ok(Stability {
        params,
        perturbed_names,
        perturbed: model.indicators,
        award_places: places,
        parks,
        pairs,
        unit_noun: scheme.unit_noun.clone(),
    })
}

/// The total of every park as a function of the comparative indicators' full marks, built
/// once from one evaluation (steps 1–3 of the module's docs); [`WeightModel::totals_at`] is
/// step 4. The Monte Carlo samples it; a one-at-a-time analysis can call it too.
#[derive(Clone, Debug)]
pub struct WeightModel {
    /// The comparative (排序法) indicators, in scheme order.
    pub indicators: Vec<IndicatorId>,
    /// Their nominal full marks.
    pub nominal: Vec<f64>,
    /// The sum of the nominal full marks, which [`WeightModel::rescaled`] keeps.
    pub nominal_total: f64,
    /// The scheme's decimal places: totals are in units of 10^−places points.
    pub places: u32,
    scale: f64,
    /// Per park (ranking order), the part of the total no full mark changes, in units.
    fixed: Vec<i64>,
    /// Per indicator, per park: the cell.
    cells: Vec<Vec<Cell>>,
}

impl WeightModel {
    /// The model of `data` under the reading `options`, with the evaluation it was built from
    /// (its parks' order is the model's).
    pub fn new(
        scheme: &Scheme,
        data: &Dataset,
        options: &Options,
    ) -> Result<(WeightModel, crate::scoring::Evaluation), Vec<Issue>> {
        let bad = |m: String, expected: &str| {
            vec![Issue::error(Location::default(), m).with_expected(expected)]
        };
        if scheme.rounding_places > MAX_PLACES {
            return Err(bad(
                format!(
                    "方案的得分保留 {} 位小数，满分扰动分析（排名稳定性、单项敏感性）不支持",
                    scheme.rounding_places
                ),
                "不超过 6 位小数",
            ));
        }
        let e = evaluate(scheme, data, options)?;
        let n = e.parks.len();
        let unit = 10i64.pow(scheme.rounding_places);
        let to_units = |d: Decimal| -> Option<i64> { d.checked_mul(Decimal::from(unit))?.to_i64() };
        let overflow = || {
            bad(
                "分值过大，满分扰动分析（排名稳定性、单项敏感性）无法计算".to_owned(),
                "合理的分值",
            )
        };

        // The perturbed columns and their cells, row by row (ranking order).
        let mut fulls = Vec::new();
        let mut perturbed = Vec::new();
        let mut cells: Vec<Vec<Cell>> = Vec::new();
        let mut fixed: Vec<i64> = e
            .parks
            .iter()
            .map(|p| to_units(p.total.value()))
            .collect::<Option<_>>()
            .ok_or_else(overflow)?;
        for (column, indicator) in e.columns.iter().zip(scheme.indicators()) {
            if !indicator.method.is_comparative() {
                continue;
            }
            let units = unit_scores(column, options.missing);
            let mut col = Vec::with_capacity(n);
            for row in 0..n {
                let official = column
                    .scores
                    .get(row)
                    .and_then(|s| to_units(s.value()))
                    .ok_or_else(overflow)?;
                let (a, c) = match &column.method {
                    Method::RankStep { step } => {
                        let scored = column.values.get(row).is_some_and(|v| !v.is_none())
                            || options.missing == MissingPolicy::RankLast;
                        let r = column.ranks.get(row).copied().unwrap_or(1);
                        if scored {
                            let c = Decimal::from(r.saturating_sub(1)).checked_mul(*step);
                            (1.0, c.and_then(|c| c.to_f64()).unwrap_or(f64::MAX))
                        } else {
                            (0.0, 0.0)
                        }
                    }
                    _ => (units.get(row).and_then(|u| u.to_f64()).unwrap_or(0.0), 0.0),
                };
                if let Some(f) = fixed.get_mut(row) {
                    *f -= official;
                }
                col.push(Cell { a, c, official });
            }
            fulls.push(indicator.full.to_f64().ok_or_else(overflow)?);
            perturbed.push(indicator.id.clone());
            cells.push(col);
        }
        Ok((
            WeightModel {
                indicators: perturbed,
                nominal_total: fulls.iter().sum(),
                nominal: fulls,
                places: scheme.rounding_places,
                scale: unit as f64,
                fixed,
                cells,
            },
            e,
        ))
    }

    /// The comparative indicators' full marks when each nominal one is multiplied by its
    /// factor (`factors`, indexed like [`WeightModel::indicators`]) and all are then scaled by
    /// one factor so that their sum stays [`WeightModel::nominal_total`] (left unscaled when
    /// the perturbed sum is not above 0). Every factor 1 gives the nominal full marks exactly.
    /// The Monte Carlo's samples and the one-at-a-time sensitivity
    /// ([`move_up::tornado`](super::move_up::tornado)) both perturb the weights this way.
    pub fn rescaled(&self, factors: &[f64], fulls: &mut Vec<f64>) {
        let mut sum = 0.0;
        for (full, x) in self.nominal.iter().zip(factors) {
            sum += full * x;
        }
        let rescale = if sum > 0.0 {
            self.nominal_total / sum
        } else {
            1.0
        };
        fulls.clear();
        fulls.extend(
            self.nominal
                .iter()
                .zip(factors)
                .map(|(full, x)| full * x * rescale),
        );
    }

    /// Every park's total (ranking order), in units of 10^−places points, with the
    /// comparative indicators' full marks `fulls` (indexed like [`WeightModel::indicators`]):
    /// each cell's score rounded half away from zero to the scheme's places, the official
    /// score where a full mark is exactly the nominal one.
    pub fn totals_at(&self, fulls: &[f64], totals: &mut Vec<i64>) {
        totals.clear();
        totals.extend_from_slice(&self.fixed);
        for ((col, f), full) in self.cells.iter().zip(fulls).zip(&self.nominal) {
            let nominal = f == full;
            for (t, cell) in totals.iter_mut().zip(col) {
                *t += if nominal {
                    cell.official
                } else {
                    let points = (cell.a * f - cell.c).max(0.0);
                    (points * self.scale).round() as i64
                };
            }
        }
    }
}

fn share(count: u32, samples: u32) -> f64 {
    if samples == 0 {
        0.0
    } else {
        f64::from(count) / f64::from(samples)
    }
}

impl Stability {
    /// The word for an evaluated unit: the scheme's `unit_noun`, else 园区.
    pub fn unit_noun(&self) -> &str {
        crate::scheme::unit_noun_or_default(self.unit_noun.as_deref())
    }

    /// The park's sentence: `红山园区 在 97.3 % 的抽样中排第 1` (its official rank).
    pub fn sentence_zh(&self, park: &ParkStability) -> String {
        let count = park
            .rank_counts
            .get(park.official_rank.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        format!(
            "{} 在 {} % 的抽样中排第 {}",
            park.name,
            percent_text(u64::from(count), u64::from(self.params.samples)),
            park.official_rank
        )
    }

    /// The sentences of the parks at the award places, then the parameters.
    pub fn summary_zh(&self) -> String {
        let mut parts: Vec<String> = self
            .parks
            .iter()
            .filter(|p| p.official_rank <= self.award_places)
            .map(|p| {
                format!(
                    "{}，获奖（前 {} 名）概率 {} %",
                    self.sentence_zh(p),
                    self.award_places,
                    percent_text(u64::from(p.award_count), u64::from(self.params.samples))
                )
            })
            .collect();
        parts.push(self.params.describe_zh());
        parts.join("；")
    }

    /// A text table: the parameters, a row per park (official rank, b(r) for the first ranks,
    /// P(award), median and band), the neighbours' pairwise index, the summary.
    pub fn table(&self) -> String {
        let samples = u64::from(self.params.samples);
        let mut out = format!(
            "排名稳定性（排序法指标满分随机扰动，其余不变）：{}\n扰动指标 {} 项：{}\n\n",
            self.params.describe_zh(),
            self.perturbed_names.len(),
            self.perturbed_names.join("、")
        );
        let shown = self.parks.len().min(10);
        let mut header = vec!["名次".to_owned(), self.unit_noun().to_owned()];
        header.extend((1..=shown).map(|r| format!("b({r})")));
        header.extend([
            format!("前 {} 名", self.award_places),
            "中位名次".to_owned(),
            "5–95 % 区间".to_owned(),
        ]);
        let mut rows = vec![header];
        for p in &self.parks {
            let mut row = vec![p.official_rank.to_string(), p.name.to_string()];
            row.extend(p.rank_counts.iter().take(shown).map(|&c| {
                if c == 0 {
                    "·".to_owned()
                } else {
                    format!("{} %", percent_text(u64::from(c), samples))
                }
            }));
            row.push(format!(
                "{} %",
                percent_text(u64::from(p.award_count), samples)
            ));
            row.push(p.median_rank.to_string());
            row.push(format!("{}–{}", p.band_low, p.band_high));
            rows.push(row);
        }
        out.push_str(&align(&rows));
        if !self.pairs.is_empty() {
            let _ = write!(out, "\n相邻{} P(上者排在下者之前)：\n", self.unit_noun());
            let rows: Vec<Vec<String>> = self
                .pairs
                .iter()
                .map(|q| {
                    vec![
                        format!("{} 先于 {}", q.above, q.below),
                        format!("{} %", percent_text(u64::from(q.above_count), samples)),
                    ]
                })
                .collect();
            out.push_str(&align(&rows));
        }
        let _ = write!(out, "\n{}\n", self.summary_zh());
        out
    }
}
