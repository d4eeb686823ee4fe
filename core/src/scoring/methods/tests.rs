//! Unit tests of every method: ties, negative values, N = 1, all values equal, missing values.
//! Every expected score is worked out by hand in the comment above it.

use super::*;
use crate::scoring::explain::{num, operand};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn vals(xs: &[&str]) -> Vec<Option<Decimal>> {
    xs.iter()
        .map(|x| if x.is_empty() { None } else { Some(d(x)) })
        .collect()
}

/// One cell's outcome as the tests compare it: the score, the rank and the explanation
/// rendered by `explain::cell` from the column's facts.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    score: Score,
    rank: Option<u32>,
    explain: String,
}

/// [`score_column`] cell by cell, each explained.
fn outcomes(
    rule: Rule<'_>,
    values: &[Option<Decimal>],
    missing: MissingPolicy,
) -> Vec<Result<Outcome, CellError>> {
    let cells: Vec<crate::dataset::MaybeDecimal> = values.iter().map(|&v| v.into()).collect();
    let column = score_column(rule, &cells, missing);
    let mut out: Vec<Result<Outcome, CellError>> = values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let rank = column.ranks.get(i).copied();
            let at = rank.map(|r| RankAt {
                r,
                n: values.len(),
                tie: column.tied[i],
            });
            let score = column.scores.get(i).expect("a score per row");
            Ok(Outcome {
                score,
                rank,
                explain: crate::scoring::explain::cell(
                    rule,
                    &column.facts,
                    missing,
                    *value,
                    at,
                    score,
                ),
            })
        })
        .collect();
    for (i, e) in column.errors {
        out[i] = Err(e);
    }
    out
}

fn rule<'a>(full: &str, method: &'a Method) -> Rule<'a> {
    Rule {
        full: d(full),
        unit: "户",
        method,
        direction: Direction::HigherIsBetter,
        places: 2,
    }
}

/// Scores as fixed 2-decimal strings; errors as `ERR`.
fn scores(rule: Rule<'_>, xs: &[&str], missing: MissingPolicy) -> Vec<String> {
    outcomes(rule, &vals(xs), missing)
        .into_iter()
        .map(|o| o.map_or_else(|_| "ERR".to_owned(), |o| o.score.fixed(2)))
        .collect()
}

fn explains(rule: Rule<'_>, xs: &[&str], missing: MissingPolicy) -> Vec<String> {
    outcomes(rule, &vals(xs), missing)
        .into_iter()
        .map(|o| o.map_or_else(|e| format!("{e:?}"), |o| o.explain))
        .collect()
}

const E: MissingPolicy = MissingPolicy::Error;

// ---- rank_linear -------------------------------------------------------------------------

#[test]
fn rank_linear_with_ties_and_a_negative_value() {
    // Values 10, 8, 8, 5, −2: ranks 1, 2, 2, 4, 5; N = 5; full 6.
    // r=1: 6 × 4/4 = 6; r=2: 6 × 3/4 = 4.5; r=4: 6 × 1/4 = 1.5; r=5: 6 × 0/4 = 0.
    let m = Method::RankLinear;
    assert_eq!(
        scores(rule("6", &m), &["10", "8", "8", "5", "-2"], E),
        ["6.00", "4.50", "4.50", "1.50", "0.00"]
    );
    let ex = explains(rule("6", &m), &["10", "8", "8", "5", "-2"], E);
    assert_eq!(ex[1], "名次 2/5（并列）：6 × (5−2)/(5−1) = 4.50");
    assert_eq!(ex[4], "名次 5/5：6 × (5−5)/(5−1) = 0.00");
}

#[test]
fn rank_linear_rounds_half_away_from_zero_and_explains_like_the_issue() {
    // 14 parks, values 14, 13, …, 1: the park with 12 ranks 3rd.
    // 6 × (14 − 3)/(14 − 1) = 66/13 = 5.0769… → 5.08.
    let xs: Vec<String> = (1..=14).rev().map(|v| v.to_string()).collect();
    let xs: Vec<&str> = xs.iter().map(String::as_str).collect();
    let m = Method::RankLinear;
    let out = outcomes(rule("6", &m), &vals(&xs), E);
    let third = out[2].as_ref().unwrap();
    assert_eq!(third.rank, Some(3));
    assert_eq!(third.score.fixed(2), "5.08");
    assert_eq!(third.explain, "名次 3/14：6 × (14−3)/(14−1) = 5.08");
}

