//! The [`Reading`]: which reading of the document an evaluation used, one Chinese sentence per
//! choice, printed with every result.

use super::engine::{method_in_force, policy_name};
use super::explain::num;
use super::{MissingPolicy, Options, Reading, RenamedUnit, UnitsReading};
use crate::dataset::Dataset;
use crate::scheme::units::UnitMatch;
use crate::scheme::{percent, ClassBasis, ClassRule, Indicator, Method, Scheme};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Names listed in a reading sentence before `等 N 个` cuts the list.
const NAMES_SHOWN: usize = UnitsReading::UNLISTED_NAMED;

/// The reading of `scheme` under `options` for `data`.
pub(super) fn reading(
    scheme: &Scheme,
    data: &Dataset,
    options: &Options,
    cumulative: bool,
) -> Reading {
    let comparative: Vec<&Method> = scheme
        .indicators()
        .filter(|i| i.method.is_comparative())
        .map(|i| method_in_force(i, options))
        .collect();
    let ranking_method = comparative
        .first()
        .map_or(Method::RankLinear, |m| (*m).clone());
    let mixed = comparative.iter().any(|m| **m != ranking_method);
    let mut description_zh = Vec::new();
    // The scheme's word for a unit (园区 for Chifeng's: its sentences are as they were).
    let noun = scheme.unit_noun();

    let mut ranking = if comparative.is_empty() {
        "本方案没有排序法指标。".to_owned()
    } else if mixed {
        "排序法指标按方案中各自规定的方法计分（见各指标说明）。".to_owned()
    } else {
        method_sentence_for(&ranking_method, noun)
    };
    if options.ranking_method.is_some() && !comparative.is_empty() {
        ranking.push_str("（此方法为本次评分指定，替换了方案中的排序法方法。）");
    }
    description_zh.push(ranking);
    description_zh.push(format!(
        "名次按竞争排名法确定：数值相同的{noun}并列同一名次，其后的名次顺延（如 1、2、2、4）；增速等指标允许负数。"
    ));

    let (p, n) = (num(scheme.bonus.provincial), num(scheme.bonus.national));
    description_zh.push(if !scheme.has_bonus() {
        "本方案没有附加分：总分即各项指标得分之和。".to_owned()
    } else if cumulative {
        format!("附加分累加：每项国家级认定加 {n} 分，每项省级（自治区级）认定加 {p} 分。")
    } else {
        format!(
            "附加分不累加，取最高一级：有国家级认定加 {n} 分，否则有省级（自治区级）认定加 {p} 分，否则不加分。"
        )
    });

    description_zh.push(match options.missing {
        MissingPolicy::Error => format!(
            "缺失数值不会被当作 0：任何参评{noun}缺少指标数值时不予计分，并列出全部缺失项。"
        ),
        MissingPolicy::Zero => format!(
            "缺失数值按“{}”处理：该指标得 0 分，名次排在所有有数值的{noun}之后；N 仍计入该{noun}。",
            policy_name(MissingPolicy::Zero)
        ),
        MissingPolicy::RankLast => format!(
            "缺失数值按“{}”处理：缺失{noun}并列排在所有有数值的{noun}之后，按该名次计分（按比值、按极差折算的指标和非排序法指标得 0 分）；N 仍计入该{noun}。",
            policy_name(MissingPolicy::RankLast)
        ),
    });

    description_zh.extend(own_rule_sentences(scheme));

    let units = units_reading(scheme, data);
    if let Some(units) = &units {
        description_zh.push(units_sentence(units, noun));
    }

    let places = scheme.rounding_places;
    description_zh.push(format!(
        "每项指标得分四舍五入保留 {places} 位小数；分组小计为各项指标得分之和，基础分为各分组小计之和，总分 = 基础分 + 附加分。"
    ));
    if !scheme.veto.events.is_empty() {
        description_zh.push(format!(
            "发生{}的{noun}当年不予评价考核：不参与排名，也不计入参评{noun}数 N、最大值、最小值和第一名。",
            scheme.veto.events.join("或")
        ));
    }
    if let Some(classes) = &scheme.classes {
        description_zh.push(classes_sentence(classes));
    }
    if !scheme.awards.places_wan.is_empty() {
        let places: Vec<String> = scheme
            .awards
            .places_wan
            .iter()
            .enumerate()
            .map(|(i, a)| format!("第 {} 名 {} 万元", i + 1, num(*a)))
            .collect();
        description_zh.push(format!(
            "奖励：{}；总分并列的{noun}平分所占名次的奖励之和。",
            places.join("、")
        ));
    }

    Reading {
        scheme_id: scheme.id.clone(),
        ranking_method,
        cumulative_bonus: cumulative,
        missing: options.missing,
        rounding_places: places,
        units,
        description_zh,
        unit_noun: scheme.unit_noun.clone(),
    }
}

