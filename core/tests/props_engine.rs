//! Property tests of `evaluate` on random Chifeng datasets under every comparative method:
//! row order changes no score; raising a park's value never lowers its score on that
//! indicator; tied values score equally; every indicator score lies in [0, full];
//! base = Σ groups and total = base + bonus.

use parkscore::dataset::{Dataset, ParkRecord, Veto};
use parkscore::scoring::Evaluation;
use parkscore::{evaluate, Method, Options, Scheme, Score};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One park's raw material: a small integer per indicator (small so that ties are common),
/// a scale for the comparative values, recognitions and a veto flag.
#[derive(Clone, Debug)]
struct RawPark {
    values: Vec<i64>,
    scale: u32,
    provincial: u32,
    national: u32,
    vetoed: bool,
}

fn raw_park() -> impl Strategy<Value = RawPark> {
    (
        prop::collection::vec(-6i64..=6, 23),
        0u32..=2,
        0u32..=2,
        0u32..=1,
        prop::bool::weighted(0.1),
    )
        .prop_map(|(values, scale, provincial, national, vetoed)| RawPark {
            values,
            scale,
            provincial,
            national,
            vetoed,
        })
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::RankLinear),
        (1i64..=30).prop_map(|s| Method::RankStep {
            step: Decimal::new(s, 1)
        }),
        Just(Method::RatioToTop),
        Just(Method::MinMax),
    ]
}

/// The value of indicator `j` for a raw integer: comparative values as they are (scaled),
/// counts as |x|, direct scores as a quarter of |x| clamped to the maximum.
fn value(scheme: &Scheme, j: usize, x: i64, scale: u32) -> Decimal {
    let indicator = scheme.indicators().nth(j).unwrap();
    match &indicator.method {
        Method::CountCapped { .. } => Decimal::from(x.abs()),
        Method::Direct { max } => (Decimal::new(x.abs(), 0) / Decimal::from(4)).min(*max),
        _ => Decimal::new(x, scale),
    }
}

fn dataset(scheme: &Scheme, parks: &[RawPark]) -> Dataset {
    Dataset {
        year: None,
        source: None,
        parks: parks
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let mut p = ParkRecord::new(format!("园{i}"));
                for (j, indicator) in scheme.indicators().enumerate() {
                    p.values.insert(
                        indicator.id.clone(),
                        value(scheme, j, raw.values[j], raw.scale),
                    );
                }
                p.provincial_recognitions = raw.provincial;
                p.national_recognitions = raw.national;
                p.veto = raw.vetoed.then_some(Veto { reason: None });
                p
            })
            .collect(),
    }
}

fn run(scheme: &Scheme, data: &Dataset, method: &Method) -> Evaluation {
    evaluate(
        scheme,
        data,
        &Options {
            ranking_method: Some(method.clone()),
            ..Options::default()
        },
    )
    .expect("a complete random dataset scores")
}