#[test]
fn rank_linear_n1_all_equal_and_all_negative() {
    let m = Method::RankLinear;
    // N = 1 scores full.
    assert_eq!(scores(rule("6", &m), &["-3"], E), ["6.00"]);
    assert_eq!(
        explains(rule("6", &m), &["-3"], E),
        ["名次 1/1：仅 1 个参评园区，得满分 = 6.00"]
    );
    // All equal: everyone ranks 1st and scores full.
    assert_eq!(scores(rule("6", &m), &["2", "2", "2"], E), ["6.00"; 3]);
    // −1 > −3 > −5: ranks 1, 2, 3 → 6, 6 × 1/2 = 3, 0.
    assert_eq!(
        scores(rule("6", &m), &["-1", "-5", "-3"], E),
        ["6.00", "0.00", "3.00"]
    );
}

#[test]
fn rank_linear_lower_is_better() {
    // Lower first: 1 < 4 < 9 → ranks 1, 2, 3 (N = 3), full 4: 4, 4 × 1/2 = 2, 0.
    let m = Method::RankLinear;
    let mut r = rule("4", &m);
    r.direction = Direction::LowerIsBetter;
    assert_eq!(scores(r, &["9", "1", "4"], E), ["0.00", "4.00", "2.00"]);
}

// ---- rank_step ---------------------------------------------------------------------------

#[test]
fn rank_step_with_ties_floor_and_negative_values() {
    // Values 10, 8, 8, 5, −2 rank 1, 2, 2, 4, 5; full 6, step 2:
    // 6 − 0×2 = 6; 6 − 1×2 = 4 (twice); 6 − 3×2 = 0; 6 − 4×2 = −2 → floored at 0.
    let m = Method::RankStep { step: d("2") };
    assert_eq!(
        scores(rule("6", &m), &["10", "8", "8", "5", "-2"], E),
        ["6.00", "4.00", "4.00", "0.00", "0.00"]
    );
    let ex = explains(rule("6", &m), &["10", "8", "8", "5", "-2"], E);
    assert_eq!(ex[4], "名次 5/5：6 − (5−1) × 2 = −2，扣完为止 = 0.00");
    assert_eq!(ex[1], "名次 2/5（并列）：6 − (2−1) × 2 = 4.00");
}

#[test]
fn rank_step_n1_and_all_equal() {
    let m = Method::RankStep { step: d("0.5") };
    assert_eq!(scores(rule("6", &m), &["1"], E), ["6.00"]);
    assert_eq!(scores(rule("6", &m), &["1", "1"], E), ["6.00", "6.00"]);
    // 3 parks, step 0.5: 6, 5.5, 5.
    assert_eq!(
        scores(rule("6", &m), &["3", "2", "1"], E),
        ["6.00", "5.50", "5.00"]
    );
}

// ---- ratio_to_top ------------------------------------------------------------------------

#[test]
fn ratio_to_top_ties_negatives_and_clamping() {
    // Top 10 (twice) scores full 6; 5 → 6 × 5/10 = 3; −2 → negative, clamped to 0; 0 → 0.
    let m = Method::RatioToTop;
    assert_eq!(
        scores(rule("6", &m), &["10", "5", "-2", "0", "10"], E),
        ["6.00", "3.00", "0.00", "0.00", "6.00"]
    );
    let ex = explains(rule("6", &m), &["10", "5", "-2"], E);
    assert_eq!(ex[0], "数值 10 为第一名，得满分 = 6.00");
    assert_eq!(ex[1], "数值 5，第一名 10：6 × 5 ÷ 10 = 3.00");
    assert_eq!(
        ex[2],
        "数值 −2，第一名 10：6 × (−2) ÷ 10 ≤ 0，不低于 0 = 0.00"
    );
    // 4 × 1/3 = 1.333… → 1.33.
    assert_eq!(scores(rule("4", &m), &["3", "1"], E), ["4.00", "1.33"]);
}

