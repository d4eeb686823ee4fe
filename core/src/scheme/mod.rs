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
//! - `rounding_places` is at most [`MAX_ROUNDING_PLACES`].

mod error;
mod file;
pub mod units;

pub use error::{SchemeError, MAX_ROUNDING_PLACES};
pub use units::{normalize_unit_name, UnitIndex, UnitMatch};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// The text of the built-in Chifeng 2020 scheme, comments included (`parkscore scheme` prints it).
pub const CHIFENG_2020_TOML: &str = include_str!("../../schemes/chifeng-2020.toml");

/// A group's stable id (`total`, `efficiency`, `investment`, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub String);

/// An indicator's stable id (`output_growth`, …): the same in scheme files, on the command
/// line, in exports and in the app. Shared text: a clone (one per value of every park read)
/// copies a pointer, not the string.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(std::sync::Arc<str>);

impl IndicatorId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for IndicatorId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IndicatorId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<IndicatorId, D::Error> {
        String::deserialize(d).map(|s| IndicatorId(s.into()))
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for IndicatorId {
    fn from(s: &str) -> IndicatorId {
        IndicatorId(s.into())
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
        }
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

    /// Parses and validates a scheme file (see the module documentation for the rules).
    pub fn from_toml(text: &str) -> Result<Scheme, SchemeError> {
        let file: file::SchemeFile = toml::from_str(text).map_err(|e| SchemeError::Syntax {
            message: e.to_string().trim_end().to_owned(),
        })?;
        let scheme = file.into_scheme()?;
        scheme.validate()?;
        Ok(scheme)
    }

    /// The scheme as a TOML file that [`Scheme::from_toml`] reads back to an equal scheme
    /// (without the comments of the original file).
    pub fn to_toml(&self) -> String {
        // A SchemeFile holds only strings, numbers, booleans, tables and arrays of them, in an
        // order TOML can always express, so serialisation cannot fail.
        toml::to_string_pretty(&file::SchemeFile::from_scheme(self))
            .unwrap_or_else(|e| format!("# 无法输出方案：{e}\n"))
    }

    /// Checks the rules listed in the module documentation; the first broken rule is returned.
    pub fn validate(&self) -> Result<(), SchemeError> {
        if self.rounding_places > MAX_ROUNDING_PLACES {
            return Err(SchemeError::BadRounding {
                places: self.rounding_places,
            });
        }
        if self.groups.is_empty() {
            return Err(SchemeError::Empty {
                what: "方案".to_owned(),
            });
        }
        let mut units = BTreeSet::new();
        for unit in &self.units {
            if !units.insert(normalize_unit_name(unit)) {
                return Err(SchemeError::DuplicateUnit { name: unit.clone() });
            }
        }
        let mut aliases = BTreeSet::new();
        for (official, list) in &self.unit_aliases {
            for alias in list {
                let bad = |why: &str| SchemeError::BadUnitAlias {
                    official: official.clone(),
                    alias: alias.clone(),
                    why: why.to_owned(),
                };
                if !units.contains(&normalize_unit_name(official)) {
                    return Err(bad("这个正式名称不在 units 名单中"));
                }
                let norm = normalize_unit_name(alias);
                if norm.is_empty() {
                    return Err(bad("别名为空"));
                }
                if units.contains(&norm) {
                    return Err(bad("别名与名单中的正式名称相同"));
                }
                if !aliases.insert(norm) {
                    return Err(bad("别名重复"));
                }
            }
        }
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut group_names = BTreeSet::new();
        let mut weights = Decimal::ZERO;
        for group in &self.groups {
            check_id("分组", &group.id.0)?;
            if !ids.insert(group.id.0.as_str()) {
                return Err(SchemeError::DuplicateId {
                    id: group.id.0.clone(),
                });
            }
            // A group's name heads its column in every ranking and keys its subtotal in JSON.
            if !group_names.insert(group.name.trim()) {
                return Err(SchemeError::DuplicateGroupName {
                    name: group.name.clone(),
                });
            }
            check_departments(&format!("分组「{}」", group.name), &group.departments)?;
            if group.indicators.is_empty() {
                return Err(SchemeError::Empty {
                    what: format!("分组 {}", group.id),
                });
            }
            let mut sum = Decimal::ZERO;
            for indicator in &group.indicators {
                check_indicator(indicator)?;
                if !ids.insert(indicator.id.as_str()) {
                    return Err(SchemeError::DuplicateId {
                        id: indicator.id.as_str().to_owned(),
                    });
                }
                for name in std::iter::once(&indicator.name).chain(&indicator.aliases) {
                    if !names.insert(name.trim()) {
                        return Err(SchemeError::DuplicateName { name: name.clone() });
                    }
                }
                sum = add(sum, indicator.full, indicator.id.as_str())?;
            }
            if sum != group.weight {
                return Err(SchemeError::WeightMismatch {
                    group: group.id.0.clone(),
                    weight: group.weight,
                    sum,
                });
            }
            weights = add(weights, group.weight, &group.id.0)?;
        }
        if let Some(total) = self.total {
            if total != weights {
                return Err(SchemeError::TotalMismatch {
                    total,
                    sum: weights,
                });
            }
        }
        check_departments("附加分（bonus）", &self.bonus.departments)?;
        check_departments("一票否决（veto）", &self.veto.departments)?;
        non_negative("附加分 bonus.provincial", self.bonus.provincial)?;
        non_negative("附加分 bonus.national", self.bonus.national)?;
        for (i, amount) in self.awards.places_wan.iter().enumerate() {
            non_negative(&format!("第 {} 名奖励 awards.places_wan", i + 1), *amount)?;
        }
        for award in &self.awards.special {
            non_negative(
                &format!("专项奖励「{}」的金额", award.name),
                award.amount_wan,
            )?;
            if let Some(basis) = &award.basis {
                if !self.groups.iter().any(|g| &g.id == basis) {
                    return Err(SchemeError::UnknownBasis {
                        award: award.name.clone(),
                        basis: basis.0.clone(),
                    });
                }
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

fn check_indicator(indicator: &Indicator) -> Result<(), SchemeError> {
    let id = &indicator.id.0;
    check_id("指标", id)?;
    positive(&format!("指标 {id} 的分值 full"), indicator.full)?;
    if indicator.direction == Direction::LowerIsBetter && !indicator.method.is_comparative() {
        return Err(SchemeError::DirectionNotComparative {
            indicator: id.to_string(),
            method: indicator.method.id(),
        });
    }
    match &indicator.method {
        Method::RankLinear | Method::RatioToTop | Method::MinMax => {}
        Method::RankStep { step } => positive(&format!("指标 {id} 的每降一名扣分 step"), *step)?,
        Method::CountCapped { per_unit, cap } => {
            positive(&format!("指标 {id} 的每个得分 per_unit"), *per_unit)?;
            positive(&format!("指标 {id} 的得分上限 cap"), *cap)?;
            if *cap > indicator.full {
                return Err(SchemeError::CapAboveFull {
                    indicator: id.to_string(),
                    cap: *cap,
                    full: indicator.full,
                });
            }
        }
        Method::Direct { max } => {
            if *max != indicator.full {
                return Err(SchemeError::DirectMaxMismatch {
                    indicator: id.to_string(),
                    max: *max,
                    full: indicator.full,
                });
            }
        }
    }
    Ok(())
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

/// `a + b`, or an error naming `what` when the sum overflows (absurd weights in a user file).
fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, SchemeError> {
    a.checked_add(b).ok_or_else(|| SchemeError::Syntax {
        message: format!("{what} 的分值过大，无法相加"),
    })
}

#[cfg(test)]
mod tests;
