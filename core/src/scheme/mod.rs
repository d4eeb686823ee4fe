//! [`Scheme`]: the evaluation's rules as data — groups, indicators, methods, bonus, veto,
//! awards and rounding.
//!
//! The Chifeng 2020 scheme (`schemes/chifeng-2020.toml`) is compiled in and is the default
//! ([`Scheme::chifeng_2020`]); another scheme can be loaded from TOML ([`Scheme::from_toml`]),
//! and is validated before use ([`Scheme::validate`]).
//!
//! # Validation rules
//!
//! A scheme is valid when:
//! - it has at least one group and every group at least one indicator;
//! - every group and indicator id is non-empty, made of ASCII letters, digits, `_` and `-`, and
//!   unique across groups and indicators; indicator names and aliases are unique too (import
//!   matches columns by them);
//! - every indicator's full points are positive; a group's `weight` equals the sum of its
//!   indicators' full points;
//! - when the scheme declares a `total`, the group weights add up to it (the Chifeng scheme
//!   declares 100). Schemes without `total` may weigh to any sum: the weights of a scheme are
//!   its own business, but a declared total is a promise the file must keep;
//! - `rank_step` has a positive `step`; `count_capped` has a positive `per_unit` and a positive
//!   `cap` no greater than full; `direct` has `max` equal to full; a method gets no parameter
//!   it does not use (a misplaced `cap` is a typo worth reporting); `lower_is_better` is
//!   only for the comparative methods (a count or an assessed score has no direction);
//! - bonus points and award amounts are not negative; a special award's `basis` names a group;
//! - `rounding_places` is at most [`MAX_ROUNDING_PLACES`];
//! - `unit_noun` (评价对象, optional, default 园区), when given, is a word of 1 to
//!   [`limits::UNIT_NOUN_CHARS`] characters without spaces, digits or punctuation.

mod error;
mod file;
pub mod presets;
mod toml_text;
pub mod units;

pub use error::{locate, SchemeError, MAX_ROUNDING_PLACES};
pub use units::{normalize_unit_name, UnitIndex, UnitMatch};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// The text of the built-in Chifeng 2020 scheme, comments included (`parkscore scheme` prints it).
pub const CHIFENG_2020_TOML: &str = include_str!("../../schemes/chifeng-2020.toml");

/// The fingerprint of the built-in scheme ([`Scheme::chifeng_2020`]), computed once.
pub fn builtin_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| Scheme::chifeng_2020().fingerprint())
}

/// A group's stable id (`total`, `efficiency`, `investment`, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub String);

/// An indicator's stable id (`output_growth`, …): the same in scheme files, on the command
/// line, in exports and in the app. Shared text: a clone (one per value of every park read)
/// copies a pointer, not the string. A thin pointer (`Arc<String>`, 8 bytes, not `Arc<str>`'s
/// 16): a dataset holds one beside every value, and at 100,000 parks the 8 bytes saved per
/// value were 18 MB.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(std::sync::Arc<String>);

impl IndicatorId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are the same shared text (a clone of one id): a pointer comparison.
    /// Equal ids made separately are not the same; compare with `==` for equality.
    pub fn same(&self, other: &IndicatorId) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Serialize for IndicatorId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IndicatorId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<IndicatorId, D::Error> {
        String::deserialize(d).map(|s| IndicatorId(std::sync::Arc::new(s)))
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for IndicatorId {
    fn from(s: &str) -> IndicatorId {
        IndicatorId(std::sync::Arc::new(s.to_owned()))
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
    /// 排序法, "按与第一名的比值折算": full × v / top, clamped to [0, full]; 0 when top ≤ 0.
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
    /// 亩均 schemes' 比值法: full × x ÷ benchmark, not below 0; with `cap`, not above full.
    /// Higher is better only (a lower-is-better figure is written in its inverse form, 税收 ÷
    /// 能耗 rather than 能耗 ÷ 税收, as the 亩均 schemes publish it).
    RatioToBenchmark {
        /// The benchmark b (> 0): the value that scores full (the year's published 基准值).
        benchmark: Decimal,
        /// Whether the score stops at full (`cap = true`); without it a value above the
        /// benchmark scores above full.
        cap: bool,
    },
    /// 极差法 with a floor: full × [a + (1 − a) × (x − min) ÷ (max − min)]; the last gets a × full,
    /// the first full; all values equal: full.
    MinMaxFloor {
        /// a ∈ [0, 1]: the share of full the last park gets (0.2: 20 %).
        floor: Decimal,
    },
    /// 分档计分: the points of the first level the value reaches (≥ its bound when higher is
    /// better, ≤ when lower is better), else `otherwise`.
    Thresholds {
        /// The levels from the best to the worst: bounds of one kind, strictly worsening;
        /// points not increasing, every point within [0, full].
        levels: Vec<Level>,
        /// The points of a value that reaches no level (0 unless the scheme says).
        otherwise: Decimal,
    },
    /// 扣分制: full − count × per, not below `minimum`; the value is a count of occurrences
    /// (督察问题, 较大安全事故), a non-negative integer.
    Deduction {
        /// Points taken off per occurrence (> 0).
        per: Decimal,
        /// The lowest score (0 unless the scheme says; within [0, full)).
        minimum: Decimal,
    },
}

/// One level of a [`Method::Thresholds`] table: a value reaching `bound` scores `points`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The least (higher is better) or greatest (lower is better) value of the level.
    pub bound: Bound,
    /// The level's points.
    pub points: Decimal,
}

/// A level's bound: `≥ 10` (`at_least`, higher is better) or `≤ 0.5` (`at_most`, lower is
/// better). A table's levels all have the same kind, the one of the indicator's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The value is at least this.
    AtLeast(Decimal),
    /// The value is at most this.
    AtMost(Decimal),
}

