//! What it takes to move up (issue 12 §3): the gap to the park above, the value that gains a
//! place on each comparative indicator and the points it gains, the what-if and the tornado.
//! Expected values are worked out by hand in the comments (rank_linear: score = full ×
//! (N − r) ÷ (N − 1), rounded half away from zero to 2 places).

use parkscore::analysis::move_up::{gaps, targets, tornado, Gap, Names, ParkTargets, Target};
use parkscore::analysis::what_if::what_if;
use parkscore::dataset::{Dataset, ParkRecord, Veto};
use parkscore::{evaluate, import, Direction, IndicatorId, Method, MissingPolicy, Options, Scheme};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Group g (weight 10): x (6 points) and y (4 points), both 排序法 rank_linear.
const TWO: &str = include_str!("data/two-indicators.toml");

/// [`TWO`] with y's smaller values better.
fn two_lower_y() -> Scheme {
    let text = TWO.replace(
        "full = 4\nmethod = \"rank_linear\"",
        "full = 4\nmethod = \"rank_linear\"\ndirection = \"lower_is_better\"",
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(
        scheme.indicator(&IndicatorId::from("y")).unwrap().direction,
        Direction::LowerIsBetter
    );
    scheme
}

fn park(name: &str, x: &str, y: &str) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.values.insert(IndicatorId::from("x"), d(x));
    p.values.insert(IndicatorId::from("y"), d(y));
    p
}

fn dataset(parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: Some(2020),
        source: Some("测试.csv".to_owned()),
        parks,
    }
}

