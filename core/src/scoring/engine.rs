//! [`evaluate`](super::evaluate)'s body: checks the dataset, scores every indicator column,
//! adds up groups, bonus and totals, ranks the parks and hands out the awards.

use super::awards;
use super::methods::{self, CellError, Rule};
use super::rank;
use super::reading;
use super::{
    Evaluation, GroupResult, IndicatorResult, MissingPolicy, Options, ParkResult, VetoedPark,
};
use crate::dataset::{Dataset, ParkRecord};
use crate::issue::{Issue, Location};
use crate::scheme::{BonusRule, Indicator, Method, Scheme};
use crate::score::Score;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Scores `data` under `scheme`; see [`super::evaluate`].
pub(super) fn evaluate(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
) -> Result<Evaluation, Vec<Issue>> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    check_override(options, &mut errors);
    check_names(data, &mut errors);

    let ranked: Vec<&ParkRecord> = data.parks.iter().filter(|p| p.veto.is_none()).collect();
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

    // indicator results per ranked park, in scheme order.
    let mut per_park: Vec<Vec<IndicatorResult>> = vec![Vec::new(); ranked.len()];
    for indicator in scheme.indicators() {
        let method = method_in_force(indicator, options);
        let rule = Rule {
            full: indicator.full,
            unit: &indicator.unit,
            method,
            direction: indicator.direction,
            places: scheme.rounding_places,
        };
        let values: Vec<Option<Decimal>> = ranked.iter().map(|p| p.value(&indicator.id)).collect();
        let outcomes = methods::score_column(rule, &values, options.missing);
        for (i, (park, outcome)) in ranked.iter().zip(outcomes).enumerate() {
            let value = values.get(i).copied().flatten();
            match outcome {
                Ok(o) => {
                    if value.is_none() {
                        notes.push(Issue::warning(
                            location(data, park, Some(indicator)),
                            format!("缺失数值，已按“{}”计分", policy_name(options.missing)),
                        ));
                    }
                    if let Some(results) = per_park.get_mut(i) {
                        results.push(IndicatorResult {
                            id: indicator.id.clone(),
                            value,
                            score: o.score,
                            full: indicator.full,
                            rank: o.rank,
                            explain: o.explain,
                        });
                    }
                }
                Err(e) => errors.push(cell_issue(data, park, indicator, e)),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let cumulative = options.cumulative_bonus.unwrap_or(scheme.bonus.cumulative);
    let mut parks = Vec::with_capacity(ranked.len());
    for (park, indicators) in ranked.iter().zip(per_park) {
        // `indicators` holds one result per indicator in scheme order, so each group's
        // results are the next `g.indicators.len()` of them.
        let mut rest = indicators.as_slice();
        let mut overflow = false;
        let groups: Vec<GroupResult> = scheme
            .groups
            .iter()
            .map(|g| {
                let (own, tail) = rest.split_at(g.indicators.len().min(rest.len()));
                rest = tail;
                let score = Score::checked_sum(own.iter().map(|r| r.score)).unwrap_or_else(|| {
                    overflow = true;
                    Score::ZERO
                });
                GroupResult {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    score,
                    full: g.weight,
                }
            })
            .collect();
        let base = Score::checked_sum(groups.iter().map(|g| g.score));
        let (bonus, bonus_explain) =
            match bonus(&scheme.bonus, cumulative, park, scheme.rounding_places) {
                Some(b) => b,
                None => {
                    errors.push(Issue::error(
                        location(data, park, None),
                        "附加分过大，无法计算（请检查方案中的附加分设置）",
                    ));
                    continue;
                }
            };
        let (Some(base), Some(total), false) =
            (base, base.and_then(|b| b.checked_add(bonus)), overflow)
        else {
            errors.push(
                Issue::error(
                    location(data, park, None),
                    "数值超出可计算范围：分组小计、基础分或总分无法相加",
                )
                .with_expected("方案中合理的分值（各项分值之和小于约 7.9 × 10²⁸）"),
            );
            continue;
        };
        parks.push(ParkResult {
            name: park.name.clone(),
            rank: 0,
            total,
            base,
            bonus,
            bonus_explain,
            groups,
            indicators,
            award_wan: None,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let totals: Vec<Score> = parks.iter().map(|p| p.total).collect();
    for (park, r) in parks.iter_mut().zip(rank::ranks_desc(&totals)) {
        park.rank = r;
    }
    parks.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.name.cmp(&b.name)));

    let awards = awards::awards(scheme, &mut parks, &mut notes);
    if parks.is_empty() {
        notes.push(Issue::info(
            Location {
                file: data.source.clone(),
                ..Location::default()
            },
            "没有参评园区（数据为空，或全部园区不予评价考核），排名为空",
        ));
    }
    let reading = reading::reading(scheme, data, options, cumulative);
    Ok(Evaluation {
        reading,
        parks,
        vetoed,
        awards,
        notes,
    })
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

/// Park names must be present and unique.
fn check_names(data: &Dataset, errors: &mut Vec<Issue>) {
    let mut seen: BTreeMap<&str, Option<u32>> = BTreeMap::new();
    for park in &data.parks {
        let name = park.name.as_str().trim();
        if name.is_empty() {
            errors.push(
                Issue::error(
                    Location {
                        park: None,
                        column: Some("园区名称".to_owned()),
                        ..location(data, park, None)
                    },
                    "园区名称为空",
                )
                .with_expected("园区名称，例如 东山园区"),
            );
            continue;
        }
        if let Some(first) = seen.get(name) {
            let first = first.map_or(String::new(), |r| format!("（第 {r} 行）"));
            errors.push(
                Issue::error(
                    Location {
                        column: Some("园区名称".to_owned()),
                        ..location(data, park, None)
                    },
                    format!("园区名称重复：与前面{first}的「{name}」相同"),
                )
                .with_expected("每个园区只占一行"),
            );
        } else {
            seen.insert(name, park.source_row);
        }
    }
}

fn location(data: &Dataset, park: &ParkRecord, indicator: Option<&Indicator>) -> Location {
    Location {
        file: data.source.clone(),
        sheet: None,
        row: park.source_row,
        column: indicator.map(|i| i.name.clone()),
        park: Some(park.name.0.clone()),
    }
}

fn cell_issue(data: &Dataset, park: &ParkRecord, indicator: &Indicator, e: CellError) -> Issue {
    let at = location(data, park, Some(indicator));
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

/// 附加分 and its explanation; `None` when the points overflow (an absurd scheme).
fn bonus(
    rule: &BonusRule,
    cumulative: bool,
    park: &ParkRecord,
    places: u32,
) -> Option<(Score, String)> {
    let (n, p) = (park.national_recognitions, park.provincial_recognitions);
    if n == 0 && p == 0 {
        let zero = Score::ZERO.round(places);
        return Some((zero, format!("无省级、国家级认定 = {}", zero.fixed(places))));
    }
    if cumulative {
        let points = Decimal::from(n)
            .checked_mul(rule.national)?
            .checked_add(Decimal::from(p).checked_mul(rule.provincial)?)?;
        let score = Score(points).round(places);
        Some((
            score,
            format!(
                "国家级认定 {n} 项 × {} + 省级认定 {p} 项 × {}；累加 = {}",
                methods::num(rule.national),
                methods::num(rule.provincial),
                score.fixed(places)
            ),
        ))
    } else {
        let points = if n > 0 {
            rule.national
        } else {
            rule.provincial
        };
        let score = Score(points).round(places);
        Some((
            score,
            format!(
                "国家级认定 {n} 项、省级认定 {p} 项；不累加，取最高一级 = {}",
                score.fixed(places)
            ),
        ))
    }
}
