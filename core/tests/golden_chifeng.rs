//! Golden test: `tests/data/golden-small.csv` (5 parks, one vetoed) scored under the built-in
//! Chifeng scheme through the ordinary import path, against results computed BY HAND.
//!
//! # The hand computation
//!
//! 戊园区 is vetoed (一票否决 是, 重特大安全生产事故): it is out of the pool although its values
//! (99, 999) would top every column, so N = 4 and rank_linear gives full × (4 − r)/3:
//! r = 1 → full, r = 2 → ⅔ full, r = 3 → ⅓ full, r = 4 → 0.
//! With full 6: 6, 4, 2, 0; full 4: 4, 2.67 (8/3 = 2.666…), 1.33 (4/3), 0;
//! full 10: 10, 6.67 (20/3), 3.33 (10/3), 0; full 3: 3, 2, 1, 0.
//!
//! 甲园区, in full:
//! - 总量指标: 新增工业总产值 10 (rank 1 of 10, 8, 8, 5) → 6; 工业总产值增速 −2.5 (rank 4 of
//!   −2.5, 3, 12, 7) → 0; 上缴税金总额 1.2 (rank 1) → 6; 上缴税金增速 5 (all four equal, rank 1)
//!   → 6; 就业人员增速 1 (rank 1 of 1, −1, −3, 0) → 6. Subtotal 6 + 0 + 6 + 6 + 6 = 24.00.
//! - 效益指标: 亩均工业总产值 500 (rank 1) → 4; 亩均固定资产投资 100 (rank 4 of 100, 150, 150,
//!   120) → 0; 亩均税收 20 (rank 3 of 20, 10, 30, 40) → 4/3 = 1.33. Subtotal 5.33.
//! - 招商引资: 项目数量 50 (rank 1) → 10; 产业链延伸 2 (rank 3 of 2, 5, 5, 1) → 3.33;
//!   固定资产投资增速 −10 (rank 4 of −10, −5, 0, 20) → 0. Subtotal 13.33.
//! - 基础设施建设: 投资增速 8 (rank 1) → 3; 新增投资总额 1 (rank 4) → 0. Subtotal 3.00.
//! - 科技创新: 高新技术企业 5 户 → min(5, 3) = 3; 研发机构 1 户 → 1. Subtotal 4.00.
//! - 绿色发展 (direct): 3 + 2 + 2 = 7.00. 管理水平 (direct): 3 + 1 + 1 + 1 + 1 = 7.00.
//! - Base 24 + 5.33 + 13.33 + 3 + 4 + 7 + 7 = 63.66; bonus: 1 national, 2 provincial, not
//!   cumulative → 10; total 73.66. (Cumulative: 10 + 2 × 5 = 20 → 83.66.)
//!
//! The other parks the same way:
//! - 乙园区: 总量 4 + 2 + 4 + 6 + 2 = 18; 效益 2.67 + 4 + 0 = 6.67; 招商 6.67 + 10 + 3.33 = 20;
//!   基础 2 + 1.33 = 3.33; 科技 2 + 4 = 6; 绿色 2.5 + 1.5 + 2 = 6; 管理 2 + 1 + 1 + 0.5 + 1
//!   = 5.5. Base 65.50, bonus 0, total 65.50.
//! - 丙园区: 总量 4 + 6 + 2 + 6 + 0 = 18; 效益 1.33 + 4 + 2.67 = 8; 招商 3.33 + 10 + 6.67 = 20;
//!   基础 1 + 2.67 = 3.67; 科技 0 + min(6, 4) = 4; 绿色 2 + 2 + 1.75 = 5.75; 管理 3 + 1 + 0
//!   + 1 + 1 = 6. Base 65.42, bonus 5 (1 provincial), total 70.42.
//! - 丁园区: 总量 0 + 4 + 2 + 6 + 4 = 16; 效益 0 + 1.33 + 4 = 5.33; 招商 0 + 0 + 10 = 10;
//!   基础 0 + 4 = 4; 科技 3 + 0 = 3; 绿色 7; 管理 2.5 + 4 = 6.5. Base 51.83, total 51.83.
//!
//! Ranking 甲 73.66, 丙 70.42, 乙 65.50, 丁 51.83 → awards 300, 200, 100 万元. Special awards:
//! 科技创新 best 6 → 乙; 绿色发展 best 7 → 甲 and 丁 tied; 招商引资 best 20 → 乙 and 丙 tied.