/// x: A 10, B 8, C 8, D 5, E 3; y: A 1, B 4, C 2, D 3, E 5. N = 5.
///   x ranks A 1, B 2, C 2, D 4, E 5 → 6 × (5 − r) ÷ 4 = 6, 4.5, 4.5, 1.5, 0;
///   y ranks E 1, B 2, D 3, C 4, A 5 → 4 × (5 − r) ÷ 4 = E 4, B 3, D 2, C 1, A 0;
///   totals A 6, B 7.5, C 5.5, D 3.5, E 4 → B 1, A 2, C 3, E 4, D 5.
fn five() -> Dataset {
    dataset(vec![
        park("A", "10", "1"),
        park("B", "8", "4"),
        park("C", "8", "2"),
        park("D", "5", "3"),
        park("E", "3", "5"),
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

/// The target of `id` in `t`, as (value, change, holders, rank, score, points, total, overall).
fn reach(t: &ParkTargets, id: &str) -> (String, String, String, u32, String, String, String, u32) {
    let i = t.indicators.iter().find(|i| i.id.as_str() == id).unwrap();
    match &i.target {
        Target::Reach(r) => (
            r.value.normalize().to_string(),
            r.change.normalize().to_string(),
            r.holders.zh(),
            r.rank,
            r.score.to_string(),
            r.points.to_string(),
            r.total.to_string(),
            r.overall_rank,
        ),
        other => panic!("{id}: {other:?}"),
    }
}

fn target(t: &ParkTargets, id: &str) -> Target {
    t.indicators
        .iter()
        .find(|i| i.id.as_str() == id)
        .unwrap()
        .target
        .clone()
}

#[test]
fn the_next_better_value_ties_with_its_holders_and_is_rescored() {
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = five();
    let o = Options::default();
    let r = |a: &str, b: &str, c: &str, rank, s: &str, p: &str, t: &str, overall| {
        (
            a.to_owned(),
            b.to_owned(),
            c.to_owned(),
            rank,
            s.to_owned(),
            p.to_owned(),
            t.to_owned(),
            overall,
        )
    };

    // D (x 5, 4th): the next better x is 8, held by B and C; at 8, D shares their rank 2:
    // 6 × 3 ÷ 4 = 4.5, from 1.5: +3.00. Total 4.5 + y 2 = 6.5, above A's 6 → 2nd.
    let t = targets(&scheme, &data, &o, "D").unwrap();
    assert_eq!(
        reach(&t, "x"),
        r("8", "3", "B、C", 2, "4.50", "3.00", "6.50", 2)
    );
    // D on y (3, 3rd): the next better is B's 4; y ranks E 1, B D 2 → 4 × 3 ÷ 4 = 3, from 2:
    // +1.00; total 1.5 + 3 = 4.5, above E's 4 → 4th.
    assert_eq!(
        reach(&t, "y"),
        r("4", "1", "B", 2, "3.00", "1.00", "4.50", 4)
    );
    // D's gap: 5th, E 4th with 4.00: 4 − 3.5 = 0.50.
    assert_eq!(t.park.rank, 5);
    assert_eq!(
        t.park.sentence_zh(2),
        "D 第 5 名（3.50 分），距第 4 名 E 差 0.50 分"
    );

    // B (x 8, tied 2nd with C): the next better is A's 10, rank 1 with A: 6, from 4.5:
    // +1.50; total 6 + 3 = 9 → 1st. (C, alone at 8, falls to 3rd: 6 × 2 ÷ 4 = 3.)
    let t = targets(&scheme, &data, &o, "B").unwrap();
    assert_eq!(
        reach(&t, "x"),
        r("10", "2", "A", 1, "6.00", "1.50", "9.00", 1)
    );
    let x = t.indicators.iter().find(|i| i.id.as_str() == "x").unwrap();
    assert!(x.tied);
    assert_eq!(x.rank, 2);

    // A is first on x (no target); on y (1, 5th) the next better is C's 2: A and C share
    // rank 4, 4 × 1 ÷ 4 = 1 (C keeps 1): +1.00; total 7, below B's 7.5 → 2nd.
    let t = targets(&scheme, &data, &o, "A").unwrap();
    assert_eq!(target(&t, "x"), Target::Best);
    assert_eq!(
        reach(&t, "y"),
        r("2", "1", "C", 4, "1.00", "1.00", "7.00", 2)
    );
    assert_eq!(
        t.indicators[0].sentence_zh(2, MissingPolicy::Error),
        "甲指标：10，已是第 1 名"
    );
    assert_eq!(
        t.indicators[1].sentence_zh(2, MissingPolicy::Error),
        "乙指标：现为 1（第 5 名，0.00 分）；达到 2（+1，与 C 持平）可升至第 4 名，本项得分 +1.00 分（0.00 → 1.00），总分 7.00，总名次第 2 名"
    );

    // E is first on y; on x (3, 5th) the next better is D's 5: D and E share rank 4,
    // 1.5 each; E's total 1.5 + 4 = 5.5 ties C's 5.5 → 3rd.
    let t = targets(&scheme, &data, &o, "E").unwrap();
    assert_eq!(target(&t, "y"), Target::Best);
    assert_eq!(
        reach(&t, "x"),
        r("5", "2", "D", 4, "1.50", "1.50", "5.50", 3)
    );
}

#[test]
fn parks_tied_at_the_top_of_an_indicator_have_no_target() {
    // x: A and B both 10 (rank 1, tied); C 4.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", "10", "1"),
        park("B", "10", "2"),
        park("C", "4", "3"),
    ]);
    for name in ["A", "B"] {
        let t = targets(&scheme, &data, &Options::default(), name).unwrap();
        assert_eq!(target(&t, "x"), Target::Best, "{name}");
        assert_eq!(
            t.indicators[0].sentence_zh(2, MissingPolicy::Error),
            "甲指标：10，已并列第 1 名"
        );
    }
    // C: the next better x is 10, held by both, named in ranking order (x A 6, B 6;
    // y C 4, B 2, A 0 → B 8, A 6, C 4).
    let t = targets(&scheme, &data, &Options::default(), "C").unwrap();
    assert_eq!(reach(&t, "x").2, "B、A");
    // C is first on y: no target; nothing but x listed as a gain.
    assert_eq!(target(&t, "y"), Target::Best);
}

#[test]
fn lower_is_better_looks_for_the_next_smaller_value() {
    // y lower is better: A 1 (1st), C 2, D 3, B 4, E 5 → 4, 3, 2, 1, 0. x as in `five`:
    // A 6, B 4.5, C 4.5, D 1.5, E 0. Totals A 10, C 7.5, B 5.5, D 3.5, E 0.
    let scheme = two_lower_y();
    let data = five();
    let o = Options::default();
    // B (y 4, 4th): the next better is D's 3 (smaller, not E's 5): a change of −1; B and D
    // share rank 3, 4 × 2 ÷ 4 = 2 each, from 1: +1.00; total 4.5 + 2 = 6.5 → 3rd.
    let t = targets(&scheme, &data, &o, "B").unwrap();
    assert_eq!(reach(&t, "y").0, "3");
    assert_eq!(reach(&t, "y").1, "-1");
    assert_eq!(reach(&t, "y").3, 3);
    assert_eq!(reach(&t, "y").5, "1.00");
    assert_eq!(reach(&t, "y").6, "6.50");
    assert_eq!(reach(&t, "y").7, 3);
    assert!(t.indicators[1]
        .sentence_zh(2, MissingPolicy::Error)
        .contains("达到 3（−1，与 D 持平）可升至第 3 名"));
    // A has the smallest y: no target.
    let t = targets(&scheme, &data, &o, "A").unwrap();
    assert_eq!(target(&t, "y"), Target::Best);
    // E (5, last): the next smaller is 4 (B).
    let t = targets(&scheme, &data, &o, "E").unwrap();
    assert_eq!(reach(&t, "y").0, "4");
}

#[test]
fn a_missing_value_has_no_target_and_is_no_target_for_others() {
    // D has no x, scored 0 (缺失计 0 分) and ranked after every value. E (x 3) is then the
    // last present value: its next better is 8 (B, C), never D's missing one.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let mut data = five();
    data.parks[3].values.remove(&IndicatorId::from("x"));
    let o = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let t = targets(&scheme, &data, &o, "D").unwrap();
    assert_eq!(target(&t, "x"), Target::Missing);
    assert_eq!(
        t.indicators[0].sentence_zh(t.places, t.missing),
        "甲指标：缺少数值（按「缺失计 0 分」计分），没有目标，须先补报数值"
    );
    assert!(t.summary_zh().contains("缺少数值、没有目标的 1 项：甲指标"));
    let t = targets(&scheme, &data, &o, "E").unwrap();
    assert_eq!(reach(&t, "x").0, "8");
    // Under 缺失即报错 the data is refused, as by evaluate.
    assert!(targets(&scheme, &data, &Options::default(), "E").is_err());
}

#[test]
fn gaps_on_the_sample_and_ties() {
    // Totals of the sample (the score table): 红山园区 95.18 = 26.31 + 10.76 + 23.84 + 5.07 +
    // 6.00 + 6.50 + 6.70 + 10.00; 东山园区 94.80 = 24.00 + 12.00 + 28.46 + 6.54 + 5.00 + 6.80 +
    // 7.00 + 5.00; 赤峰玉龙工业园区 83.09. Gaps: 95.18 − 94.80 = 0.38; 94.80 − 83.09 = 11.71.
    let (scheme, data) = sample();
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let g = gaps(&e);
    assert_eq!(g.len(), 14);
    assert_eq!(g[0].gap, Gap::First);
    assert_eq!(g[0].sentence_zh(2), "红山园区 第 1 名（95.18 分）");
    assert_eq!(
        g[1].sentence_zh(2),
        "东山园区 第 2 名（94.80 分），距第 1 名 红山园区 差 0.38 分"
    );
    assert_eq!(g[2].gap_zh(2), "距第 2 名 东山园区 差 11.71 分");
    // 元宝山综合产业园区 57.91, 敖汉旗工业园区 58.05 above it: 0.14.
    assert_eq!(g[6].gap_zh(2), "距第 6 名 敖汉旗工业园区 差 0.14 分");

    // Ties: A x 10 y 1, B x 5 y 5, C x 4 y 4 with two provincial recognitions (+5):
    // x A 6, B 3, C 0; y B 4, C 2, A 0 → A 6, B 7, C 2 + 5 = 7: B and C share rank 1.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let mut c = park("C", "4", "4");
    c.provincial_recognitions = 2;
    let data = dataset(vec![park("A", "10", "1"), park("B", "5", "5"), c]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let g = gaps(&e);
    assert_eq!(
        g[0].gap,
        Gap::Tied {
            with: Names {
                names: vec!["C".into()],
                count: 1
            }
        }
    );
    assert_eq!(
        g[0].sentence_zh(2),
        "B 第 1 名（7.00 分），与 C 并列第 1 名，差 0 分"
    );
    assert_eq!(g[1].gap_zh(2), "与 B 并列第 1 名，差 0 分");
    // A, 3rd: both parks at rank 1 are above it, 7 − 6 = 1.
    assert_eq!(g[2].gap_zh(2), "距第 1 名 B、C 差 1.00 分");
    assert_eq!(
        parkscore::analysis::move_up::gaps_csv(&g, 2, "园区"),
        "名次,园区,总分,上一名次,上一名次的园区,差距（分）,并列\n\
1,B,7.00,1,C,0.00,是\n1,C,7.00,1,B,0.00,是\n3,A,6.00,1,B、C,1.00,否\n"
    );
}

#[test]
fn a_large_tie_names_ten_parks_and_counts_the_rest() {
    // 25 parks with x 1, y 1 share rank 1 on both (6 + 4 = 10 points); Z (x 0, y 0) is
    // 26th with 0: 10 − 0 = 10.00 behind all 25.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let mut parks: Vec<ParkRecord> = (0..25)
        .map(|i| park(&format!("园{i:02}"), "1", "1"))
        .collect();
    parks.push(park("Z", "0", "0"));
    let e = evaluate(&scheme, &dataset(parks), &Options::default()).unwrap();
    let g = gaps(&e);
    assert_eq!(
        g[3].gap_zh(2),
        "与 园00、园01、园02、园04、园05、园06、园07、园08、园09、园10等 24 个园区 并列第 1 名，差 0 分"
    );
    let Gap::Tied { with } = &g[3].gap else {
        panic!("{:?}", g[3].gap)
    };
    assert_eq!((with.names.len(), with.count), (10, 24));
    assert_eq!(
        g[25].sentence_zh(2),
        "Z 第 26 名（0.00 分），距第 1 名 园00、园01、园02、园03、园04、园05、园06、园07、园08、园09等 25 个园区 差 10.00 分"
    );
}

#[test]
fn sample_targets_by_hand() {
    let (scheme, data) = sample();
    let o = Options::default();
    // 工业总产值增速 (6 points, N = 14): 15.8 玉龙, 13.2 宁城, 12.4 东山 (3rd): the next better
    // is 宁城's 13.2; rank 2 shared: 6 × 12 ÷ 13 = 5.538… → 5.54, from 6 × 11 ÷ 13 = 5.076…
    // → 5.08: +0.46. Nobody else's rank changes; 94.80 + 0.46 = 95.26 > 红山's 95.18 → 1st.
    let t = targets(&scheme, &data, &o, "东山园区").unwrap();
    assert_eq!(
        reach(&t, "output_growth"),
        (
            "13.2".to_owned(),
            "0.8".to_owned(),
            "宁城经济开发区".to_owned(),
            2,
            "5.54".to_owned(),
            "0.46".to_owned(),
            "95.26".to_owned(),
            1
        )
    );
    // 新增工业总产值: 东山 38.6 is the largest.
    assert_eq!(target(&t, "new_output_value"), Target::Best);
    // Only the 13 comparative indicators, in scheme order.
    assert_eq!(t.indicators.len(), 13);
    assert_eq!(t.indicators[0].id.as_str(), "new_output_value");

    // 产业链延伸 (10 points): 9, 8, 7, 6 (玉龙), then 5 shared by 元宝山综合, 敖汉, 克什克腾
    // (rank 5: 10 × 9 ÷ 13 = 6.92). 元宝山综合 at 6 shares rank 4 with 玉龙: 10 × 10 ÷ 13 =
    // 7.69, +0.77; 敖汉 and 克什克腾 fall to rank 6 (10 × 8 ÷ 13 = 6.15, −0.77 each):
    // 57.91 + 0.77 = 58.68; 敖汉 58.05 − 0.77 = 57.28; 克什克腾 69.61 − 0.77 = 68.84 → 6th.
    let t = targets(&scheme, &data, &o, "元宝山综合产业园区").unwrap();
    assert_eq!(
        reach(&t, "chain_extension"),
        (
            "6".to_owned(),
            "1".to_owned(),
            "赤峰玉龙工业园区".to_owned(),
            4,
            "7.69".to_owned(),
            "0.77".to_owned(),
            "58.68".to_owned(),
            6
        )
    );
    // A short name finds the park (the scheme's unit list).
    let t = targets(&scheme, &data, &o, "林西工业园区").unwrap();
    assert_eq!(t.park.name.as_str(), "内蒙古林西工业园区");
}

#[test]
fn what_if_leaves_the_data_untouched_and_moves_others() {
    let (scheme, data) = sample();
    let before = data.clone();
    let o = Options::default();
    // As above: 元宝山综合 to 6 on 产业链延伸: 57.91 → 58.68, 7th → 6th; 敖汉 58.05 → 57.28,
    // 6th → 7th; 克什克腾 69.61 → 68.84 but still 5th (not a mover).
    let w = what_if(
        &scheme,
        &data,
        &o,
        "元宝山综合产业园区",
        &[(IndicatorId::from("chain_extension"), Some(d("6")))],
    )
    .unwrap();
    assert_eq!(data, before);
    assert_eq!((w.before.rank, w.after.rank), (7, 6));
    assert_eq!(
        (w.before.total.to_string(), w.after.total.to_string()),
        ("57.91".to_owned(), "58.68".to_owned())
    );
    assert_eq!(w.moved.len(), 1);
    let m = &w.moved[0];
    assert_eq!(
        (
            m.name.as_str(),
            m.before,
            m.after,
            m.total_before.to_string(),
            m.total_after.to_string()
        ),
        (
            "敖汉旗工业园区",
            6,
            7,
            "58.05".to_owned(),
            "57.28".to_owned()
        )
    );
    let k = w.evaluation.park("克什克腾循环经济开发区").unwrap();
    assert_eq!((k.rank, k.total.to_string()), (5, "68.84".to_owned()));
    let changed: Vec<(&str, String, String)> = w
        .changed_scores()
        .map(|s| (s.id.as_str(), s.before.to_string(), s.after.to_string()))
        .collect();
    assert_eq!(
        changed,
        [("chain_extension", "6.92".to_owned(), "7.69".to_owned())]
    );
    assert_eq!(
        w.summary_zh(),
        "若 元宝山综合产业园区 的 园区主导产业的产业链延伸企业(项目)引入数 由 5 户 改为 6 户：\
总分 57.91 → 58.68，第 7 名 → 第 6 名；名次变化的其他园区：敖汉旗工业园区 第 6 → 7 名"
    );

    // 东山园区's 工业固定资产投资增速 18.2 → 20.3 (玉龙 24.5, 克什克腾 20.3, 东山 3rd): rank 2
    // shared, 10 × 12 ÷ 13 = 9.23 from 10 × 11 ÷ 13 = 8.46: 94.80 + 0.77 = 95.57 > 95.18:
    // 东山 1st (300 万元), 红山 2nd (200 万元).
    let w = what_if(
        &scheme,
        &data,
        &o,
        "东山园区",
        &[(
            IndicatorId::from("fixed_investment_growth"),
            Some(d("20.3")),
        )],
    )
    .unwrap();
    assert_eq!(data, before);
    assert_eq!(
        w.summary_zh(),
        "若 东山园区 的 工业固定资产投资增速 由 18.2 % 改为 20.3 %：总分 94.80 → 95.57，\
第 2 名 → 第 1 名，奖励 200 → 300 万元；名次变化的其他园区：红山园区 第 1 → 2 名"
    );
}

#[test]
fn what_if_of_the_current_value_changes_nothing() {
    let (scheme, data) = sample();
    let o = Options::default();
    let e = evaluate(&scheme, &data, &o).unwrap();
    // 38.60 is 38.6.
    let w = what_if(
        &scheme,
        &data,
        &o,
        "东山园区",
        &[
            (IndicatorId::from("new_output_value"), Some(d("38.60"))),
            (IndicatorId::from("planning_eia"), Some(d("3"))),
        ],
    )
    .unwrap();
    assert_eq!(w.evaluation, e);
    assert!(w.moved.is_empty());
    assert_eq!(w.before, w.after);
    assert_eq!(w.changed_scores().count(), 0);
    assert!(w
        .summary_zh()
        .ends_with("总分和名次不变（第 2 名，94.80 分）；其他园区名次不变"));
}

#[test]
fn what_if_refuses_bad_changes_all_at_once_and_removes_values() {
    let (scheme, data) = sample();
    let o = Options::default();
    let err = what_if(
        &scheme,
        &data,
        &o,
        "东山园区",
        &[
            (IndicatorId::from("nope"), Some(d("1"))),
            (
                IndicatorId::from("new_hightech_enterprises"),
                Some(d("1.5")),
            ),
            (IndicatorId::from("new_output_value"), Some(d("1"))),
            (IndicatorId::from("new_output_value"), Some(d("2"))),
        ],
    )
    .unwrap_err();
    let text: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text[0].contains("方案中没有指标「nope」"));
    assert!(text[1].contains("户数应为非负整数"));
    assert!(text[2].contains("同一项指标改了两次"));
    // A direct score out of range: the engine's message, located at the change, not the file.
    let err = what_if(
        &scheme,
        &data,
        &o,
        "东山园区",
        &[(IndicatorId::from("planning_eia"), Some(d("5")))],
    )
    .unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "错误：列「园区规划环评执行情况」，园区「东山园区」：改动后：直接评分 5 超出范围（原文「5」；应为介于 0 和 3 之间的分数）"
    );
    // Removing a value: refused under 缺失即报错, scored 0 under 缺失计 0 分 (6.00 → 0).
    let gone = [(IndicatorId::from("new_output_value"), None)];
    assert!(what_if(&scheme, &data, &o, "东山园区", &gone).is_err());
    let zero = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let w = what_if(&scheme, &data, &zero, "东山园区", &gone).unwrap();
    assert_eq!(w.after.total.to_string(), "88.80");
    // 94.80 − 6.00 = 88.80, still above 赤峰玉龙's 83.09.
    assert_eq!(
        w.summary_zh(),
        "若 东山园区 的 新增工业总产值 由 38.6 亿元 改为 缺失：总分 94.80 → 88.80，名次仍为第 2 名；其他园区名次不变"
    );
}

