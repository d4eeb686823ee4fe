//! `evaluate` on datasets built in Rust: missing values under each policy, located errors,
//! vetoes, ties at award places, empty pools, the reading. Expected values are worked out by
//! hand in the comments.

use parkscore::dataset::{Dataset, ParkRecord, Veto};
use parkscore::{evaluate, IndicatorId, Method, MissingPolicy, Options, Scheme, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A Chifeng park whose every ranked indicator is `v`, counts 1 and direct scores full.
fn chifeng_park(scheme: &Scheme, name: &str, v: &str, row: u32) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.source_row = Some(row);
    for i in scheme.indicators() {
        let value = match &i.method {
            Method::CountCapped { .. } => d("1"),
            Method::Direct { max } => *max,
            _ => d(v),
        };
        p.values.insert(i.id.clone(), value);
    }
    p
}

fn dataset(parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: Some(2020),
        source: Some("测试.csv".to_owned()),
        parks,
    }
}

/// One direct indicator worth 10: the value is the score, so totals are easy to set.
const ONE: &str = include_str!("data/one-indicator.toml");

fn one_park(name: &str, x: &str) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.values.insert(IndicatorId::from("x"), d(x));
    p
}

#[test]
fn missing_values_are_errors_by_default_and_all_are_reported() {
    let scheme = Scheme::chifeng_2020();
    let mut a = chifeng_park(&scheme, "甲", "1", 2);
    let mut b = chifeng_park(&scheme, "乙", "2", 3);
    a.values.remove(&IndicatorId::from("output_growth"));
    b.values.remove(&IndicatorId::from("tax_total"));
    b.values.remove(&IndicatorId::from("planning_eia"));
    let err = evaluate(&scheme, &dataset(vec![a, b]), &Options::default()).unwrap_err();
    assert_eq!(err.len(), 3);
    assert!(err.iter().all(|i| i.severity == Severity::Error));
    let first = err[0].to_string();
    assert_eq!(
        first,
        "错误：文件 测试.csv，第 2 行，列「工业总产值增速」，园区「甲」：缺少数值（应为数字；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后）后再评分）"
    );
    let places: Vec<(Option<u32>, Option<String>)> = err
        .iter()
        .map(|i| (i.location.row, i.location.column.clone()))
        .collect();
    assert!(places.contains(&(Some(3), Some("上缴税金总额".to_owned()))));
    assert!(places.contains(&(Some(3), Some("园区规划环评执行情况".to_owned()))));
}

#[test]
fn missing_values_under_zero_and_rank_last_show_the_policy() {
    let scheme = Scheme::chifeng_2020();
    let mut parks: Vec<ParkRecord> = ["3", "2", "1"]
        .iter()
        .enumerate()
        .map(|(i, v)| chifeng_park(&scheme, &format!("园{i}"), v, i as u32 + 2))
        .collect();
    parks[0].values.remove(&IndicatorId::from("output_growth"));
    parks[0].values.remove(&IndicatorId::from("planning_eia"));
    let data = dataset(parks);

    // Zero: 园0 scores 0 on output_growth; 园1 (2) ranks 1st of the present values → 6,
    // 园2 (1) ranks 2nd of N = 3 → 6 × 1/2 = 3. planning_eia: 0.
    let zero = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let e = evaluate(&scheme, &data, &zero).unwrap();
    let s = |name: &str, id: &str| e.park(name).unwrap().indicator(id).unwrap();
    assert_eq!(s("园0", "output_growth").score.to_string(), "0.00");
    assert_eq!(s("园0", "output_growth").rank, Some(3));
    assert_eq!(s("园0", "output_growth").value, None);
    assert!(s("园0", "output_growth").explain().contains("缺失计 0 分"));
    assert_eq!(s("园1", "output_growth").score.to_string(), "6.00");
    assert_eq!(s("园2", "output_growth").score.to_string(), "3.00");
    assert_eq!(s("园0", "planning_eia").score.to_string(), "0.00");
    assert!(e
        .reading
        .description_zh
        .iter()
        .any(|l| l.contains("缺失计 0 分")));
    assert_eq!(
        e.notes
            .iter()
            .filter(|n| n.message.contains("缺失数值"))
            .count(),
        2
    );

    // RankLast: 园0 alone at rank 3 of 3 → 6 × 0/2 = 0; same scores here, other explanation.
    let last = Options {
        missing: MissingPolicy::RankLast,
        ..Options::default()
    };
    let e = evaluate(&scheme, &data, &last).unwrap();
    let og = e.park("园0").unwrap().indicator("output_growth").unwrap();
    assert_eq!(
        og.explain(),
        "缺失数值，按“缺失排最后”处理，名次 3/3：6 × (3−3)/(3−1) = 0.00"
    );
    assert_eq!(e.reading.missing, MissingPolicy::RankLast);
    assert!(e
        .reading
        .description_zh
        .iter()
        .any(|l| l.contains("缺失排最后")));
}

