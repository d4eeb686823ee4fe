//! The scheme editor's draft: the scheme as the user types it (every field as text, so that
//! nothing typed is lost), checked as typed with a Chinese message on the field it is about,
//! and built into a [`Scheme`] only when every field is right.
//!
//! The draft shows what a bureau changes — name and document, the word for an evaluated unit
//! (评价对象: 园区, 企业), the groups (name, points, departments) and their indicators (name,
//! unit, full marks, method and its parameters, direction, data source), the bonus points, the
//! veto events, the award money, the list of evaluated units, the classes (none, by share with
//! the shares, or by score with the least totals; the units not rated, T), the rounding — and
//! keeps everything else of the scheme it was opened from (ids, aliases, the responsible
//! bureau of an indicator, …). A new indicator or group gets a fresh id (`ind_1`, `group_1`,
//! …) that no other has.
//!
//! Every method's parameters are fields: 每降一名扣分 (`rank_step`), 每个得分 and 最高得分
//! (`count_capped`), 最高分 (`direct`), 基准值 and 不超过满分 (`ratio_to_benchmark`), the share
//! of full the last gets (`min_max_floor`), the levels one a line (`≥ 10 得 5 分`) and the
//! points of a value reaching none (`thresholds`), 每项扣分 and 最低得分 (`deduction`). Each is
//! checked as typed by the scheme's own rules, said in words on its field (never an id), so
//! that a draft that checks clean builds a scheme that validates. A preset opened and built
//! unchanged is the preset (the same fingerprint).
//!
//! Judgement call: the built-in scheme is never overwritten. A draft opened from it that is
//! applied or saved with changes becomes a copy: its id gets `-edited` and, if its name was
//! left as it was, its name `（修改稿）`, so that the copy never passes for the document's rules.

use parkscore::scheme::{
    limits, normalize_unit_name, Bound, ClassBasis, ClassRule, Direction, Grade, Group, GroupId,
    Indicator, IndicatorId, Level, Method, SpecialAward, NOT_RATED_CLASS,
};
use parkscore::Scheme;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::str::FromStr;

/// A method the editor offers: its id, its Chinese name, the parameters it takes (key, label).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodChoice {
    /// The method's id (`rank_step`).
    pub id: &'static str,
    /// Its name in the menu.
    pub name: &'static str,
    /// Its parameters: key and label.
    pub params: &'static [(&'static str, &'static str)],
}

/// The methods the editor offers, every method a scheme file may name.
pub const METHODS: [MethodChoice; 10] = [
    MethodChoice {
        id: "rank_linear",
        name: "排序法：按名次线性折算",
        params: &[],
    },
    MethodChoice {
        id: "rank_step",
        name: "排序法：每降一名扣分",
        params: &[("step", "每降一名扣分")],
    },
    MethodChoice {
        id: "ratio_to_top",
        name: "排序法：按与第一名的比值折算",
        params: &[],
    },
    MethodChoice {
        id: "min_max",
        name: "排序法：按极差折算",
        params: &[],
    },
    MethodChoice {
        id: "min_max_floor",
        name: "排序法：按极差折算，最后一名得满分的一定比例",
        params: &[("floor", "最后一名得满分的比例（0 到 1，例如 0.2）")],
    },
    MethodChoice {
        id: "ratio_to_benchmark",
        name: "比值法：按与基准值的比值折算（亩均）",
        params: &[("benchmark", "基准值")],
    },
    MethodChoice {
        id: "thresholds",
        name: "分档计分",
        params: &[
            (
                "levels",
                "分档（每行一档，从最好到最差，例如 ≥ 10 得 5 分）",
            ),
            ("otherwise", "未达任何一档的得分（留空为 0）"),
        ],
    },
    MethodChoice {
        id: "count_capped",
        name: "计数：每个得分，封顶",
        params: &[("per_unit", "每个得分"), ("cap", "最高得分")],
    },
    MethodChoice {
        id: "deduction",
        name: "扣分制：每项扣分，设最低分",
        params: &[("per", "每项扣分"), ("minimum", "最低得分（留空为 0）")],
    },
    MethodChoice {
        id: "direct",
        name: "直接评分（由负责单位打分）",
        params: &[("max", "最高分")],
    },
];

/// A field of the draft, for its text and its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 方案名称.
    Name,
    /// 依据文件（文号）.
    Document,
    /// 得分保留小数位.
    Rounding,
    /// A group's name.
    GroupName(usize),
    /// A group's points.
    GroupWeight(usize),
    /// A group's responsible departments (、 or , separated).
    GroupDepartments(usize),
    /// An indicator's field: group, indicator, which.
    Indicator(usize, usize, IndicatorField),
    /// 省级认定加分.
    Provincial,
    /// 国家级认定加分.
    National,
    /// 名次奖励 (万元, 、 or , separated).
    Places,
    /// A special award's name.
    SpecialName(usize),
    /// A special award's amount.
    SpecialAmount(usize),
    /// 一票否决事项, one per line.
    VetoEvents,
    /// 参评单位名单, one per line.
    Units,
    /// 评价对象 (the word for an evaluated unit; empty: 园区).
    UnitNoun,
    /// A grade's name.
    GradeName(usize),
    /// A grade's share (%, by share) or least total (by score).
    GradeValue(usize),
    /// 不参评单位 (T), one per line.
    NotRated,
}

/// An indicator's field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndicatorField {
    /// 指标名称.
    Name,
    /// 单位.
    Unit,
    /// 满分.
    Full,
    /// The method's first parameter.
    Param0,
    /// Its second parameter.
    Param1,
    /// 数据来源.
    Source,
    /// 方向 (a choice, not a text: only its message).
    Direction,
}