#[test]
fn unknown_and_vetoed_parks_are_errors() {
    let (scheme, mut data) = sample();
    let o = Options::default();
    let err = targets(&scheme, &data, &o, "东三园区").unwrap_err();
    assert_eq!(err[0].suggestion.as_deref(), Some("东山园区"));
    assert!(err[0].to_string().starts_with(
        "错误：园区「东三园区」：没有这个参评园区，是否为「东山园区」？（原文「东三园区」；应为参评园区之一：红山园区、"
    ));
    assert!(err[0].to_string().contains("等 14 个园区"));
    assert!(tornado(&scheme, &data, &o, "甲", 0.2).is_err());
    assert!(what_if(&scheme, &data, &o, "", &[]).is_err());
    data.parks[0].veto = Some(Veto { reason: None });
    let err = targets(&scheme, &data, &o, "东山园区").unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "错误：园区「东山园区」：园区「东山园区」一票否决，不参加排名（应为参加排名的园区）"
    );
}

#[test]
fn tornado_by_hand() {
    // A x 1 y 7, B x 8 y 3, C x 9 y 2, D x 3 y 5; N = 4, unit = (4 − r) ÷ 3.
    //   x ranks C B D A → 1, 2/3, 1/3, 0; y ranks A D B C → 1, 2/3, 1/3, 0.
    //   (6, 4): A 0 + 4 = 4, B 4 + 1.33 = 5.33, C 6, D 2 + 2.67 = 4.67 → D 3rd.
    // s = 0.5, the sum of full marks kept at 10:
    //   x × 0.5: (3, 4) × 10/7 = (4.2857, 5.7143): A 5.71, B 2.86 + 1.90 = 4.76, C 4.29,
    //     D 1.43 + 3.81 = 5.24 → D 2nd;
    //   x × 1.5: (9, 4) × 10/13 = (6.9231, 3.0769): A 3.08, B 4.62 + 1.03 = 5.65, C 6.92,
    //     D 2.31 + 2.05 = 4.36 → D 3rd;
    //   y × 0.5: (6, 2) × 10/8 = (7.5, 2.5): A 2.5, B 5 + 0.83 = 5.83, C 7.5,
    //     D 2.5 + 1.67 = 4.17 → D 3rd;
    //   y × 1.5: (6, 6) × 10/12 = (5, 5): A 5, B 3.33 + 1.67 = 5, C 5, D 1.67 + 3.33 = 5:
    //     all tied → D 1st.
    // Bars: y 1–3 (width 2) before x 2–3 (width 1).
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", "1", "7"),
        park("B", "8", "3"),
        park("C", "9", "2"),
        park("D", "3", "5"),
    ]);
    let t = tornado(&scheme, &data, &Options::default(), "D", 0.5).unwrap();
    assert_eq!(t.official_rank, 3);
    let bars: Vec<(&str, u32, u32, u32, u32, String, String)> = t
        .bars
        .iter()
        .map(|b| {
            (
                b.id.as_str(),
                b.low.rank,
                b.high.rank,
                b.best,
                b.worst,
                b.low.total.to_string(),
                b.high.total.to_string(),
            )
        })
        .collect();
    assert_eq!(
        bars,
        [
            ("y", 3, 1, 1, 3, "4.17".to_owned(), "5.00".to_owned()),
            ("x", 2, 3, 2, 3, "5.24".to_owned(), "4.36".to_owned()),
        ]
    );
    assert!((t.bars[0].low.full - 2.5).abs() < 1e-12);
    assert!((t.bars[0].high.full - 5.0).abs() < 1e-12);
    assert!((t.bars[1].low.full - 30.0 / 7.0).abs() < 1e-12);
    assert_eq!(
        t.bar_zh(&t.bars[0]),
        "乙指标 满分 ×0.5（4 → 2.50）第 3 名，×1.5（4 → 5.00）第 1 名：第 1–3 名"
    );
    assert_eq!(
        t.summary_zh(),
        "D（第 3 名）在单项排序法指标满分 ×0.5 或 ×1.5 时名次变化最大的是 乙指标（第 1–3 名）、甲指标（第 2–3 名）"
    );
}

