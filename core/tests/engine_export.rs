//! The exports on evaluations built in Rust: JSON layout for ranked and vetoed parks, CSV
//! formula neutralising, the text table.

use parkscore::dataset::{Dataset, ParkRecord, Veto};
use parkscore::export::{
    csv::evaluation_csv,
    json::{evaluation_json, Prose},
    table::evaluation_table,
};
use parkscore::{evaluate, IndicatorId, Options, Scheme};
use rust_decimal::Decimal;

/// One direct indicator worth 10: the value is the score.
/// A one-indicator scheme (`x`, scored directly 0–10, in group `g`).
const ONE: &str = include_str!("data/one-indicator.toml");

fn park(name: &str, x: i64) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.values.insert(IndicatorId::from("x"), Decimal::from(x));
    p
}

fn sample() -> (Scheme, parkscore::Evaluation) {
    let scheme = Scheme::from_toml(ONE).unwrap();
    let mut vetoed = park("否决园", 10);
    vetoed.veto = Some(Veto {
        reason: Some("事故".to_owned()),
    });
    let data = Dataset {
        year: None,
        source: None,
        parks: vec![park("=HYPERLINK(\"x\")", 7), park("甲园", 9), vetoed],
    };
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    (scheme, e)
}

#[test]
fn json_lists_ranked_then_vetoed_parks() {
    let (scheme, e) = sample();
    let v = evaluation_json(&scheme, &e, Prose::Explained);
    assert_eq!(v["scheme"], "one");
    assert_eq!(v["method"], "rank_linear");
    let parks = v["parks"].as_array().unwrap();
    assert_eq!(parks.len(), 3);
    assert_eq!(parks[0]["name"], "甲园");
    assert_eq!(parks[0]["total"], "9.00");
    assert_eq!(parks[0]["groups"]["分组"], "9.00");
    assert_eq!(parks[0]["indicators"]["x"]["value"], "9");
    assert_eq!(parks[0]["indicators"]["x"]["score"], "9.00");
    assert_eq!(parks[0]["indicators"]["x"]["rank"], serde_json::Value::Null);
    assert_eq!(
        parks[0]["indicators"]["x"]["explain"],
        "直接评分 9（满分 10）= 9.00"
    );
    assert_eq!(parks[0]["award_wan"], "300");
    assert_eq!(parks[1]["rank"], 2);
    let vetoed = &parks[2];
    assert_eq!(vetoed["name"], "否决园");
    assert_eq!(vetoed["rank"], serde_json::Value::Null);
    assert_eq!(vetoed["vetoed"], true);
    assert_eq!(vetoed["veto_reason"], "事故");
    assert_eq!(vetoed["total"], serde_json::Value::Null);
    assert_eq!(vetoed["groups"]["分组"], serde_json::Value::Null);
    assert_eq!(v["awards"]["places"].as_array().unwrap().len(), 2);
}

#[test]
fn csv_neutralises_formulas_and_quotes() {
    let (scheme, e) = sample();
    let text = evaluation_csv(&scheme, &e);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "名次,园区,分组,附加分,总分,奖励(万元)");
    assert_eq!(lines[1], "1,甲园,9.00,0.00,9.00,300");
    // The name starts with '=': prefixed with ', and quoted because of its quotes.
    assert_eq!(lines[2], "2,\"'=HYPERLINK(\"\"x\"\")\",7.00,0.00,7.00,200");
    assert_eq!(lines[3], "不予评价（事故）,否决园,,,,");
    assert!(text.contains("说明,每项指标得分四舍五入保留 2 位小数"));
    assert!(!text.starts_with('\u{feff}'));
}

#[test]
fn table_shows_reading_ranking_and_vetoes() {
    let (scheme, e) = sample();
    let text = evaluation_table(&scheme, &e, true);
    // The header names the scheme with its fingerprint: 8 lowercase hex digits.
    let head = text.lines().next().unwrap();
    let fingerprint = scheme.fingerprint();
    assert_eq!(head, format!("单项（测试，方案 one，指纹 {fingerprint}）"));
    assert_eq!(fingerprint.len(), 8);
    assert!(fingerprint
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert!(text.contains("评分口径："));
    assert!(text.contains("否决园：事故"));
    assert!(text.contains("得分（9）= 9.00：直接评分 9（满分 10）= 9.00"));
}
