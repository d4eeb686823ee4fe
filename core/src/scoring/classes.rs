//! 等级: the grades given after the ranking ([`crate::scheme::ClassRule`]), one pass over the
//! ranked parks.
//!
//! By share, with N ranked parks and cumulative shares c₁ < … < cₖ = 100 %, the first
//! ⌊N × cⱼ ÷ 100⌋ places belong to the first j grades (exact decimals, rounded down: a better
//! grade never holds more than its share, the last grade takes the rest). A park's grade is
//! read from its competition rank on the total, so parks tied across a boundary all get the
//! better grade. By score, the first grade whose least total the park's total reaches.

use super::{Classes, ParkResult};
use crate::scheme::{ClassBasis, ClassRule};
use rust_decimal::Decimal;

/// The grade of every ranked park (`parks` in ranking order, ranks set).
pub(super) fn classes(rule: &ClassRule, parks: &[ParkResult]) -> Classes {
    let names: Vec<String> = rule.grades.iter().map(|g| g.name.clone()).collect();
    let last = u8::try_from(names.len().saturating_sub(1)).unwrap_or(u8::MAX);
    let of = match rule.by {
        ClassBasis::Share => {
            let limits = cumulative_counts(rule, parks.len());
            parks
                .iter()
                .map(|p| {
                    let r = u64::from(p.rank);
                    limits
                        .iter()
                        .position(|&limit| r <= limit)
                        .and_then(|i| u8::try_from(i).ok())
                        .unwrap_or(last)
                })
                .collect()
        }
        ClassBasis::Score => parks
            .iter()
            .map(|p| {
                rule.grades
                    .iter()
                    .position(|g| g.at_least.is_some_and(|at| p.total.value() >= at))
                    .and_then(|i| u8::try_from(i).ok())
                    .unwrap_or(last)
            })
            .collect(),
    };
    Classes { names, of }
}

/// ⌊N × cⱼ ÷ 100⌋ for each grade's cumulative share cⱼ; the last grade's is N.
pub(crate) fn cumulative_counts(rule: &ClassRule, n: usize) -> Vec<u64> {
    let n_dec = Decimal::from(n as u64);
    let mut cumulative = Decimal::ZERO;
    let mut out = Vec::with_capacity(rule.grades.len());
    for (i, g) in rule.grades.iter().enumerate() {
        if i + 1 == rule.grades.len() {
            out.push(n as u64);
            break;
        }
        cumulative = cumulative
            .checked_add(g.share.unwrap_or(Decimal::ZERO))
            .unwrap_or(Decimal::ONE_HUNDRED);
        let count = n_dec
            .checked_mul(cumulative)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .map(|x| x.floor())
            .and_then(|x| u64::try_from(x).ok())
            .unwrap_or(n as u64);
        out.push(count.min(n as u64));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::ParkName;
    use crate::scheme::Grade;
    use crate::score::Score;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn share_rule(shares: &[(&str, &str)]) -> ClassRule {
        ClassRule {
            by: ClassBasis::Share,
            grades: shares
                .iter()
                .map(|(n, s)| Grade {
                    name: (*n).to_owned(),
                    share: Some(d(s)),
                    at_least: None,
                })
                .collect(),
            not_rated: Vec::new(),
        }
    }

    fn parks(ranks: &[u32]) -> Vec<ParkResult> {
        ranks
            .iter()
            .enumerate()
            .map(|(i, &r)| ParkResult {
                name: ParkName(format!("P{i}")),
                rank: r,
                total: Score(Decimal::from(100 - i64::from(r))),
                base: Score::ZERO,
                bonus: Score::ZERO,
                national_recognitions: 0,
                provincial_recognitions: 0,
                award_wan: None,
            })
            .collect()
    }

    fn grades(c: &Classes) -> String {
        c.of.iter()
            .map(|&i| c.names[usize::from(i)].as_str())
            .collect()
    }

    #[test]
    fn shares_round_down_and_the_last_grade_takes_the_rest() {
        let rule = share_rule(&[("A", "20"), ("B", "40"), ("C", "35"), ("D", "5")]);
        // N = 14: A ⌊14 × 0.2⌋ = ⌊2.8⌋ = 2, A+B ⌊8.4⌋ = 8, A+B+C ⌊13.3⌋ = 13, D the last 1.
        assert_eq!(cumulative_counts(&rule, 14), [2, 8, 13, 14]);
        let ranks: Vec<u32> = (1..=14).collect();
        assert_eq!(grades(&classes(&rule, &parks(&ranks))), "AABBBBBBCCCCCD");
        // N = 20: 4, 12, 19, 20 exactly.
        assert_eq!(cumulative_counts(&rule, 20), [4, 12, 19, 20]);
        // N = 3: ⌊0.6⌋ = 0 A, ⌊1.8⌋ = 1, ⌊2.85⌋ = 2, so B, C, D.
        assert_eq!(grades(&classes(&rule, &parks(&[1, 2, 3]))), "BCD");
        assert_eq!(cumulative_counts(&rule, 0), [0, 0, 0, 0]);
    }

    #[test]
    fn parks_tied_at_a_boundary_share_the_better_grade() {
        let rule = share_rule(&[("A", "20"), ("B", "40"), ("C", "35"), ("D", "5")]);
        // N = 10: A 2, A+B 6, A+B+C 9, D 1. Ranks 1, 2, 2, 4 …: the two parks tied at 2nd are
        // both A although A holds 2 places (rank 2 ≤ 2); the park at 4th is B. A tie at 6th
        // (ranks 6, 6) puts both in B; 8th … 9th C; the tie at 10th… D.
        let ranks = [1, 2, 2, 4, 5, 6, 6, 8, 9, 10];
        assert_eq!(grades(&classes(&rule, &parks(&ranks))), "AAABBBBCCD");
        // Three parks tied at 1st: all A, though A's share is 2 places.
        let ranks = [1, 1, 1, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(grades(&classes(&rule, &parks(&ranks))), "AAABBBCCCD");
    }

    #[test]
    fn by_score_the_first_grade_reached() {
        let rule = ClassRule {
            by: ClassBasis::Score,
            grades: vec![
                Grade {
                    name: "优".into(),
                    share: None,
                    at_least: Some(d("90")),
                },
                Grade {
                    name: "良".into(),
                    share: None,
                    at_least: Some(d("75")),
                },
                Grade {
                    name: "中".into(),
                    share: None,
                    at_least: None,
                },
            ],
            not_rated: Vec::new(),
        };
        let mut ps = parks(&[1, 2, 3, 4]);
        for (p, t) in ps.iter_mut().zip(["95", "90", "89.99", "10"]) {
            p.total = Score(d(t));
        }
        let c = classes(&rule, &ps);
        assert_eq!(
            c.of.iter()
                .map(|&i| c.names[usize::from(i)].as_str())
                .collect::<Vec<_>>(),
            ["优", "优", "良", "中"]
        );
    }
}
