//! The analyses of issue 12 §1–2: the readings side by side and rank stability. Expected values
//! are worked out by hand in the comments.

use parkscore::analysis::readings::readings;
use parkscore::analysis::stability::{stability, SplitMix64, Stability, StabilityParams};
use parkscore::dataset::{Dataset, ParkRecord};
use parkscore::{evaluate, import, IndicatorId, Method, MissingPolicy, Options, Scheme};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const TWO: &str = include_str!("data/two-indicators.toml");

fn park(name: &str, x: &str, y: &str, provincial: u32) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.values.insert(IndicatorId::from("x"), d(x));
    p.values.insert(IndicatorId::from("y"), d(y));
    p.provincial_recognitions = provincial;
    p
}

fn dataset(parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: Some(2020),
        source: Some("测试.csv".to_owned()),
        parks,
    }
}

/// A: x 10, y 1; B: x 5, y 5; C: x 4, y 4 and two provincial recognitions (+5 highest,
/// +10 cumulative). x is worth 6, y 4; N = 3.
fn three() -> Dataset {
    dataset(vec![
        park("A", "10", "1", 0),
        park("B", "5", "5", 0),
        park("C", "4", "4", 2),
    ])
}

fn sample() -> (Scheme, Dataset) {
    let scheme = Scheme::chifeng_2020();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-2020.csv");
    let bytes = std::fs::read(path).unwrap();
    let table = import::read(&bytes, "sample-2020.csv", None, &scheme).unwrap();
    let v = import::validate(&table, &scheme);
    assert!(!v.issues.iter().any(|i| i.is_error()), "{:?}", v.issues);
    (scheme, v.dataset)
}

#[test]
fn readings_by_hand_on_three_parks() {
    // rank_linear: x ranks A B C → 6, 3, 0; y ranks B C A → 4, 2, 0.
    //   highest: A 6, B 7, C 2 + 5 = 7 → B and C share 1st ((300 + 200) ÷ 2 = 250), A 3rd 100.
    //   cumulative: C 2 + 10 = 12 → C 1st, B 2nd, A 3rd.
    // rank_step 0.5: x 6, 5.5, 5; y B 4, C 3.5, A 3 → A 9, B 9.5, C 8.5 + 5 / + 10.
    // ratio_to_top: x 6 × v/10 → A 6, B 3, C 2.4; y 4 × v/5 → A 0.8, B 4, C 3.2
    //   → A 6.8, B 7, C 5.6 + 5 = 10.6 / 15.6.
    // min_max: x 6 × (v − 4)/6 → A 6, B 1, C 0; y 4 × (v − 1)/4 → A 0, B 4, C 3
    //   → A 6, B 5, C 3 + 5 = 8 / 13: A 2nd, B 3rd.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let r = readings(&scheme, &three(), MissingPolicy::Error, d("0.5")).unwrap();
    assert_eq!(r.readings.len(), 8);
    assert_eq!(r.default, Some(0));
    let names: Vec<&str> = r.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["B", "C", "A"]);
    let row = |name: &str| -> Vec<(u32, String, Option<Decimal>)> {
        r.parks
            .iter()
            .find(|p| p.name.as_str() == name)
            .unwrap()
            .cells
            .iter()
            .map(|c| {
                (
                    c.rank,
                    c.total.to_string(),
                    c.award_wan.map(|a| a.normalize()),
                )
            })
            .collect()
    };
    let c = |rank, total: &str, award: &str| (rank, total.to_owned(), Some(d(award)));
    assert_eq!(
        row("A"),
        vec![
            c(3, "6.00", "100"),
            c(3, "6.00", "100"),
            c(3, "9.00", "100"),
            c(3, "9.00", "100"),
            c(3, "6.80", "100"),
            c(3, "6.80", "100"),
            c(2, "6.00", "200"),
            c(2, "6.00", "200"),
        ]
    );
    assert_eq!(
        row("B"),
        vec![
            c(1, "7.00", "250"),
            c(2, "7.00", "200"),
            c(2, "9.50", "200"),
            c(2, "9.50", "200"),
            c(2, "7.00", "200"),
            c(2, "7.00", "200"),
            c(3, "5.00", "100"),
            c(3, "5.00", "100"),
        ]
    );
    assert_eq!(
        row("C"),
        vec![
            c(1, "7.00", "250"),
            c(1, "12.00", "300"),
            c(1, "13.50", "300"),
            c(1, "18.50", "300"),
            c(1, "10.60", "300"),
            c(1, "15.60", "300"),
            c(1, "8.00", "300"),
            c(1, "13.00", "300"),
        ]
    );
    let flags: Vec<(bool, bool)> = r
        .parks
        .iter()
        .map(|p| (p.rank_varies, p.award_varies))
        .collect();
    assert_eq!(flags, [(true, true), (false, true), (true, true)]);
    assert_eq!(
        r.summary_zh,
        "在「按名次线性折算、附加分累加」、「每降一名扣 0.5 分」（附加分累加与否）、「按与第一名的比值折算」（附加分累加与否）下：\
B 由第 1 名变为第 2 名，奖励 250 → 200 万元，C 名次不变（第 1 名），奖励 250 → 300 万元；\
在「按极差折算」（附加分累加与否）下：B 由第 1 名变为第 3 名，奖励 250 → 100 万元，\
C 名次不变（第 1 名），奖励 250 → 300 万元，A 由第 3 名变为第 2 名，奖励 100 → 200 万元"
    );
    // CSV: a header and a line per park and reading.
    assert_eq!(r.csv().lines().count(), 1 + 3 * 8);
}

