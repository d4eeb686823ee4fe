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
    AwardPlan, BonusRule, Direction, Group, GroupId, Indicator, IndicatorId, Method, Scheme,
    SpecialAward, VetoRule,
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
    pub cap: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
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
        let params: [(&'static str, Option<Num>); 4] = [
            ("step", self.step),
            ("per_unit", self.per_unit),
            ("cap", self.cap),
            ("max", self.max),
        ];
        let (method, used): (Method, &[&str]) = match self.method.trim() {
            "rank_linear" => (Method::RankLinear, &[]),
            "ratio_to_top" => (Method::RatioToTop, &[]),
            "min_max" => (Method::MinMax, &[]),
            "rank_step" => (
                Method::RankStep {
                    step: need(indicator, "rank_step", "step", self.step)?,
                },
                &["step"],
            ),
            "count_capped" => (
                Method::CountCapped {
                    per_unit: need(indicator, "count_capped", "per_unit", self.per_unit)?,
                    cap: need(indicator, "count_capped", "cap", self.cap)?,
                },
                &["per_unit", "cap"],
            ),
            "direct" => (
                Method::Direct {
                    max: need(indicator, "direct", "max", self.max)?,
                },
                &["max"],
            ),
            other => {
                return Err(SchemeError::UnknownMethod {
                    indicator: indicator.clone(),
                    method: other.to_owned(),
                })
            }
        };
        for (name, value) in params {
            if value.is_some() && !used.contains(&name) {
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
    /// The in-memory scheme (not yet validated beyond the methods' parameters).
    pub fn into_scheme(self) -> Result<Scheme, SchemeError> {
        let mut groups = Vec::with_capacity(self.groups.len());
        for g in self.groups {
            let mut indicators = Vec::with_capacity(g.indicators.len());
            for i in g.indicators {
                let method = i.method()?;
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
        Ok(Scheme {
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
    let (mut step, mut per_unit, mut cap, mut max) = (None, None, None, None);
    match &i.method {
        Method::RankStep { step: s } => step = Some(Num(*s)),
        Method::CountCapped {
            per_unit: p,
            cap: c,
        } => {
            per_unit = Some(Num(*p));
            cap = Some(Num(*c));
        }
        Method::Direct { max: m } => max = Some(Num(*m)),
        Method::RankLinear | Method::RatioToTop | Method::MinMax => {}
    }
    IndicatorFile {
        id: i.id.as_str().to_owned(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        full: Num(i.full),
        method: i.method.id().to_owned(),
        step,
        per_unit,
        cap,
        max,
        direction: i.direction,
        bureau: i.bureau.clone(),
        source: i.source.clone(),
        aliases: i.aliases.clone(),
    }
}