impl Bound {
    /// The bound's number.
    pub fn value(self) -> Decimal {
        match self {
            Bound::AtLeast(b) | Bound::AtMost(b) => b,
        }
    }

    /// Whether `v` reaches the bound.
    pub fn reached(self, v: Decimal) -> bool {
        match self {
            Bound::AtLeast(b) => v >= b,
            Bound::AtMost(b) => v <= b,
        }
    }

    /// The direction the bound belongs to.
    pub fn direction(self) -> Direction {
        match self {
            Bound::AtLeast(_) => Direction::HigherIsBetter,
            Bound::AtMost(_) => Direction::LowerIsBetter,
        }
    }
}

impl fmt::Display for Bound {
    /// `≥ 10`, `≤ 0.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::AtLeast(b) => write!(f, "≥ {}", b.normalize()),
            Bound::AtMost(b) => write!(f, "≤ {}", b.normalize()),
        }
    }
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
            Method::RatioToBenchmark { .. } => "ratio_to_benchmark",
            Method::MinMaxFloor { .. } => "min_max_floor",
            Method::Thresholds { .. } => "thresholds",
            Method::Deduction { .. } => "deduction",
        }
    }

    /// Every method id a scheme file may name, in the order the messages list them.
    pub const IDS: [&'static str; 10] = [
        "rank_linear",
        "rank_step",
        "ratio_to_top",
        "min_max",
        "min_max_floor",
        "ratio_to_benchmark",
        "thresholds",
        "count_capped",
        "deduction",
        "direct",
    ];

    /// Whether the score depends on the other parks' values (the 排序法 family, which
    /// `--method` replaces): `rank_linear`, `rank_step`, `ratio_to_top`, `min_max`,
    /// `min_max_floor`. The others score a value by itself (`ratio_to_benchmark` against a
    /// fixed benchmark, `thresholds`, `count_capped`, `deduction`, `direct`).
    pub fn is_comparative(&self) -> bool {
        matches!(
            self,
            Method::RankLinear
                | Method::RankStep { .. }
                | Method::RatioToTop
                | Method::MinMax
                | Method::MinMaxFloor { .. }
        )
    }

    /// Whether `direction = "lower_is_better"` means something for this method: the
    /// comparative ones and `thresholds` (bounds read as upper bounds).
    pub fn has_direction(&self) -> bool {
        self.is_comparative() || matches!(self, Method::Thresholds { .. })
    }

    /// Whether the value is a count of occurrences (a non-negative integer): `count_capped`,
    /// `deduction`.
    pub fn counts(&self) -> bool {
        matches!(self, Method::CountCapped { .. } | Method::Deduction { .. })
    }

    /// The ids of the comparative methods, in the order a user is offered them.
    pub const COMPARATIVE_IDS: [&'static str; 4] =
        ["rank_linear", "rank_step", "ratio_to_top", "min_max"];

    /// The comparative method called `id` (`--method`, the app's selector); `step` is the
    /// points lost per place, required by `rank_step` and refused by the others.
    ///
    /// The error is a Chinese sentence saying what was expected.
    pub fn comparative(id: &str, step: Option<Decimal>) -> Result<Method, String> {
        let method = match (id.trim(), step) {
            ("rank_linear", None) => Method::RankLinear,
            ("ratio_to_top", None) => Method::RatioToTop,
            ("min_max", None) => Method::MinMax,
            ("rank_step", Some(step)) if step > Decimal::ZERO => Method::RankStep { step },
            ("rank_step", Some(step)) => {
                return Err(format!("每降一名扣分 step 为 {step}，应大于 0"))
            }
            ("rank_step", None) => {
                return Err("rank_step 方法需要每降一名扣的分数（--step，例如 0.5）".to_owned())
            }
            ("rank_linear" | "ratio_to_top" | "min_max", Some(_)) => {
                return Err(format!("{id} 方法不使用每降一名扣分 step，只有 rank_step 使用"))
            }
            (other, _) => {
                return Err(format!(
                    "排序法计分方法「{other}」未知：应为 rank_linear、rank_step、ratio_to_top 或 min_max"
                ))
            }
        };
        Ok(method)
    }

    /// The method's one Chinese name, used by every view, printout, workbook and message:
    /// `按名次线性折算`, `每降一名扣 0.5 分`, `按与第一名的比值折算`, `按极差折算`, `每户 1 分、上限 3 分`, `直接评分（满分 3）`.
    pub fn name_zh(&self) -> String {
        match self {
            Method::RankLinear => "按名次线性折算".to_owned(),
            Method::RankStep { step } => format!("每降一名扣 {} 分", step.normalize()),
            Method::RatioToTop => "按与第一名的比值折算".to_owned(),
            Method::MinMax => "按极差折算".to_owned(),
            Method::CountCapped { per_unit, cap } => format!(
                "每个 {} 分、上限 {} 分",
                per_unit.normalize(),
                cap.normalize()
            ),
            Method::Direct { max } => format!("直接评分（满分 {}）", max.normalize()),
            Method::RatioToBenchmark { benchmark, cap } => format!(
                "按与基准值 {} 的比值折算{}",
                benchmark.normalize(),
                if *cap { "（不超过满分）" } else { "" }
            ),
            Method::MinMaxFloor { floor } => {
                format!("按极差折算、最低得满分的 {}%", percent(*floor))
            }
            Method::Thresholds { levels, otherwise } => {
                format!(
                    "分档计分（{}，其余 {} 分）",
                    levels_zh(levels),
                    otherwise.normalize()
                )
            }
            Method::Deduction { per, minimum } => {
                if minimum.is_zero() {
                    format!("每项扣 {} 分，扣完为止", per.normalize())
                } else {
                    format!(
                        "每项扣 {} 分、最低 {} 分",
                        per.normalize(),
                        minimum.normalize()
                    )
                }
            }
        }
    }
}