#[test]
fn tornado_at_spread_zero_is_the_official_ranking() {
    // s = 0: both ends are the nominal full marks, which reproduce the official totals.
    let (scheme, data) = sample();
    for id in Method::COMPARATIVE_IDS {
        let step = (id == "rank_step").then(|| d("0.5"));
        let o = Options {
            ranking_method: Some(Method::comparative(id, step).unwrap()),
            ..Options::default()
        };
        let e = evaluate(&scheme, &data, &o).unwrap();
        for p in &e.parks {
            let t = tornado(&scheme, &data, &o, p.name.as_str(), 0.0).unwrap();
            assert_eq!(t.bars.len(), 13);
            for b in &t.bars {
                assert_eq!(
                    (b.low.rank, b.high.rank, b.best, b.worst),
                    (p.rank, p.rank, p.rank, p.rank),
                    "{id} {} {}",
                    p.name,
                    b.id
                );
                assert_eq!(b.low.total, p.total);
            }
            // All of width 0: the scheme's order.
            let ids: Vec<&str> = t.bars.iter().map(|b| b.id.as_str()).collect();
            let order: Vec<&str> = scheme
                .indicators()
                .filter(|i| i.method.is_comparative())
                .map(|i| i.id.as_str())
                .collect();
            assert_eq!(ids, order);
        }
    }
    // A bad spread is refused.
    for s in [-0.1, 1.0, f64::NAN] {
        assert!(tornado(&scheme, &data, &Options::default(), "东山园区", s).is_err());
    }
}