/// An indicator as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDraft {
    /// The indicator it was opened from (`None`: added in the editor).
    pub from: Option<Indicator>,
    /// 指标名称.
    pub name: String,
    /// 单位.
    pub unit: String,
    /// 满分.
    pub full: String,
    /// The method's id (one of [`METHODS`]).
    pub method: &'static str,
    /// Its parameters as typed, in [`METHODS`]' order.
    pub params: [String; 2],
    /// `ratio_to_benchmark`: 不超过满分 (the score stops at full).
    pub capped: bool,
    /// 越高越好 or 越低越好.
    pub direction: Direction,
    /// 数据来源.
    pub source: String,
}

/// A group as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDraft {
    /// Its id (kept, or fresh for a new group).
    pub id: GroupId,
    /// 分组名称.
    pub name: String,
    /// 分值.
    pub weight: String,
    /// 负责单位.
    pub departments: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorDraft>,
}

/// A special award as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecialDraft {
    /// 专项名称.
    pub name: String,
    /// 金额（万元）.
    pub amount: String,
    /// The group whose subtotal proposes it (kept from the scheme; `None`: the committee).
    pub basis: Option<GroupId>,
}

/// A grade of the classes as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GradeDraft {
    /// 等级名称 (`A`).
    pub name: String,
    /// By share: its share in percent (`20`); by score: its least total (`90`; empty for the
    /// last grade).
    pub value: String,
}

/// The scheme as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeDraft {
    /// The scheme it was opened from.
    pub base: Rc<Scheme>,
    /// Whether `base` is the built-in scheme (then a changed draft becomes a copy).
    pub from_builtin: bool,
    /// 方案名称.
    pub name: String,
    /// 依据文件.
    pub document: String,
    /// 得分保留小数位.
    pub rounding: String,
    /// 分组.
    pub groups: Vec<GroupDraft>,
    /// 省级认定加分.
    pub provincial: String,
    /// 国家级认定加分.
    pub national: String,
    /// 附加分累加.
    pub cumulative: bool,
    /// 名次奖励.
    pub places: String,
    /// 专项奖励.
    pub specials: Vec<SpecialDraft>,
    /// 一票否决事项.
    pub veto_events: String,
    /// 参评单位名单.
    pub units: String,
    /// 评价对象 (empty: 园区).
    pub unit_noun: String,
    /// 等级: `None` (the scheme grades nobody), by share or by score.
    pub classes_by: Option<ClassBasis>,
    /// The grades, from the best.
    pub grades: Vec<GradeDraft>,
    /// 不参评单位 (T), one per line.
    pub not_rated: String,
}

/// What checking a draft found: the scheme when every field is right, each field's message,
/// and the messages about the scheme as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftCheck {
    /// The scheme, when nothing is wrong.
    pub scheme: Option<Scheme>,
    /// A message per field.
    pub fields: BTreeMap<Field, String>,
    /// Messages about the whole (sums, the scheme's own checks).
    pub general: Vec<String>,
}

impl DraftCheck {
    /// How many problems there are.
    pub fn count(&self) -> usize {
        self.fields.len() + self.general.len()
    }
}

/// Records `message` for `field` (the first message of a field stays).
fn flag(fields: &mut BTreeMap<Field, String>, field: Field, message: String) {
    fields.entry(field).or_insert(message);
}

/// `text` as a number above 0, or a message for `field` naming `what`.
fn positive(
    fields: &mut BTreeMap<Field, String>,
    field: Field,
    text: &str,
    what: &str,
) -> Option<Decimal> {
    match Decimal::from_str(text.trim()) {
        Ok(d) if d > Decimal::ZERO => Some(d),
        Ok(_) => {
            flag(
                fields,
                field,
                format!("{what}应大于 0（现为「{}」）", text.trim()),
            );
            None
        }
        Err(_) => {
            flag(
                fields,
                field,
                format!("{what}应为数字，例如 5（现为「{}」）", text.trim()),
            );
            None
        }
    }
}

fn join(list: &[String]) -> String {
    list.join("、")
}