#[test]
fn ratio_to_top_with_a_top_not_above_zero() {
    // Top −1 ≤ 0: the top scores full, the others 0.
    let m = Method::RatioToTop;
    assert_eq!(scores(rule("6", &m), &["-1", "-3"], E), ["6.00", "0.00"]);
    assert_eq!(
        explains(rule("6", &m), &["-1", "-3"], E)[1],
        "数值 −3，第一名 −1 不大于 0：非第一名得 0 分 = 0.00"
    );
    // All equal at 0: everyone is top.
    assert_eq!(scores(rule("6", &m), &["0", "0"], E), ["6.00", "6.00"]);
    // N = 1.
    assert_eq!(scores(rule("6", &m), &["7"], E), ["6.00"]);
}

#[test]
fn ratio_to_top_lower_is_better() {
    // Best (smallest) 2: 4 × 2/4 = 2; 4 × 2/8 = 1.
    let m = Method::RatioToTop;
    let mut r = rule("4", &m);
    r.direction = Direction::LowerIsBetter;
    assert_eq!(scores(r, &["2", "4", "8"], E), ["4.00", "2.00", "1.00"]);
}

// ---- min_max -----------------------------------------------------------------------------

#[test]
fn min_max_ties_negatives_all_equal_and_n1() {
    let m = Method::MinMax;
    // min 0, max 10: 10 → 4; 5 → 4 × 5/10 = 2 (twice); 0 → 0.
    assert_eq!(
        scores(rule("4", &m), &["10", "5", "0", "5"], E),
        ["4.00", "2.00", "0.00", "2.00"]
    );
    // min −4, max 4: 0 → 4 × 4/8 = 2.
    assert_eq!(
        scores(rule("4", &m), &["-4", "0", "4"], E),
        ["0.00", "2.00", "4.00"]
    );
    assert_eq!(
        explains(rule("4", &m), &["-4", "0", "4"], E)[1],
        "数值 0，最小 −4，最大 4：4 × (0−(−4)) ÷ (4−(−4)) = 2.00"
    );
    assert_eq!(scores(rule("4", &m), &["5", "5"], E), ["4.00", "4.00"]);
    assert_eq!(scores(rule("4", &m), &["5"], E), ["4.00"]);
    // 3 → 4 × 1/3 = 1.333… → 1.33; 2 → 4 × 2/3 = 2.666… → 2.67
    assert_eq!(
        scores(rule("4", &m), &["0", "1", "2", "3"], E),
        ["0.00", "1.33", "2.67", "4.00"]
    );
}

#[test]
fn min_max_lower_is_better() {
    let m = Method::MinMax;
    let mut r = rule("4", &m);
    r.direction = Direction::LowerIsBetter;
    // (max − v) / (max − min): 10 → 0, 5 → 2, 0 → 4.
    assert_eq!(scores(r, &["10", "5", "0"], E), ["0.00", "2.00", "4.00"]);
}

// ---- count_capped ------------------------------------------------------------------------

#[test]
fn count_capped_caps_and_refuses_negative_counts() {
    let m = Method::CountCapped {
        per_unit: d("1"),
        cap: d("3"),
    };
    // 0 → 0; 2 → 2; 5 → min(5, 3) = 3; −1 → error.
    assert_eq!(
        scores(rule("3", &m), &["0", "2", "5", "-1"], E),
        ["0.00", "2.00", "3.00", "ERR"]
    );
    assert_eq!(
        explains(rule("3", &m), &["3"], E),
        ["3 户 × 1 分，上限 3 分 = 3.00"]
    );
    // Not comparative: no rank.
    assert_eq!(
        outcomes(rule("3", &m), &vals(&["3"]), E)[0]
            .as_ref()
            .unwrap()
            .rank,
        None
    );
    // Half a point a unit: 3 × 0.5 = 1.5.
    let half = Method::CountCapped {
        per_unit: d("0.5"),
        cap: d("4"),
    };
    assert_eq!(scores(rule("4", &half), &["3"], E), ["1.50"]);
}

// ---- direct ------------------------------------------------------------------------------

#[test]
fn direct_takes_the_value_and_refuses_out_of_range() {
    let m = Method::Direct { max: d("3") };
    assert_eq!(
        scores(rule("3", &m), &["2.5", "3", "0", "3.01", "-0.5"], E),
        ["2.50", "3.00", "0.00", "ERR", "ERR"]
    );
    assert_eq!(
        explains(rule("3", &m), &["2.5"], E),
        ["直接评分 2.5（满分 3）= 2.50"]
    );
    assert_eq!(
        outcomes(rule("3", &m), &vals(&["3.01"]), E)[0],
        Err(CellError::DirectOutOfRange {
            value: d("3.01"),
            max: d("3")
        })
    );
}