/// A thresholds method's levels in words, best first: `≥ 10 得 5 分，≥ 5 得 3 分` (the method's
/// name and the template's 填报说明 both say them so).
pub(crate) fn levels_zh(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| format!("{} 得 {} 分", l.bound, l.points.normalize()))
        .collect::<Vec<_>>()
        .join("，")
}

/// A share (0.2) as a percentage's number (`20`); exact, no trailing zeros.
pub(crate) fn percent(share: Decimal) -> String {
    share
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(share)
        .normalize()
        .to_string()
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

impl Indicator {
    /// The unit to print after a value (`亿元`, `%`), or `None` for a bureau-assessed score
    /// (附件2 writes `—`) or an indicator without one.
    pub fn value_unit(&self) -> Option<&str> {
        match self.unit.trim() {
            "" | "—" | "-" => None,
            unit => Some(unit),
        }
    }
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
    /// The departments that supply its figures (附件2's 负责单位, `市工信局`, `市统计局`), in
    /// the document's order: each gets a template with this group's columns, and a value still
    /// missing after the merge is listed under them. Empty when the scheme does not say.
    #[serde(default)]
    pub departments: Vec<String>,
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
    /// The departments that supply the recognition counts (their templates get the two
    /// columns); empty when the scheme does not say.
    #[serde(default)]
    pub departments: Vec<String>,
}

/// 一票否决: which events take a park out of the evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoRule {
    /// The events, in the document's words.
    pub events: Vec<String>,
    /// The sentence of the document.
    pub source: String,
    /// The departments that report vetoing events (their templates get the 一票否决 and
    /// 否决原因 columns); empty when the scheme does not say.
    #[serde(default)]
    pub departments: Vec<String>,
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
    /// The reports' title without the year (`赤峰市工业园区综合发展评价考核结果`); `None`: made
    /// from [`Scheme::name`] (see [`Scheme::report_title`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The short title export file names begin with (`赤峰市工业园区评价结果`); `None`: the
    /// report title (see [`Scheme::file_title`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Decimal places every indicator score is rounded to (四舍五入).
    pub rounding_places: u32,
    /// The declared sum of the group weights (100 for Chifeng), checked by validation;
    /// `None`: the weights may add up to anything.
    #[serde(default)]
    pub total: Option<Decimal>,
    /// The units evaluated, in the document's order (the template lists them); empty when the
    /// scheme does not say.
    #[serde(default)]
    pub units: Vec<String>,
    /// Other names accepted for a listed unit, by official name (`敖汉工业园区` for
    /// `敖汉旗工业园区`); see [`units`] for how names are matched. Empty when the scheme lists
    /// none.
    #[serde(default)]
    pub unit_aliases: BTreeMap<String, Vec<String>>,
    /// The groups, in the order of 附件2.
    pub groups: Vec<Group>,
    /// 附加分.
    pub bonus: BonusRule,
    /// 一票否决.
    pub veto: VetoRule,
    /// 奖励.
    pub awards: AwardPlan,
    /// 等级 (A/B/C/D) given after the ranking; `None`: the scheme grades nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<ClassRule>,
    /// 评价对象: the word for one evaluated unit in the page's headings, captions and status
    /// (`企业` for a 亩均 evaluation of enterprises); `None`: 园区 ([`Scheme::unit_noun`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
}

/// The word for an evaluated unit when the scheme does not say ([`Scheme::unit_noun`]).
pub const DEFAULT_UNIT_NOUN: &str = "园区";

/// The word for an evaluated unit as a scheme, a result or a place carries it: the word
/// trimmed, else [`DEFAULT_UNIT_NOUN`] (none given, or a blank one). The one rule every
/// `unit_noun()` / `noun()` accessor follows.
pub fn unit_noun_or_default(noun: Option<&str>) -> &str {
    noun.map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(DEFAULT_UNIT_NOUN)
}

/// How the ranked units are graded after scoring (淮安: A top 20 %, B next 40 %, C next 35 %,
/// D last 5 %; T 不参评).
///
/// **By share**: with N ranked units and the grades' cumulative shares c₁ < c₂ < … = 100 %, the
/// first ⌊N × cₖ ÷ 100⌋ places belong to the first k grades (a better grade never exceeds its
/// share: 14 units at 20/40/35/5 % give A ⌊2.8⌋ = 2, A+B ⌊8.4⌋ = 8, A+B+C ⌊13.3⌋ = 13, D the
/// last 1). A unit's grade is read from its competition rank on the total: the first grade
/// whose cumulative count reaches the rank, so **units tied at a boundary share the better
/// grade** (the grade below shrinks by as many). **By score**: the first grade whose
/// `at_least` the total reaches; the last grade takes the rest.
///
/// Units listed in `not_rated` (T, 不参评: utilities, firms producing less than two years)
/// leave the pool like vetoed units: they are listed but not scored, ranked or counted in N.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRule {
    /// Whether the grades go by share of the ranked units or by score.
    pub by: ClassBasis,
    /// The grades from the best (2 to [`limits::GRADES`]).
    pub grades: Vec<Grade>,
    /// The units graded T (不参评), by name as in the data.
    #[serde(default)]
    pub not_rated: Vec<String>,
}

/// What a [`ClassRule`] grades by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassBasis {
    /// By share of the ranked units (percentages summing to 100).
    Share,
    /// By total score (each grade but the last has a least total).
    Score,
}

/// One grade of a [`ClassRule`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// Its name (`A`).
    pub name: String,
    /// By share: the grade's share of the ranked units in percent (20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
    /// By score: the least total of the grade; `None` for the last grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Decimal>,
}

