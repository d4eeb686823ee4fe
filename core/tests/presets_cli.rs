//! The presets of issue 13 through the command line: each preset's sample scored with
//! hand-checked totals for several units, its classes and its units not rated; `scheme list`,
//! `scheme check` (exit 0 with a summary and the fingerprint, exit 2 with every located error),
//! `scheme sample`, and the fingerprint on the outputs.
//!
//! Every expected total is worked out in the comment above it from the sample file and the
//! scheme's benchmarks: each indicator's score is full × x ÷ b rounded half up to 2 places
//! (0 for x ≤ 0), the total their sum.

mod cli;

use cli::{parkscore, scratch, stderr, stdout};
use parkscore::scheme::presets;
use std::path::{Path, PathBuf};

fn sample(id: &str) -> PathBuf {
    let preset = presets::preset(id).expect("a preset");
    let path = scratch(preset.sample_name);
    std::fs::write(&path, preset.sample).unwrap();
    path
}

fn json(id: &str, extra: &[&str]) -> serde_json::Value {
    let file = sample(id);
    let file = file.to_string_lossy();
    let mut args = vec!["score", &*file, "--scheme", id, "--format", "json"];
    args.extend_from_slice(extra);
    let o = parkscore(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

/// (rank, total, class) of `name` in the JSON's parks.
fn park(j: &serde_json::Value, name: &str) -> (serde_json::Value, String, String) {
    let p = j["parks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the JSON"));
    (
        p["rank"].clone(),
        p["total"].as_str().unwrap_or("null").to_owned(),
        p["class"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn huaian_sample_by_hand() {
    let j = json("huaian-2024", &[]);
    assert_eq!(j["scheme"], "huaian-2024");
    let fingerprint = presets::preset("huaian-2024")
        .unwrap()
        .scheme()
        .unwrap()
        .fingerprint();
    assert_eq!(j["scheme_fingerprint"], fingerprint.as_str());
    assert_eq!(j["classes"], serde_json::json!(["A", "B", "C", "D"]));
    // 22 firms ranked (24 less the 2 not rated): A ⌊22 × 20 %⌋ = ⌊4.4⌋ = 4 places, A+B
    // ⌊22 × 60 %⌋ = ⌊13.2⌋ = 13, A+B+C ⌊22 × 95 %⌋ = ⌊20.9⌋ = 20, D the last 2.
    //
    // 电子 (48, 1020, 9.6): 45 × 48 ÷ 30 = 72; 35 × 1020 ÷ 600 = 59.5; 20 × 9.6 ÷ 6 = 32;
    // total 163.50, above the benchmarks (no cap). Only 医药 is higher (78.45 + 54.83 + 42.67
    // = 175.95): rank 2, A.
    assert_eq!(
        park(&j, "淮安示例电子有限公司"),
        (2.into(), "163.50".into(), "A".into())
    );
    // 机械 at the benchmarks (30, 600, 6): 45 + 35 + 20 = 100.00; 7 firms above it: rank 8, B.
    assert_eq!(
        park(&j, "淮安示例机械有限公司"),
        (8.into(), "100.00".into(), "B".into())
    );
    // 纺织 (15, 450, 3): 45 × 15 ÷ 30 = 22.5; 35 × 450 ÷ 600 = 26.25; 20 × 3 ÷ 6 = 10;
    // total 58.75; rank 13 (the last B place).
    assert_eq!(
        park(&j, "淮安示例纺织有限公司"),
        (13.into(), "58.75".into(), "B".into())
    );
    // 食品 (12.4, 388, 2.5): 45 × 12.4 ÷ 30 = 18.6; 35 × 388 ÷ 600 = 22.6333… → 22.63;
    // 20 × 2.5 ÷ 6 = 8.3333… → 8.33; total 49.56; rank 15, C.
    assert_eq!(
        park(&j, "淮安示例食品有限公司"),
        (15.into(), "49.56".into(), "C".into())
    );
    // 包装 (0, 210, 0): 0; 35 × 210 ÷ 600 = 12.25; 0; total 12.25, the last: rank 22, D.
    assert_eq!(
        park(&j, "淮安示例包装有限公司"),
        (22.into(), "12.25".into(), "D".into())
    );
    // The two T firms are listed, not ranked, class T.
    for name in ["淮安示例水务有限公司", "淮安示例新材料有限公司"] {
        let p = j["parks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap();
        assert_eq!(p["rank"], serde_json::Value::Null);
        assert_eq!(p["not_rated"], true);
        assert_eq!(p["class"], "T");
        assert_eq!(p["total"], serde_json::Value::Null);
    }
    assert_eq!(j["parks"].as_array().unwrap().len(), 24);
    // Count the classes: 4 A, 9 B, 7 C, 2 D.
    let mut counts = std::collections::BTreeMap::new();
    for p in j["parks"].as_array().unwrap() {
        *counts
            .entry(p["class"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    let counts: Vec<(String, i32)> = counts.into_iter().collect();
    assert_eq!(
        counts,
        [("A", 4), ("B", 9), ("C", 7), ("D", 2), ("T", 2)].map(|(c, n)| (c.to_owned(), n))
    );
    // The reading states the benchmarks and the class rule.
    let reading = j["reading"].to_string();
    assert!(reading.contains("基准值：亩均税收 30、亩均销售收入 600、单位能耗税收 6"));
    assert!(reading.contains("向下取整"));
    assert!(reading.contains("同属较优等级"));
    assert!(reading.contains("本方案没有附加分"));
}

#[test]
fn huangyan_sample_by_hand() {
    let j = json("huangyan-2022", &["--detail"]);
    // 20 firms: A 4, A+B 12, A+B+C 19, D 1.
    //
    // 模具 at the 2022 benchmarks (24.097, 136.16, 2.694, 4929.81, 18.14, 3.02 %):
    // 30 + 20 + 20 + 10 + 10 + 10 = 100.00; 6 firms above: rank 7, B.
    assert_eq!(
        park(&j, "黄岩示例模具有限公司"),
        (7.into(), "100.00".into(), "B".into())
    );
    // 塑料 at about half of them: 30 × 12.05 ÷ 24.097 = 361.5 ÷ 24.097 = 15.0018… → 15.00;
    // 20 × 68.08 ÷ 136.16 = 10; 20 × 1.347 ÷ 2.694 = 10; 10 × 2464.9 ÷ 4929.81 = 4.99998…
    // → 5.00; 10 × 9.07 ÷ 18.14 = 5; 10 × 1.51 ÷ 3.02 = 5; total 50.00; rank 14, C.
    assert_eq!(
        park(&j, "黄岩示例塑料有限公司"),
        (14.into(), "50.00".into(), "C".into())
    );
    // 医药 (48.2, 272.3, 5.1, 9860, 36.3, 6.04): 1446 ÷ 24.097 = 60.0075… → 60.01;
    // 5446 ÷ 136.16 = 39.9970… → 40.00; 102 ÷ 2.694 = 37.8619… → 37.86;
    // 98600 ÷ 4929.81 = 20.0008… → 20.00; 363 ÷ 18.14 = 20.0110… → 20.01; 60.4 ÷ 3.02 = 20;
    // total 60.01 + 40.00 + 37.86 + 20.00 + 20.01 + 20.00 = 197.88: rank 1, A.
    assert_eq!(
        park(&j, "黄岩示例医药有限公司"),
        (1.into(), "197.88".into(), "A".into())
    );
    // 化工, a loss-making firm: five negative figures score 0; R&D 0.3 %: 10 × 0.3 ÷ 3.02
    // = 0.9933… → 0.99; total 0.99, the last: rank 20, D.
    assert_eq!(
        park(&j, "黄岩示例化工有限公司"),
        (20.into(), "0.99".into(), "D".into())
    );
    let hg = j["parks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "黄岩示例化工有限公司")
        .unwrap();
    assert_eq!(
        hg["indicators"]["mu_tax"]["explain"],
        "数值 −2.5，基准值 24.097：数值不大于 0，得 0 分 = 0.00"
    );
    assert_eq!(
        hg["indicators"]["rd_share"]["explain"],
        "数值 0.3，基准值 3.02：10 × 0.3 ÷ 3.02 = 0.99"
    );
}

#[test]
fn the_table_and_the_csv_name_the_scheme_with_its_fingerprint() {
    let file = sample("huaian-2024");
    let file = file.to_string_lossy();
    let fingerprint = presets::preset("huaian-2024")
        .unwrap()
        .scheme()
        .unwrap()
        .fingerprint();
    let o = parkscore(&["score", &file, "--scheme", "huaian-2024"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table
        .lines()
        .next()
        .unwrap()
        .ends_with(&format!("方案 huaian-2024，指纹 {fingerprint}）")));
    assert!(table.contains("等级"));
    assert!(table
        .contains("不参评（T 类，不评分、不排名）：淮安示例水务有限公司、淮安示例新材料有限公司"));
    // The scheme asks for no bonus or veto columns: no note about them.
    assert!(!stderr(&o).contains("省级认定数"), "{}", stderr(&o));
    let o = parkscore(&["score", &file, "--scheme", "huaian-2024", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.starts_with("名次,企业,亩均效益,附加分,总分,等级,奖励(万元)\r\n"));
    assert!(csv.contains("\r\n2,淮安示例电子有限公司,163.50,0.00,163.50,A,\r\n"));
    assert!(csv.contains("\r\n不参评,淮安示例水务有限公司,,,,T,\r\n"));
    assert!(csv.contains(&format!(
        "\r\n说明,评分方案：工业企业亩均效益综合评价（淮安式，示例方案）（指纹 {fingerprint}）\r\n"
    )));
}

#[test]
fn the_built_in_schemes_json_stays_as_it_was_and_a_changed_copy_says_its_fingerprint() {
    // The built-in scheme: no fingerprint field (the golden JSON is unchanged).
    let sample = scratch("示例数据-2020.csv");
    std::fs::write(&sample, parkscore::sample::sample_csv()).unwrap();
    let file = sample.to_string_lossy();
    let o = parkscore(&["score", &file, "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(j.get("scheme_fingerprint").is_none());
    assert!(j.get("classes").is_none());
    assert!(j["parks"][0].get("class").is_none());
    // The same scheme by id: the same.
    let o = parkscore(&[
        "score",
        &file,
        "--scheme",
        "chifeng-2020",
        "--format",
        "json",
    ]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap(),
        j
    );
    // A copy with one award changed: its own fingerprint.
    let text = parkscore::scheme::CHIFENG_2020_TOML.replacen(
        "places_wan = [300, 200, 100]",
        "places_wan = [300, 200, 50]",
        1,
    );
    let scheme_file = scratch("changed.toml");
    std::fs::write(&scheme_file, &text).unwrap();
    let o = parkscore(&[
        "score",
        &file,
        "--scheme",
        &scheme_file.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fp = parkscore::Scheme::from_toml(&text).unwrap().fingerprint();
    assert_eq!(j["scheme_fingerprint"], fp.as_str());
    assert_ne!(fp, parkscore::Scheme::chifeng_2020().fingerprint());
}

#[test]
fn scheme_list_check_and_sample() {
    let o = parkscore(&["scheme", "list"]);
    assert_eq!(o.status.code(), Some(0));
    let list = stdout(&o);
    for p in &presets::PRESETS {
        let fp = p.scheme().unwrap().fingerprint();
        let line = list.lines().find(|l| l.starts_with(p.id)).unwrap();
        assert!(line.contains(&fp) && line.contains(p.title_zh), "{line}");
    }
    // check: a valid file, one line.
    let good = scratch("good.toml");
    let huaian = presets::preset("huaian-2024").unwrap();
    std::fs::write(&good, huaian.toml).unwrap();
    let o = parkscore(&["scheme", "check", &good.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fp = huaian.scheme().unwrap().fingerprint();
    assert_eq!(
        stdout(&o),
        format!("方案有效：工业企业亩均效益综合评价（淮安式，示例方案）（huaian-2024，指纹 {fp}）：1 个分组、3 项指标、总分 100、等级 A/B/C/D（按比例）、不参评 2 个\n")
    );
    // check: three mistakes, each with its file and line (the group's weight no longer
    // matches its indicators; the declared total still matches the group's weight).
    let bad_text = huaian
        .toml
        .replacen("full = 45", "full = 46", 1)
        .replacen("benchmark = 600", "benchmark = -600", 1)
        .replacen("share = 5", "share = 6", 1);
    let bad = scratch("bad.toml");
    std::fs::write(&bad, &bad_text).unwrap();
    let o = parkscore(&["scheme", "check", &bad.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    let line_of = |needle: &str| bad_text.lines().position(|l| l == needle).unwrap() + 1;
    let shown = bad.display().to_string();
    assert!(
        err.contains(&format!(
            "错误：文件 {shown} 第 {} 行：指标 mu_sales 的基准值 benchmark 为 -600，应大于 0",
            line_of("benchmark = -600")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "错误：文件 {shown} 第 {} 行：分组 benefit 的权重为 100，但其各项指标分值之和为 101",
            line_of("weight = 100")
        )),
        "{err}"
    );
    assert!(err.contains("各等级 share 之和为 101"), "{err}");
    // A syntax error: the parser's line and column, in Chinese.
    std::fs::write(&bad, "id = \"x\"\nname = \n").unwrap();
    let o = parkscore(&["scheme", "check", &bad.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("方案文件格式错误：第 2 行第 8 列：= 后缺少值"),
        "{}",
        stderr(&o)
    );
    // score --scheme with a bad file: the same located errors, exit 2.
    std::fs::write(&bad, &bad_text).unwrap();
    let data = sample("huaian-2024");
    let o = parkscore(&[
        "score",
        &data.to_string_lossy(),
        "--scheme",
        &bad.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 3, "{}", stderr(&o));
    // An unknown id that is no file: the ids are listed.
    let o = parkscore(&["score", &data.to_string_lossy(), "--scheme", "wuxi-2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("chifeng-2020、huaian-2024、huangyan-2022"),
        "{}",
        stderr(&o)
    );
    // sample: the preset's bytes.
    let out = scratch("sample-out.csv");
    let o = parkscore(&[
        "scheme",
        "sample",
        "huangyan-2022",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        presets::preset("huangyan-2022").unwrap().sample
    );
    // `scheme --scheme ID` prints the preset's own text, comments included.
    let o = parkscore(&["scheme", "--scheme", "huangyan-2022"]);
    assert_eq!(stdout(&o), presets::preset("huangyan-2022").unwrap().toml);
    assert!(Path::new(&out).exists());
}

/// An enterprise scheme's analyses on the command line name its units 企业: `moveup`'s heading
/// and column titles (table and CSV), `readings`' CSV header, and nothing says 园区.
#[test]
fn an_enterprise_schemes_analyses_say_its_word() {
    let file = sample("huaian-2024");
    let file = file.to_string_lossy();
    let run = |args: &[&str]| {
        let mut all = vec![args[0], &*file, "--scheme", "huaian-2024"];
        all.extend_from_slice(&args[1..]);
        let o = parkscore(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains("园区"), "{out}");
        out
    };
    let table = run(&["moveup"]);
    assert!(
        table.starts_with(
            "各企业与上一名次的差距（按四舍五入后的总分，即排名所用的总分）：\n\n名次  企业"
        ),
        "{table}"
    );
    let csv = run(&["moveup", "--format", "csv"]);
    assert!(
        csv.starts_with("名次,企业,总分,上一名次,上一名次的企业,差距（分）,并列\n"),
        "{csv}"
    );
    let csv = run(&["readings", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "企业,口径,计分方法,附加分,默认口径,名次,总分,奖励（万元）,名次有变化,奖励有变化\n"
        ),
        "{csv}"
    );
    let table = run(&["readings"]);
    assert!(table.lines().any(|l| l.starts_with("企业  ")), "{table}");
}