// ---- missing values ----------------------------------------------------------------------

#[test]
fn missing_values_under_each_policy() {
    let m = Method::RankLinear;
    // Error: the missing cell is an error, the others still score.
    let out = outcomes(rule("6", &m), &vals(&["10", "", "5"]), E);
    assert_eq!(out[1], Err(CellError::Missing));
    // Zero: N = 3 counts the missing park; 10 ranks 1 → 6, 5 ranks 2 → 6 × 1/2 = 3,
    // the missing park ranks 3 and scores 0 by policy.
    assert_eq!(
        scores(rule("6", &m), &["10", "", "5"], MissingPolicy::Zero),
        ["6.00", "0.00", "3.00"]
    );
    assert_eq!(
        explains(rule("6", &m), &["10", "", "5"], MissingPolicy::Zero)[1],
        "缺失数值，按“缺失计 0 分”处理 = 0.00"
    );
    // RankLast: N = 4; 10 → 6, 5 → 6 × 2/3 = 4, both missing tied at rank 3 → 6 × 1/3 = 2.
    assert_eq!(
        scores(rule("6", &m), &["10", "", "", "5"], MissingPolicy::RankLast),
        ["6.00", "2.00", "2.00", "4.00"]
    );
    assert_eq!(
        explains(rule("6", &m), &["10", "", "", "5"], MissingPolicy::RankLast)[1],
        "缺失数值，按“缺失排最后”处理，名次 3/4（并列）：6 × (4−3)/(4−1) = 2.00"
    );
    // RankLast with a value-based or a non-comparative method: 0.
    assert_eq!(
        scores(
            rule("6", &Method::RatioToTop),
            &["10", ""],
            MissingPolicy::RankLast
        ),
        ["6.00", "0.00"]
    );
    assert_eq!(
        explains(
            rule("6", &Method::RatioToTop),
            &["10", ""],
            MissingPolicy::RankLast
        )[1],
        "缺失数值，按“缺失排最后”处理；按与第一名的比值折算无数值可比，得 0 分 = 0.00"
    );
    let direct = Method::Direct { max: d("6") };
    assert_eq!(
        scores(rule("6", &direct), &["", "1"], MissingPolicy::RankLast),
        ["0.00", "1.00"]
    );
    assert_eq!(
        explains(rule("6", &direct), &["", "1"], MissingPolicy::RankLast)[0],
        "缺失数值，按“缺失排最后”处理；非排序法指标得 0 分 = 0.00"
    );
}

#[test]
fn huge_values_are_errors_not_panics() {
    let m = Method::MinMax;
    let out = outcomes(
        rule("6", &m),
        &vals(&[
            "-70000000000000000000000000000",
            "70000000000000000000000000000",
        ]),
        E,
    );
    assert!(matches!(out[0], Err(CellError::Overflow { .. })));
    let m = Method::CountCapped {
        per_unit: d("10"),
        cap: d("3"),
    };
    assert_eq!(
        scores(rule("3", &m), &["70000000000000000000000000000"], E),
        ["3.00"]
    );
}

#[test]
fn num_prints_plain_decimals_with_a_true_minus() {
    assert_eq!(num(d("6.00")), "6");
    assert_eq!(num(d("-2.50")), "−2.5");
    assert_eq!(operand(d("-2")), "(−2)");
}