/// The data against the scheme's unit list; `None` when the scheme has none.
fn units_reading(scheme: &Scheme, data: &Dataset) -> Option<UnitsReading> {
    if !scheme.has_unit_list() {
        return None;
    }
    let mut present: BTreeSet<String> = BTreeSet::new();
    let mut reading = UnitsReading {
        listed: scheme.units.len(),
        ..UnitsReading::default()
    };
    let units = scheme.unit_index();
    for park in &data.parks {
        match units
            .match_listed(park.name.as_str())
            .as_ref()
            .and_then(UnitMatch::official)
        {
            Some(official) => {
                present.insert(official.to_owned());
                if let Some(written) = &park.written_name {
                    reading.renamed.push(RenamedUnit {
                        written: written.clone(),
                        official: official.to_owned(),
                    });
                }
            }
            None => reading.push_unlisted(park.name.as_str()),
        }
    }
    reading.missing = scheme
        .units
        .iter()
        .filter(|u| !present.contains(u.as_str()))
        .cloned()
        .collect();
    Some(reading)
}

/// `甲、乙、丙` — or the first [`NAMES_SHOWN`] and `等 N 个`.
fn names(list: &[String]) -> String {
    names_of(list, list.len())
}

/// [`names`] of a list of `total` names of which `list` holds the first ones.
fn names_of(list: &[String], total: usize) -> String {
    let shown: Vec<&str> = list.iter().take(NAMES_SHOWN).map(String::as_str).collect();
    if total > shown.len() {
        format!("{} 等 {total} 个", shown.join("、"))
    } else {
        shown.join("、")
    }
}

/// The sentence on the unit list, the units called `noun` (`Scheme::unit_noun`).
fn units_sentence(units: &UnitsReading, noun: &str) -> String {
    let mut parts = Vec::new();
    if units.missing.is_empty() && units.unlisted.is_empty() {
        parts.push(format!("名单中的单位全部参加评分，没有名单外的{noun}"));
    }
    if !units.missing.is_empty() {
        parts.push(format!(
            "已选择在缺少名单单位时继续评分：{} 不在数据中，未参加评分，参评{noun}数 N 不含它们",
            names(&units.missing)
        ));
    }
    if !units.unlisted.is_empty() {
        parts.push(format!(
            "已选择包括名单外的{noun}：{} 按所写名称参加评分，计入参评{noun}数 N",
            names_of(&units.unlisted, units.unlisted_total())
        ));
    }
    if !units.renamed.is_empty() {
        let pairs: Vec<String> = units
            .renamed
            .iter()
            .map(|r| format!("「{}」为「{}」", r.written, r.official))
            .collect();
        let shown = names(&pairs);
        parts.push(format!("数据中的{noun}名称按名单统一为正式名称：{shown}"));
    }
    format!(
        "参评单位按方案名单（附件1，{} 个单位）核对：{}。",
        units.listed,
        parts.join("；")
    )
}

impl Reading {
    /// The reading on one line, for a banner that expands to [`Reading::description_zh`]:
    /// `按名次线性折算 · 附加分不累加 · 缺失即报错`, plus the unit list's exceptions when there
    /// are any (`名单中 1 个单位未参评`, `含 2 个名单外园区`).
    pub fn summary_zh(&self) -> String {
        let mut parts = vec![
            self.ranking_method.name_zh(),
            if self.cumulative_bonus {
                "附加分累加"
            } else {
                "附加分不累加"
            }
            .to_owned(),
            self.missing.label_zh().to_owned(),
        ];
        if let Some(units) = &self.units {
            if !units.missing.is_empty() {
                parts.push(format!("名单中 {} 个单位未参评", units.missing.len()));
            }
            if !units.unlisted.is_empty() {
                parts.push(format!(
                    "含 {} 个名单外{}",
                    units.unlisted_total(),
                    self.unit_noun()
                ));
            }
        }
        parts.join(" · ")
    }
}

/// The sentence for one comparative method, with its formula, the units called 园区.
#[cfg(test)]
fn method_sentence(method: &Method) -> String {
    method_sentence_for(method, crate::scheme::DEFAULT_UNIT_NOUN)
}

