//! Property tests of the methods of issue 13 (`ratio_to_benchmark`, `min_max_floor`,
//! `thresholds`, `deduction`) and of the classes, through `evaluate` on one-indicator schemes
//! read from TOML: every score lies in [0, full] (uncapped `ratio_to_benchmark`: at least 0);
//! a park's score never falls when its value moves the way the indicator's direction calls
//! better (for `deduction`, fewer occurrences); the grades follow the ranking and parks tied
//! on the total share one grade.

use parkscore::dataset::{Dataset, ParkRecord};
use parkscore::{evaluate, IndicatorId, Options, Scheme};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A one-indicator scheme (full 10) scored by `method` (its TOML lines), with classes.
fn scheme(method: &str, lower: bool) -> Scheme {
    let direction = if lower {
        "direction = \"lower_is_better\"\n"
    } else {
        ""
    };
    let text = format!(
        r#"
id = "p"
name = "性质"
document = "测试"
rounding_places = 2
[bonus]
provincial = 0
national = 0
[veto]
events = []
[awards]
[classes]
by = "share"
[[classes.grades]]
name = "A"
share = 20
[[classes.grades]]
name = "B"
share = 40
[[classes.grades]]
name = "C"
share = 35
[[classes.grades]]
name = "D"
share = 5
[[groups]]
id = "g"
name = "组"
weight = 10
[[groups.indicators]]
id = "x"
name = "数值"
unit = "个"
full = 10
{method}
{direction}bureau = "局"
"#
    );
    Scheme::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The methods, each with whether it reads lower-is-better and whether its score may exceed
/// full.
fn method() -> impl Strategy<Value = (String, bool, bool)> {
    prop_oneof![
        (1i64..=500, any::<bool>()).prop_map(|(b, cap)| (
            format!("method = \"ratio_to_benchmark\"\nbenchmark = \"{}\"\ncap = {cap}", Decimal::new(b, 1)),
            false,
            !cap
        )),
        (0i64..=10, any::<bool>()).prop_map(|(a, lower)| (
            format!("method = \"min_max_floor\"\nfloor = \"{}\"", Decimal::new(a, 1)),
            lower,
            false
        )),
        (any::<bool>(), 0i64..=3).prop_map(|(lower, otherwise)| {
            let levels = if lower {
                "levels = [{ at_most = -2, points = 10 }, { at_most = 1, points = 6 }, { at_most = 4, points = 3 }]"
            } else {
                "levels = [{ at_least = 4, points = 10 }, { at_least = 1, points = 6 }, { at_least = -2, points = 3 }]"
            };
            (
                format!("method = \"thresholds\"\n{levels}\notherwise = {otherwise}"),
                lower,
                false,
            )
        }),
        (1i64..=40, 0i64..=9).prop_map(|(per, minimum)| (
            format!(
                "method = \"deduction\"\nper = \"{}\"\nminimum = {minimum}",
                Decimal::new(per, 1)
            ),
            // Fewer occurrences are better: raising the count is the "worse" direction.
            true,
            false
        )),
    ]
}

fn data(values: &[i64], counts: bool) -> Dataset {
    Dataset {
        year: None,
        source: None,
        parks: values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let mut p = ParkRecord::new(format!("企业{i}"));
                let v = if counts { v.abs() } else { v };
                p.values.insert(IndicatorId::from("x"), Decimal::new(v, 1));
                p
            })
            .collect(),
    }
}

fn score_of(s: &Scheme, values: &[i64], who: usize, counts: bool) -> Decimal {
    let e = evaluate(s, &data(values, counts), &Options::default()).expect("scores");
    let name = format!("企业{who}");
    e.park(&name)
        .and_then(|p| p.indicator("x"))
        .map(|r| r.score.value())
        .expect("the park is ranked")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn scores_stay_within_zero_and_full(
        (method, lower, uncapped) in method(),
        values in prop::collection::vec(-60i64..=60, 1..12),
    ) {
        let counts = method.contains("deduction");
        let s = scheme(&method, lower && !counts);
        let e = evaluate(&s, &data(&values, counts), &Options::default()).expect("scores");
        for p in e.ranked() {
            let score = p.indicator("x").unwrap().score.value();
            prop_assert!(score >= Decimal::ZERO, "{method}: {score}");
            if !uncapped {
                prop_assert!(score <= Decimal::TEN, "{method}: {score}");
            }
        }
    }

    #[test]
    fn a_better_value_never_scores_less(
        (method, lower, _) in method(),
        values in prop::collection::vec(-60i64..=60, 1..12),
        who in 0usize..12,
        step in 0i64..=30,
    ) {
        let counts = method.contains("deduction");
        let s = scheme(&method, lower && !counts);
        let who = who % values.len();
        let mut better = values.clone();
        if counts {
            // Fewer occurrences: towards 0.
            let v = values[who].abs();
            better[who] = (v - step).max(0);
        } else if lower {
            better[who] -= step;
        } else {
            better[who] += step;
        }
        let before = score_of(&s, &values, who, counts);
        let after = score_of(&s, &better, who, counts);
        prop_assert!(after >= before, "{method}: {before} → {after}");
    }

    #[test]
    fn grades_follow_the_ranking_and_ties_share_a_grade(
        values in prop::collection::vec(-20i64..=20, 1..40),
    ) {
        let s = scheme("method = \"ratio_to_benchmark\"\nbenchmark = 1", false);
        let e = evaluate(&s, &data(&values, false), &Options::default()).expect("scores");
        let n = e.parks.len();
        let grades: Vec<&str> = (0..n).map(|row| e.class_of(row).unwrap()).collect();
        // Rows are in ranking order: grades never get better further down.
        for w in grades.windows(2) {
            prop_assert!(w[0] <= w[1], "{grades:?}");
        }
        for (a, pa) in e.parks.iter().enumerate() {
            for (b, pb) in e.parks.iter().enumerate() {
                if pa.total == pb.total {
                    prop_assert_eq!(grades[a], grades[b]);
                }
            }
            // A park's grade: the first whose cumulative count ⌊N × c ÷ 100⌋ reaches its rank.
            let counts = [n * 20 / 100, n * 60 / 100, n * 95 / 100, n];
            let expected = counts.iter().position(|&c| pa.rank as usize <= c).unwrap();
            prop_assert_eq!(grades[a], ["A", "B", "C", "D"][expected]);
        }
    }
}