/// The name of the class of units not rated (不参评).
pub const NOT_RATED_CLASS: &str = "T";

/// The sizes a scheme file may reach: a scheme comes from anywhere, and each limit is named in
/// the message that refuses a file beyond it.
pub mod limits {
    /// The scheme file's size in bytes (1 MiB).
    pub const FILE_BYTES: usize = 1024 * 1024;
    /// Groups.
    pub const GROUPS: usize = 50;
    /// Indicators, all groups together.
    pub const INDICATORS: usize = 500;
    /// Units on the list (and units marked 不参评).
    pub const UNITS: usize = 20_000;
    /// Levels of one thresholds table.
    pub const LEVELS: usize = 20;
    /// Grades of the classes.
    pub const GRADES: usize = 10;
    /// Entries of any other list (departments, aliases, veto events, awards).
    pub const LIST: usize = 100;
    /// Characters of an id, a name, a unit or a grade's name.
    pub const NAME_CHARS: usize = 200;
    /// Characters of a longer text (a title, a document, a source sentence).
    pub const TEXT_CHARS: usize = 2_000;
    /// Characters of the word for an evaluated unit (`unit_noun`: 园区, 企业).
    pub const UNIT_NOUN_CHARS: usize = 10;
}

impl Scheme {
    /// The built-in Chifeng 2020 scheme ([`CHIFENG_2020_TOML`]), the default.
    pub fn chifeng_2020() -> Scheme {
        match Scheme::from_toml(CHIFENG_2020_TOML) {
            Ok(scheme) => scheme,
            // The file is compiled in and a unit test parses and validates it, so this arm is
            // unreachable in a tested build.
            Err(e) => unreachable!("the built-in scheme is invalid: {e}"),
        }
    }

    /// Parses and validates a scheme file (see the module documentation for the rules); the
    /// first problem is returned ([`Scheme::check`] gives every one).
    pub fn from_toml(text: &str) -> Result<Scheme, SchemeError> {
        Scheme::check(text).map_err(|mut errors| {
            if errors.is_empty() {
                // `check` never fails without a problem; said plainly if it ever did.
                SchemeError::Syntax {
                    message: "方案无效".to_owned(),
                }
            } else {
                errors.swap_remove(0)
            }
        })
    }

    /// Parses and validates a scheme file, collecting every problem: a syntax error (TOML, a
    /// wrong type, an unknown setting: one, with its line and column), then every method that
    /// cannot be read, else every broken rule ([`Scheme::problems`]). A file larger than
    /// [`limits::FILE_BYTES`] is refused before it is parsed. [`locate`] finds the line a
    /// problem is about.
    pub fn check(text: &str) -> Result<Scheme, Vec<SchemeError>> {
        if text.len() > limits::FILE_BYTES {
            return Err(vec![SchemeError::TooBig { bytes: text.len() }]);
        }
        let file: file::SchemeFile =
            toml_text::from_str(text).map_err(|message| vec![SchemeError::Syntax { message }])?;
        let scheme = file.into_scheme()?;
        let problems = scheme.problems();
        if problems.is_empty() {
            Ok(scheme)
        } else {
            Err(problems)
        }
    }