#[test]
fn a_swap_is_named_and_stable_places_are_said() {
    // Without C's recognitions: rank_linear A 6, B 7, C 2 → B, A, C; min_max A 6, B 5, C 3
    // → A, B, C: 1st and 2nd swap (award 300 ↔ 200, a change of 100); C 3rd everywhere.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", "10", "1", 0),
        park("B", "5", "5", 0),
        park("C", "4", "4", 0),
    ]);
    let r = readings(&scheme, &data, MissingPolicy::Error, d("0.5")).unwrap();
    // rank_step: A 9, B 9.5, C 8.5; ratio_to_top: A 6.8, B 7, C 5.6: as rank_linear.
    assert_eq!(
        r.summary_zh,
        "第 3 名在全部 8 种口径下均为C；在「按极差折算」（附加分累加与否）下：第 1、2 名互换（B、A），\
奖励相应变化 100 万元；其余 5 种口径与「按名次线性折算、附加分不累加（默认）」的名次和奖励相同"
    );
}

#[test]
fn the_default_reading_is_evaluate_default_on_the_sample() {
    let (scheme, data) = sample();
    let r = readings(&scheme, &data, MissingPolicy::Error, d("0.5")).unwrap();
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    assert_eq!(r.default, Some(0));
    assert_eq!(r.readings[0].method, Method::RankLinear);
    assert!(!r.readings[0].cumulative_bonus);
    assert_eq!(r.parks.len(), e.parks.len());
    for (row, p) in r.parks.iter().zip(&e.parks) {
        assert_eq!(row.name, p.name);
        assert_eq!(row.cells[0].rank, p.rank);
        assert_eq!(row.cells[0].total, p.total);
        assert_eq!(row.cells[0].award_wan, p.award_wan);
    }
    // Each reading agrees with evaluate under the same options.
    let ratio = evaluate(
        &scheme,
        &data,
        &Options {
            ranking_method: Some(Method::RatioToTop),
            cumulative_bonus: Some(true),
            ..Options::default()
        },
    )
    .unwrap();
    for p in &ratio.parks {
        let row = r.parks.iter().find(|q| q.name == p.name).unwrap();
        assert_eq!(row.cells[5].rank, p.rank);
        assert_eq!(row.cells[5].total, p.total);
    }
}

#[test]
fn a_step_that_is_not_positive_is_refused() {
    let scheme = Scheme::from_toml(TWO).unwrap();
    assert!(readings(&scheme, &three(), MissingPolicy::Error, d("0")).is_err());
}

fn run(scheme: &Scheme, data: &Dataset, options: &Options, spread: f64, seed: u64) -> Stability {
    stability(
        scheme,
        data,
        options,
        StabilityParams {
            samples: 2_000,
            spread,
            seed,
        },
    )
    .unwrap()
}