use parkscore::scoring::Evaluation;
use parkscore::{evaluate, import, Method, MissingPolicy, Options, Scheme};
use rust_decimal::Decimal;
use std::str::FromStr;

const FILE: &[u8] = include_bytes!("data/golden-small.csv");

fn run(options: &Options) -> Evaluation {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(FILE, "golden-small.csv", None, &Scheme::chifeng_2020())
        .expect("the fixture reads");
    let validated = import::validate(&table, &scheme);
    assert!(
        !validated.has_errors(),
        "{:?}",
        validated
            .issues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    evaluate(&scheme, &validated.dataset, options).expect("the fixture scores")
}

/// (name, rank, total, base, bonus) of every ranked park.
fn summary(e: &Evaluation) -> Vec<(String, u32, String, String, String)> {
    e.parks
        .iter()
        .map(|p| {
            (
                p.name.0.clone(),
                p.rank,
                p.total.to_string(),
                p.base.to_string(),
                p.bonus.to_string(),
            )
        })
        .collect()
}

fn row(
    name: &str,
    rank: u32,
    total: &str,
    base: &str,
    bonus: &str,
) -> (String, u32, String, String, String) {
    (name.into(), rank, total.into(), base.into(), bonus.into())
}

#[test]
fn ranking_totals_and_bonus_match_the_hand_computation() {
    let e = run(&Options::default());
    assert_eq!(
        summary(&e),
        vec![
            row("甲园区", 1, "73.66", "63.66", "10.00"),
            row("丙园区", 2, "70.42", "65.42", "5.00"),
            row("乙园区", 3, "65.50", "65.50", "0.00"),
            row("丁园区", 4, "51.83", "51.83", "0.00"),
        ]
    );
    assert_eq!(e.vetoed.len(), 1);
    assert_eq!(e.vetoed[0].name.0, "戊园区");
    assert_eq!(
        e.vetoed[0].veto.reason.as_deref(),
        Some("重特大安全生产事故")
    );
}

#[test]
fn group_subtotals_match_the_hand_computation() {
    let e = run(&Options::default());
    let groups = |name: &str| -> Vec<String> {
        e.park(name)
            .unwrap()
            .groups()
            .map(|g| g.score.to_string())
            .collect()
    };
    assert_eq!(
        groups("甲园区"),
        ["24.00", "5.33", "13.33", "3.00", "4.00", "7.00", "7.00"]
    );
    assert_eq!(
        groups("乙园区"),
        ["18.00", "6.67", "20.00", "3.33", "6.00", "6.00", "5.50"]
    );
    assert_eq!(
        groups("丙园区"),
        ["18.00", "8.00", "20.00", "3.67", "4.00", "5.75", "6.00"]
    );
    assert_eq!(
        groups("丁园区"),
        ["16.00", "5.33", "10.00", "4.00", "3.00", "7.00", "6.50"]
    );
}

#[test]
fn explanations_carry_the_numbers() {
    let e = run(&Options::default());
    let jia = e.park("甲园区").unwrap();
    let yi = e.park("乙园区").unwrap();
    assert_eq!(
        jia.indicator("output_growth").unwrap().explain(),
        "名次 4/4：6 × (4−4)/(4−1) = 0.00"
    );
    assert_eq!(
        yi.indicator("new_output_value").unwrap().explain(),
        "名次 2/4（并列）：6 × (4−2)/(4−1) = 4.00"
    );
    assert_eq!(
        jia.indicator("new_hightech_enterprises").unwrap().explain(),
        "5 户 × 1 分，上限 3 分 = 3.00"
    );
    assert_eq!(
        yi.indicator("planning_eia").unwrap().explain(),
        "直接评分 2.5（满分 3）= 2.50"
    );
    assert_eq!(
        jia.bonus_explain(),
        "国家级认定 1 项、省级认定 2 项；不累加，取最高一级 = 10.00"
    );
    assert_eq!(
        jia.indicator("output_growth").unwrap().value,
        Some(Decimal::from_str("-2.5").unwrap())
    );
}

#[test]
fn awards_and_special_proposals() {
    let e = run(&Options::default());
    let places: Vec<(String, String)> = e
        .awards
        .places
        .iter()
        .map(|a| (a.park.0.clone(), a.amount_wan.to_string()))
        .collect();
    assert_eq!(
        places,
        [
            ("甲园区".to_owned(), "300".to_owned()),
            ("丙园区".to_owned(), "200".to_owned()),
            ("乙园区".to_owned(), "100".to_owned())
        ]
    );
    assert_eq!(e.park("丁园区").unwrap().award_wan, None);
    assert_eq!(
        e.park("甲园区").unwrap().award_wan,
        Some(Decimal::from(300))
    );
    let special: Vec<(String, Vec<String>, bool)> = e
        .awards
        .special
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.candidates.iter().map(|c| c.0.clone()).collect(),
                s.tie,
            )
        })
        .collect();
    assert_eq!(
        special,
        vec![
            ("创新发展".to_owned(), vec!["乙园区".to_owned()], false),
            (
                "绿色发展".to_owned(),
                vec!["甲园区".to_owned(), "丁园区".to_owned()],
                true
            ),
            ("园区公共服务平台".to_owned(), vec![], false),
            // Candidates in ranking order: 丙 (2nd) before 乙 (3rd).
            (
                "招商引资".to_owned(),
                vec!["丙园区".to_owned(), "乙园区".to_owned()],
                true
            ),
        ]
    );
}