#[test]
fn vetoed_parks_with_missing_values_do_not_block_scoring() {
    let scheme = Scheme::chifeng_2020();
    let mut v = ParkRecord::new("否决园");
    v.veto = Some(Veto {
        reason: Some("环境污染事件".to_owned()),
    });
    let data = dataset(vec![chifeng_park(&scheme, "甲", "1", 2), v]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    assert_eq!(e.parks.len(), 1);
    assert_eq!(e.vetoed.len(), 1);
    // N = 1: every ranked indicator full; counts 1 + 1; direct full: 30 + 12 + 30 + 7 + 2 + 7 + 7 = 95.
    assert_eq!(e.parks[0].total.to_string(), "95.00");
}

#[test]
fn direct_scores_out_of_range_and_negative_counts_are_located_errors() {
    let scheme = Scheme::chifeng_2020();
    let mut a = chifeng_park(&scheme, "甲", "1", 7);
    a.values.insert(IndicatorId::from("planning_eia"), d("3.5"));
    a.values
        .insert(IndicatorId::from("new_rd_institutions"), d("-1"));
    let err = evaluate(&scheme, &dataset(vec![a]), &Options::default()).unwrap_err();
    let texts: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        vec![
            "错误：文件 测试.csv，第 7 行，列「园区内新增省级以上研发机构数」，园区「甲」：数量不能为负数（原文「-1」；应为不小于 0 的数）",
            "错误：文件 测试.csv，第 7 行，列「园区规划环评执行情况」，园区「甲」：直接评分 3.5 超出范围（原文「3.5」；应为介于 0 和 3 之间的分数）",
        ]
    );
}

#[test]
fn duplicate_and_empty_park_names_are_errors() {
    let scheme = Scheme::chifeng_2020();
    let data = dataset(vec![
        chifeng_park(&scheme, "甲", "1", 2),
        chifeng_park(&scheme, "甲", "2", 5),
        chifeng_park(&scheme, " ", "3", 6),
    ]);
    let err = evaluate(&scheme, &data, &Options::default()).unwrap_err();
    assert_eq!(err.len(), 2);
    assert!(err[0].message.contains("园区名称重复"), "{}", err[0]);
    assert!(err[0].message.contains("第 2 行"));
    assert_eq!(err[0].location.row, Some(5));
    assert_eq!(err[1].message, "园区名称为空");
    assert_eq!(err[1].location.row, Some(6));
}

#[test]
fn no_park_left_gives_an_empty_ranking_not_a_panic() {
    let scheme = Scheme::chifeng_2020();
    let e = evaluate(&scheme, &dataset(Vec::new()), &Options::default()).unwrap();
    assert!(e.parks.is_empty());
    assert!(e.awards.places.is_empty());
    assert!(e.awards.special.iter().all(|s| s.candidates.is_empty()));
    assert!(!e.notes.is_empty());

    let mut v = chifeng_park(&scheme, "甲", "1", 2);
    v.veto = Some(Veto { reason: None });
    let e = evaluate(&scheme, &dataset(vec![v]), &Options::default()).unwrap();
    assert!(e.parks.is_empty());
    assert_eq!(e.vetoed.len(), 1);
}