#[test]
fn splitmix64_matches_the_reference() {
    // Vigna's splitmix64.c from state 0: the first outputs.
    let mut g = SplitMix64::new(0);
    assert_eq!(g.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(g.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    let u = SplitMix64::new(7).next_f64();
    assert!((0.0..1.0).contains(&u));
}

#[test]
fn the_same_seed_gives_the_same_figures() {
    let (scheme, data) = sample();
    let o = Options::default();
    let a = run(&scheme, &data, &o, 0.2, 42);
    let b = run(&scheme, &data, &o, 0.2, 42);
    assert_eq!(a, b);
    assert_eq!(a.table(), b.table());
    let c = run(&scheme, &data, &o, 0.2, 43);
    assert_ne!(a.parks, c.parks);
}

#[test]
fn spread_zero_gives_the_official_ranking_under_every_reading() {
    // s = 0: every factor is 1, every sample is the nominal one, which must reproduce the
    // official totals exactly: each park has its official rank in every sample.
    let (scheme, data) = sample();
    for id in Method::COMPARATIVE_IDS {
        let step = (id == "rank_step").then(|| d("0.5"));
        for cumulative in [false, true] {
            let o = Options {
                ranking_method: Some(Method::comparative(id, step).unwrap()),
                cumulative_bonus: Some(cumulative),
                ..Options::default()
            };
            let s = run(&scheme, &data, &o, 0.0, 1);
            for p in &s.parks {
                assert_eq!(
                    p.rank_counts[p.official_rank as usize - 1],
                    2_000,
                    "{id} {cumulative} {}",
                    p.name
                );
                assert_eq!(
                    (p.band_low, p.median_rank, p.band_high),
                    (p.official_rank, p.official_rank, p.official_rank)
                );
            }
        }
    }
    // A tie at the top (B and C at 7.00 under rank_linear, highest): both rank 1 throughout.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let s = run(&scheme, &three(), &Options::default(), 0.0, 1);
    let ranks: Vec<(&str, u32, u32)> = s
        .parks
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.official_rank,
                p.rank_counts[p.official_rank as usize - 1],
            )
        })
        .collect();
    assert_eq!(ranks, [("B", 1, 2000), ("C", 1, 2000), ("A", 3, 2000)]);
}

#[test]
fn acceptabilities_sum_to_one_per_park() {
    let (scheme, data) = sample();
    let s = run(&scheme, &data, &Options::default(), 0.2, 5);
    assert_eq!(s.perturbed.len(), 13);
    for p in &s.parks {
        assert_eq!(p.rank_counts.iter().sum::<u32>(), 2_000);
        assert!(p.band_low <= p.median_rank && p.median_rank <= p.band_high);
        let total: f64 = (1..=14).map(|r| p.acceptability(r, 2_000)).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
    // The sample's top two do swap under ±20 %: the figures are not all 0 and 1.
    assert!(s.parks[0].rank_counts[0] < 2_000 && s.parks[0].rank_counts[0] > 1_000);
    // Ties on the rounded totals happen (the top two share rank 1 in a few samples): they
    // count for neither in P(A above B), and both parks count rank 1 — rank 1's column then
    // sums to more than N, by the number of ties.
    let ties = 2_000 - s.pairs[0].above_count - s.pairs[0].below_count;
    assert!(ties > 0);
    let firsts: u32 = s.parks.iter().map(|p| p.rank_counts[0]).sum();
    assert_eq!(firsts, 2_000 + ties);
}

#[test]
fn a_dominating_park_is_always_first_and_a_dominated_one_never_above() {
    // A beats everyone on x and y; B beats D on both. x 6, y 4, N = 4, rank_linear:
    // x A B D C → 6, 4, 2, 0; y A C B D → 4, 2.67, 1.33, 0 → A 10, B 5.33, C 2.67, D 2.
    // C and D change places when x's full mark is large enough (D = fx/3 > C = 2fy/3 when
    // fx > 2 fy, i.e. fx > 6.67 of the 10): at s = 0.9 some samples do.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", "10", "5", 0),
        park("B", "8", "2", 0),
        park("C", "2", "4", 0),
        park("D", "7", "1", 0),
    ]);
    let s = run(&scheme, &data, &Options::default(), 0.9, 11);
    let names: Vec<&str> = s.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    assert_eq!(s.parks[0].rank_counts[0], 2_000);
    assert_eq!(s.pairs[0].below_count, 0);
    // B dominates D: D is never above B, so never 2nd when B is … B never below 3rd.
    assert_eq!(s.parks[3].rank_counts[1], 0);
    assert!(s.pairs[2].above_count > 0 && s.pairs[2].below_count > 0);
    assert_eq!(s.sentence_zh(&s.parks[0]), "A 在 100.0 % 的抽样中排第 1");
}

#[test]
fn bad_parameters_are_refused() {
    let (scheme, data) = sample();
    for (samples, spread) in [(0, 0.2), (10, 1.0), (10, -0.1), (10, f64::NAN)] {
        let p = StabilityParams {
            samples,
            spread,
            seed: 1,
        };
        assert!(stability(&scheme, &data, &Options::default(), p).is_err());
    }
}