/// Every (park, indicator) score, sorted by park name.
fn scores(e: &Evaluation) -> Vec<(String, Vec<Score>, Score)> {
    let mut out: Vec<_> = e
        .ranked()
        .map(|p| {
            (
                p.name.0.clone(),
                p.indicators().map(|i| i.score).collect(),
                p.total,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn row_order_changes_no_score(
        parks in prop::collection::vec(raw_park(), 1..8),
        method in method(),
        rotate in 0usize..8,
    ) {
        let scheme = Scheme::chifeng_2020();
        let data = dataset(&scheme, &parks);
        let mut shuffled = data.clone();
        shuffled.parks.reverse();
        let len = shuffled.parks.len();
        shuffled.parks.rotate_left(rotate % len);
        let a = run(&scheme, &data, &method);
        let b = run(&scheme, &shuffled, &method);
        prop_assert_eq!(scores(&a), scores(&b));
        let ranks = |e: &Evaluation| {
            let mut r: Vec<(String, u32)> = e.parks.iter().map(|p| (p.name.0.clone(), p.rank)).collect();
            r.sort();
            r
        };
        prop_assert_eq!(ranks(&a), ranks(&b));
    }

    #[test]
    fn raising_a_value_never_lowers_its_score(
        parks in prop::collection::vec(raw_park(), 1..8),
        method in method(),
        who in 0usize..8,
        which in 0usize..23,
        raise in 0i64..=8,
    ) {
        let scheme = Scheme::chifeng_2020();
        let who = who % parks.len();
        let mut raised = parks.clone();
        // Raise the raw integer in the direction that increases the value (|x| for counts
        // and direct scores, x itself otherwise).
        let indicator = scheme.indicators().nth(which).unwrap().clone();
        let x = raised[who].values[which];
        raised[who].values[which] = if indicator.method.is_comparative() {
            x + raise
        } else {
            x.abs() + raise
        };
        let before = run(&scheme, &dataset(&scheme, &parks), &method);
        let after = run(&scheme, &dataset(&scheme, &raised), &method);
        let name = format!("园{who}");
        if let (Some(b), Some(a)) = (before.park(&name), after.park(&name)) {
            let b = b.indicator(indicator.id.as_str()).unwrap().score;
            let a = a.indicator(indicator.id.as_str()).unwrap().score;
            prop_assert!(a >= b, "{} on {}: {} → {}", name, indicator.id, b, a);
        }
    }

    #[test]
    fn tied_values_get_equal_scores_and_scores_stay_within_full(
        parks in prop::collection::vec(raw_park(), 1..8),
        method in method(),
    ) {
        let scheme = Scheme::chifeng_2020();
        let e = run(&scheme, &dataset(&scheme, &parks), &method);
        for indicator in scheme.indicators() {
            let results: Vec<_> = e
                .ranked()
                .map(|p| p.indicator(indicator.id.as_str()).unwrap())
                .collect();
            for r in &results {
                prop_assert!(r.score >= Score::ZERO && r.score.value() <= indicator.full,
                    "{}: {} outside [0, {}]", indicator.id, r.score, indicator.full);
                for s in &results {
                    if r.value == s.value {
                        prop_assert_eq!(r.score, s.score);
                        prop_assert_eq!(r.rank, s.rank);
                    }
                }
            }
        }
    }

    #[test]
    fn totals_add_up(
        parks in prop::collection::vec(raw_park(), 1..8),
        method in method(),
        cumulative in any::<bool>(),
    ) {
        let scheme = Scheme::chifeng_2020();
        let e = evaluate(
            &scheme,
            &dataset(&scheme, &parks),
            &Options {
                ranking_method: Some(method),
                cumulative_bonus: Some(cumulative),
                ..Options::default()
            },
        )
        .unwrap();
        for p in e.ranked() {
            let groups = Score::checked_sum(p.groups().map(|g| g.score));
            prop_assert_eq!(Some(p.base), groups);
            prop_assert_eq!(Some(p.total), p.base.checked_add(p.bonus));
            for (g, group) in p.groups().zip(&scheme.groups) {
                let sum = Score::checked_sum(
                    p.indicators()
                        .filter(|i| group.indicators.iter().any(|x| x.id == *i.id))
                        .map(|i| i.score),
                );
                prop_assert_eq!(Some(g.score), sum);
                prop_assert!(g.score.value() <= group.weight);
            }
        }
        // Ranks are competition ranks of the totals.
        for p in &e.parks {
            let better = e.parks.iter().filter(|q| q.total > p.total).count() as u32;
            prop_assert_eq!(p.rank, better + 1);
        }
        // Vetoed parks are never ranked.
        let vetoed = parks.iter().filter(|p| p.vetoed).count();
        prop_assert_eq!(e.vetoed.len(), vetoed);
        prop_assert_eq!(e.parks.len(), parks.len() - vetoed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `evaluate_owned` moves the values out of the rows instead of copying them, and
    /// `evaluate_columnar` takes them in columns: the result, an evaluation or the blocking
    /// issues, is the same as `evaluate`'s, with vetoed parks and
    /// missing values (every raw 6 is left out) among the rows.
    #[test]
    fn giving_the_dataset_away_changes_no_result(
        parks in prop::collection::vec(raw_park(), 0..8),
        method in method(),
    ) {
        let scheme = Scheme::chifeng_2020();
        let mut data = dataset(&scheme, &parks);
        for (p, raw) in data.parks.iter_mut().zip(&parks) {
            for (indicator, x) in scheme.indicators().zip(&raw.values) {
                if *x == 6 {
                    p.values.remove(&indicator.id);
                }
            }
        }
        let options = Options {
            ranking_method: Some(method),
            ..Options::default()
        };
        let borrowed = evaluate(&scheme, &data, &options);
        let owned = parkscore::evaluate_owned(&scheme, data.clone(), &options);
        prop_assert_eq!(&owned, &borrowed);
        // And with the values in columns, as the page's worker scores them.
        let mut rowless = data.clone();
        let columns = parkscore::ValueColumns::take_from(&scheme, &mut rowless.parks);
        let columnar = parkscore::evaluate_columnar(&scheme, rowless, columns, &options);
        prop_assert_eq!(columnar, borrowed);
    }
}
