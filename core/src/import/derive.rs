//! Derived indicators: when a file holds raw figures (工业总产值 本年/上年, 建成区面积, …)
//! instead of the 附件2 indicators, compute them, exactly (no rounding), and say how.
//!
//! | indicator | from |
//! |---|---|
//! | 新增工业总产值 (亿元) | 工业总产值 本年 − 上年 |
//! | 工业总产值增速 (%) | (本年 − 上年) ÷ 上年 × 100 |
//! | 上缴税金总额 (亿元) | 上缴税金 本年 |
//! | 上缴税金增速 (%) | (本年 − 上年) ÷ 上年 × 100 |
//! | 就业人员增速 (%) | (本年 − 上年) ÷ 上年 × 100 |
//! | 建成区亩均工业总产值 / 固定资产投资 / 税收 (万元/亩) | 本年 (亿元) × 10000 ÷ 建成区面积 (亩) |
//! | 工业固定资产投资增速 (%) | (本年 − 上年) ÷ 上年 × 100 |
//! | 基础设施建设投资增速 (%) | (本年 − 上年) ÷ 上年 × 100 |
//! | 新增基础设施建设投资总额 (亿元) | 基础设施建设投资 本年 − 上年 (read like 新增工业总产值) |
//!
//! Every operation is checked: a result a [`Decimal`] cannot hold (about ±7.9 × 10²⁸, or a
//! quotient of a huge value by a tiny divisor) is [`DeriveError::Overflow`], never a panic.

use super::header::{Period, RawKind};
use super::number::display_decimal;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How an indicator is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipe {
    /// 本年 − 上年.
    Increase(RawKind),
    /// (本年 − 上年) ÷ 上年 × 100.
    Growth(RawKind),
    /// 本年 as is.
    Current(RawKind),
    /// 本年 (亿元) × 10000 ÷ 建成区面积 (亩).
    PerMu(RawKind),
}

impl Recipe {
    /// The raw figures the recipe needs.
    pub fn needs(self) -> Vec<(RawKind, Period)> {
        match self {
            Recipe::Increase(k) | Recipe::Growth(k) => {
                vec![(k, Period::Current), (k, Period::Previous)]
            }
            Recipe::Current(k) => vec![(k, Period::Current)],
            Recipe::PerMu(k) => vec![(k, Period::Current), (RawKind::BuiltArea, Period::Current)],
        }
    }
}

/// The recipe for an indicator id, if it can be derived.
pub fn recipe(indicator_id: &str) -> Option<Recipe> {
    Some(match indicator_id {
        "new_output_value" => Recipe::Increase(RawKind::Output),
        "output_growth" => Recipe::Growth(RawKind::Output),
        "tax_total" => Recipe::Current(RawKind::Tax),
        "tax_growth" => Recipe::Growth(RawKind::Tax),
        "employment_growth" => Recipe::Growth(RawKind::Employment),
        "output_per_mu" => Recipe::PerMu(RawKind::Output),
        "investment_per_mu" => Recipe::PerMu(RawKind::FixedInvestment),
        "tax_per_mu" => Recipe::PerMu(RawKind::Tax),
        "fixed_investment_growth" => Recipe::Growth(RawKind::FixedInvestment),
        "infra_investment_growth" => Recipe::Growth(RawKind::InfraInvestment),
        "new_infra_investment" => Recipe::Increase(RawKind::InfraInvestment),
        _ => return None,
    })
}

/// Why a derivation failed for one park.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeriveError {
    /// A divisor (上年 value or 建成区面积) is zero: the figure at fault.
    ZeroDivisor(RawKind, Period),
    /// The result is beyond what a [`Decimal`] can hold: the figures it was computed from,
    /// as the message shows them (`本年 1e28，上年 −1e28`).
    Overflow(String),
}

/// A derived value and its explanation
/// (`工业总产值增速 = (52.3 − 45.1) ÷ 45.1 × 100 = 15.96…%`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The exact value.
    pub value: Decimal,
    /// How it was computed, in Chinese.
    pub explain: String,
}

fn show(d: Decimal) -> String {
    display_decimal(d, 4)
}

