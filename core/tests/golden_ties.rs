//! Golden test: `tests/data/golden-tie.csv`, four parks tied everywhere but for one park's
//! recognition and one weak park, to check tie handling end to end, BY HAND:
//!
//! - 甲, 乙, 丙 have 5 on all 13 ranked indicators, 丁 has 1: the three share rank 1 of N = 4
//!   and score full (6 × (4 − 1)/(4 − 1) = 6, …), 丁 ranks 4 and scores 0 everywhere.
//!   Ranked groups: 30 + 12 + 30 + 7 = 79 for 甲, 乙, 丙; 0 for 丁.
//! - Everyone: 2 + 2 = 4 (科技创新), 3 + 2 + 2 = 7 (绿色发展), 3 + 1 + 1 + 1 + 1 = 7 (管理水平).
//! - Bases: 79 + 4 + 7 + 7 = 97 for 甲, 乙, 丙; 18 for 丁. 乙 has one provincial
//!   recognition: +5 → 102.
//! - Ranking: 乙 1st (102); 甲 and 丙 tied 2nd (97); 丁 4th (18).
//! - Awards: 乙 300 万; 甲 and 丙 occupy places 2 and 3: (200 + 100) ÷ 2 = 150 万 each.
//! - Special awards: 科技创新 4 and 绿色发展 7 are tied across all four parks; 招商引资 30
//!   across 甲, 乙, 丙: every proposal is flagged as a tie.

use parkscore::export::json;
use parkscore::{evaluate, import, Options, Scheme};
use rust_decimal::Decimal;

/// The scheme and `data/golden-tie.csv` validated.
fn golden_tie() -> (Scheme, import::Validated) {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(
        include_bytes!("data/golden-tie.csv"),
        "golden-tie.csv",
        None,
        &scheme,
    )
    .unwrap();
    let validated = import::validate(&table, &scheme);
    (scheme, validated)
}

#[test]
fn tied_parks_share_ranks_and_award_money() {
    let (scheme, validated) = golden_tie();
    assert!(!validated.has_errors());
    let e = evaluate(&scheme, &validated.dataset, &Options::default()).unwrap();
    let got: Vec<(&str, u32, String, Option<Decimal>)> = e
        .parks
        .iter()
        .map(|p| (p.name.as_str(), p.rank, p.total.to_string(), p.award_wan))
        .collect();
    assert_eq!(
        got,
        vec![
            ("乙园区", 1, "102.00".to_owned(), Some(Decimal::from(300))),
            // Tied parks are listed by name: 丙 (U+4E19) before 甲 (U+7532).
            ("丙园区", 2, "97.00".to_owned(), Some(Decimal::from(150))),
            ("甲园区", 2, "97.00".to_owned(), Some(Decimal::from(150))),
            ("丁园区", 4, "18.00".to_owned(), None),
        ]
    );
    assert_eq!(
        e.awards.places[1].explain(),
        "第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元"
    );
    assert!(e
        .notes
        .iter()
        .any(|n| n.message.contains("丙园区、甲园区 总分并列第 2 名")));
    let ties: Vec<(&str, usize, bool)> = e
        .awards
        .special
        .iter()
        .map(|s| (s.name.as_str(), s.candidates.len(), s.tie))
        .collect();
    assert_eq!(
        ties,
        vec![
            ("创新发展", 4, true),
            ("绿色发展", 4, true),
            ("园区公共服务平台", 0, false),
            ("招商引资", 3, true),
        ]
    );
    let jia = e.park("甲园区").unwrap();
    assert_eq!(
        jia.indicator("new_output_value").unwrap().explain(),
        "名次 1/4（并列）：6 × (4−1)/(4−1) = 6.00"
    );
}

/// 3,000 parks with the same figures: every one shares rank 1 on every indicator and on the
/// total. By hand: places 1–3 pay 300 + 200 + 100 = 600 万元, shared by 3,000 parks:
/// 600 ÷ 3000 = 0.2 万元 each. The explanation and the tie note stay short: they name the
/// places as a range, sum the 2,997 unpaid places in one term and list ten parks, `等 3000 个园区`.
#[test]
fn a_tie_of_thousands_is_explained_in_one_short_sentence() {
    let (scheme, validated) = golden_tie();
    // 甲园区 (no recognition) copied 3,000 times under distinct names.
    // The facts-only JSON marks the place 甲 and 丙 share (2nd and 3rd); the explained one
    // says it in words and, as it always did, has no such field.
    let e4 = evaluate(&scheme, &validated.dataset, &Options::default()).unwrap();
    let facts = json::evaluation_json(&scheme, &e4, json::Prose::Facts);
    assert_eq!(facts["awards"]["places"][0].get("shared_by"), None);
    assert_eq!(facts["awards"]["places"][1]["shared_by"], 2);
    let words = json::evaluation_json(&scheme, &e4, json::Prose::Explained);
    assert_eq!(words["awards"]["places"][1].get("shared_by"), None);
    assert_eq!(
        words["awards"]["places"][1]["explain"],
        "第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元"
    );
    let jia = validated.dataset.park("甲园区").unwrap().clone();
    let mut data = validated.dataset.clone();
    data.parks = (0..3000)
        .map(|i| {
            let mut p = jia.clone();
            p.name = parkscore::ParkName(format!("园{i:04}"));
            p
        })
        .collect();
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    assert!(e.parks.iter().all(|p| p.rank == 1));
    assert_eq!(e.awards.places.len(), 3000);
    let award = &e.awards.places[2999];
    assert_eq!(award.amount_wan, Decimal::new(2, 1));
    assert_eq!(
        award.explain(),
        "第 1–3000 名并列 3000 个园区，(300 + 200 + 100 + 0 × 2997) ÷ 3000 = 0.2 万元"
    );
    // Every indicator: rank 1 of 3000, tied, full points (6 × (3000 − 1)/(3000 − 1) = 6).
    let og = e.at(0).unwrap().indicator("output_growth").unwrap();
    assert_eq!(og.rank, Some(1));
    assert_eq!(
        og.explain(),
        "名次 1/3000（并列）：6 × (3000−1)/(3000−1) = 6.00"
    );
    let note = e
        .notes
        .iter()
        .find(|n| n.message.contains("总分并列第 1 名"))
        .unwrap();
    assert!(
        note.message.starts_with(
            "园0000、园0001、园0002、园0003、园0004、园0005、园0006、园0007、园0008、园0009等 3000 个园区 总分并列第 1 名"
        ),
        "{}",
        note.message
    );
    assert!(note.message.chars().count() < 200, "{}", note.message);
    // The special proposals are tied across all 3,000 and say so in a bounded sentence.
    for s in &e.awards.special {
        if s.basis.is_some() {
            assert!(s.tie && s.candidates.len() == 3000, "{}", s.name);
            assert!(s.explain.contains("等 3000 个园区"), "{}", s.explain);
        }
    }
}