#[test]
fn ties_across_award_places_share_the_money() {
    // Totals 10, 8, 8, 5: ranks 1, 2, 2, 4. A 300; B and C share places 2 and 3:
    // (200 + 100) ÷ 2 = 150 each; D nothing.
    let scheme = Scheme::from_toml(ONE).unwrap();
    let data = dataset(vec![
        one_park("D", "5"),
        one_park("C", "8"),
        one_park("A", "10"),
        one_park("B", "8"),
    ]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let ranking: Vec<(&str, u32, Option<Decimal>)> = e
        .parks
        .iter()
        .map(|p| (p.name.as_str(), p.rank, p.award_wan))
        .collect();
    assert_eq!(
        ranking,
        vec![
            ("A", 1, Some(d("300"))),
            ("B", 2, Some(d("150"))),
            ("C", 2, Some(d("150"))),
            ("D", 4, None),
        ]
    );
    assert_eq!(
        e.awards.places[1].explain(),
        "第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元"
    );
    assert!(e
        .notes
        .iter()
        .any(|n| n.severity == Severity::Warning && n.message.contains("B、C 总分并列第 2 名")));
    // The special award: A alone has the best group score.
    assert_eq!(e.awards.special[0].candidates.len(), 1);
    assert!(!e.awards.special[0].tie);
}

#[test]
fn a_special_award_tie_is_flagged() {
    let scheme = Scheme::from_toml(ONE).unwrap();
    let data = dataset(vec![one_park("A", "9"), one_park("B", "9")]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    assert!(e.awards.special[0].tie);
    assert_eq!(e.awards.special[0].candidates.len(), 2);
    // Both first: (300 + 200) ÷ 2 = 250 each.
    assert!(e.parks.iter().all(|p| p.award_wan == Some(d("250"))));
}

#[test]
fn the_override_must_be_comparative() {
    let scheme = Scheme::chifeng_2020();
    let data = dataset(vec![chifeng_park(&scheme, "甲", "1", 2)]);
    let err = evaluate(
        &scheme,
        &data,
        &Options {
            ranking_method: Some(Method::Direct { max: d("3") }),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(err[0].message.contains("不能改用 direct"));
}

#[test]
fn rank_step_override_shows_in_the_reading() {
    // Three parks 3 > 2 > 1 with step 0.5: a 6-point indicator gives 6, 5.5, 5.
    let scheme = Scheme::chifeng_2020();
    let data = dataset(
        ["3", "2", "1"]
            .iter()
            .enumerate()
            .map(|(i, v)| chifeng_park(&scheme, &format!("园{i}"), v, 2 + i as u32))
            .collect(),
    );
    let e = evaluate(
        &scheme,
        &data,
        &Options {
            ranking_method: Some(Method::RankStep { step: d("0.5") }),
            ..Options::default()
        },
    )
    .unwrap();
    let s = |name: &str| {
        e.park(name)
            .unwrap()
            .indicator("output_growth")
            .unwrap()
            .score
            .to_string()
    };
    assert_eq!([s("园0"), s("园1"), s("园2")], ["6.00", "5.50", "5.00"]);
    assert_eq!(
        e.reading.ranking_method,
        Method::RankStep { step: d("0.5") }
    );
    assert!(e.reading.description_zh[0].contains("每降一名扣 0.5 分"));
    assert!(e.reading.description_zh[0].contains("替换"));
}

#[test]
fn the_reading_has_one_sentence_per_choice() {
    let scheme = Scheme::chifeng_2020();
    let data = dataset(vec![chifeng_park(&scheme, "甲", "1", 2)]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let r = &e.reading;
    assert_eq!(r.scheme_id, "chifeng-2020");
    assert_eq!(r.ranking_method, Method::RankLinear);
    assert!(!r.cumulative_bonus);
    assert_eq!(r.rounding_places, 2);
    let all = r.description_zh.join("\n");
    assert!(all.contains("满分 × (N − 名次) ÷ (N − 1)"));
    assert!(all.contains("附加分不累加"));
    assert!(all.contains("缺失数值不会被当作 0"));
    assert!(all.contains("四舍五入保留 2 位小数"));
}

#[test]
fn totals_tie_ranks_share_and_list_by_name() {
    // Totals 7, 7, 3: ranks 1, 1, 3; tied parks listed by name.
    let scheme = Scheme::from_toml(ONE).unwrap();
    let data = dataset(vec![
        one_park("乙", "7"),
        one_park("丙", "3"),
        one_park("甲", "7"),
    ]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let ranks: Vec<(&str, u32)> = e.parks.iter().map(|p| (p.name.as_str(), p.rank)).collect();
    // "乙" (U+4E59) sorts before "甲" (U+7532).
    assert_eq!(ranks, vec![("乙", 1), ("甲", 1), ("丙", 3)]);
}

/// 30 parks missing 工业总产值增速 under 缺失计 0 分: the first 20 get a note each (with their
/// row), the other 10 one note that counts them and names ten of them — the notes do not grow
/// with the parks beyond that.
#[test]
fn missing_value_notes_are_bounded_per_indicator() {
    let scheme = Scheme::chifeng_2020();
    let parks: Vec<ParkRecord> = (0..40)
        .map(|i| {
            let mut p = chifeng_park(&scheme, &format!("园{i:02}"), &i.to_string(), i + 2);
            if i < 30 {
                p.values.remove(&IndicatorId::from("output_growth"));
            }
            p
        })
        .collect();
    let zero = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let e = evaluate(&scheme, &dataset(parks), &zero).unwrap();
    let missing: Vec<&str> = e
        .notes
        .iter()
        .filter(|n| n.message.contains("缺失数值"))
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(missing.len(), 21, "{missing:?}");
    assert_eq!(
        missing[20],
        "另有 10 个园区缺失数值，已按“缺失计 0 分”计分：园20、园21、园22、园23、园24、园25、园26、园27、园28、园29"
    );
    let per_cell = e.notes.iter().find(|n| n.message.contains("已按")).unwrap();
    assert_eq!(per_cell.location.row, Some(2));
    // Every missing park still scores 0 on it, with its own explanation on demand.
    let last = e.park("园29").unwrap().indicator("output_growth").unwrap();
    assert_eq!(last.score.to_string(), "0.00");
    assert_eq!(last.explain(), "缺失数值，按“缺失计 0 分”处理 = 0.00");
}

/// Units not rated (T) leave the pool like vetoed ones: a T unit with the highest value does
/// not stretch min_max_floor's range, is not counted in N and gets no grade but T; a vetoed
/// unit on the T list stays vetoed.
#[test]
fn units_not_rated_leave_the_pool_and_classes_follow_the_ranking() {
    let text = ONE
        .replacen("method = \"direct\"\nmax = 10", "method = \"min_max_floor\"\nfloor = 0.2", 1)
        .replacen(
            "[[groups]]",
            "[classes]\nby = \"score\"\nnot_rated = [\"丁\", \"戊\"]\n[[classes.grades]]\nname = \"优\"\nat_least = 9\n[[classes.grades]]\nname = \"良\"\nat_least = 5\n[[classes.grades]]\nname = \"差\"\n\n[[groups]]",
            1,
        );
    let scheme = Scheme::from_toml(&text).unwrap();
    let mut vetoed = one_park("戊", "0");
    vetoed.veto = Some(Veto { reason: None });
    let data = dataset(vec![
        one_park("甲", "10"),
        one_park("乙", "5"),
        one_park("丙", "0"),
        one_park("丁", "100"),
        vetoed,
    ]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    // 丁 (100) is not rated: min 0, max 10 over 甲, 乙, 丙, N = 3.
    // 甲 10 × [0.2 + 0.8 × 1] = 10; 乙 10 × [0.2 + 0.8 × 0.5] = 6; 丙 10 × 0.2 = 2.
    let got: Vec<(&str, String, Option<&str>)> = e
        .ranked()
        .map(|p| (p.park.name.as_str(), p.park.total.fixed(2), p.class()))
        .collect();
    assert_eq!(
        got,
        [
            ("甲", "10.00".to_owned(), Some("优")),
            ("乙", "6.00".to_owned(), Some("良")),
            ("丙", "2.00".to_owned(), Some("差")),
        ]
    );
    assert_eq!(e.columns[0].facts.n, 3);
    assert_eq!(e.columns[0].facts.max, Some(d("10")));
    assert_eq!(e.not_rated, [parkscore::ParkName::from("丁")]);
    assert_eq!(e.vetoed.len(), 1);
    assert_eq!(e.vetoed[0].name.as_str(), "戊");
    assert!(e.reading.description_zh.iter().any(|l| l.starts_with(
        "等级按总分划分：优 总分不低于 9、良 总分不低于 5、差 其余；2 个单位不参评（T 类）"
    )));
}

/// The scores are kept in 4 bytes each (`ScoreColumn`) where their digits fit, and as whole
/// decimals where they do not: the results are the same either way.
#[test]
fn scores_are_packed_where_they_fit_and_kept_whole_where_they_do_not() {
    // Chifeng: every indicator column and group subtotal of a ranking is packed.
    let scheme = Scheme::chifeng_2020();
    let parks = (0..20u32)
        .map(|i| {
            chifeng_park(
                &scheme,
                &format!("园区{i}"),
                &format!("{i}.{}", i % 7),
                i + 2,
            )
        })
        .collect();
    let e = evaluate(&scheme, &dataset(parks), &Options::default()).unwrap();
    assert_eq!(e.columns.len(), 23);
    assert!(e
        .columns
        .iter()
        .all(|c| c.scores.is_packed() && c.scores.len() == 20));
    assert!(e
        .groups
        .iter()
        .all(|g| g.scores.is_packed() && g.scores.len() == 20));
    // A scheme of huge points: x worth 10⁹, scored directly. 999,999,999.99 has 11 digits, far
    // more than 26 bits hold: that column (and its group's) keeps whole decimals, exact.
    let big = ONE
        .replace("weight = 10\n", "weight = 1000000000\n")
        .replace("full = 10\n", "full = 1000000000\n")
        .replace("max = 10\n", "max = 1000000000\n");
    let scheme = Scheme::from_toml(&big).unwrap();
    let parks = vec![one_park("甲", "12.5"), one_park("乙", "999999999.99")];
    let e = evaluate(&scheme, &dataset(parks), &Options::default()).unwrap();
    assert!(!e.columns[0].scores.is_packed());
    assert!(!e.groups[0].scores.is_packed());
    let ranking: Vec<_> = e
        .parks
        .iter()
        .map(|p| (p.name.as_str(), p.rank, p.total.value()))
        .collect();
    assert_eq!(
        ranking,
        [("乙", 1, d("999999999.99")), ("甲", 2, d("12.5"))]
    );
    assert_eq!(
        e.columns[0].scores,
        [
            parkscore::Score(d("999999999.99")),
            parkscore::Score(d("12.5"))
        ]
    );
}
