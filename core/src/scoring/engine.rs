//! [`evaluate`](super::evaluate)'s body: checks the dataset, scores every indicator column,
//! adds up groups, bonus and totals, ranks the parks and hands out the awards.

use super::awards;
use super::classes;
use super::explain;
use super::methods::{self, CellError, Rule};
use super::rank;
use super::reading;
use super::{
    Evaluation, GroupColumn, IndicatorColumn, MissingPolicy, Options, ParkResult, VetoedPark,
};
use crate::dataset::{Dataset, MaybeDecimal, ParkName, ParkRecord, ValueColumns};
use crate::issue::{Issue, Location};
use crate::scheme::{normalize_unit_name, BonusRule, Indicator, Method, Scheme};
use crate::score::{Score, ScoreColumn};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// Per-cell notes on values scored by the missing-value policy, per indicator; the rest of
/// the column's missing values are counted in one note.
const MISSING_NOTES_PER_INDICATOR: usize = 20;

/// Scores `data` under `scheme`; see [`super::evaluate`].
///
/// The values gathered into columns (or given as columns, [`ValueColumns`]); the ranked
/// parks' results begun (names, bonus) and a dataset given away freed; then column by column
/// one sort per indicator for its ranks, the group subtotals and the total per park, one sort
/// for the ranking, and every column put into ranking order in place ([`Reorder`]).
/// No sentence is written here: explanations are rendered on demand by `explain`.
pub(super) fn evaluate(
    scheme: &Scheme,
    data: Cow<'_, Dataset>,
    given: Option<ValueColumns>,
    options: &Options,
) -> Result<Evaluation, Vec<Issue>> {
    let mut data = data;
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    check_override(options, &mut errors);
    check_names(&data, scheme.unit_noun(), &mut errors);

    // Units the classes mark not rated (T) leave the pool like vetoed ones (a vetoed one
    // stays vetoed: the veto is the stronger statement).
    let not_rated_names: HashSet<String> = scheme
        .classes
        .iter()
        .flat_map(|c| c.not_rated.iter().map(|n| normalize_unit_name(n)))
        .collect();
    let mut not_rated: Vec<ParkName> = Vec::new();
    let mut ranked_at: Vec<usize> = Vec::with_capacity(data.parks.len());
    for (at, p) in data
        .parks
        .iter()
        .enumerate()
        .filter(|(_, p)| p.veto.is_none())
    {
        if !not_rated_names.is_empty()
            && not_rated_names.contains(&normalize_unit_name(p.name.as_str()))
        {
            not_rated.push(p.name.clone());
        } else {
            ranked_at.push(at);
        }
    }
    // The values leave the dataset's rows for the columns: moved out of a dataset the caller
    // gave away (its rows' memory is freed park by park), copied out of a borrowed one. Values
    // already in columns (the import's columnar road) keep the ranked parks' rows, in place.
    let gathered = match given {
        Some(mut columns) => {
            columns.retain_rows(&ranked_at);
            columns.into_columns()
        }
        None => {
            let mut columns_of = ValueColumns::for_scheme(scheme, ranked_at.len());
            for (row, &at) in ranked_at.iter().enumerate() {
                match &mut data {
                    Cow::Owned(d) => {
                        if let Some(p) = d.parks.get_mut(at) {
                            columns_of.place(row, &std::mem::take(&mut p.values));
                        }
                    }
                    Cow::Borrowed(d) => {
                        if let Some(p) = d.parks.get(at) {
                            columns_of.place(row, &p.values);
                        }
                    }
                }
            }
            columns_of.into_columns()
        }
    };
    let cumulative = options.cumulative_bonus.unwrap_or(scheme.bonus.cumulative);
    let reading = reading::reading(scheme, &data, options, cumulative);
    let vetoed: Vec<VetoedPark> = data
        .parks
        .iter()
        .filter_map(|p| {
            p.veto.as_ref().map(|veto| VetoedPark {
                name: p.name.clone(),
                veto: veto.clone(),
            })
        })
        .collect();
    // The ranked parks' results start here, with their names (moved out of a dataset given
    // away) and bonus; the rows they came from are kept for messages. Then the dataset is
    // freed, before the scores are made: at 100,000 parks its 13 MB of records and names
    // are room for them.
    let source = data.source.clone();
    let noun = scheme.unit_noun();
    let mut parks: Vec<ParkResult> = Vec::with_capacity(ranked_at.len());
    let mut rows: Vec<Option<u32>> = Vec::with_capacity(ranked_at.len());
    let mut bonus_failed: Vec<bool> = Vec::with_capacity(ranked_at.len());
    for &at in &ranked_at {
        let park = match &mut data {
            Cow::Owned(d) => d.parks.get_mut(at).map(|p| {
                let name = ParkName(std::mem::take(&mut p.name.0));
                (name, &*p)
            }),
            Cow::Borrowed(d) => d.parks.get(at).map(|p| (p.name.clone(), p)),
        };
        let Some((name, p)) = park else { continue };
        let bonus = bonus(
            &scheme.bonus,
            cumulative,
            (p.national_recognitions, p.provincial_recognitions),
            scheme.rounding_places,
        );
        // Pushed together: row `i` of `parks`, `rows` and `bonus_failed` is one park.
        bonus_failed.push(bonus.is_none());
        rows.push(p.source_row);
        parks.push(ParkResult {
            name,
            rank: 0,
            total: Score::ZERO,
            base: Score::ZERO,
            bonus: bonus.unwrap_or(Score::ZERO),
            national_recognitions: p.national_recognitions,
            provincial_recognitions: p.provincial_recognitions,
            award_wan: None,
        });
    }
    drop(data);
    let at = |row: usize, indicator: Option<&Indicator>| {
        let name = parks.get(row).map(|p| &p.name);
        location_at(
            &source,
            rows.get(row).copied().flatten(),
            name,
            indicator,
            noun,
        )
    };

    let mut columns = Vec::with_capacity(gathered.len());
    for (indicator, values) in scheme.indicators().zip(gathered) {
        let method = method_in_force(indicator, options);
        let rule = Rule {
            full: indicator.full,
            unit: &indicator.unit,
            method,
            direction: indicator.direction,
            places: scheme.rounding_places,
        };
        let scored = methods::score_column(rule, &values, options.missing);
        for (i, e) in scored.errors {
            errors.push(cell_issue(at(i, Some(indicator)), e));
        }
        if errors.is_empty() {
            note_missing(
                (&source, &parks, &rows),
                &values,
                indicator,
                options.missing,
                &mut notes,
                noun,
            );
        }
        columns.push(IndicatorColumn {
            id: indicator.id.clone(),
            method: method.clone(),
            full: indicator.full,
            direction: indicator.direction,
            unit: indicator.unit.clone(),
            facts: scored.facts,
            values,
            scores: scored.scores,
            ranks: scored.ranks,
            tied: scored.tied,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Group subtotals: the columns of each group's indicators (scheme order) added up.
    let mut groups = Vec::with_capacity(scheme.groups.len());
    let mut first = 0;
    let mut overflow = vec![false; parks.len()];
    for g in &scheme.groups {
        let own = columns
            .get(first..first + g.indicators.len())
            .unwrap_or_default();
        first += g.indicators.len();
        let scores = (0..parks.len())
            .map(|row| {
                Score::checked_sum(own.iter().filter_map(|c| c.scores.get(row))).unwrap_or_else(
                    || {
                        if let Some(o) = overflow.get_mut(row) {
                            *o = true;
                        }
                        Score::ZERO
                    },
                )
            })
            .collect();
        groups.push(GroupColumn {
            id: g.id.clone(),
            name: g.name.clone(),
            full: g.weight,
            scores,
        });
    }

    // Each park's base and total (any error returns before they are used).
    let mut totals: Vec<(Score, Score)> = Vec::with_capacity(parks.len());
    for (row, park) in parks.iter().enumerate() {
        if bonus_failed.get(row).copied().unwrap_or(false) {
            errors.push(Issue::error(
                at(row, None),
                "附加分过大，无法计算（请检查方案中的附加分设置）",
            ));
            continue;
        }
        let base = Score::checked_sum(groups.iter().filter_map(|g| g.scores.get(row)));
        let (Some(base), Some(total), Some(false)) = (
            base,
            base.and_then(|b| b.checked_add(park.bonus)),
            overflow.get(row).copied(),
        ) else {
            errors.push(
                Issue::error(
                    at(row, None),
                    "数值超出可计算范围：分组小计、基础分或总分无法相加",
                )
                .with_expected("方案中合理的分值（各项分值之和小于约 7.9 × 10²⁸）"),
            );
            continue;
        };
        totals.push((base, total));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    drop(rows);
    for (park, (base, total)) in parks.iter_mut().zip(totals) {
        park.base = base;
        park.total = total;
    }

    // The ranking: one sort of the totals, then every column put in ranking order.
    let totals: Vec<Score> = parks.iter().map(|p| p.total).collect();
    let totals: Vec<Decimal> = totals.into_iter().map(Score::value).collect();
    for (park, r) in parks.iter_mut().zip(rank::ranks_desc_decimal(&totals)) {
        park.rank = r;
    }
    let mut order: Vec<usize> = (0..parks.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&parks[a], &parks[b]);
        pa.rank.cmp(&pb.rank).then_with(|| pa.name.cmp(&pb.name))
    });
    let reorder = Reorder::new(&order);
    drop(order);
    reorder.apply(&mut parks);
    for c in &mut columns {
        reorder.apply(&mut c.values);
        reorder.apply_scores(&mut c.scores);
        reorder.apply(&mut c.ranks);
        reorder.apply(&mut c.tied);
    }
    for g in &mut groups {
        reorder.apply_scores(&mut g.scores);
    }
    drop(reorder);

    let classes = scheme
        .classes
        .as_ref()
        .map(|rule| classes::classes(rule, &parks));
    let awards = awards::awards(scheme, &mut parks, &groups, &mut notes);
    if parks.is_empty() {
        notes.push(Issue::info(
            Location {
                file: source,
                ..Location::default()
            },
            format!("没有参评{noun}（数据为空，或全部{noun}不予评价考核），排名为空"),
        ));
    }
    Ok(Evaluation {
        reading,
        parks,
        columns,
        groups,
        bonus_rule: scheme.bonus.clone(),
        vetoed,
        awards,
        notes,
        not_rated,
        classes,
    })
}

/// A reordering of the rows, `new[k] = old[order[k]]`, carried out in place by swaps: every
/// column of the evaluation is put into ranking order without a second copy of it. (Copying
/// each column into a new vector kept two copies of it alive at once; at 100,000 parks the
/// wasm worker's memory, which never shrinks, grew by 34 MiB doing so.)
///
/// The swaps are worked out once, by following the permutation's cycles, and replayed on
/// every column: at most `n − 1` of them.
struct Reorder {
    /// The rows it reorders.
    rows: usize,
    /// The swaps, in turn.
    swaps: Vec<(u32, u32)>,
}

impl Reorder {
    /// The reordering that puts row `order[k]` at `k`. `order` must be a permutation of
    /// `0..order.len()` (the engine's sort of row indexes gives one); any other list reorders
    /// nothing, checked in debug builds.
    fn new(order: &[usize]) -> Reorder {
        let rows = order.len();
        let mut swaps = Vec::new();
        let is_permutation = u32::try_from(rows).is_ok() && {
            let mut seen = vec![false; rows];
            order
                .iter()
                .all(|&i| seen.get_mut(i).is_some_and(|s| !std::mem::replace(s, true)))
        };
        debug_assert!(is_permutation, "not a permutation of the rows");
        if !is_permutation {
            return Reorder { rows, swaps };
        }
        // Each cycle i → order[i] → order[order[i]] → … is closed by swapping along it: after
        // swap(j, order[j]) row j holds what it should, and what row i held moves on.
        let mut done = vec![false; rows];
        for start in 0..rows {
            let mut j = start;
            while let Some(slot) = done.get_mut(j).filter(|d| !**d) {
                *slot = true;
                let Some(&k) = order.get(j) else { break };
                if k == start {
                    break;
                }
                // Both fit in u32: checked above.
                swaps.push((j as u32, k as u32));
                j = k;
            }
        }
        Reorder { rows, swaps }
    }

    /// Reorders `items` in place. A column of another length (an empty one: no ranks for a
    /// method that ranks nothing) is left as it is.
    fn apply<T>(&self, items: &mut [T]) {
        self.swap(items.len(), |a, b| items.swap(a, b));
    }

    /// [`Reorder::apply`] for a column of scores.
    fn apply_scores(&self, scores: &mut ScoreColumn) {
        self.swap(scores.len(), |a, b| scores.swap(a, b));
    }

    /// The swaps, done by `swap` on a column of `len` rows (none on another length).
    fn swap(&self, len: usize, mut swap: impl FnMut(usize, usize)) {
        if len != self.rows {
            return;
        }
        for &(a, b) in &self.swaps {
            swap(a as usize, b as usize);
        }
    }
}

/// A warning per value scored by the missing-value policy, the first
/// [`MISSING_NOTES_PER_INDICATOR`] of a column one by one and the rest in one note.
fn note_missing(
    (source, parks, rows): (&Option<String>, &[ParkResult], &[Option<u32>]),
    values: &[MaybeDecimal],
    indicator: &Indicator,
    missing: MissingPolicy,
    notes: &mut Vec<Issue>,
    noun: &str,
) {
    let absent: Vec<usize> = values
        .iter()
        .enumerate()
        .filter(|(row, v)| v.is_none() && *row < parks.len())
        .map(|(row, _)| row)
        .collect();
    let (each, rest) = absent.split_at(absent.len().min(MISSING_NOTES_PER_INDICATOR));
    for &row in each {
        notes.push(Issue::warning(
            location_at(
                source,
                rows.get(row).copied().flatten(),
                parks.get(row).map(|p| &p.name),
                Some(indicator),
                noun,
            ),
            format!("缺失数值，已按“{}”计分", policy_name(missing)),
        ));
    }
    if !rest.is_empty() {
        notes.push(Issue::warning(
            Location {
                file: source.clone(),
                column: Some(indicator.name.clone()),
                ..Location::default()
            },
            format!(
                "另有 {} 个{noun}缺失数值，已按“{}”计分：{}",
                rest.len(),
                policy_name(missing),
                explain::names(
                    rest.iter()
                        .map(|&row| parks.get(row).map_or("", |p| p.name.as_str())),
                    noun
                )
            ),
        ));
    }
}

/// The method used for `indicator`: the caller's override for comparative indicators.
pub(super) fn method_in_force<'a>(indicator: &'a Indicator, options: &'a Options) -> &'a Method {
    match &options.ranking_method {
        Some(m) if indicator.method.is_comparative() && m.is_comparative() => m,
        _ => &indicator.method,
    }
}

/// The override must be a comparative method with sensible parameters.
fn check_override(options: &Options, errors: &mut Vec<Issue>) {
    match &options.ranking_method {
        Some(m) if !m.is_comparative() => errors.push(
            Issue::error(
                Location::default(),
                format!("排序法指标不能改用 {} 方法", m.id()),
            )
            .with_expected("rank_linear、rank_step、ratio_to_top 或 min_max"),
        ),
        Some(Method::RankStep { step }) if *step <= Decimal::ZERO => errors.push(
            Issue::error(
                Location::default(),
                format!("每降一名扣分 step 为 {step}，不能用于计分"),
            )
            .with_expected("大于 0 的分数，例如 0.5"),
        ),
        _ => {}
    }
}

/// Park names must be present and unique; the messages call a unit `noun` (`Scheme::unit_noun`:
/// 园区名称为空, 企业名称为空).
fn check_names(data: &Dataset, noun: &str, errors: &mut Vec<Issue>) {
    let column = format!("{noun}名称");
    // Chifeng's example stays as it was; another scheme's word has no example to give.
    let expected = if noun == crate::scheme::DEFAULT_UNIT_NOUN {
        "园区名称，例如 东山园区".to_owned()
    } else {
        format!("{noun}名称")
    };
    let mut seen: BTreeMap<&str, Option<u32>> = BTreeMap::new();
    for park in &data.parks {
        let name = park.name.as_str().trim();
        if name.is_empty() {
            errors.push(
                Issue::error(
                    Location {
                        park: None,
                        noun: None,
                        column: Some(column.clone()),
                        ..location(data, park, None, noun)
                    },
                    format!("{noun}名称为空"),
                )
                .with_expected(expected.clone()),
            );
            continue;
        }
        if let Some(first) = seen.get(name) {
            let first = first.map_or(String::new(), |r| format!("（第 {r} 行）"));
            errors.push(
                Issue::error(
                    Location {
                        column: Some(column.clone()),
                        ..location(data, park, None, noun)
                    },
                    format!("{noun}名称重复：与前面{first}的「{name}」相同"),
                )
                .with_expected(format!("每个{noun}只占一行")),
            );
        } else {
            seen.insert(name, park.source_row);
        }
    }
}

/// Where `park`'s row (and `indicator`'s cell in it) is, the park called by `noun`
/// (`Scheme::unit_noun`).
fn location(
    data: &Dataset,
    park: &ParkRecord,
    indicator: Option<&Indicator>,
    noun: &str,
) -> Location {
    location_at(
        &data.source,
        park.source_row,
        Some(&park.name),
        indicator,
        noun,
    )
}

/// Where a message about a park's row (and an indicator's cell of it) points: the file, the
/// row, the column and the park.
fn location_at(
    file: &Option<String>,
    row: Option<u32>,
    park: Option<&ParkName>,
    indicator: Option<&Indicator>,
    noun: &str,
) -> Location {
    Location {
        file: file.clone(),
        sheet: None,
        row,
        column: indicator.map(|i| i.name.clone()),
        park: park.map(|p| p.0.clone()),
        noun: None,
    }
    .with_noun(noun)
}

fn cell_issue(at: Location, e: CellError) -> Issue {
    match e {
        CellError::Missing => Issue::error(at, "缺少数值")
            .with_expected("数字；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后）后再评分"),
        CellError::DirectOutOfRange { value, max } => {
            Issue::error(at, format!("直接评分 {} 超出范围", value.normalize()))
                .with_raw(value.normalize().to_string())
                .with_expected(format!("介于 0 和 {} 之间的分数", max.normalize()))
        }
        CellError::NegativeCount { value } => Issue::error(at, "数量不能为负数")
            .with_raw(value.normalize().to_string())
            .with_expected("不小于 0 的数"),
        CellError::Overflow { value } => Issue::error(at, "数值超出可计算范围，无法计算得分")
            .with_raw(value.normalize().to_string())
            .with_expected("合理范围内的数"),
    }
}

/// The Chinese name of a missing-value policy, as quoted in explanations.
pub(super) fn policy_name(policy: MissingPolicy) -> &'static str {
    policy.label_zh()
}

/// 附加分; `None` when the points overflow (an absurd scheme). Its explanation is rendered
/// by `explain::bonus`.
fn bonus(rule: &BonusRule, cumulative: bool, (n, p): (u32, u32), places: u32) -> Option<Score> {
    let points = if n == 0 && p == 0 {
        Decimal::ZERO
    } else if cumulative {
        Decimal::from(n)
            .checked_mul(rule.national)?
            .checked_add(Decimal::from(p).checked_mul(rule.provincial)?)?
    } else if n > 0 {
        rule.national
    } else {
        rule.provincial
    };
    Some(Score(points).round(places))
}

#[cfg(test)]
mod tests {
    use super::Reorder;

    /// What a reordering must give: a new list with `order[k]`'s item at `k`.
    fn copied<T: Clone>(items: &[T], order: &[usize]) -> Vec<T> {
        order.iter().map(|&i| items[i].clone()).collect()
    }

    /// Every permutation of `0..n`, in lexicographic order.
    fn permutations(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![Vec::new()];
        }
        let mut all = Vec::new();
        for rest in permutations(n - 1) {
            for at in 0..=rest.len() {
                let mut p = rest.clone();
                p.insert(at, n - 1);
                all.push(p);
            }
        }
        all
    }

    #[test]
    fn reordering_in_place_gives_the_copied_order_for_every_permutation_up_to_seven() {
        for n in 0..=7 {
            let all = permutations(n);
            assert_eq!(all.len(), (1..=n).product::<usize>());
            for order in all {
                let items: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
                let mut moved = items.clone();
                let reorder = Reorder::new(&order);
                assert!(
                    reorder.swaps.len() < n.max(1),
                    "at most n − 1 swaps: {order:?}"
                );
                reorder.apply(&mut moved);
                assert_eq!(moved, copied(&items, &order), "{order:?}");
            }
        }
    }

    #[test]
    fn a_long_shuffle_and_its_inverse_come_back_and_other_lengths_are_left_alone() {
        // A deterministic shuffle of 10,000 rows (a linear congruential generator).
        let n = 10_000;
        let mut order: Vec<usize> = (0..n).collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for i in (1..n).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let items: Vec<u32> = (0..n as u32).map(|i| i * 7 + 3).collect();
        let mut moved = items.clone();
        Reorder::new(&order).apply(&mut moved);
        assert_eq!(moved, copied(&items, &order));
        // The inverse order takes every item back to where it was.
        let mut inverse = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            inverse[i] = k;
        }
        Reorder::new(&inverse).apply(&mut moved);
        assert_eq!(moved, items);
        // An empty column (no ranks for a direct score) stays empty; a column of another
        // length is not touched.
        let mut empty: Vec<u32> = Vec::new();
        Reorder::new(&order).apply(&mut empty);
        assert!(empty.is_empty());
        let mut short = vec![1, 2, 3];
        Reorder::new(&order).apply(&mut short);
        assert_eq!(short, [1, 2, 3]);
    }
}