#[test]
fn tornado_bars_are_sorted_widest_first_on_the_sample() {
    let (scheme, data) = sample();
    let t = tornado(&scheme, &data, &Options::default(), "东山园区", 0.2).unwrap();
    let widths: Vec<u32> = t.bars.iter().map(|b| b.width()).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
    assert!(widths[0] > 0);
    // Within a width, the scheme's order.
    let position = |id: &str| {
        scheme
            .indicators()
            .position(|i| i.id.as_str() == id)
            .unwrap()
    };
    for w in t.bars.windows(2) {
        if w[0].width() == w[1].width() {
            assert!(position(w[0].id.as_str()) < position(w[1].id.as_str()));
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
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Small values (many ties), any method, either direction of y: every target really
        /// gains a place — a what-if at that value gives exactly the rank, score, total and
        /// overall rank reported — and no value strictly between the park's and the target
        /// gains one (the target is the least change).
        #[test]
        fn the_value_found_gains_a_place_and_no_smaller_change_does(
            values in prop::collection::vec((-4i64..=4, -4i64..=4), 2..7),
            method in method(),
            lower in any::<bool>(),
        ) {
            let scheme = if lower { two_lower_y() } else { Scheme::from_toml(TWO).unwrap() };
            let data = dataset(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, (x, y))| {
                        let mut r = ParkRecord::new(format!("园{i}"));
                        r.values.insert(IndicatorId::from("x"), Decimal::new(*x, 1));
                        r.values.insert(IndicatorId::from("y"), Decimal::new(*y, 0));
                        r
                    })
                    .collect(),
            );
            let o = Options { ranking_method: Some(method), ..Options::default() };
            let e = evaluate(&scheme, &data, &o).unwrap();
            for p in &e.parks {
                let t = targets(&scheme, &data, &o, p.name.as_str()).unwrap();
                prop_assert_eq!(t.park.rank, p.rank);
                for i in &t.indicators {
                    match &i.target {
                        Target::Best => prop_assert_eq!(i.rank, 1),
                        Target::Missing => prop_assert!(false, "no value is missing"),
                        Target::Reach(r) => {
                            prop_assert!(r.rank < i.rank);
                            let w = what_if(&scheme, &data, &o, p.name.as_str(),
                                &[(i.id.clone(), Some(r.value))]).unwrap();
                            let row = w.evaluation.row(p.name.as_str()).unwrap();
                            let ind = w.evaluation.indicator(row, i.id.as_str()).unwrap();
                            prop_assert_eq!(ind.rank, Some(r.rank));
                            prop_assert_eq!(ind.score, r.score);
                            prop_assert_eq!(ind.score.value() - i.score.value(), r.points);
                            prop_assert_eq!(w.after.total, r.total);
                            prop_assert_eq!(w.after.rank, r.overall_rank);
                            let v = i.value.unwrap();
                            prop_assert_eq!(r.value - v, r.change);
                            let mid = (v + r.value) / Decimal::TWO;
                            let w = what_if(&scheme, &data, &o, p.name.as_str(),
                                &[(i.id.clone(), Some(mid))]).unwrap();
                            let ind = w.evaluation.indicator(row_of(&w.evaluation, p.name.as_str()), i.id.as_str()).unwrap();
                            prop_assert_eq!(ind.rank, Some(i.rank));
                        }
                    }
                }
            }
        }
    }

    fn row_of(e: &parkscore::Evaluation, name: &str) -> usize {
        e.row(name).unwrap()
    }
}