    /// The scheme's fingerprint: the first 8 hex digits of the SHA-256 of its canonical form
    /// ([`Scheme::to_toml`]: the parsed scheme printed back, so comments, blank lines, key
    /// order, `0.50` for `0.5` and a string `"20"` for `20` do not change it; any rule, name,
    /// unit or parameter does). Two offices that see the same fingerprint scored with the
    /// same rules.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.to_toml().as_bytes());
        digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
    }

    /// The scheme's title and fingerprint as every output prints them:
    /// `赤峰市工业园区综合发展评价考核指标体系（指纹 1a2b3c4d）`.
    pub fn title_with_fingerprint(&self) -> String {
        format!("{}（指纹 {}）", self.name, self.fingerprint())
    }

    /// The scheme as a TOML file that [`Scheme::from_toml`] reads back to an equal scheme
    /// (without the comments of the original file).
    pub fn to_toml(&self) -> String {
        // A SchemeFile holds only strings, numbers, booleans, tables and arrays of them, in an
        // order TOML can always express, so serialisation cannot fail.
        toml_text::to_string(&file::SchemeFile::from_scheme(self))
            .unwrap_or_else(|e| format!("# 无法输出方案：{e}\n"))
    }

    /// Checks the rules listed in the module documentation; the first broken rule is returned
    /// ([`Scheme::problems`] gives every one).
    pub fn validate(&self) -> Result<(), SchemeError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every broken rule of the module documentation, in the file's order (`parkscore scheme
    /// check` prints them all). Bounded: the scheme's sizes are checked first, and a scheme
    /// beyond a limit gets that one error.
    pub fn problems(&self) -> Vec<SchemeError> {
        let mut out = Vec::new();
        if let Err(e) = self.check_sizes() {
            out.push(e);
            return out;
        }
        let mut p = |r: Result<(), SchemeError>| {
            if let Err(e) = r {
                out.push(e);
            }
        };
        if self.rounding_places > MAX_ROUNDING_PLACES {
            p(Err(SchemeError::BadRounding {
                places: self.rounding_places,
            }));
        }
        if self.groups.is_empty() {
            p(Err(SchemeError::Empty {
                what: "方案".to_owned(),
            }));
        }
        if let Some(noun) = &self.unit_noun {
            p(check_unit_noun(noun));
        }
        let mut units = BTreeSet::new();
        for unit in &self.units {
            if !units.insert(normalize_unit_name(unit)) {
                p(Err(SchemeError::DuplicateUnit { name: unit.clone() }));
            }
        }
        let mut aliases = BTreeSet::new();
        for (official, list) in &self.unit_aliases {
            for alias in list {
                let bad = |why: &str| {
                    Err(SchemeError::BadUnitAlias {
                        official: official.clone(),
                        alias: alias.clone(),
                        why: why.to_owned(),
                    })
                };
                let norm = normalize_unit_name(alias);
                if !units.contains(&normalize_unit_name(official)) {
                    p(bad("这个正式名称不在 units 名单中"));
                } else if norm.is_empty() {
                    p(bad("别名为空"));
                } else if units.contains(&norm) {
                    p(bad("别名与名单中的正式名称相同"));
                } else if !aliases.insert(norm) {
                    p(bad("别名重复"));
                }
            }
        }
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut group_names = BTreeSet::new();
        let mut weights = Some(Decimal::ZERO);
        for group in &self.groups {
            p(check_id("分组", &group.id.0));
            if !ids.insert(group.id.0.as_str()) {
                p(Err(SchemeError::DuplicateId {
                    id: group.id.0.clone(),
                }));
            }
            // A group's name heads its column in every ranking and keys its subtotal in JSON.
            if !group_names.insert(group.name.trim()) {
                p(Err(SchemeError::DuplicateGroupName {
                    name: group.name.clone(),
                }));
            }
            p(check_departments(
                &format!("分组「{}」", group.name),
                &group.departments,
            ));
            if group.indicators.is_empty() {
                p(Err(SchemeError::Empty {
                    what: format!("分组 {}", group.id),
                }));
                continue;
            }
            let mut sum = Some(Decimal::ZERO);
            for indicator in &group.indicators {
                for e in check_indicator(indicator) {
                    p(Err(e));
                }
                if !ids.insert(indicator.id.as_str()) {
                    p(Err(SchemeError::DuplicateId {
                        id: indicator.id.as_str().to_owned(),
                    }));
                }
                for name in std::iter::once(&indicator.name).chain(&indicator.aliases) {
                    if !names.insert(name.trim()) {
                        p(Err(SchemeError::DuplicateName { name: name.clone() }));
                    }
                }
                sum = sum.and_then(|s| s.checked_add(indicator.full));
            }
            match sum {
                None => p(Err(overflow(&group.id.0))),
                Some(sum) if sum != group.weight => p(Err(SchemeError::WeightMismatch {
                    group: group.id.0.clone(),
                    weight: group.weight,
                    sum,
                })),
                Some(_) => {}
            }
            weights = weights.and_then(|w| w.checked_add(group.weight));
        }
        match (self.total, weights) {
            (_, None) => p(Err(overflow("各分组权重"))),
            (Some(total), Some(sum)) if total != sum => {
                p(Err(SchemeError::TotalMismatch { total, sum }))
            }
            _ => {}
        }
        p(check_departments(
            "附加分（bonus）",
            &self.bonus.departments,
        ));
        p(check_departments(
            "一票否决（veto）",
            &self.veto.departments,
        ));
        p(non_negative(
            "附加分 bonus.provincial",
            self.bonus.provincial,
        ));
        p(non_negative("附加分 bonus.national", self.bonus.national));
        for (i, amount) in self.awards.places_wan.iter().enumerate() {
            p(non_negative(
                &format!("第 {} 名奖励 awards.places_wan", i + 1),
                *amount,
            ));
        }
        for award in &self.awards.special {
            p(non_negative(
                &format!("专项奖励「{}」的金额", award.name),
                award.amount_wan,
            ));
            if let Some(basis) = &award.basis {
                if !self.groups.iter().any(|g| &g.id == basis) {
                    p(Err(SchemeError::UnknownBasis {
                        award: award.name.clone(),
                        basis: basis.0.clone(),
                    }));
                }
            }
        }
        if let Some(classes) = &self.classes {
            for e in check_classes(classes, &units, &aliases) {
                p(Err(e));
            }
        }
        out
    }

    /// The sizes of [`limits`]: how many groups, indicators, units, levels, grades and list
    /// entries, and how long each text.
    fn check_sizes(&self) -> Result<(), SchemeError> {
        use limits::{GRADES, GROUPS, INDICATORS, LEVELS, LIST, NAME_CHARS, TEXT_CHARS, UNITS};
        let count = |what: &str, n: usize, max: usize| {
            if n > max {
                Err(SchemeError::TooMany {
                    what: what.to_owned(),
                    count: n,
                    max,
                })
            } else {
                Ok(())
            }
        };
        let chars = |what: &dyn Fn() -> String, text: &str, max: usize| {
            let n = text.chars().count();
            if n > max {
                Err(SchemeError::TooLong {
                    what: what(),
                    chars: n,
                    max,
                })
            } else {
                Ok(())
            }
        };
        count("分组（groups）", self.groups.len(), GROUPS)?;
        count("指标", self.indicators().count(), INDICATORS)?;
        count("参评单位（units）", self.units.len(), UNITS)?;
        count("单位别名（unit_aliases）", self.unit_aliases.len(), UNITS)?;
        count("一票否决事项（veto.events）", self.veto.events.len(), LIST)?;
        count(
            "名次奖励（awards.places_wan）",
            self.awards.places_wan.len(),
            LIST,
        )?;
        count(
            "专项奖励（awards.special）",
            self.awards.special.len(),
            LIST,
        )?;
        count("附加分负责单位", self.bonus.departments.len(), LIST)?;
        count("一票否决负责单位", self.veto.departments.len(), LIST)?;
        for (what, text) in [
            ("方案编号 id", &self.id),
            ("方案名称 name", &self.name),
            ("文件号 document", &self.document),
        ] {
            chars(&|| what.to_owned(), text, TEXT_CHARS)?;
        }
        for text in self.title.iter().chain(&self.short_title) {
            chars(&|| "标题 title / short_title".to_owned(), text, TEXT_CHARS)?;
        }
        if let Some(noun) = &self.unit_noun {
            chars(&|| "评价对象 unit_noun".to_owned(), noun, NAME_CHARS)?;
        }
        chars(
            &|| "一票否决的说明 veto.source".to_owned(),
            &self.veto.source,
            TEXT_CHARS,
        )?;
        for unit in self
            .units
            .iter()
            .chain(self.unit_aliases.values().flatten())
        {
            chars(
                &|| format!("单位名称「{}…」", prefix(unit)),
                unit,
                NAME_CHARS,
            )?;
        }
        for list in self.unit_aliases.values() {
            count("一个单位的别名", list.len(), LIST)?;
        }
        for text in self
            .veto
            .events
            .iter()
            .chain(&self.bonus.departments)
            .chain(&self.veto.departments)
            .chain(self.awards.special.iter().map(|s| &s.name))
        {
            chars(&|| format!("「{}…」", prefix(text)), text, NAME_CHARS)?;
        }
        for g in &self.groups {
            let at = || format!("分组 {}", prefix(&g.id.0));
            count(&format!("{}的指标", at()), g.indicators.len(), INDICATORS)?;
            count(&format!("{}的负责单位", at()), g.departments.len(), LIST)?;
            for text in std::iter::once(&g.id.0)
                .chain(std::iter::once(&g.name))
                .chain(&g.departments)
            {
                chars(
                    &|| format!("{}的「{}…」", at(), prefix(text)),
                    text,
                    NAME_CHARS,
                )?;
            }
            for i in &g.indicators {
                let at = || format!("指标 {}", prefix(i.id.as_str()));
                count(&format!("{}的别名", at()), i.aliases.len(), LIST)?;
                for text in [i.id.as_str(), &i.name, &i.unit, &i.bureau]
                    .into_iter()
                    .chain(i.aliases.iter().map(String::as_str))
                {
                    chars(
                        &|| format!("{}的「{}…」", at(), prefix(text)),
                        text,
                        NAME_CHARS,
                    )?;
                }
                chars(&|| format!("{}的说明 source", at()), &i.source, TEXT_CHARS)?;
                if let Method::Thresholds { levels, .. } = &i.method {
                    count(&format!("{}的分档 levels", at()), levels.len(), LEVELS)?;
                }
            }
        }
        if let Some(c) = &self.classes {
            count("等级（classes.grades）", c.grades.len(), GRADES)?;
            count("不参评单位（classes.not_rated）", c.not_rated.len(), UNITS)?;
            for text in c.grades.iter().map(|g| &g.name).chain(&c.not_rated) {
                chars(
                    &|| format!("等级设置中的「{}…」", prefix(text)),
                    text,
                    NAME_CHARS,
                )?;
            }
        }
        Ok(())
    }

    /// The reports' title without the year: [`Scheme::title`], else the name with a final
    /// 指标体系 (and a parenthesised suffix such as （评分标准）) replaced by 结果
    /// (`赤峰市工业园区综合发展评价考核指标体系` → `赤峰市工业园区综合发展评价考核结果`), else the
    /// name followed by 结果. A blank title counts as none.
    pub fn report_title(&self) -> String {
        if let Some(title) = self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            return title.to_owned();
        }
        let name = self.name.trim();
        let name = match name.rfind(['（', '(']) {
            Some(at) if name.ends_with(['）', ')']) && at > 0 => name[..at].trim_end(),
            _ => name,
        };
        let stem = name.strip_suffix("指标体系").unwrap_or(name);
        let stem = stem.strip_suffix("结果").unwrap_or(stem);
        format!("{stem}结果")
    }

    /// The short title export file names begin with: [`Scheme::short_title`], else
    /// [`Scheme::report_title`]. A blank short title counts as none.
    pub fn file_title(&self) -> String {
        self.short_title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or_else(|| self.report_title(), str::to_owned)
    }

    /// 评价对象: the word for one evaluated unit — `unit_noun` (`企业`), else
    /// [`DEFAULT_UNIT_NOUN`] (`园区`, the built-in scheme's word). A blank word counts as none.
    pub fn unit_noun(&self) -> &str {
        unit_noun_or_default(self.unit_noun.as_deref())
    }

    /// Whether the scheme gives bonus points (附加分): not when both levels are 0.
    pub fn has_bonus(&self) -> bool {
        !(self.bonus.provincial.is_zero() && self.bonus.national.is_zero())
    }

    /// Whether the scheme has veto events (一票否决).
    pub fn has_veto(&self) -> bool {
        !self.veto.events.is_empty()
    }

    /// The group with id `id`.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| &g.id == id)
    }

    /// Every indicator, in order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.groups.iter().flat_map(|g| g.indicators.iter())
    }

    /// The indicator with id `id`.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&Indicator> {
        self.indicators().find(|i| &i.id == id)
    }

    /// The group `indicator` belongs to.
    pub fn group_of(&self, indicator: &IndicatorId) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.indicators.iter().any(|i| &i.id == indicator))
    }

    /// Every department named by the scheme (groups first, in order, then the bonus and the
    /// veto), each once: the departments a template can be made for.
    pub fn departments(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let lists = self
            .groups
            .iter()
            .map(|g| &g.departments)
            .chain([&self.bonus.departments, &self.veto.departments]);
        for name in lists.flatten() {
            if !out.contains(&name.as_str()) {
                out.push(name);
            }
        }
        out
    }

    /// The departments responsible for `indicator` (its group's), possibly none.
    pub fn departments_of(&self, indicator: &IndicatorId) -> &[String] {
        self.group_of(indicator)
            .map_or(&[][..], |g| g.departments.as_slice())
    }
}