/// The sentence for one comparative method, with its formula, the units called `noun`.
fn method_sentence_for(method: &Method, noun: &str) -> String {
    match method {
        Method::RankLinear => format!("排序法指标按名次线性折算：得分 = 满分 × (N − 名次) ÷ (N − 1)，N 为参评{noun}数；第一名得满分，最后一名得 0 分（“分数减完为止”），仅 1 个参评{noun}时得满分。"),
        Method::RankStep { step } => format!(
            "排序法指标每降一名扣 {} 分：得分 = 满分 − (名次 − 1) × {}，扣完为止（不低于 0）。",
            num(*step),
            num(*step)
        ),
        Method::RatioToTop => format!("排序法指标按与第一名的比值折算：得分 = 满分 × 本{noun}数值 ÷ 第一名数值，限定在 0 到满分之间；第一名数值不大于 0 时，除第一名外均得 0 分。"),
        Method::MinMax => "排序法指标按极差折算：得分 = 满分 × (数值 − 最小值) ÷ (最大值 − 最小值)；数值全部相同时均得满分。".to_owned(),
        Method::MinMaxFloor { floor } => format!(
            "排序法指标按极差折算、最低得满分的 {}%：得分 = 满分 × [{} + {} × (数值 − 最小值) ÷ (最大值 − 最小值)]；最后一名得满分的 {}%，数值全部相同时均得满分。",
            percent(*floor),
            num(*floor),
            num(Decimal::ONE.checked_sub(*floor).unwrap_or(Decimal::ZERO)),
            percent(*floor)
        ),
        Method::CountCapped { .. }
        | Method::Direct { .. }
        | Method::RatioToBenchmark { .. }
        | Method::Thresholds { .. }
        | Method::Deduction { .. } => {
            format!("排序法指标按 {} 计分。", method.name_zh())
        }
    }
}

/// The sentences on the scheme's methods that score a value by itself against its own
/// parameters (`ratio_to_benchmark`, `thresholds`, `deduction`), one per kind present, each
/// with every indicator's parameters (bounded by the scheme, not by the data). Empty for a
/// scheme without them (Chifeng's).
fn own_rule_sentences(scheme: &Scheme) -> Vec<String> {
    let mut out = Vec::new();
    let of = |pick: fn(&Method) -> bool| -> Vec<&Indicator> {
        scheme.indicators().filter(|i| pick(&i.method)).collect()
    };
    let benchmarks = of(|m| matches!(m, Method::RatioToBenchmark { .. }));
    if !benchmarks.is_empty() {
        let list: Vec<String> = benchmarks
            .iter()
            .filter_map(|i| match &i.method {
                Method::RatioToBenchmark { benchmark, cap } => Some(format!(
                    "{} {}{}",
                    i.name,
                    num(*benchmark),
                    if *cap { "（不超过满分）" } else { "" }
                )),
                _ => None,
            })
            .collect();
        out.push(format!(
            "比值法指标按与基准值的比值折算：得分 = 满分 × 数值 ÷ 基准值，数值不大于 0 时得 0 分；未注明“不超过满分”的指标，数值高于基准值时得分可超过满分。基准值：{}。",
            list.join("、")
        ));
    }
    let tables = of(|m| matches!(m, Method::Thresholds { .. }));
    if !tables.is_empty() {
        let list: Vec<String> = tables
            .iter()
            .map(|i| {
                format!(
                    "{}{}",
                    i.name,
                    i.method.name_zh().trim_start_matches("分档计分")
                )
            })
            .collect();
        out.push(format!(
            "分档计分的指标按数值所达到的最高一档得分：{}。",
            list.join("；")
        ));
    }
    let deductions = of(|m| matches!(m, Method::Deduction { .. }));
    if !deductions.is_empty() {
        let list: Vec<String> = deductions
            .iter()
            .map(|i| format!("{}{}", i.name, i.method.name_zh()))
            .collect();
        out.push(format!(
            "扣分项按发生次数从满分中扣分：得分 = 满分 − 次数 × 每项扣分，不低于最低得分（未规定时为 0）：{}。",
            list.join("；")
        ));
    }
    out
}

/// The sentence on the classes: how grades are given, the rounding of shares to counts, the
/// rule for ties at a boundary, and the units not rated.
pub(crate) fn classes_sentence(classes: &ClassRule) -> String {
    let grades: Vec<String> = match classes.by {
        ClassBasis::Share => classes
            .grades
            .iter()
            .map(|g| format!("{} {}%", g.name, g.share.map(num).unwrap_or_default()))
            .collect(),
        ClassBasis::Score => classes
            .grades
            .iter()
            .map(|g| match g.at_least {
                Some(at) => format!("{} 总分不低于 {}", g.name, num(at)),
                None => format!("{} 其余", g.name),
            })
            .collect(),
    };
    let rule = match classes.by {
        ClassBasis::Share => format!(
            "等级按参评单位名次比例依次划分：{}；各等级累计人数 = 参评单位数 N × 累计比例，向下取整（较优等级不超过其比例），最后一个等级包括其余单位；总分并列跨越等级分界的单位同属较优等级",
            grades.join("、")
        ),
        ClassBasis::Score => format!("等级按总分划分：{}", grades.join("、")),
    };
    if classes.not_rated.is_empty() {
        format!("{rule}。")
    } else {
        format!(
            "{rule}；{} 个单位不参评（{} 类）：列出但不评分、不排名，不计入参评单位数 N。",
            classes.not_rated.len(),
            crate::scheme::NOT_RATED_CLASS
        )
    }
}