#[test]
fn extreme_values_give_an_error_not_a_panic() {
    // The largest and smallest decimals: rank_linear scores them, but the change from one to
    // the other is beyond a decimal: an error naming the park and the indicator.
    let scheme = Scheme::from_toml(TWO).unwrap();
    let data = dataset(vec![
        park("A", &Decimal::MAX.to_string(), "1"),
        park("B", &Decimal::MIN.to_string(), "2"),
    ]);
    let err = targets(&scheme, &data, &Options::default(), "B").unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "错误：列「甲指标」，园区「B」：数值过大，无法计算差值（应为合理范围内的数）"
    );
    // The what-if and the tornado take them.
    assert!(what_if(&scheme, &data, &Options::default(), "B", &[]).is_ok());
    assert!(tornado(&scheme, &data, &Options::default(), "B", 0.2).is_ok());
}

#[test]
fn the_workbook_sheet_lists_the_gaps_and_the_targets_of_the_parks_given() {
    use calamine::{Data, Reader, Xlsx};
    use parkscore::export::report::{analyses_xlsx, Analyses};
    let (scheme, data) = sample();
    let options = Options::default();
    let e = evaluate(&scheme, &data, &options).unwrap();
    let all = gaps(&e);
    let dongshan = targets(&scheme, &data, &options, "东山园区").unwrap();
    let bytes = analyses_xlsx(
        &scheme,
        &Analyses {
            year: data.year,
            gaps: &all,
            targets: std::slice::from_ref(&dongshan),
            ..Default::default()
        },
    )
    .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["提升空间"]);
    let sheet = book.worksheet_range("提升空间").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let row = |first: &str, second: &str| {
        rows.iter()
            .find(|r| {
                r.first().map(String::as_str) == Some(first)
                    && r.get(1).map(String::as_str) == Some(second)
            })
            .unwrap_or_else(|| panic!("no row {first} {second}: {rows:?}"))
            .clone()
    };
    // 东山园区, 2nd with 94.80, 0.38 behind 红山园区 (95.18 − 94.80).
    let gap = row("东山园区", "2");
    assert_eq!(&gap[2..5], ["94.8", "第 1 名 红山园区", "0.38"]);
    // Its 工业总产值增速 12.4 % is 3rd (5.08 points); reaching 宁城经济开发区's 13.2 % ties it
    // 2nd: 5.54 points (+0.46), total 95.26, 1st overall (the golden test of `targets` above).
    let growth = row("东山园区", "工业总产值增速");
    assert_eq!(
        &growth[2..10],
        ["12.4 %", "3", "5.08", "13.2 %", "2", "0.46", "95.26", "1"]
    );
    // A park first on an indicator has no target.
    assert!(rows
        .iter()
        .any(|r| r.first().map(String::as_str) == Some("东山园区")
            && r.get(5).map(String::as_str) == Some("已是本项第 1 名")));
}