#[test]
fn cumulative_bonus_adds_every_recognition() {
    // 甲: 1 × 10 + 2 × 5 = 20 → 63.66 + 20 = 83.66; 丙: 1 × 5 = 5 → 70.42.
    let e = run(&Options {
        cumulative_bonus: Some(true),
        ..Options::default()
    });
    let jia = e.park("甲园区").unwrap();
    assert_eq!(jia.total.to_string(), "83.66");
    assert_eq!(
        jia.bonus_explain(),
        "国家级认定 1 项 × 10 + 省级认定 2 项 × 5；累加 = 20.00"
    );
    assert_eq!(e.park("丙园区").unwrap().total.to_string(), "70.42");
    assert!(e.reading.cumulative_bonus);
}

#[test]
fn ratio_to_top_ignores_the_vetoed_park() {
    // Top of 新增工业总产值 is 10 (甲), not 戊's 99: 乙, 丙 8 → 6 × 8/10 = 4.8; 丁 5 → 3.
    // 工业总产值增速: top 12 (丙); 甲 −2.5 → 0; 乙 3 → 6 × 3/12 = 1.5; 丁 7 → 6 × 7/12 = 3.5.
    let e = run(&Options {
        ranking_method: Some(Method::RatioToTop),
        ..Options::default()
    });
    let score = |park: &str, id: &str| {
        e.park(park)
            .unwrap()
            .indicator(id)
            .unwrap()
            .score
            .to_string()
    };
    assert_eq!(score("甲园区", "new_output_value"), "6.00");
    assert_eq!(score("乙园区", "new_output_value"), "4.80");
    assert_eq!(score("丁园区", "new_output_value"), "3.00");
    assert_eq!(score("甲园区", "output_growth"), "0.00");
    assert_eq!(score("乙园区", "output_growth"), "1.50");
    assert_eq!(score("丁园区", "output_growth"), "3.50");
    // count_capped and direct indicators keep their own method.
    assert_eq!(score("甲园区", "new_hightech_enterprises"), "3.00");
    assert_eq!(e.reading.ranking_method.id(), "ratio_to_top");
}

#[test]
fn min_max_ignores_the_vetoed_park() {
    // 就业人员增速: min −3 (丙), max 1 (甲): 乙 −1 → 6 × 2/4 = 3; 丁 0 → 6 × 3/4 = 4.5.
    let e = run(&Options {
        ranking_method: Some(Method::MinMax),
        missing: MissingPolicy::Error,
        ..Options::default()
    });
    let score = |park: &str| {
        e.park(park)
            .unwrap()
            .indicator("employment_growth")
            .unwrap()
            .score
            .to_string()
    };
    assert_eq!(
        [
            score("甲园区"),
            score("乙园区"),
            score("丙园区"),
            score("丁园区")
        ],
        ["6.00", "3.00", "0.00", "4.50"]
    );
}