#[cfg(test)]
mod tests {
    use super::method_sentence;
    use crate::scheme::Method;
    use crate::scoring::{MissingPolicy, Reading, UnitsReading};
    use rust_decimal::Decimal;

    /// The reading is printed on every view, printout and workbook: no method id
    /// (`rank_linear`, …) may appear in it, only the method's Chinese name and formula.
    #[test]
    fn method_sentences_name_the_method_in_chinese_without_its_id() {
        let one = Decimal::ONE;
        let methods = [
            Method::RankLinear,
            Method::RankStep { step: one },
            Method::RatioToTop,
            Method::MinMax,
            Method::CountCapped {
                per_unit: one,
                cap: one,
            },
            Method::Direct { max: one },
            Method::MinMaxFloor {
                floor: Decimal::new(2, 1),
            },
            Method::RatioToBenchmark {
                benchmark: one,
                cap: true,
            },
            Method::Deduction {
                per: one,
                minimum: Decimal::ZERO,
            },
        ];
        for method in methods {
            let sentence = method_sentence(&method);
            assert!(!sentence.contains(method.id()), "{sentence}");
            assert!(
                !sentence.contains(|c: char| c.is_ascii_alphabetic() && c != 'N'),
                "{sentence}"
            );
        }
        assert!(method_sentence(&Method::RankLinear)
            .starts_with("排序法指标按名次线性折算：得分 = 满分 × (N − 名次) ÷ (N − 1)"));
        assert!(method_sentence(&Method::RankStep { step: one })
            .starts_with("排序法指标每降一名扣 1 分："));
        assert!(
            method_sentence(&Method::RatioToTop).starts_with("排序法指标按与第一名的比值折算：")
        );
        assert!(method_sentence(&Method::MinMax).starts_with("排序法指标按极差折算："));
        assert_eq!(
            method_sentence(&Method::MinMaxFloor {
                floor: Decimal::new(2, 1)
            }),
            "排序法指标按极差折算、最低得满分的 20%：得分 = 满分 × [0.2 + 0.8 × (数值 − 最小值) ÷ (最大值 − 最小值)]；最后一名得满分的 20%，数值全部相同时均得满分。"
        );
    }

    /// The sentences of the presets' own methods and classes: no method id, no indicator id.
    #[test]
    fn the_presets_sentences_name_no_id() {
        for preset in &crate::scheme::presets::PRESETS {
            let scheme = preset.scheme().unwrap();
            let mut sentences = super::own_rule_sentences(&scheme);
            if let Some(c) = &scheme.classes {
                sentences.push(super::classes_sentence(c));
            }
            for s in &sentences {
                for id in Method::IDS {
                    assert!(!s.contains(id), "{s}");
                }
                for i in scheme.indicators() {
                    assert!(!s.contains(i.id.as_str()), "{s}");
                }
            }
        }
        let huangyan = crate::scheme::presets::preset("huangyan-2022")
            .unwrap()
            .scheme()
            .unwrap();
        assert_eq!(
            super::own_rule_sentences(&huangyan),
            ["比值法指标按与基准值的比值折算：得分 = 满分 × 数值 ÷ 基准值，数值不大于 0 时得 0 分；未注明“不超过满分”的指标，数值高于基准值时得分可超过满分。基准值：亩均税收 24.097、亩均增加值 136.16、单位能耗增加值 2.694、单位排放增加值 4929.81、全员劳动生产率 18.14、R&D经费占比 3.02。"]
        );
    }

    #[test]
    fn the_summary_names_each_choice_in_the_words_of_the_settings() {
        let mut reading = Reading {
            scheme_id: "x".into(),
            ranking_method: Method::RankLinear,
            cumulative_bonus: false,
            missing: MissingPolicy::Error,
            rounding_places: 2,
            units: None,
            description_zh: Vec::new(),
            unit_noun: None,
        };
        assert_eq!(
            reading.summary_zh(),
            "按名次线性折算 · 附加分不累加 · 缺失即报错"
        );
        reading.ranking_method = Method::RankStep {
            step: Decimal::new(5, 1),
        };
        reading.cumulative_bonus = true;
        reading.missing = MissingPolicy::RankLast;
        reading.units = Some(UnitsReading {
            listed: 14,
            missing: vec!["甲".into()],
            unlisted: vec!["乙".into(), "丙".into()],
            ..UnitsReading::default()
        });
        assert_eq!(
            reading.summary_zh(),
            "每降一名扣 0.5 分 · 附加分累加 · 缺失排最后 · 名单中 1 个单位未参评 · 含 2 个名单外园区"
        );
    }
}