/// One park's gap worked out alone is its entry of the whole list, on the sample, on small
/// ties (a shared first place, a park behind a tie) and on a large tie with a park below and
/// one above; past the ranking there is none.
#[test]
fn one_parks_gap_is_its_entry_of_all_the_gaps() {
    let (scheme, data) = sample();
    let mut cases = vec![evaluate(&scheme, &data, &Options::default()).unwrap()];
    let two = Scheme::from_toml(TWO).unwrap();
    let mut c = park("C", "4", "4");
    c.provincial_recognitions = 2;
    let data = dataset(vec![park("A", "10", "1"), park("B", "5", "5"), c]);
    cases.push(evaluate(&two, &data, &Options::default()).unwrap());
    // Top alone (x 2, y 2), 25 tied (x 1, y 1), then Z (x 0, y 0).
    let mut parks: Vec<ParkRecord> = (0..25)
        .map(|i| park(&format!("园{i:02}"), "1", "1"))
        .collect();
    parks.push(park("Z", "0", "0"));
    parks.push(park("Top", "2", "2"));
    cases.push(evaluate(&two, &dataset(parks), &Options::default()).unwrap());
    for e in &cases {
        let all = parkscore::analysis::move_up::gaps(e);
        assert_eq!(all.len(), e.parks.len());
        for (row, gap) in all.iter().enumerate() {
            assert_eq!(
                parkscore::analysis::move_up::gap_of(e, row).as_ref(),
                Some(gap),
                "row {row}"
            );
        }
        assert_eq!(parkscore::analysis::move_up::gap_of(e, all.len()), None);
    }
    // The large tie's cases are what they should be, not only equal: Top first, a tied park
    // with 24 others, Z behind all 25.
    let e = cases.last().unwrap();
    let gap = |row| parkscore::analysis::move_up::gap_of(e, row).unwrap();
    assert_eq!(gap(0).gap, Gap::First);
    let Gap::Tied { with } = gap(1).gap else {
        panic!("{:?}", gap(1))
    };
    assert_eq!(with.count, 24);
    let Gap::Behind { rank, parks, .. } = gap(26).gap else {
        panic!("{:?}", gap(26))
    };
    assert_eq!((rank, parks.count, parks.names.len()), (2, 25, 10));
}
