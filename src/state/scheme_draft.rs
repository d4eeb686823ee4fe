//! The scheme editor's draft: the scheme as the user types it (every field as text, so that
//! nothing typed is lost), checked as typed with a Chinese message on the field it is about,
//! and built into a [`Scheme`] only when every field is right.
//!
//! The draft shows what a bureau changes — name and document, the groups (name, points,
//! departments) and their indicators (name, unit, full marks, method and its parameters,
//! direction, data source), the bonus points, the veto events, the award money, the list of
//! evaluated units, the rounding — and keeps everything else of the scheme it was opened from
//! (ids, aliases, the responsible bureau of an indicator, …). A new indicator or group gets a
//! fresh id (`ind_1`, `group_1`, …) that no other has.
//!
//! Judgement call: the built-in scheme is never overwritten. A draft opened from it that is
//! applied or saved with changes becomes a copy: its id gets `-edited` and, if its name was
//! left as it was, its name `（修改稿）`, so that the copy never passes for the document's rules.

use parkscore::scheme::{Direction, Group, GroupId, Indicator, IndicatorId, Method, SpecialAward};
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

/// The methods the editor offers.
pub const METHODS: [MethodChoice; 6] = [
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
        id: "count_capped",
        name: "计数：每个得分，封顶",
        params: &[("per_unit", "每个得分"), ("cap", "最高得分")],
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

fn method_parts(method: &Method) -> (&'static str, [String; 2]) {
    let n = |d: &Decimal| d.normalize().to_string();
    match method {
        Method::RankLinear => ("rank_linear", Default::default()),
        Method::RankStep { step } => ("rank_step", [n(step), String::new()]),
        Method::RatioToTop => ("ratio_to_top", Default::default()),
        Method::MinMax => ("min_max", Default::default()),
        Method::CountCapped { per_unit, cap } => ("count_capped", [n(per_unit), n(cap)]),
        Method::Direct { max } => ("direct", [n(max), String::new()]),
        // Issue 13's methods are not offered by the editor yet: kept as the scheme has them
        // (see `SchemeDraft::build`).
        Method::RatioToBenchmark { .. }
        | Method::MinMaxFloor { .. }
        | Method::Thresholds { .. }
        | Method::Deduction { .. } => (method.id(), Default::default()),
    }
}

impl IndicatorDraft {
    fn of(indicator: &Indicator) -> IndicatorDraft {
        let (method, params) = method_parts(&indicator.method);
        IndicatorDraft {
            from: Some(indicator.clone()),
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            full: indicator.full.normalize().to_string(),
            method,
            params,
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
            Field::Indicator(g, i, f) => {
                let ind = self.groups.get(g)?.indicators.get(i)?;
                match f {
                    IndicatorField::Name => &ind.name,
                    IndicatorField::Unit => &ind.unit,
                    IndicatorField::Full => &ind.full,
                    IndicatorField::Param0 => &ind.params[0],
                    IndicatorField::Param1 => &ind.params[1],
                    IndicatorField::Source => &ind.source,
                }
            }
            Field::Provincial => &self.provincial,
            Field::National => &self.national,
            Field::Places => &self.places,
            Field::SpecialName(k) => &self.specials.get(k)?.name,
            Field::SpecialAmount(k) => &self.specials.get(k)?.amount,
            Field::VetoEvents => &self.veto_events,
            Field::Units => &self.units,
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
            Field::Indicator(g, i, f) => {
                let ind = self.groups.get_mut(g)?.indicators.get_mut(i)?;
                match f {
                    IndicatorField::Name => &mut ind.name,
                    IndicatorField::Unit => &mut ind.unit,
                    IndicatorField::Full => &mut ind.full,
                    IndicatorField::Param0 => &mut ind.params[0],
                    IndicatorField::Param1 => &mut ind.params[1],
                    IndicatorField::Source => &mut ind.source,
                }
            }
            Field::Provincial => &mut self.provincial,
            Field::National => &mut self.national,
            Field::Places => &mut self.places,
            Field::SpecialName(k) => &mut self.specials.get_mut(k)?.name,
            Field::SpecialAmount(k) => &mut self.specials.get_mut(k)?.amount,
            Field::VetoEvents => &mut self.veto_events,
            Field::Units => &mut self.units,
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
        ind.params = match ind.from.as_ref().map(|f| method_parts(&f.method)) {
            Some((was, params)) if was == id => params,
            _ => Default::default(),
        };
        true
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
        let taken: BTreeSet<&str> = self.groups.iter().map(|g| g.id.0.as_str()).collect();
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
        let mut ids: BTreeSet<String> = self
            .groups
            .iter()
            .flat_map(|g| &g.indicators)
            .filter_map(|i| i.from.as_ref().map(|f| f.id.as_str().to_owned()))
            .collect();
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
                let labels = ind.param_labels();
                let mut params = [None, None];
                for (k, (_, label)) in labels.iter().enumerate() {
                    let which = if k == 0 {
                        IndicatorField::Param0
                    } else {
                        IndicatorField::Param1
                    };
                    params[k] = positive(fields, f(which), &ind.params[k], label);
                }
                let method = match (ind.method, params) {
                    ("rank_linear", _) => Some(Method::RankLinear),
                    ("rank_step", [Some(step), _]) => Some(Method::RankStep { step }),
                    ("ratio_to_top", _) => Some(Method::RatioToTop),
                    ("min_max", _) => Some(Method::MinMax),
                    ("count_capped", [Some(per_unit), Some(cap)]) => {
                        Some(Method::CountCapped { per_unit, cap })
                    }
                    ("direct", [Some(max), _]) => Some(Method::Direct { max }),
                    // A method the editor does not offer (ratio_to_benchmark, min_max_floor,
                    // thresholds, deduction) stays as the scheme had it.
                    (id, _) if !METHODS.iter().any(|m| m.id == id) => ind
                        .from
                        .as_ref()
                        .filter(|f| f.method.id() == id)
                        .map(|f| f.method.clone()),
                    _ => None,
                };
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
            // The editor does not edit the classes yet: kept as the scheme has them.
            classes: base.classes.clone(),
            unit_noun: base.unit_noun.clone(),
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
}