/// `unit_noun`: 1 to [`limits::UNIT_NOUN_CHARS`] characters, none of them blank, a
/// punctuation mark or a digit (it is put into sentences: `共 14 个园区`, `参评企业`).
fn check_unit_noun(noun: &str) -> Result<(), SchemeError> {
    let n = noun.chars().count();
    let ok = (1..=limits::UNIT_NOUN_CHARS).contains(&n)
        && noun
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_ascii_punctuation());
    if ok {
        Ok(())
    } else {
        Err(SchemeError::BadUnitNoun {
            noun: noun.to_owned(),
        })
    }
}

/// A department list has no empty and no repeated name.
fn check_departments(owner: &str, list: &[String]) -> Result<(), SchemeError> {
    let mut seen = BTreeSet::new();
    for name in list {
        let bad = |why: &str| SchemeError::BadDepartment {
            owner: owner.to_owned(),
            name: name.clone(),
            why: why.to_owned(),
        };
        if name.trim().is_empty() {
            return Err(bad("为空"));
        }
        if !seen.insert(name.trim()) {
            return Err(bad("重复"));
        }
    }
    Ok(())
}

impl FromStr for Scheme {
    type Err = SchemeError;
    fn from_str(text: &str) -> Result<Scheme, SchemeError> {
        Scheme::from_toml(text)
    }
}