/// A figure in an overflow message: every digit, since the point is to find the cell.
fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Applies `recipe` for the indicator called `name` (unit `unit`) to one park's raw figures.
/// `Ok(None)` when a figure is missing (the indicator stays missing).
pub fn apply(
    recipe: Recipe,
    name: &str,
    unit: &str,
    raws: &BTreeMap<(RawKind, Period), Decimal>,
) -> Result<Option<Derived>, DeriveError> {
    let get = |k: RawKind, p: Period| raws.get(&(k, p)).copied();
    let unit_shown = if unit == "%" {
        "%".to_owned()
    } else {
        format!(" {unit}")
    };
    match recipe {
        Recipe::Increase(k) => {
            let (Some(cur), Some(prev)) = (get(k, Period::Current), get(k, Period::Previous))
            else {
                return Ok(None);
            };
            let value = cur.checked_sub(prev).ok_or_else(|| {
                DeriveError::Overflow(format!("本年 {}，上年 {}", exact(cur), exact(prev)))
            })?;
            Ok(Some(Derived {
                value,
                explain: format!(
                    "{name} = 本年{} − 上年{} = {} − {} = {}{unit_shown}",
                    k.label(),
                    k.label(),
                    show(cur),
                    show(prev),
                    display_decimal(value, 2)
                ),
            }))
        }
        Recipe::Growth(k) => {
            let (Some(cur), Some(prev)) = (get(k, Period::Current), get(k, Period::Previous))
            else {
                return Ok(None);
            };
            if prev.is_zero() {
                return Err(DeriveError::ZeroDivisor(k, Period::Previous));
            }
            let value = cur
                .checked_sub(prev)
                .and_then(|d| d.checked_div(prev))
                .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
                .ok_or_else(|| {
                    DeriveError::Overflow(format!("本年 {}，上年 {}", exact(cur), exact(prev)))
                })?;
            Ok(Some(Derived {
                value,
                explain: format!(
                    "{name} = ({} − {}) ÷ {} × 100 = {}%",
                    show(cur),
                    show(prev),
                    show(prev),
                    display_decimal(value, 2)
                ),
            }))
        }
        Recipe::Current(k) => {
            let Some(cur) = get(k, Period::Current) else {
                return Ok(None);
            };
            Ok(Some(Derived {
                value: cur,
                explain: format!("{name} = 本年{} = {}{unit_shown}", k.label(), show(cur)),
            }))
        }
        Recipe::PerMu(k) => {
            let (Some(cur), Some(area)) = (
                get(k, Period::Current),
                get(RawKind::BuiltArea, Period::Current),
            ) else {
                return Ok(None);
            };
            if area.is_zero() {
                return Err(DeriveError::ZeroDivisor(
                    RawKind::BuiltArea,
                    Period::Current,
                ));
            }
            let value = cur
                .checked_mul(Decimal::from(10_000))
                .and_then(|w| w.checked_div(area))
                .ok_or_else(|| {
                    DeriveError::Overflow(format!(
                        "本年{} {} 亿元，建成区面积 {} 亩",
                        k.label(),
                        exact(cur),
                        exact(area)
                    ))
                })?;
            Ok(Some(Derived {
                value,
                explain: format!(
                    "{name} = {} 亿元 × 10000 ÷ {} 亩 = {}{unit_shown}",
                    show(cur),
                    show(area),
                    display_decimal(value, 2)
                ),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn growth_is_exact_and_explained() {
        let mut raws = BTreeMap::new();
        raws.insert((RawKind::Output, Period::Current), d("52.3"));
        raws.insert((RawKind::Output, Period::Previous), d("45.1"));
        let got = apply(
            Recipe::Growth(RawKind::Output),
            "工业总产值增速",
            "%",
            &raws,
        )
        .unwrap()
        .unwrap();
        // By hand: (52.3 − 45.1) ÷ 45.1 × 100 = 720 ÷ 45.1 = 15.964523281596452…
        assert!((got.value - d("15.9645232815964523")).abs() < d("0.0000000000001"));
        assert_eq!(
            got.explain,
            "工业总产值增速 = (52.3 − 45.1) ÷ 45.1 × 100 = 15.96…%"
        );
    }

    #[test]
    fn zero_previous_year_is_an_error() {
        let mut raws = BTreeMap::new();
        raws.insert((RawKind::Tax, Period::Current), d("1"));
        raws.insert((RawKind::Tax, Period::Previous), d("0"));
        assert_eq!(
            apply(Recipe::Growth(RawKind::Tax), "上缴税金增速", "%", &raws),
            Err(DeriveError::ZeroDivisor(RawKind::Tax, Period::Previous))
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let huge = Decimal::MAX;
        let tiny = Decimal::new(1, 28);
        let cases: [(Recipe, Decimal, Decimal); 4] = [
            // MAX − (−MAX) overflows the subtraction.
            (Recipe::Increase(RawKind::Output), huge, -huge),
            // (1e27 − 1e−28) ÷ 1e−28 overflows the division.
            (
                Recipe::Growth(RawKind::Output),
                Decimal::from_str("1e27").unwrap(),
                tiny,
            ),
            // (MAX − 1) ÷ 1 × 100 overflows the scaling.
            (Recipe::Growth(RawKind::Output), huge, Decimal::ONE),
            // MAX × 10000 overflows before the division by the area.
            (Recipe::PerMu(RawKind::Output), huge, Decimal::ONE),
        ];
        for (recipe, a, b) in cases {
            let mut raws = BTreeMap::new();
            raws.insert((RawKind::Output, Period::Current), a);
            raws.insert((RawKind::Output, Period::Previous), b);
            raws.insert((RawKind::BuiltArea, Period::Current), b);
            let got = apply(recipe, "指标", "%", &raws);
            assert!(
                matches!(got, Err(DeriveError::Overflow(_))),
                "{recipe:?}: {got:?}"
            );
        }
        // A tiny but valid divisor that does not overflow: (2 − 1) ÷ 1 × 100 = 100.
        let mut raws = BTreeMap::new();
        raws.insert((RawKind::Tax, Period::Current), Decimal::TWO);
        raws.insert((RawKind::Tax, Period::Previous), Decimal::ONE);
        let got = apply(Recipe::Growth(RawKind::Tax), "上缴税金增速", "%", &raws);
        assert_eq!(got.unwrap().unwrap().value, Decimal::ONE_HUNDRED);
    }

    #[test]
    fn per_mu_converts_yi_to_wan() {
        let mut raws = BTreeMap::new();
        raws.insert((RawKind::Tax, Period::Current), d("1.5"));
        raws.insert((RawKind::BuiltArea, Period::Current), d("3000"));
        let got = apply(
            Recipe::PerMu(RawKind::Tax),
            "建成区亩均税收",
            "万元/亩",
            &raws,
        )
        .unwrap()
        .unwrap();
        // By hand: 1.5 亿元 = 15000 万元; 15000 ÷ 3000 亩 = 5 万元/亩.
        assert_eq!(got.value, d("5"));
    }
}
