//! [`Scheme`]: the evaluation's rules as data — groups, indicators, methods, bonus, veto,
//! awards and rounding.
//!
//! The Chifeng 2020 scheme (`schemes/chifeng-2020.toml`) is compiled in and is the default
//! ([`Scheme::chifeng_2020`]); another scheme can be loaded from TOML ([`Scheme::from_toml`]),
//! and is validated before use (weights add up, ids unique, methods known).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A group's stable id (`total`, `efficiency`, `investment`, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub String);

/// An indicator's stable id (`output_growth`, …): the same in scheme files, on the command
/// line, in exports and in the app.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndicatorId(pub String);

impl IndicatorId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for IndicatorId {
    fn from(s: &str) -> IndicatorId {
        IndicatorId(s.to_owned())
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a larger value is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Larger values rank first (every Chifeng indicator).
    #[default]
    HigherIsBetter,
    /// Smaller values rank first (for other schemes: energy per unit of output, say).
    LowerIsBetter,
}

/// How an indicator's value becomes a score. The ids (`rank_linear`, …) are the same in scheme
/// files, on the command line and in the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// 排序法, default reading: competition rank r among N ranked parks,
    /// score = full × (N − r) / (N − 1); N = 1 scores full.
    RankLinear,
    /// 排序法, "每降一名扣 step 分": full − (r − 1) × step, floored at 0.
    RankStep {
        /// Points lost per place.
        step: Decimal,
    },
    /// 排序法, "按与第一名比值折算": full × v / top, clamped to [0, full]; 0 when top ≤ 0.
    RatioToTop,
    /// full × (v − min) / (max − min); everyone full when all values are equal.
    MinMax,
    /// min(count × per_unit, cap): 每新增一户得 1 分，最高 3 分.
    CountCapped {
        /// Points per unit counted.
        per_unit: Decimal,
        /// The most points the indicator gives.
        cap: Decimal,
    },
    /// The value is the score a bureau assessed (绿色发展, 管理水平); outside [0, max] it is an error.
    Direct {
        /// The highest score the bureau may give.
        max: Decimal,
    },
}

impl Method {
    /// The method's id: `rank_linear`, `rank_step`, `ratio_to_top`, `min_max`, `count_capped`, `direct`.
    pub fn id(&self) -> &'static str {
        match self {
            Method::RankLinear => "rank_linear",
            Method::RankStep { .. } => "rank_step",
            Method::RatioToTop => "ratio_to_top",
            Method::MinMax => "min_max",
            Method::CountCapped { .. } => "count_capped",
            Method::Direct { .. } => "direct",
        }
    }

    /// Whether the score depends on the other parks' values (the 排序法 family, which
    /// `--method` replaces): `rank_linear`, `rank_step`, `ratio_to_top`, `min_max`.
    pub fn is_comparative(&self) -> bool {
        matches!(
            self,
            Method::RankLinear | Method::RankStep { .. } | Method::RatioToTop | Method::MinMax
        )
    }
}

/// One scored item (二级指标).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id.
    pub id: IndicatorId,
    /// The Chinese name exactly as in 附件2.
    pub name: String,
    /// The unit as in 附件2 (`亿元`, `%`, `万元/亩`, `户`, `—`).
    pub unit: String,
    /// Full points (分值).
    pub full: Decimal,
    /// How the value becomes a score.
    #[serde(flatten)]
    pub method: Method,
    /// Whether larger values are better.
    #[serde(default)]
    pub direction: Direction,
    /// The responsible bureau (负责单位).
    pub bureau: String,
    /// The sentence of the document the rule comes from.
    pub source: String,
    /// Other headers accepted for this column on import.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One group of indicators (一级指标) with its weight (权重).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Stable id.
    pub id: GroupId,
    /// The Chinese name (`总量指标`).
    pub name: String,
    /// The weight; equals the sum of its indicators' full points.
    pub weight: Decimal,
    /// The indicators, in the order of 附件2.
    pub indicators: Vec<Indicator>,
}

/// 附加分: points for recognitions the park received this year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BonusRule {
    /// Points for a provincial (省级 / 自治区级) recognition.
    pub provincial: Decimal,
    /// Points for a national (国家级) recognition.
    pub national: Decimal,
    /// `false` (default): a park gets its highest level once. `true`: every recognition adds.
    pub cumulative: bool,
}

/// 一票否决: which events take a park out of the evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoRule {
    /// The events, in the document's words.
    pub events: Vec<String>,
    /// The sentence of the document.
    pub source: String,
}

/// A special award (专项奖励) and the group that suggests its candidate, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialAward {
    /// The award's Chinese name (`创新发展`).
    pub name: String,
    /// The amount in 万元.
    pub amount_wan: Decimal,
    /// The group whose best park is proposed; `None`: chosen by the user.
    pub basis: Option<GroupId>,
}

/// The award money (综合奖励资金).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardPlan {
    /// Amounts for places 1, 2, 3… in 万元.
    pub places_wan: Vec<Decimal>,
    /// The special awards.
    pub special: Vec<SpecialAward>,
}

/// The whole table of rules (指标体系).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    /// Stable id (`chifeng-2020`).
    pub id: String,
    /// Title (`赤峰市工业园区综合发展评价考核指标体系`).
    pub name: String,
    /// The document it implements (`赤政发〔2020〕172号`).
    pub document: String,
    /// Decimal places every indicator score is rounded to (四舍五入).
    pub rounding_places: u32,
    /// The groups, in the order of 附件2.
    pub groups: Vec<Group>,
    /// 附加分.
    pub bonus: BonusRule,
    /// 一票否决.
    pub veto: VetoRule,
    /// 奖励.
    pub awards: AwardPlan,
}

impl Scheme {
    /// Every indicator, in order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.groups.iter().flat_map(|g| g.indicators.iter())
    }

    /// The indicator with id `id`.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&Indicator> {
        self.indicators().find(|i| &i.id == id)
    }
}