fn check_id(kind: &'static str, id: &str) -> Result<(), SchemeError> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(SchemeError::BadId {
            kind,
            id: id.to_owned(),
        })
    }
}

/// Every broken rule of one indicator: its id, full points, direction and method parameters.
fn check_indicator(indicator: &Indicator) -> Vec<SchemeError> {
    let id = indicator.id.as_str();
    let full = indicator.full;
    let mut out = Vec::new();
    let mut p = |r: Result<(), SchemeError>| {
        if let Err(e) = r {
            out.push(e);
        }
    };
    p(check_id("指标", id));
    p(positive(&format!("指标 {id} 的分值 full"), full));
    if indicator.direction == Direction::LowerIsBetter && !indicator.method.has_direction() {
        p(Err(SchemeError::DirectionNotComparative {
            indicator: id.to_string(),
            method: indicator.method.id(),
        }));
    }
    let bad = |parameter: &'static str, value: String, expected: String| {
        Err(SchemeError::BadParameter {
            indicator: id.to_owned(),
            method: indicator.method.id(),
            parameter,
            value,
            expected,
        })
    };
    match &indicator.method {
        Method::RankLinear | Method::RatioToTop | Method::MinMax => {}
        Method::RankStep { step } => p(positive(&format!("指标 {id} 的每降一名扣分 step"), *step)),
        Method::CountCapped { per_unit, cap } => {
            p(positive(
                &format!("指标 {id} 的每个得分 per_unit"),
                *per_unit,
            ));
            p(positive(&format!("指标 {id} 的得分上限 cap"), *cap));
            if *cap > full {
                p(Err(SchemeError::CapAboveFull {
                    indicator: id.to_string(),
                    cap: *cap,
                    full,
                }));
            }
        }
        Method::Direct { max } => {
            if *max != full {
                p(Err(SchemeError::DirectMaxMismatch {
                    indicator: id.to_string(),
                    max: *max,
                    full,
                }));
            }
        }
        Method::RatioToBenchmark { benchmark, .. } => {
            p(positive(
                &format!("指标 {id} 的基准值 benchmark"),
                *benchmark,
            ));
        }
        Method::MinMaxFloor { floor } => {
            if *floor < Decimal::ZERO || *floor > Decimal::ONE {
                p(bad(
                    "floor",
                    num_text(*floor),
                    "0 到 1 之间的比例，例如 0.2（最后一名得满分的 20%）".to_owned(),
                ));
            }
        }
        Method::Thresholds { levels, otherwise } => {
            if levels.is_empty() {
                p(bad(
                    "levels",
                    "空".to_owned(),
                    "至少一档，例如 levels = [{ at_least = 10, points = 5 }]".to_owned(),
                ));
            }
            let mut previous: Option<&Level> = None;
            for (i, level) in levels.iter().enumerate() {
                let nth = i + 1;
                if level.bound.direction() != indicator.direction {
                    let (want, key) = match indicator.direction {
                        Direction::HigherIsBetter => ("越大越好", "at_least"),
                        Direction::LowerIsBetter => ("越小越好", "at_most"),
                    };
                    p(bad(
                        "levels",
                        format!("第 {nth} 档 {}", level.bound),
                        format!("指标方向为{want}，每档写 {key}"),
                    ));
                }
                if level.points < Decimal::ZERO || level.points > full {
                    p(bad(
                        "levels",
                        format!("第 {nth} 档 {} 分", num_text(level.points)),
                        format!("每档得分在 0 到分值 {} 之间", num_text(full)),
                    ));
                }
                if let Some(prev) = previous {
                    let worse = match (prev.bound, level.bound) {
                        (Bound::AtLeast(a), Bound::AtLeast(b)) => b < a,
                        (Bound::AtMost(a), Bound::AtMost(b)) => b > a,
                        _ => true,
                    };
                    if !worse {
                        p(bad(
                            "levels",
                            format!(
                                "第 {} 档 {}、第 {nth} 档 {}",
                                nth - 1,
                                prev.bound,
                                level.bound
                            ),
                            "各档从最好到最差排列，界限依次变差、不重复".to_owned(),
                        ));
                    }
                    if level.points > prev.points {
                        p(bad(
                            "levels",
                            format!(
                                "第 {} 档 {} 分、第 {nth} 档 {} 分",
                                nth - 1,
                                num_text(prev.points),
                                num_text(level.points)
                            ),
                            "较差一档的得分不高于较好一档".to_owned(),
                        ));
                    }
                }
                previous = Some(level);
            }
            let last = levels.last().map_or(full, |l| l.points);
            if *otherwise < Decimal::ZERO || *otherwise > last {
                p(bad(
                    "otherwise",
                    num_text(*otherwise),
                    format!("0 到最后一档的得分 {} 之间", num_text(last)),
                ));
            }
        }
        Method::Deduction { per, minimum } => {
            p(positive(&format!("指标 {id} 的每项扣分 per"), *per));
            if *minimum < Decimal::ZERO || *minimum >= full {
                p(bad(
                    "minimum",
                    num_text(*minimum),
                    format!("不小于 0、小于分值 {} 的最低得分", num_text(full)),
                ));
            }
        }
    }
    out
}