/// Issue 9: extreme values — Decimal::MAX and MIN, 1e27, tiny values like 1e−28 next to huge
/// ones, huge full points — never panic in any method, under any direction and missing
/// policy. Each outcome is a score in [0, full] or a located error, never a crash.
#[test]
fn extreme_values_never_panic_in_any_method() {
    let max = Decimal::MAX;
    let min = Decimal::MIN;
    let e27 = d("1e27");
    let tiny = d("1e-28");
    let columns: Vec<Vec<Option<Decimal>>> = vec![
        vec![Some(max), Some(min), Some(tiny), None],
        vec![Some(max), Some(tiny)],
        vec![Some(-tiny), Some(max), Some(-e27)],
        vec![Some(e27), Some(tiny), Some(Decimal::ZERO)],
        vec![Some(min), Some(min)],
        vec![Some(tiny), Some(-tiny)],
    ];
    let methods = [
        Method::RankLinear,
        Method::RankStep { step: max },
        Method::RankStep { step: tiny },
        Method::RatioToTop,
        Method::MinMax,
        Method::CountCapped {
            per_unit: max,
            cap: d("3"),
        },
        Method::CountCapped {
            per_unit: tiny,
            cap: d("3"),
        },
        Method::Direct { max: d("3") },
    ];
    for full in [d("6"), max, tiny] {
        for method in &methods {
            for direction in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
                for policy in MissingPolicy::ALL {
                    for values in &columns {
                        let rule = Rule {
                            full,
                            unit: "%",
                            method,
                            direction,
                            places: 2,
                        };
                        for outcome in outcomes(rule, values, policy).into_iter().flatten() {
                            let s = outcome.score.value();
                            // count_capped and direct carry their own cap / max of 3 (a valid
                            // scheme keeps them ≤ full; this test also feeds invalid pairs).
                            let bound = full.max(d("3"));
                            assert!(
                                s >= Decimal::ZERO && s <= bound,
                                "{method:?} {direction:?} {values:?}: {s}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// min_max with values spanning MIN..MAX: max − min overflows and is reported as
/// CellError::Overflow for the parks that need it, not a panic.
#[test]
fn min_max_over_the_whole_decimal_range_is_an_overflow_error() {
    let method = Method::MinMax;
    let out = outcomes(
        rule("6", &method),
        &[Some(Decimal::MAX), Some(Decimal::ZERO), Some(Decimal::MIN)],
        MissingPolicy::Error,
    );
    assert!(out
        .iter()
        .all(|o| matches!(o, Err(CellError::Overflow { .. }))));
}

// ---- ratio_to_benchmark ------------------------------------------------------------------

#[test]
fn ratio_to_benchmark_by_hand() {
    // 黄岩's 亩均税收: full 30, b = 24.097.
    // 24.097 → 30 × 24.097 ÷ 24.097 = 30; 12.05 → 30 × 12.05 ÷ 24.097 = 361.5 ÷ 24.097
    // = 15.0018… → 15.00; 48.2 → 1446 ÷ 24.097 = 60.0075… → 60.01 (no cap: above full);
    // 0 → 0; −2.5 → 0 (not below 0).
    let m = Method::RatioToBenchmark {
        benchmark: d("24.097"),
        cap: false,
    };
    assert_eq!(
        scores(rule("30", &m), &["24.097", "12.05", "48.2", "0", "-2.5"], E),
        ["30.00", "15.00", "60.01", "0.00", "0.00"]
    );
    let ex = explains(rule("30", &m), &["12.05", "-2.5"], E);
    assert_eq!(
        ex[0],
        "数值 12.05，基准值 24.097：30 × 12.05 ÷ 24.097 = 15.00"
    );
    assert_eq!(
        ex[1],
        "数值 −2.5，基准值 24.097：数值不大于 0，得 0 分 = 0.00"
    );
    // Capped: 48.2 ≥ b → 30; 12.05 as before.
    let capped = Method::RatioToBenchmark {
        benchmark: d("24.097"),
        cap: true,
    };
    assert_eq!(
        scores(rule("30", &capped), &["48.2", "12.05"], E),
        ["30.00", "15.00"]
    );
    assert_eq!(
        explains(rule("30", &capped), &["48.2"], E),
        ["数值 48.2，基准值 24.097：达到基准值，得满分（不超过满分）= 30.00"]
    );
    // Not comparative: no rank; a missing value under 缺失计 0 分 scores 0.
    let out = outcomes(rule("30", &m), &vals(&["1", ""]), MissingPolicy::Zero);
    assert_eq!(out[0].as_ref().unwrap().rank, None);
    assert_eq!(out[1].as_ref().unwrap().score.fixed(2), "0.00");
    // A value too large to multiply is an error, not a panic; capped it is simply full.
    let huge = ["70000000000000000000000000000"];
    assert_eq!(scores(rule("30", &m), &huge, E), ["ERR"]);
    assert_eq!(scores(rule("30", &capped), &huge, E), ["30.00"]);
}

// ---- min_max_floor -----------------------------------------------------------------------

#[test]
fn min_max_floor_by_hand() {
    // a = 0.2, full 10, values 10, 5, 0, 7.5: min 0, max 10.
    // 10 → 10 × [0.2 + 0.8 × 1] = 10; 5 → 10 × [0.2 + 0.8 × 0.5] = 6; 0 → 10 × 0.2 = 2;
    // 7.5 → 10 × [0.2 + 0.8 × 0.75] = 8.
    let m = Method::MinMaxFloor { floor: d("0.2") };
    assert_eq!(
        scores(rule("10", &m), &["10", "5", "0", "7.5"], E),
        ["10.00", "6.00", "2.00", "8.00"]
    );
    assert_eq!(
        explains(rule("10", &m), &["10", "5", "0"], E)[1],
        "数值 5，最小 0，最大 10：10 × [0.2 + 0.8 × (5−0) ÷ (10−0)] = 6.00"
    );
    // Ranks are kept (comparative): 5 is 2nd of 3.
    assert_eq!(
        outcomes(rule("10", &m), &vals(&["10", "5", "0"]), E)[1]
            .as_ref()
            .unwrap()
            .rank,
        Some(2)
    );
    // All equal → full; a = 0 is min_max; a = 1 gives everyone full.
    assert_eq!(scores(rule("10", &m), &["3", "3"], E), ["10.00", "10.00"]);
    let zero = Method::MinMaxFloor { floor: d("0") };
    assert_eq!(
        scores(rule("4", &zero), &["10", "5", "0"], E),
        scores(rule("4", &Method::MinMax), &["10", "5", "0"], E)
    );
    let one = Method::MinMaxFloor { floor: d("1") };
    assert_eq!(
        scores(rule("4", &one), &["10", "5", "0"], E),
        ["4.00", "4.00", "4.00"]
    );
    // Lower is better, a = 0.5, full 6: 0 best → 6; 10 worst → 3; 4 → 6 × [0.5 + 0.5 × 0.6]
    // = 6 × 0.8 = 4.8. A third of the way: 10/3 ≈ 3.333 → share (10 − 10/3)/10 … skip.
    let half = Method::MinMaxFloor { floor: d("0.5") };
    let mut r = rule("6", &half);
    r.direction = Direction::LowerIsBetter;
    assert_eq!(scores(r, &["0", "10", "4"], E), ["6.00", "3.00", "4.80"]);
    // Rounding: full 7, a = 0.2, values 0, 3, 9: 3 → 7 × [0.2 + 0.8 × 3/9] = 7 × 0.46666…
    // = 3.2666… → 3.27.
    assert_eq!(
        scores(rule("7", &m), &["0", "3", "9"], E),
        ["1.40", "3.27", "7.00"]
    );
}

// ---- thresholds --------------------------------------------------------------------------

#[test]
fn thresholds_by_hand() {
    use crate::scheme::{Bound, Level};
    // ≥ 10 → 5, ≥ 5 → 3, else 0 (full 5).
    let m = Method::Thresholds {
        levels: vec![
            Level {
                bound: Bound::AtLeast(d("10")),
                points: d("5"),
            },
            Level {
                bound: Bound::AtLeast(d("5")),
                points: d("3"),
            },
        ],
        otherwise: d("0"),
    };
    // 12 → 5; 10 (on the bound) → 5; 9.99 → 3; 5 → 3; 4.99 → 0; −3 → 0.
    assert_eq!(
        scores(rule("5", &m), &["12", "10", "9.99", "5", "4.99", "-3"], E),
        ["5.00", "5.00", "3.00", "3.00", "0.00", "0.00"]
    );
    let ex = explains(rule("5", &m), &["12", "7", "1"], E);
    assert_eq!(ex[0], "数值 12 ≥ 10：第 1 档 = 5.00");
    assert_eq!(ex[1], "数值 7 ≥ 5：第 2 档 = 3.00");
    assert_eq!(ex[2], "数值 1 未达到最低一档（≥ 5）：其余 = 0.00");
    assert_eq!(
        m.name_zh(),
        "分档计分（≥ 10 得 5 分，≥ 5 得 3 分，其余 0 分）"
    );
    // Lower is better: ≤ 0.5 → 4, ≤ 1 → 2, else 1.
    let low = Method::Thresholds {
        levels: vec![
            Level {
                bound: Bound::AtMost(d("0.5")),
                points: d("4"),
            },
            Level {
                bound: Bound::AtMost(d("1")),
                points: d("2"),
            },
        ],
        otherwise: d("1"),
    };
    let mut r = rule("4", &low);
    r.direction = Direction::LowerIsBetter;
    assert_eq!(
        scores(r, &["0.2", "0.5", "0.8", "1.5"], E),
        ["4.00", "4.00", "2.00", "1.00"]
    );
}

// ---- deduction ---------------------------------------------------------------------------

#[test]
fn deduction_by_hand() {
    // −0.3 per finding from 2, floored at 0: 0 → 2; 1 → 1.7; 4 → 2 − 1.2 = 0.8;
    // 7 → 2 − 2.1 = −0.1 → 0; −1 → error.
    let m = Method::Deduction {
        per: d("0.3"),
        minimum: d("0"),
    };
    assert_eq!(
        scores(rule("2", &m), &["0", "1", "4", "7", "-1"], E),
        ["2.00", "1.70", "0.80", "0.00", "ERR"]
    );
    let ex = explains(rule("2", &m), &["4", "7"], E);
    assert_eq!(ex[0], "4 项 × 每项 0.3 分：2 − 4 × 0.3 = 0.80");
    assert_eq!(
        ex[1],
        "7 项 × 每项 0.3 分：2 − 7 × 0.3 = −0.1，扣完为止 = 0.00"
    );
    // −1 per 较大安全事故 from 3, not below 1: 1 → 2; 2 → 1; 5 → 1.
    let floor = Method::Deduction {
        per: d("1"),
        minimum: d("1"),
    };
    assert_eq!(
        scores(rule("3", &floor), &["1", "2", "5"], E),
        ["2.00", "1.00", "1.00"]
    );
    assert_eq!(
        explains(rule("3", &floor), &["5"], E),
        ["5 项 × 每项 1 分：3 − 5 × 1 = −2，最低 1 分 = 1.00"]
    );
    assert_eq!(m.name_zh(), "每项扣 0.3 分，扣完为止");
    assert_eq!(floor.name_zh(), "每项扣 1 分、最低 1 分");
    // A count too large to multiply takes everything off.
    assert_eq!(
        scores(rule("3", &floor), &["70000000000000000000000000000"], E),
        ["1.00"]
    );
}

#[test]
fn new_method_names_carry_their_parameters() {
    let m = Method::RatioToBenchmark {
        benchmark: d("24.097"),
        cap: true,
    };
    assert_eq!(m.name_zh(), "按与基准值 24.097 的比值折算（不超过满分）");
    assert_eq!(
        Method::MinMaxFloor { floor: d("0.2") }.name_zh(),
        "按极差折算、最低得满分的 20%"
    );
}

/// The new methods under the same extremes as the others: a score ≥ 0 (and ≤ full but for
/// uncapped ratio_to_benchmark) or a located error, never a panic.
#[test]
fn extreme_values_never_panic_in_the_new_methods() {
    use crate::scheme::{Bound, Level};
    let (max, min, tiny) = (Decimal::MAX, Decimal::MIN, d("1e-28"));
    let columns: Vec<Vec<Option<Decimal>>> = vec![
        vec![Some(max), Some(min), Some(tiny), None],
        vec![Some(max), Some(tiny)],
        vec![Some(min), Some(min)],
        vec![Some(tiny), Some(-tiny), Some(Decimal::ZERO)],
    ];
    let methods = [
        Method::RatioToBenchmark {
            benchmark: tiny,
            cap: false,
        },
        Method::RatioToBenchmark {
            benchmark: tiny,
            cap: true,
        },
        Method::RatioToBenchmark {
            benchmark: max,
            cap: false,
        },
        Method::MinMaxFloor { floor: d("0.2") },
        Method::MinMaxFloor { floor: d("1") },
        Method::Thresholds {
            levels: vec![Level {
                bound: Bound::AtLeast(max),
                points: d("1"),
            }],
            otherwise: d("0"),
        },
        Method::Deduction {
            per: max,
            minimum: d("0"),
        },
        Method::Deduction {
            per: tiny,
            minimum: d("0.5"),
        },
    ];
    for full in [d("6"), max, tiny] {
        for method in &methods {
            for direction in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
                for policy in MissingPolicy::ALL {
                    for values in &columns {
                        let rule = Rule {
                            full,
                            unit: "%",
                            method,
                            direction,
                            places: 2,
                        };
                        let uncapped =
                            matches!(method, Method::RatioToBenchmark { cap: false, .. });
                        for outcome in outcomes(rule, values, policy).into_iter().flatten() {
                            let s = outcome.score.value();
                            assert!(s >= Decimal::ZERO, "{method:?} {values:?}: {s}");
                            if !uncapped {
                                assert!(s <= full.max(d("1")), "{method:?} {values:?}: {s}");
                            }
                        }
                    }
                }
            }
        }
    }
}

// The integer path of rank_linear gives the decimal path's score, scale included (so that a
// score prints as before), whenever it answers; and it answers for the common case.
proptest::proptest! {
    #[test]
    fn rank_linear_in_integers_equals_the_decimal_path(
        mantissa in 0i64..10_000_000,
        scale in 0u32..6,
        n in 1usize..300_000,
        r_seed in 0usize..usize::MAX,
        places in 0u32..5,
    ) {
        let full = Decimal::new(mantissa, scale);
        // Every third case a small N, where r = 1, r = N and exact quotients are frequent.
        let n = if r_seed % 3 == 0 { n % 7 + 1 } else { n };
        let r = u32::try_from(r_seed % n + 1).unwrap();
        same_as_decimal(full, RankAt { r, n, tie: false }, places)?;
    }
}

fn same_as_decimal(
    full: Decimal,
    at: RankAt,
    places: u32,
) -> Result<(), proptest::test_runner::TestCaseError> {
    let method = Method::RankLinear;
    let rule = Rule {
        full,
        unit: "",
        method: &method,
        direction: Direction::HigherIsBetter,
        places,
    };
    let decimal = Score(by_rank(rule, at).unwrap()).round(places);
    if let Some(integer) = rank_linear_rounded(full, at, places) {
        proptest::prop_assert_eq!(integer, decimal);
        proptest::prop_assert_eq!(
            integer.0.scale(),
            decimal.0.scale(),
            "{} vs {}",
            integer.0,
            decimal.0
        );
    }
    Ok(())
}

#[test]
fn rank_linear_in_integers_by_hand() {
    let at = |r: u32, n: usize| RankAt { r, n, tie: false };
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let int = |full: &str, r: u32, n: usize, places: u32| {
        rank_linear_rounded(d(full), at(r, n), places).map(|s| s.0.to_string())
    };
    // 6 × (14 − 3) ÷ 13 = 66 ÷ 13 = 5.0769… → 5.08.
    assert_eq!(int("6", 3, 14, 2).as_deref(), Some("5.08"));
    // 5 × 1 ÷ 8 = 0.625 → 0.63 (half away from zero).
    assert_eq!(int("5", 8, 9, 2).as_deref(), Some("0.63"));
    // Exact quotients are left to the decimal path (it keeps its own scale): 6 × 2 ÷ 3 = 4,
    // 1 × 1 ÷ 2 = 0.5 (the decimal path prints 0.50), first (full) and last (0) places.
    assert_eq!(int("6", 2, 4, 2), None);
    assert_eq!(int("1", 2, 3, 2), None);
    assert_eq!(int("6", 1, 14, 2), None);
    assert_eq!(int("6", 14, 14, 2), None);
    assert_eq!(int("6", 1, 1, 2), None);
    // Full with more places than the score, 16 digits, or places beyond 4: the decimal path.
    assert_eq!(int("2.555", 2, 3, 2), None);
    assert_eq!(int("1000000000000000", 2, 3, 2), None);
    assert_eq!(int("6", 3, 14, 5), None);
    // The review's cases, through the decimal path, and the scores as it gives them.
    for (full, r, n, places) in [
        ("1", 2, 3, 2),
        ("2.5", 3, 3, 2),
        ("2.555", 3, 3, 2),
        ("3292384", 589, 1681, 2),
        ("1.4999999999999999999999999999", 3, 4, 0),
    ] {
        same_as_decimal(d(full), at(r, n), places).unwrap();
    }
}

/// Every full mark 1–100 in steps of 0.5, every N up to 60 and every rank, at 2 places: the
/// integer path, where it answers, is the decimal path to the digit and the scale.
#[test]
fn rank_linear_in_integers_sweep() {
    for half_points in 2..=200i64 {
        let full = Decimal::new(half_points * 5, 1);
        for n in 1..=60usize {
            for r in 1..=u32::try_from(n).unwrap() {
                same_as_decimal(full, RankAt { r, n, tie: false }, 2).unwrap();
            }
        }
    }
}
