//! The scheme file format (TOML), kept apart from the in-memory [`Scheme`] so that the file
//! reads naturally (`method = "count_capped"`, `per_unit = 1`, integers written as integers)
//! and every mistake gets a precise [`SchemeError`].
//!
//! Numbers are exact decimals. A TOML integer is taken as it is; a string is parsed as a
//! decimal (`"0.5"`); a TOML float (`0.5`) is converted once, through its shortest decimal
//! representation, exactly as spreadsheet cells are at the import edge. On output an integral
//! value is written as an integer and any other value as a string, so nothing is lost.

use super::error::SchemeError;
use super::{
    AwardPlan, BonusRule, Bound, ClassBasis, ClassRule, Direction, Grade, Group, GroupId,
    Indicator, IndicatorId, Level, Method, Scheme, SpecialAward, VetoRule,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::str::FromStr;

/// A decimal in a scheme file: integer, decimal string, or float read by its shortest form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Num, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("一个数（整数，或写成字符串的小数，例如 \"0.5\"）")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Num, E> {
                // The one float in the crate outside the spreadsheet edge: TOML hands us the
                // number already parsed; its shortest representation is the text written.
                Decimal::from_str(&v.to_string()).map(Num).map_err(|_| {
                    E::custom(format!("无法精确表示的数 {v}，请写成字符串，例如 \"0.5\""))
                })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Num, E> {
                Decimal::from_str(v.trim())
                    .map(Num)
                    .map_err(|_| E::custom(format!("「{v}」不是数，应为例如 \"0.5\" 的小数")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0 {
            if let Ok(i) = i64::try_from(d) {
                return serializer.serialize_i64(i);
            }
        }
        serializer.serialize_str(&d.to_string())
    }
}

/// `cap`: points for `count_capped` (`cap = 3`), a switch for `ratio_to_benchmark`
/// (`cap = true`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CapFile {
    /// `cap = true` / `cap = false`.
    Flag(bool),
    /// `cap = 3`.
    Points(Num),
}

impl<'de> Deserialize<'de> for CapFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CapFile, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CapFile;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("一个数（count_capped 的得分上限）或 true / false（ratio_to_benchmark 是否不超过满分）")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<CapFile, E> {
                Ok(CapFile::Flag(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<CapFile, E> {
                Ok(CapFile::Points(Num(Decimal::from(v))))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<CapFile, E> {
                Ok(CapFile::Points(Num(Decimal::from(v))))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<CapFile, E> {
                Decimal::from_str(&v.to_string())
                    .map(|d| CapFile::Points(Num(d)))
                    .map_err(|_| {
                        E::custom(format!("无法精确表示的数 {v}，请写成字符串，例如 \"0.5\""))
                    })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CapFile, E> {
                Decimal::from_str(v.trim())
                    .map(|d| CapFile::Points(Num(d)))
                    .map_err(|_| E::custom(format!("「{v}」不是数，应为例如 \"0.5\" 的小数")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for CapFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CapFile::Flag(b) => serializer.serialize_bool(*b),
            CapFile::Points(n) => n.serialize(serializer),
        }
    }
}

/// One level of a thresholds table: `{ at_least = 10, points = 5 }` or
/// `{ at_most = 0.5, points = 5 }`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LevelFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Num>,
    pub points: Num,
}

/// `[classes]`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClassesFile {
    pub by: ClassBasis,
    pub grades: Vec<GradeFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_rated: Vec<String>,
}

/// `[[classes.grades]]`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GradeFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Num>,
}

/// The whole file.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SchemeFile {
    pub id: String,
    pub name: String,
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_noun: Option<String>,
    pub rounding_places: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Num>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unit_aliases: BTreeMap<String, Vec<String>>,
    pub bonus: BonusFile,
    pub veto: VetoFile,
    pub awards: AwardsFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<ClassesFile>,
    pub groups: Vec<GroupFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BonusFile {
    pub provincial: Num,
    pub national: Num,
    #[serde(default)]
    pub cumulative: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VetoFile {
    pub events: Vec<String>,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AwardsFile {
    #[serde(default)]
    pub places_wan: Vec<Num>,
    #[serde(default)]
    pub special: Vec<SpecialFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SpecialFile {
    pub name: String,
    pub amount_wan: Num,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupFile {
    pub id: String,
    pub name: String,
    pub weight: Num,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<IndicatorFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorFile {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub full: Num,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<LevelFile>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Num>,
    #[serde(default)]
    pub direction: Direction,
    pub bureau: String,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl IndicatorFile {
    /// The method with its parameters; every parameter must be used by the method.
    fn method(&self) -> Result<Method, SchemeError> {
        let indicator = &self.id;
        let method_id = self.method.trim();
        let given: [(&'static str, bool); 10] = [
            ("step", self.step.is_some()),
            ("per_unit", self.per_unit.is_some()),
            ("cap", self.cap.is_some()),
            ("max", self.max.is_some()),
            ("benchmark", self.benchmark.is_some()),
            ("floor", self.floor.is_some()),
            ("levels", self.levels.is_some()),
            ("otherwise", self.otherwise.is_some()),
            ("per", self.per.is_some()),
            ("minimum", self.minimum.is_some()),
        ];
        let id = |m: &str| -> &'static str {
            Method::IDS
                .iter()
                .copied()
                .find(|known| *known == m)
                .unwrap_or("")
        };
        let need = |parameter: &'static str, value: Option<Num>| {
            need(indicator, id(method_id), parameter, value)
        };
        let bad_cap = |expected: &str| SchemeError::BadParameter {
            indicator: indicator.clone(),
            method: id(method_id),
            parameter: "cap",
            value: match self.cap {
                Some(CapFile::Flag(b)) => b.to_string(),
                Some(CapFile::Points(n)) => n.0.normalize().to_string(),
                None => String::new(),
            },
            expected: expected.to_owned(),
        };
        let (method, used): (Method, &[&str]) = match method_id {
            "rank_linear" => (Method::RankLinear, &[]),
            "ratio_to_top" => (Method::RatioToTop, &[]),
            "min_max" => (Method::MinMax, &[]),
            "rank_step" => (
                Method::RankStep {
                    step: need("step", self.step)?,
                },
                &["step"],
            ),
            "count_capped" => {
                let cap = match self.cap {
                    None => need("cap", None)?,
                    Some(CapFile::Points(n)) => n.0,
                    Some(CapFile::Flag(_)) => {
                        return Err(bad_cap("得分上限（一个数，例如 cap = 3）"))
                    }
                };
                (
                    Method::CountCapped {
                        per_unit: need("per_unit", self.per_unit)?,
                        cap,
                    },
                    &["per_unit", "cap"],
                )
            }
            "direct" => (
                Method::Direct {
                    max: need("max", self.max)?,
                },
                &["max"],
            ),
            "ratio_to_benchmark" => {
                let cap = match self.cap {
                    None => false,
                    Some(CapFile::Flag(b)) => b,
                    Some(CapFile::Points(_)) => {
                        return Err(bad_cap(
                            "true 或 false（是否不超过满分；得分上限就是分值 full）",
                        ))
                    }
                };
                (
                    Method::RatioToBenchmark {
                        benchmark: need("benchmark", self.benchmark)?,
                        cap,
                    },
                    &["benchmark", "cap"],
                )
            }
            "min_max_floor" => (
                Method::MinMaxFloor {
                    floor: need("floor", self.floor)?,
                },
                &["floor"],
            ),
            "thresholds" => {
                let Some(levels) = &self.levels else {
                    return Err(SchemeError::MissingParameter {
                        indicator: indicator.clone(),
                        method: "thresholds",
                        parameter: "levels",
                    });
                };
                let mut out = Vec::with_capacity(levels.len());
                for (i, l) in levels.iter().enumerate() {
                    let bound = match (l.at_least, l.at_most) {
                        (Some(b), None) => Bound::AtLeast(b.0),
                        (None, Some(b)) => Bound::AtMost(b.0),
                        (a, b) => {
                            return Err(SchemeError::BadParameter {
                                indicator: indicator.clone(),
                                method: "thresholds",
                                parameter: "levels",
                                value: format!(
                                    "第 {} 档{}",
                                    i + 1,
                                    if a.is_some() && b.is_some() {
                                        "同时写了 at_least 和 at_most"
                                    } else {
                                        "没有界限"
                                    }
                                ),
                                expected: "每档写 at_least（越大越好）或 at_most（越小越好）之一，例如 { at_least = 10, points = 5 }".to_owned(),
                            })
                        }
                    };
                    out.push(Level {
                        bound,
                        points: l.points.0,
                    });
                }
                (
                    Method::Thresholds {
                        levels: out,
                        otherwise: self.otherwise.map_or(Decimal::ZERO, |n| n.0),
                    },
                    &["levels", "otherwise"],
                )
            }
            "deduction" => (
                Method::Deduction {
                    per: need("per", self.per)?,
                    minimum: self.minimum.map_or(Decimal::ZERO, |n| n.0),
                },
                &["per", "minimum"],
            ),
            other => {
                return Err(SchemeError::UnknownMethod {
                    indicator: indicator.clone(),
                    method: other.to_owned(),
                })
            }
        };
        for (name, present) in given {
            if present && !used.contains(&name) {
                return Err(SchemeError::UnexpectedParameter {
                    indicator: indicator.clone(),
                    method: method.id(),
                    parameter: name,
                });
            }
        }
        Ok(method)
    }
}

fn need(
    indicator: &str,
    method: &'static str,
    parameter: &'static str,
    value: Option<Num>,
) -> Result<Decimal, SchemeError> {
    value
        .map(|n| n.0)
        .ok_or_else(|| SchemeError::MissingParameter {
            indicator: indicator.to_owned(),
            method,
            parameter,
        })
}

impl SchemeFile {
    /// The in-memory scheme (not yet validated beyond the methods' parameters); every
    /// indicator whose method cannot be read is reported.
    pub fn into_scheme(self) -> Result<Scheme, Vec<SchemeError>> {
        let mut groups = Vec::with_capacity(self.groups.len());
        let mut errors = Vec::new();
        for g in self.groups {
            let mut indicators = Vec::with_capacity(g.indicators.len());
            for i in g.indicators {
                let method = match i.method() {
                    Ok(m) => m,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                indicators.push(Indicator {
                    id: IndicatorId::from(i.id.as_str()),
                    name: i.name,
                    unit: i.unit,
                    full: i.full.0,
                    method,
                    direction: i.direction,
                    bureau: i.bureau,
                    source: i.source,
                    aliases: i.aliases,
                });
            }
            groups.push(Group {
                id: GroupId(g.id),
                name: g.name,
                weight: g.weight.0,
                departments: g.departments,
                indicators,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Scheme {
            classes: self.classes.map(|c| ClassRule {
                by: c.by,
                grades: c
                    .grades
                    .into_iter()
                    .map(|g| Grade {
                        name: g.name,
                        share: g.share.map(|n| n.0),
                        at_least: g.at_least.map(|n| n.0),
                    })
                    .collect(),
                not_rated: c.not_rated,
            }),
            unit_noun: self.unit_noun,
            id: self.id,
            name: self.name,
            document: self.document,
            title: self.title,
            short_title: self.short_title,
            rounding_places: self.rounding_places,
            total: self.total.map(|n| n.0),
            units: self.units,
            unit_aliases: self.unit_aliases,
            groups,
            bonus: BonusRule {
                provincial: self.bonus.provincial.0,
                national: self.bonus.national.0,
                cumulative: self.bonus.cumulative,
                departments: self.bonus.departments,
            },
            veto: VetoRule {
                events: self.veto.events,
                source: self.veto.source,
                departments: self.veto.departments,
            },
            awards: AwardPlan {
                places_wan: self.awards.places_wan.into_iter().map(|n| n.0).collect(),
                special: self
                    .awards
                    .special
                    .into_iter()
                    .map(|s| SpecialAward {
                        name: s.name,
                        amount_wan: s.amount_wan.0,
                        basis: s.basis.map(GroupId),
                    })
                    .collect(),
            },
        })
    }

    /// The file form of `scheme`.
    pub fn from_scheme(scheme: &Scheme) -> SchemeFile {
        SchemeFile {
            id: scheme.id.clone(),
            name: scheme.name.clone(),
            document: scheme.document.clone(),
            title: scheme.title.clone(),
            short_title: scheme.short_title.clone(),
            unit_noun: scheme.unit_noun.clone(),
            rounding_places: scheme.rounding_places,
            total: scheme.total.map(Num),
            units: scheme.units.clone(),
            unit_aliases: scheme.unit_aliases.clone(),
            bonus: BonusFile {
                provincial: Num(scheme.bonus.provincial),
                national: Num(scheme.bonus.national),
                cumulative: scheme.bonus.cumulative,
                departments: scheme.bonus.departments.clone(),
            },
            veto: VetoFile {
                events: scheme.veto.events.clone(),
                source: scheme.veto.source.clone(),
                departments: scheme.veto.departments.clone(),
            },
            awards: AwardsFile {
                places_wan: scheme.awards.places_wan.iter().copied().map(Num).collect(),
                special: scheme
                    .awards
                    .special
                    .iter()
                    .map(|s| SpecialFile {
                        name: s.name.clone(),
                        amount_wan: Num(s.amount_wan),
                        basis: s.basis.as_ref().map(|b| b.0.clone()),
                    })
                    .collect(),
            },
            classes: scheme.classes.as_ref().map(|c| ClassesFile {
                by: c.by,
                grades: c
                    .grades
                    .iter()
                    .map(|g| GradeFile {
                        name: g.name.clone(),
                        share: g.share.map(Num),
                        at_least: g.at_least.map(Num),
                    })
                    .collect(),
                not_rated: c.not_rated.clone(),
            }),
            groups: scheme
                .groups
                .iter()
                .map(|g| GroupFile {
                    id: g.id.0.clone(),
                    name: g.name.clone(),
                    weight: Num(g.weight),
                    departments: g.departments.clone(),
                    indicators: g.indicators.iter().map(indicator_file).collect(),
                })
                .collect(),
        }
    }
}

fn indicator_file(i: &Indicator) -> IndicatorFile {
    let mut f = IndicatorFile {
        id: i.id.as_str().to_owned(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        full: Num(i.full),
        method: i.method.id().to_owned(),
        step: None,
        per_unit: None,
        cap: None,
        max: None,
        benchmark: None,
        floor: None,
        levels: None,
        otherwise: None,
        per: None,
        minimum: None,
        direction: i.direction,
        bureau: i.bureau.clone(),
        source: i.source.clone(),
        aliases: i.aliases.clone(),
    };
    match &i.method {
        Method::RankStep { step } => f.step = Some(Num(*step)),
        Method::CountCapped { per_unit, cap } => {
            f.per_unit = Some(Num(*per_unit));
            f.cap = Some(CapFile::Points(Num(*cap)));
        }
        Method::Direct { max } => f.max = Some(Num(*max)),
        Method::RatioToBenchmark { benchmark, cap } => {
            f.benchmark = Some(Num(*benchmark));
            f.cap = cap.then_some(CapFile::Flag(true));
        }
        Method::MinMaxFloor { floor } => f.floor = Some(Num(*floor)),
        Method::Thresholds { levels, otherwise } => {
            f.levels = Some(
                levels
                    .iter()
                    .map(|l| LevelFile {
                        at_least: match l.bound {
                            Bound::AtLeast(b) => Some(Num(b)),
                            Bound::AtMost(_) => None,
                        },
                        at_most: match l.bound {
                            Bound::AtMost(b) => Some(Num(b)),
                            Bound::AtLeast(_) => None,
                        },
                        points: Num(l.points),
                    })
                    .collect(),
            );
            f.otherwise = (!otherwise.is_zero()).then_some(Num(*otherwise));
        }
        Method::Deduction { per, minimum } => {
            f.per = Some(Num(*per));
            f.minimum = (!minimum.is_zero()).then_some(Num(*minimum));
        }
        Method::RankLinear | Method::RatioToTop | Method::MinMax => {}
    }
    f
}