/// Every broken rule of the classes: grades named, unique and not `T`; shares positive and
/// summing to 100, or least totals falling with none on the last grade; units not rated named
/// once each and, when the scheme lists its units, on the list.
fn check_classes(
    classes: &ClassRule,
    units: &BTreeSet<String>,
    aliases: &BTreeSet<String>,
) -> Vec<SchemeError> {
    let mut out = Vec::new();
    let mut bad = |what: String, expected: &str| {
        out.push(SchemeError::BadClasses {
            what,
            expected: expected.to_owned(),
        })
    };
    if classes.grades.len() < 2 {
        bad(
            format!("只有 {} 个等级", classes.grades.len()),
            "至少两个等级，例如 A、B、C、D",
        );
    }
    let mut names = BTreeSet::new();
    for g in &classes.grades {
        let name = g.name.trim();
        if name.is_empty() {
            bad("等级名称为空".to_owned(), "等级名称，例如 A");
        } else if name == NOT_RATED_CLASS {
            bad(
                format!("等级名称「{name}」"),
                "T 留给不参评单位（classes.not_rated），其他等级另取名称",
            );
        } else if !names.insert(name) {
            bad(format!("等级名称「{name}」重复"), "每个等级名称只用一次");
        }
    }
    match classes.by {
        ClassBasis::Share => {
            let mut sum = Some(Decimal::ZERO);
            for g in &classes.grades {
                match (g.share, g.at_least) {
                    (_, Some(_)) => bad(
                        format!("等级「{}」设置了 at_least", g.name),
                        "按比例分级（by = \"share\"）时每级只写 share",
                    ),
                    (None, None) => bad(
                        format!("等级「{}」缺少 share", g.name),
                        "该等级所占的百分比，例如 share = 20",
                    ),
                    (Some(share), None) if share <= Decimal::ZERO => bad(
                        format!("等级「{}」的 share 为 {}", g.name, num_text(share)),
                        "大于 0 的百分比",
                    ),
                    (Some(share), None) => sum = sum.and_then(|s| s.checked_add(share)),
                }
            }
            if let Some(sum) = sum {
                if sum != Decimal::ONE_HUNDRED && !classes.grades.is_empty() {
                    bad(
                        format!("各等级 share 之和为 {}", num_text(sum)),
                        "各等级所占百分比之和为 100",
                    );
                }
            }
        }
        ClassBasis::Score => {
            let last = classes.grades.len().saturating_sub(1);
            let mut previous: Option<Decimal> = None;
            for (i, g) in classes.grades.iter().enumerate() {
                if g.share.is_some() {
                    bad(
                        format!("等级「{}」设置了 share", g.name),
                        "按得分分级（by = \"score\"）时每级只写 at_least",
                    );
                }
                match (i == last, g.at_least) {
                    (true, Some(_)) => bad(
                        format!("最后一个等级「{}」设置了 at_least", g.name),
                        "最后一个等级不设下限，包括其余全部单位",
                    ),
                    (false, None) => bad(
                        format!("等级「{}」缺少 at_least", g.name),
                        "该等级的最低总分，例如 at_least = 90",
                    ),
                    (false, Some(at)) => {
                        if previous.is_some_and(|p| at >= p) {
                            bad(
                                format!("等级「{}」的 at_least = {}", g.name, num_text(at)),
                                "各等级的最低总分依次降低",
                            );
                        }
                        previous = Some(at);
                    }
                    (true, None) => {}
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for name in &classes.not_rated {
        let norm = normalize_unit_name(name);
        if norm.is_empty() {
            bad("不参评单位名称为空".to_owned(), "单位名称");
        } else if !seen.insert(norm.clone()) {
            bad(format!("不参评单位「{name}」重复"), "每个单位只列一次");
        } else if !units.is_empty() && !units.contains(&norm) && !aliases.contains(&norm) {
            bad(
                format!("不参评单位「{name}」不在 units 名单中"),
                "名单中的单位名称",
            );
        }
    }
    out
}

/// A number as messages print it (no trailing zeros).
fn num_text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The first 20 characters of a text, for a message about a text too long to quote.
fn prefix(text: &str) -> String {
    text.chars().take(20).collect()
}

/// The error for a sum of points too large to compute.
fn overflow(what: &str) -> SchemeError {
    SchemeError::Syntax {
        message: format!("{what} 的分值过大，无法相加"),
    }
}

fn positive(what: &str, value: Decimal) -> Result<(), SchemeError> {
    if value > Decimal::ZERO {
        Ok(())
    } else {
        Err(SchemeError::NotPositive {
            what: what.to_owned(),
            value,
        })
    }
}

fn non_negative(what: &str, value: Decimal) -> Result<(), SchemeError> {
    if value < Decimal::ZERO {
        Err(SchemeError::Negative {
            what: what.to_owned(),
            value,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