fn split(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', '\n', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A method's id, its parameters as the draft shows them, and `ratio_to_benchmark`'s cap.
fn method_parts(method: &Method) -> (&'static str, [String; 2], bool) {
    let n = |d: &Decimal| d.normalize().to_string();
    let none = String::new;
    match method {
        Method::RankLinear => ("rank_linear", Default::default(), false),
        Method::RankStep { step } => ("rank_step", [n(step), none()], false),
        Method::RatioToTop => ("ratio_to_top", Default::default(), false),
        Method::MinMax => ("min_max", Default::default(), false),
        Method::MinMaxFloor { floor } => ("min_max_floor", [n(floor), none()], false),
        Method::RatioToBenchmark { benchmark, cap } => {
            ("ratio_to_benchmark", [n(benchmark), none()], *cap)
        }
        Method::Thresholds { levels, otherwise } => {
            ("thresholds", [levels_text(levels), n(otherwise)], false)
        }
        Method::CountCapped { per_unit, cap } => ("count_capped", [n(per_unit), n(cap)], false),
        Method::Deduction { per, minimum } => ("deduction", [n(per), n(minimum)], false),
        Method::Direct { max } => ("direct", [n(max), none()], false),
    }
}

/// A thresholds table as the draft shows it, one level a line: `≥ 10 得 5 分`.
pub fn levels_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| format!("{} 得 {} 分", l.bound, l.points.normalize()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A thresholds table read from its text, one level a line (`≥ 10 得 5 分`, `10 5`; a line
/// without ≥ or ≤ takes the indicator's direction), checked as the scheme checks it: at least
/// one level and at most [`limits::LEVELS`], each bound of the direction's kind and worse than
/// the one above, each level's points within [0, full] and not above the one above. The error
/// is the field's message.
pub fn parse_levels(
    text: &str,
    direction: Direction,
    full: Option<Decimal>,
) -> Result<Vec<Level>, String> {
    let (want, sign) = match direction {
        Direction::HigherIsBetter => ("越高越好", "≥"),
        Direction::LowerIsBetter => ("越低越好", "≤"),
    };
    let example = format!("{sign} 10 得 5 分");
    let mut levels: Vec<Level> = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let nth = n + 1;
        let at_least = line.contains('≥') || line.contains(">=");
        let at_most = line.contains('≤') || line.contains("<=");
        let kind = match (at_least, at_most) {
            (true, true) => None,
            (true, false) => Some(Direction::HigherIsBetter),
            (false, true) => Some(Direction::LowerIsBetter),
            (false, false) => Some(direction),
        };
        if kind != Some(direction) {
            return Err(format!(
                "第 {nth} 行：指标方向为{want}，每档写「{example}」（现为「{line}」）"
            ));
        }
        let cleaned: String = line
            .chars()
            .map(|c| {
                if "≥≤<>=得分：:，,→、".contains(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let numbers: Vec<Option<Decimal>> = cleaned
            .split_whitespace()
            .map(|t| Decimal::from_str(t).ok())
            .collect();
        let (bound, points) = match numbers.as_slice() {
            [Some(b), Some(p)] => (*b, *p),
            _ => {
                return Err(format!(
                    "第 {nth} 行应写成「{example}」：界限和得分两个数（现为「{line}」）"
                ))
            }
        };
        if points < Decimal::ZERO || full.is_some_and(|f| points > f) {
            return Err(match full {
                Some(f) => format!(
                    "第 {nth} 行的得分 {} 应在 0 到满分 {} 之间",
                    points.normalize(),
                    f.normalize()
                ),
                None => format!("第 {nth} 行的得分 {} 不能为负数", points.normalize()),
            });
        }
        if let Some(prev) = levels.last() {
            let worse = match direction {
                Direction::HigherIsBetter => bound < prev.bound.value(),
                Direction::LowerIsBetter => bound > prev.bound.value(),
            };
            if !worse {
                return Err(format!(
                    "第 {nth} 行的界限 {} 应比上一档的 {} 差（从最好到最差排列，{}）",
                    bound.normalize(),
                    prev.bound.value().normalize(),
                    match direction {
                        Direction::HigherIsBetter => "依次变小",
                        Direction::LowerIsBetter => "依次变大",
                    }
                ));
            }
            if points > prev.points {
                return Err(format!(
                    "第 {nth} 行的得分 {} 不应高于上一档的 {}",
                    points.normalize(),
                    prev.points.normalize()
                ));
            }
        }
        levels.push(Level {
            bound: match direction {
                Direction::HigherIsBetter => Bound::AtLeast(bound),
                Direction::LowerIsBetter => Bound::AtMost(bound),
            },
            points,
        });
        if levels.len() > limits::LEVELS {
            return Err(format!("最多 {} 档", limits::LEVELS));
        }
    }
    if levels.is_empty() {
        return Err(format!("至少写一档，例如「{example}」"));
    }
    Ok(levels)
}

/// `text` as a number, or a message for `field` naming `what` and what is expected; empty
/// text is `empty` when given (an optional parameter).
fn number_in(
    fields: &mut BTreeMap<Field, String>,
    field: Field,
    text: &str,
    empty: Option<Decimal>,
    ok: impl Fn(Decimal) -> bool,
    expected: &str,
) -> Option<Decimal> {
    let t = text.trim();
    let value = match (t.is_empty(), empty) {
        (true, Some(d)) => Some(d),
        _ => Decimal::from_str(t).ok(),
    };
    match value {
        Some(d) if ok(d) => Some(d),
        _ => {
            flag(fields, field, format!("{expected}（现为「{t}」）"));
            None
        }
    }
}

/// Indicator `ind`'s method from its fields, each parameter checked as the scheme checks it
/// (a message on the parameter's field when it is wrong); `full` is its full marks when they
/// are right.
fn method_of(
    fields: &mut BTreeMap<Field, String>,
    ind: &IndicatorDraft,
    full: Option<Decimal>,
    f: &dyn Fn(IndicatorField) -> Field,
) -> Option<Method> {
    let (p0, p1) = (f(IndicatorField::Param0), f(IndicatorField::Param1));
    let label = |k: usize| ind.param_labels().get(k).map_or("参数", |(_, l)| *l);
    let zero = Decimal::ZERO;
    match ind.method {
        "rank_linear" => Some(Method::RankLinear),
        "ratio_to_top" => Some(Method::RatioToTop),
        "min_max" => Some(Method::MinMax),
        "rank_step" => {
            positive(fields, p0, &ind.params[0], label(0)).map(|step| Method::RankStep { step })
        }
        "count_capped" => {
            let per_unit = positive(fields, p0, &ind.params[0], label(0));
            let cap = positive(fields, p1, &ind.params[1], label(1));
            if let (Some(cap), Some(full)) = (cap, full) {
                if cap > full {
                    flag(
                        fields,
                        p1,
                        format!(
                            "最高得分 {} 不能超过满分 {}",
                            cap.normalize(),
                            full.normalize()
                        ),
                    );
                    return None;
                }
            }
            Some(Method::CountCapped {
                per_unit: per_unit?,
                cap: cap?,
            })
        }
        "direct" => {
            let max = positive(fields, p0, &ind.params[0], label(0))?;
            if let Some(full) = full.filter(|f| *f != max) {
                flag(
                    fields,
                    p0,
                    format!(
                        "最高分应等于满分 {}（现为「{}」）",
                        full.normalize(),
                        ind.params[0].trim()
                    ),
                );
                return None;
            }
            Some(Method::Direct { max })
        }
        "ratio_to_benchmark" => positive(fields, p0, &ind.params[0], "基准值").map(|benchmark| {
            Method::RatioToBenchmark {
                benchmark,
                cap: ind.capped,
            }
        }),
        "min_max_floor" => number_in(
            fields,
            p0,
            &ind.params[0],
            None,
            |a| a >= zero && a <= Decimal::ONE,
            "最后一名得满分的比例应为 0 到 1 之间的数，例如 0.2",
        )
        .map(|floor| Method::MinMaxFloor { floor }),
        "thresholds" => {
            let levels = match parse_levels(&ind.params[0], ind.direction, full) {
                Ok(levels) => Some(levels),
                Err(message) => {
                    flag(fields, p0, message);
                    None
                }
            };
            let last = levels
                .as_ref()
                .and_then(|l| l.last())
                .map(|l| l.points)
                .or(full);
            let otherwise = number_in(
                fields,
                p1,
                &ind.params[1],
                Some(zero),
                |o| o >= zero && last.is_none_or(|l| o <= l),
                &match last {
                    Some(l) => format!(
                        "未达任何一档的得分应在 0 到最后一档的得分 {} 之间",
                        l.normalize()
                    ),
                    None => "未达任何一档的得分应为不小于 0 的数字".to_owned(),
                },
            );
            Some(Method::Thresholds {
                levels: levels?,
                otherwise: otherwise?,
            })
        }
        "deduction" => {
            let per = positive(fields, p0, &ind.params[0], "每项扣分");
            let minimum = number_in(
                fields,
                p1,
                &ind.params[1],
                Some(zero),
                |m| m >= zero && full.is_none_or(|f| m < f),
                &match full {
                    Some(f) => format!("最低得分应不小于 0、小于满分 {}", f.normalize()),
                    None => "最低得分应为不小于 0 的数字".to_owned(),
                },
            );
            Some(Method::Deduction {
                per: per?,
                minimum: minimum?,
            })
        }
        _ => None,
    }
}

/// A scheme's grades as the draft shows them.
fn grades_of(classes: &ClassRule) -> Vec<GradeDraft> {
    let n = |d: Decimal| d.normalize().to_string();
    classes
        .grades
        .iter()
        .map(|g| GradeDraft {
            name: g.name.clone(),
            value: match classes.by {
                ClassBasis::Share => g.share.map(n).unwrap_or_default(),
                ClassBasis::Score => g.at_least.map(n).unwrap_or_default(),
            },
        })
        .collect()
}

impl IndicatorDraft {
    fn of(indicator: &Indicator) -> IndicatorDraft {
        let (method, params, capped) = method_parts(&indicator.method);
        IndicatorDraft {
            from: Some(indicator.clone()),
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            full: indicator.full.normalize().to_string(),
            method,
            params,
            capped,
            direction: indicator.direction,
            source: indicator.source.clone(),
        }
    }

    /// A new indicator: 排序法 by rank, higher is better, no points yet.
    pub fn new() -> IndicatorDraft {
        IndicatorDraft {
            from: None,
            name: String::new(),
            unit: String::new(),
            full: String::new(),
            method: "rank_linear",
            params: Default::default(),
            capped: false,
            direction: Direction::HigherIsBetter,
            source: String::new(),
        }
    }

    /// The parameters the chosen method takes (key, label).
    pub fn param_labels(&self) -> &'static [(&'static str, &'static str)] {
        METHODS
            .iter()
            .find(|m| m.id == self.method)
            .map_or(&[], |m| m.params)
    }
}

impl Default for IndicatorDraft {
    fn default() -> Self {
        IndicatorDraft::new()
    }
}

impl SchemeDraft {
    /// The draft of `scheme` as it is.
    pub fn of(scheme: Rc<Scheme>, from_builtin: bool) -> SchemeDraft {
        let s = &*scheme;
        SchemeDraft {
            from_builtin,
            name: s.name.clone(),
            document: s.document.clone(),
            rounding: s.rounding_places.to_string(),
            groups: s
                .groups
                .iter()
                .map(|g| GroupDraft {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    weight: g.weight.normalize().to_string(),
                    departments: join(&g.departments),
                    indicators: g.indicators.iter().map(IndicatorDraft::of).collect(),
                })
                .collect(),
            provincial: s.bonus.provincial.normalize().to_string(),
            national: s.bonus.national.normalize().to_string(),
            cumulative: s.bonus.cumulative,
            places: s
                .awards
                .places_wan
                .iter()
                .map(|p| p.normalize().to_string())
                .collect::<Vec<_>>()
                .join("、"),
            specials: s
                .awards
                .special
                .iter()
                .map(|a| SpecialDraft {
                    name: a.name.clone(),
                    amount: a.amount_wan.normalize().to_string(),
                    basis: a.basis.clone(),
                })
                .collect(),
            veto_events: s.veto.events.join("\n"),
            units: s.units.join("\n"),
            unit_noun: s.unit_noun.clone().unwrap_or_default(),
            classes_by: s.classes.as_ref().map(|c| c.by),
            grades: s.classes.as_ref().map_or_else(Vec::new, grades_of),
            not_rated: s
                .classes
                .as_ref()
                .map_or_else(String::new, |c| c.not_rated.join("\n")),
            base: scheme,
        }
    }

    /// The text of `field` (empty for a field that is not there).
    pub fn text(&self, field: Field) -> &str {
        self.slot(field).map_or("", |s| s.as_str())
    }

    /// Sets the text of `field`; false when there is no such field.
    pub fn set(&mut self, field: Field, text: String) -> bool {
        match self.slot_mut(field) {
            Some(slot) => {
                *slot = text;
                true
            }
            None => false,
        }
    }

    fn slot(&self, field: Field) -> Option<&String> {
        Some(match field {
            Field::Name => &self.name,
            Field::Document => &self.document,
            Field::Rounding => &self.rounding,
            Field::GroupName(g) => &self.groups.get(g)?.name,
            Field::GroupWeight(g) => &self.groups.get(g)?.weight,
            Field::GroupDepartments(g) => &self.groups.get(g)?.departments,
            Field::Indicator(_, _, IndicatorField::Direction) => return None,
            Field::Indicator(g, i, f) => {
                let ind = self.groups.get(g)?.indicators.get(i)?;
                match f {
                    IndicatorField::Name => &ind.name,
                    IndicatorField::Unit => &ind.unit,
                    IndicatorField::Full => &ind.full,
                    IndicatorField::Param0 => &ind.params[0],
                    IndicatorField::Param1 => &ind.params[1],
                    IndicatorField::Source => &ind.source,
                    IndicatorField::Direction => return None,
                }
            }
            Field::Provincial => &self.provincial,
            Field::National => &self.national,
            Field::Places => &self.places,
            Field::SpecialName(k) => &self.specials.get(k)?.name,
            Field::SpecialAmount(k) => &self.specials.get(k)?.amount,
            Field::VetoEvents => &self.veto_events,
            Field::Units => &self.units,
            Field::UnitNoun => &self.unit_noun,
            Field::GradeName(k) => &self.grades.get(k)?.name,
            Field::GradeValue(k) => &self.grades.get(k)?.value,
            Field::NotRated => &self.not_rated,
        })
    }

    fn slot_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::Name => &mut self.name,
            Field::Document => &mut self.document,
            Field::Rounding => &mut self.rounding,
            Field::GroupName(g) => &mut self.groups.get_mut(g)?.name,
            Field::GroupWeight(g) => &mut self.groups.get_mut(g)?.weight,
            Field::GroupDepartments(g) => &mut self.groups.get_mut(g)?.departments,
            Field::Indicator(_, _, IndicatorField::Direction) => return None,
            Field::Indicator(g, i, f) => {
                let ind = self.groups.get_mut(g)?.indicators.get_mut(i)?;
                match f {
                    IndicatorField::Name => &mut ind.name,
                    IndicatorField::Unit => &mut ind.unit,
                    IndicatorField::Full => &mut ind.full,
                    IndicatorField::Param0 => &mut ind.params[0],
                    IndicatorField::Param1 => &mut ind.params[1],
                    IndicatorField::Source => &mut ind.source,
                    IndicatorField::Direction => return None,
                }
            }
            Field::Provincial => &mut self.provincial,
            Field::National => &mut self.national,
            Field::Places => &mut self.places,
            Field::SpecialName(k) => &mut self.specials.get_mut(k)?.name,
            Field::SpecialAmount(k) => &mut self.specials.get_mut(k)?.amount,
            Field::VetoEvents => &mut self.veto_events,
            Field::Units => &mut self.units,
            Field::UnitNoun => &mut self.unit_noun,
            Field::GradeName(k) => &mut self.grades.get_mut(k)?.name,
            Field::GradeValue(k) => &mut self.grades.get_mut(k)?.value,
            Field::NotRated => &mut self.not_rated,
        })
    }

    /// Chooses indicator (g, i)'s method (an id of [`METHODS`]); its parameters start empty
    /// unless the method is the one it had.
    pub fn choose_method(&mut self, g: usize, i: usize, method: &str) -> bool {
        let Some(id) = METHODS.iter().map(|m| m.id).find(|id| *id == method) else {
            return false;
        };
        let Some(ind) = self
            .groups
            .get_mut(g)
            .and_then(|gr| gr.indicators.get_mut(i))
        else {
            return false;
        };
        if ind.method == id {
            return false;
        }
        ind.method = id;
        (ind.params, ind.capped) = match ind.from.as_ref().map(|f| method_parts(&f.method)) {
            Some((was, params, capped)) if was == id => (params, capped),
            _ => Default::default(),
        };
        true
    }

    /// Switches indicator (g, i)'s 不超过满分 (`ratio_to_benchmark`).
    pub fn toggle_cap(&mut self, g: usize, i: usize) -> bool {
        match self
            .groups
            .get_mut(g)
            .and_then(|gr| gr.indicators.get_mut(i))
        {
            Some(ind) if ind.method == "ratio_to_benchmark" => {
                ind.capped = !ind.capped;
                true
            }
            _ => false,
        }
    }

    /// Grades by `by` (`None`: nobody). The grades typed stay; their values are the scheme's
    /// when it graded the same way, else empty (a share is no least total). Grading begins with
    /// A, B, C, D.
    pub fn choose_classes(&mut self, by: Option<ClassBasis>) -> bool {
        if self.classes_by == by {
            return false;
        }
        self.classes_by = by;
        let Some(by) = by else {
            return true;
        };
        match self.base.classes.as_ref().filter(|c| c.by == by) {
            Some(c) if self.grades.len() == c.grades.len() || self.grades.is_empty() => {
                self.grades = grades_of(c);
            }
            _ => {
                if self.grades.is_empty() {
                    self.grades = ["A", "B", "C", "D"]
                        .into_iter()
                        .map(|n| GradeDraft {
                            name: n.to_owned(),
                            value: String::new(),
                        })
                        .collect();
                } else {
                    for g in &mut self.grades {
                        g.value.clear();
                    }
                }
            }
        }
        true
    }

    /// Adds an empty grade at the end (at most [`limits::GRADES`]).
    pub fn add_grade(&mut self) -> bool {
        if self.classes_by.is_none() || self.grades.len() >= limits::GRADES {
            return false;
        }
        self.grades.push(GradeDraft::default());
        true
    }

    /// Removes grade `k`.
    pub fn remove_grade(&mut self, k: usize) -> bool {
        if k < self.grades.len() {
            self.grades.remove(k);
            true
        } else {
            false
        }
    }

    /// Sets indicator (g, i)'s direction.
    pub fn choose_direction(&mut self, g: usize, i: usize, direction: Direction) -> bool {
        match self
            .groups
            .get_mut(g)
            .and_then(|gr| gr.indicators.get_mut(i))
        {
            Some(ind) if ind.direction != direction => {
                ind.direction = direction;
                true
            }
            _ => false,
        }
    }

    /// Adds an empty indicator at the end of group `g`.
    pub fn add_indicator(&mut self, g: usize) -> bool {
        match self.groups.get_mut(g) {
            Some(group) => {
                group.indicators.push(IndicatorDraft::new());
                true
            }
            None => false,
        }
    }

    /// Removes indicator (g, i).
    pub fn remove_indicator(&mut self, g: usize, i: usize) -> bool {
        match self.groups.get_mut(g) {
            Some(group) if i < group.indicators.len() => {
                group.indicators.remove(i);
                true
            }
            _ => false,
        }
    }

    /// Adds an empty group with one empty indicator, with a fresh id.
    pub fn add_group(&mut self) {
        let taken: BTreeSet<&str> =
            parkscore::order::set(self.groups.iter().map(|g| g.id.0.as_str()));
        let id = (1..)
            .map(|n| format!("group_{n}"))
            .find(|id| !taken.contains(id.as_str()))
            .unwrap_or_default();
        self.groups.push(GroupDraft {
            id: GroupId(id),
            name: String::new(),
            weight: String::new(),
            departments: String::new(),
            indicators: vec![IndicatorDraft::new()],
        });
    }

    /// Removes group `g` (a special award proposed by its subtotal goes to the committee).
    pub fn remove_group(&mut self, g: usize) -> bool {
        if g >= self.groups.len() {
            return false;
        }
        let gone = self.groups.remove(g).id;
        for s in &mut self.specials {
            if s.basis.as_ref() == Some(&gone) {
                s.basis = None;
            }
        }
        true
    }

    /// Checks every field and, when all are right, builds the scheme (a copy of the built-in
    /// one under another id, see the module documentation) and runs its own checks.
    pub fn check(&self) -> DraftCheck {
        let mut out = DraftCheck::default();
        let number = |text: &str| Decimal::from_str(text.trim()).ok();
        let fields = &mut out.fields;
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            flag(fields, Field::Name, "方案名称不能为空".to_owned());
        }
        let rounding = match self.rounding.trim().parse::<u32>() {
            Ok(r) if r <= parkscore::scheme::MAX_ROUNDING_PLACES => Some(r),
            _ => {
                flag(
                    fields,
                    Field::Rounding,
                    format!(
                        "小数位应为 0 到 {} 的整数（现为「{}」）",
                        parkscore::scheme::MAX_ROUNDING_PLACES,
                        self.rounding.trim()
                    ),
                );
                None
            }
        };
        let provincial = number(&self.provincial);
        if provincial.is_none_or(|d| d < Decimal::ZERO) {
            flag(
                fields,
                Field::Provincial,
                "省级认定加分应为不小于 0 的数字，例如 5".to_owned(),
            );
        }
        let national = number(&self.national);
        if national.is_none_or(|d| d < Decimal::ZERO) {
            flag(
                fields,
                Field::National,
                "国家级认定加分应为不小于 0 的数字，例如 10".to_owned(),
            );
        }
        let places: Vec<Option<Decimal>> = split(&self.places).iter().map(|p| number(p)).collect();
        if places.iter().any(|p| p.is_none_or(|d| d < Decimal::ZERO)) {
            flag(
                fields,
                Field::Places,
                "名次奖励应为各名次的金额（万元），用顿号或逗号分开，例如 300、200、100".to_owned(),
            );
        }

        let mut groups = Vec::new();
        let mut sum_groups = Some(Decimal::ZERO);
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut ids: BTreeSet<String> = parkscore::order::set(
            self.groups
                .iter()
                .flat_map(|g| &g.indicators)
                .filter_map(|i| i.from.as_ref().map(|f| f.id.as_str().to_owned())),
        );
        let mut group_names: BTreeSet<String> = BTreeSet::new();
        for (g, group) in self.groups.iter().enumerate() {
            let gname = group.name.trim().to_owned();
            if gname.is_empty() {
                flag(fields, Field::GroupName(g), "分组名称不能为空".to_owned());
            } else if !group_names.insert(gname.clone()) {
                flag(
                    fields,
                    Field::GroupName(g),
                    format!("分组名称「{gname}」重复"),
                );
            }
            let weight = positive(fields, Field::GroupWeight(g), &group.weight, "分组分值");
            sum_groups = sum_groups.zip(weight).and_then(|(s, w)| s.checked_add(w));
            let mut sum_full = Some(Decimal::ZERO);
            let mut indicators = Vec::new();
            if group.indicators.is_empty() {
                flag(
                    fields,
                    Field::GroupName(g),
                    "分组中至少要有一项指标".to_owned(),
                );
            }
            for (i, ind) in group.indicators.iter().enumerate() {
                let f = |which| Field::Indicator(g, i, which);
                let iname = ind.name.trim().to_owned();
                if iname.is_empty() {
                    flag(
                        fields,
                        f(IndicatorField::Name),
                        "指标名称不能为空".to_owned(),
                    );
                } else if !names.insert(iname.clone()) {
                    flag(
                        fields,
                        f(IndicatorField::Name),
                        format!("指标名称「{iname}」重复"),
                    );
                }
                let full = positive(fields, f(IndicatorField::Full), &ind.full, "满分");
                sum_full = sum_full.zip(full).and_then(|(s, x)| s.checked_add(x));
                let method = method_of(fields, ind, full, &f);
                if ind.direction == Direction::LowerIsBetter
                    && method.as_ref().is_some_and(|m| !m.has_direction())
                {
                    flag(
                        fields,
                        f(IndicatorField::Direction),
                        match ind.method {
                            "ratio_to_benchmark" => "比值法不比较数值高低，方向应为越高越好：越低越好的数值请换成其倒数的形式（如 税收 ÷ 能耗）",
                            "deduction" => "扣分制本身就是次数越少越好，方向应为越高越好",
                            _ => "这种计分方法不比较数值高低，方向应为越高越好",
                        }
                        .to_owned(),
                    );
                }
                let id = match &ind.from {
                    Some(from) => from.id.clone(),
                    None => {
                        let fresh = (1..)
                            .map(|n| format!("ind_{n}"))
                            .find(|id| !ids.contains(id))
                            .unwrap_or_default();
                        ids.insert(fresh.clone());
                        IndicatorId::from(fresh.as_str())
                    }
                };
                if let (Some(full), Some(method), false) = (full, method, iname.is_empty()) {
                    let from = ind.from.as_ref();
                    indicators.push(Indicator {
                        id,
                        name: iname,
                        unit: ind.unit.trim().to_owned(),
                        full,
                        method,
                        direction: ind.direction,
                        bureau: from.map_or_else(String::new, |f| f.bureau.clone()),
                        source: ind.source.trim().to_owned(),
                        aliases: from.map_or_else(Vec::new, |f| f.aliases.clone()),
                    });
                }
            }
            if let (Some(w), Some(s)) = (weight, sum_full) {
                if w != s && !group.indicators.is_empty() {
                    out.general.push(format!(
                        "分组「{gname}」各指标满分之和为 {}，应等于分组分值 {}",
                        s.normalize(),
                        w.normalize()
                    ));
                }
            }
            groups.push(Group {
                id: group.id.clone(),
                name: gname,
                weight: weight.unwrap_or_default(),
                departments: split(&group.departments),
                indicators,
            });
        }
        if let (Some(total), Some(sum)) = (self.base.total, sum_groups) {
            if total != sum {
                out.general.push(format!(
                    "各分组分值之和为 {}，应等于方案总分 {}",
                    sum.normalize(),
                    total.normalize()
                ));
            }
        }
        let mut specials = Vec::new();
        for (k, s) in self.specials.iter().enumerate() {
            if s.name.trim().is_empty() {
                flag(fields, Field::SpecialName(k), "专项名称不能为空".to_owned());
            }
            match number(&s.amount) {
                Some(a) if a >= Decimal::ZERO => specials.push(SpecialAward {
                    name: s.name.trim().to_owned(),
                    amount_wan: a,
                    basis: s.basis.clone(),
                }),
                _ => flag(
                    fields,
                    Field::SpecialAmount(k),
                    format!(
                        "金额应为不小于 0 的数字（万元），现为「{}」",
                        s.amount.trim()
                    ),
                ),
            }
        }
        let unit_noun = self.check_unit_noun(fields);
        let classes = self.check_classes(fields, &mut out.general);
        if !fields.is_empty() || !out.general.is_empty() {
            return out;
        }
        let base = &*self.base;
        let mut scheme = Scheme {
            id: base.id.clone(),
            name,
            document: self.document.trim().to_owned(),
            title: base.title.clone(),
            short_title: base.short_title.clone(),
            rounding_places: rounding.unwrap_or(base.rounding_places),
            total: base.total,
            units: lines(&self.units),
            unit_aliases: base.unit_aliases.clone(),
            groups,
            bonus: parkscore::scheme::BonusRule {
                provincial: provincial.unwrap_or_default(),
                national: national.unwrap_or_default(),
                cumulative: self.cumulative,
                departments: base.bonus.departments.clone(),
            },
            veto: parkscore::scheme::VetoRule {
                events: lines(&self.veto_events),
                source: base.veto.source.clone(),
                departments: base.veto.departments.clone(),
            },
            awards: parkscore::scheme::AwardPlan {
                places_wan: places.into_iter().flatten().collect(),
                special: specials,
            },
            classes,
            unit_noun,
        };
        if self.from_builtin && scheme != *base {
            scheme.id = format!("{}-edited", base.id);
            if scheme.name == base.name {
                scheme.name = format!("{}（修改稿）", base.name);
            }
            // The titles printed on the reports are the document's: a copy is titled by its
            // own name.
            scheme.title = None;
            scheme.short_title = None;
        }
        match scheme.validate() {
            Ok(()) => out.scheme = Some(scheme),
            Err(e) => out.general.push(e.to_string()),
        }
        out
    }

    /// 评价对象: empty is the default (园区); otherwise a word of 1 to
    /// [`limits::UNIT_NOUN_CHARS`] characters without spaces, digits or punctuation.
    fn check_unit_noun(&self, fields: &mut BTreeMap<Field, String>) -> Option<String> {
        let noun = self.unit_noun.trim();
        if noun.is_empty() {
            return None;
        }
        let ok = noun.chars().count() <= limits::UNIT_NOUN_CHARS
            && noun
                .chars()
                .all(|c| c.is_alphabetic() && !c.is_ascii_punctuation());
        if !ok {
            flag(
                fields,
                Field::UnitNoun,
                format!(
                    "评价对象应为 1 到 {} 个字，不含空格、数字和标点，例如 企业（现为「{noun}」）",
                    limits::UNIT_NOUN_CHARS
                ),
            );
        }
        Some(noun.to_owned())
    }

    /// The classes as typed, checked as the scheme checks them: 2 to [`limits::GRADES`] grades,
    /// each named once and not T; by share, shares above 0 summing to 100 (the sum in words);
    /// by score, least totals falling, none on the last grade; the units not rated named once
    /// each and, when the scheme lists its units, on the list.
    fn check_classes(
        &self,
        fields: &mut BTreeMap<Field, String>,
        general: &mut Vec<String>,
    ) -> Option<ClassRule> {
        let by = self.classes_by?;
        let n = self.grades.len();
        if n < 2 {
            general.push(format!("等级至少要有两个（现有 {n} 个），例如 A、B、C、D"));
        } else if n > limits::GRADES {
            general.push(format!("等级最多 {} 个（现有 {n} 个）", limits::GRADES));
        }
        let mut names = BTreeSet::new();
        let mut grades = Vec::new();
        let mut sum = Some(Decimal::ZERO);
        let mut previous: Option<Decimal> = None;
        for (k, g) in self.grades.iter().enumerate() {
            let name = g.name.trim();
            if name.is_empty() {
                flag(fields, Field::GradeName(k), "等级名称不能为空".to_owned());
            } else if name == NOT_RATED_CLASS {
                flag(
                    fields,
                    Field::GradeName(k),
                    format!("{NOT_RATED_CLASS} 留给不参评单位，请另取名称"),
                );
            } else if name.chars().count() > limits::NAME_CHARS {
                flag(
                    fields,
                    Field::GradeName(k),
                    format!("等级名称最多 {} 个字", limits::NAME_CHARS),
                );
            } else if !names.insert(name.to_owned()) {
                flag(
                    fields,
                    Field::GradeName(k),
                    format!("等级名称「{name}」重复"),
                );
            }
            let field = Field::GradeValue(k);
            let (share, at_least) = match by {
                ClassBasis::Share => {
                    let share = number_in(
                        fields,
                        field,
                        &g.value,
                        None,
                        |d| d > Decimal::ZERO,
                        "所占比例应为大于 0 的百分数，例如 20",
                    );
                    sum = sum.zip(share).and_then(|(s, x)| s.checked_add(x));
                    (share, None)
                }
                ClassBasis::Score if k + 1 == n => {
                    if !g.value.trim().is_empty() {
                        flag(
                            fields,
                            field,
                            "最后一个等级包括其余全部单位，不填最低总分".to_owned(),
                        );
                    }
                    (None, None)
                }
                ClassBasis::Score => {
                    let at = number_in(
                        fields,
                        field,
                        &g.value,
                        None,
                        |_| true,
                        "最低总分应为数字，例如 90",
                    );
                    if let (Some(at), Some(p)) = (at, previous) {
                        if at >= p {
                            flag(
                                fields,
                                field,
                                format!(
                                    "最低总分应低于上一等级的 {}（现为「{}」）",
                                    p.normalize(),
                                    g.value.trim()
                                ),
                            );
                        }
                    }
                    previous = at.or(previous);
                    (None, at)
                }
            };
            grades.push(Grade {
                name: name.to_owned(),
                share,
                at_least,
            });
        }
        if let (ClassBasis::Share, Some(sum)) = (by, sum) {
            if sum != Decimal::ONE_HUNDRED && n > 0 {
                general.push(format!(
                    "各等级所占比例之和为 {}%，应为 100%",
                    sum.normalize()
                ));
            }
        }
        let not_rated = lines(&self.not_rated);
        let listed: BTreeSet<String> = parkscore::order::set(
            lines(&self.units)
                .iter()
                .map(|u| normalize_unit_name(u))
                .chain(
                    self.base
                        .unit_aliases
                        .values()
                        .flatten()
                        .map(|a| normalize_unit_name(a)),
                ),
        );
        let mut seen = BTreeSet::new();
        for name in &not_rated {
            let norm = normalize_unit_name(name);
            if !seen.insert(norm.clone()) {
                flag(fields, Field::NotRated, format!("不参评单位「{name}」重复"));
            } else if !listed.is_empty() && !listed.contains(&norm) {
                flag(
                    fields,
                    Field::NotRated,
                    format!("不参评单位「{name}」不在参评单位名单中"),
                );
            }
        }
        if not_rated.len() > limits::UNITS {
            flag(
                fields,
                Field::NotRated,
                format!("不参评单位最多 {} 个", limits::UNITS),
            );
        }
        Some(ClassRule {
            by,
            grades,
            not_rated,
        })
    }
}