#[test]
fn missing_values_under_both_policies_keep_the_nominal_ranking() {
    // B misses y: scored 0 (zero) or ranked last (rank-last) — the unit scores must follow
    // the engine's policy, or s = 0 would not give the official ranks back.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let mut b = park("B", "5", "5", 0);
    b.values.remove(&IndicatorId::from("y"));
    let data = dataset(vec![park("A", "10", "1", 0), b, park("C", "4", "4", 1)]);
    for missing in [MissingPolicy::Zero, MissingPolicy::RankLast] {
        for id in Method::COMPARATIVE_IDS {
            let step = (id == "rank_step").then(|| d("1.5"));
            let o = Options {
                ranking_method: Some(Method::comparative(id, step).unwrap()),
                cumulative_bonus: None,
                missing,
            };
            let s = run(&scheme, &data, &o, 0.0, 3);
            for p in &s.parks {
                assert_eq!(
                    p.rank_counts[p.official_rank as usize - 1],
                    2_000,
                    "{missing:?} {id} {}",
                    p.name
                );
            }
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Values with up to 3 decimals (so that scores land on 四舍五入's half-way points),
        /// any method, either bonus rule: at s = 0 every sample is the official ranking; at
        /// any s every park's acceptabilities add up to 1.
        #[test]
        fn nominal_sample_is_the_official_ranking(
            values in prop::collection::vec((-2000i64..=2000, -2000i64..=2000, 0u32..=3), 1..9),
            method in method(),
            cumulative in any::<bool>(),
            spread in 0.0f64..0.95,
            seed in any::<u64>(),
        ) {
            let scheme = Scheme::from_toml(TWO).unwrap();
            let data = dataset(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, (x, y, p))| {
                        let mut r = ParkRecord::new(format!("园{i}"));
                        r.values.insert(IndicatorId::from("x"), Decimal::new(*x, 3));
                        r.values.insert(IndicatorId::from("y"), Decimal::new(*y, 1));
                        r.provincial_recognitions = *p;
                        r
                    })
                    .collect(),
            );
            let o = Options {
                ranking_method: Some(method),
                cumulative_bonus: Some(cumulative),
                ..Options::default()
            };
            let p = |spread| StabilityParams { samples: 50, spread, seed };
            let s = stability(&scheme, &data, &o, p(0.0)).unwrap();
            for park in &s.parks {
                prop_assert_eq!(park.rank_counts[park.official_rank as usize - 1], 50);
            }
            let s = stability(&scheme, &data, &o, p(spread)).unwrap();
            for park in &s.parks {
                prop_assert_eq!(park.rank_counts.iter().sum::<u32>(), 50);
            }
        }
    }
}

#[test]
fn the_model_at_other_full_marks_is_the_engine_at_those_full_marks() {
    // x 7.5 and y 2.5 instead of 6 and 4 (the same 10 points): the model's totals must be
    // those of evaluate under a scheme with those full marks, each score rounded as the
    // engine rounds it. Values with decimals, so that the ratios are not round.
    use parkscore::analysis::stability::WeightModel;
    let shifted = Scheme::from_toml(
        &TWO.replace("full = 6", "full = 7.5")
            .replace("full = 4", "full = 2.5"),
    )
    .unwrap();
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", "10.37", "1.1", 0),
        park("B", "5.05", "5.9", 0),
        park("C", "4.444", "4.3", 2),
        park("D", "-1.2", "0.7", 1),
        park("E", "7.77", "3.3", 0),
    ]);
    for id in Method::COMPARATIVE_IDS {
        let step = (id == "rank_step").then(|| d("0.7"));
        let o = Options {
            ranking_method: Some(Method::comparative(id, step).unwrap()),
            ..Options::default()
        };
        let (model, e) = WeightModel::new(&scheme, &data, &o).unwrap();
        let mut totals = Vec::new();
        model.totals_at(&[7.5, 2.5], &mut totals);
        let other = evaluate(&shifted, &data, &o).unwrap();
        for (p, t) in e.parks.iter().zip(&totals) {
            let expected = other.park(p.name.as_str()).unwrap().park.total;
            assert_eq!(Decimal::new(*t, 2), expected.value(), "{id} {}", p.name);
        }
        // At the nominal marks: the official totals.
        model.totals_at(&model.nominal.clone(), &mut totals);
        for (p, t) in e.parks.iter().zip(&totals) {
            assert_eq!(Decimal::new(*t, 2), p.total.value());
        }
    }
}
