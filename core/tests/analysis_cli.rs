//! `parkscore readings` and `parkscore stability`: outputs, determinism, and bad arguments
//! ending with exit 2 and a Chinese message. The sample's figures are those of
//! `tests/analysis.rs`'s runs of the same core functions.

use std::path::Path;
mod cli;

use cli::{parkscore, stderr, stdout};

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("sample-2020.csv")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn readings_table_lists_the_eight_readings_and_the_summary() {
    let f = sample();
    let o = parkscore(&["readings", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[1] 排名线性折算、附加分不累加（默认）"));
    assert!(out.contains("[8] 极差折算、附加分累加"));
    // The sample's first two swap under ratio_to_top and min_max: 300 ↔ 200.
    assert!(out.contains(
        "在「与第一名比值折算」（附加分累加与否）下：第 1、2 名互换（红山园区、东山园区），奖励相应变化 100 万元"
    ));
    assert!(out.contains("第 3 名在全部 8 种口径下均为赤峰玉龙工业园区"));
    // 红山园区: 1st with 95.18 and 300 万元 under the default reading.
    let line = out.lines().find(|l| l.starts_with("红山园区")).unwrap();
    assert!(line.contains("1/95.18/300"), "{line}");
    assert!(line.ends_with("* 名次、奖励"), "{line}");
}

#[test]
fn readings_csv_and_json() {
    let f = sample();
    let o = parkscore(&["readings", &f, "--format", "csv", "--step", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1 + 14 * 8);
    assert!(out.starts_with("园区,口径,计分方法,附加分,默认口径,名次,总分,奖励（万元）"));
    assert!(out.contains("红山园区,rank_linear/highest,排名线性折算,不累加,是,1,95.18,300,是,是"));
    assert!(out.contains("rank_step(1)/cumulative,每降一名扣 1 分"));
    let o = parkscore(&["readings", &f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["readings"].as_array().unwrap().len(), 8);
    assert_eq!(v["parks"].as_array().unwrap().len(), 14);
    assert_eq!(v["parks"][0]["name"], "红山园区");
    assert!(v["summary_zh"].as_str().unwrap().contains("互换"));
}

#[test]
fn stability_is_deterministic_and_prints_its_parameters() {
    let f = sample();
    let a = parkscore(&["stability", &f]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let b = parkscore(&["stability", &f]);
    assert_eq!(stdout(&a), stdout(&b));
    let out = stdout(&a);
    assert!(out.contains("满分扰动幅度 s = 0.2，抽样次数 N = 10000，随机种子 = 2020172"));
    assert!(out.contains("红山园区 在 78.2 % 的抽样中排第 1"), "{out}");
    let c = parkscore(&[
        "stability",
        &f,
        "--seed",
        "7",
        "--samples",
        "500",
        "--spread",
        "0",
    ]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    let out = stdout(&c);
    assert!(out.contains("s = 0，抽样次数 N = 500，随机种子 = 7"));
    assert!(out.contains("红山园区 在 100.0 % 的抽样中排第 1"));
    assert!(out.contains("赤峰玉龙工业园区 在 100.0 % 的抽样中排第 3"));
}

#[test]
fn stability_json() {
    let f = sample();
    let o = parkscore(&["stability", &f, "--samples", "100", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["params"]["samples"], 100);
    assert_eq!(v["params"]["seed"], 2020172);
    assert_eq!(v["parks"].as_array().unwrap().len(), 14);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 13);
    let counts = v["parks"][0]["rank_counts"].as_array().unwrap();
    assert_eq!(counts.iter().map(|c| c.as_u64().unwrap()).sum::<u64>(), 100);
    assert!(v["summary_zh"].as_str().unwrap().contains("的抽样中排第 1"));
}

#[test]
fn bad_arguments_end_with_exit_2() {
    let f = sample();
    let cases: &[(&[&str], &str)] = &[
        (&["readings", &f, "--step", "0"], "--step「0」无效"),
        (&["readings", &f, "--step", "x"], "--step「x」无效"),
        (
            &["readings", &f, "--method", "min_max"],
            "readings 命令不接受选项 --method",
        ),
        (
            &["readings", &f, "--format", "xlsx"],
            "readings 的输出格式应为 table、json 或 csv",
        ),
        (
            &["readings", &f, "--samples", "5"],
            "readings 命令不接受选项 --samples",
        ),
        (&["readings"], "缺少数据文件（用法：parkscore readings"),
        (&["stability", &f, "--samples", "0"], "--samples「0」无效"),
        (&["stability", &f, "--samples", "-3"], "--samples「-3」无效"),
        (&["stability", &f, "--spread", "1"], "--spread「1」无效"),
        (&["stability", &f, "--spread", "NaN"], "--spread「NaN」无效"),
        (&["stability", &f, "--seed", "-1"], "--seed「-1」无效"),
        (
            &["stability", &f, "--format", "csv"],
            "stability 的输出格式应为 table 或 json",
        ),
        (
            &["stability", &f, "--detail"],
            "stability 命令不接受选项 --detail",
        ),
        (&["score", &f, "--seed", "1"], "score 命令不接受选项 --seed"),
        (&["stability", "/nonexistent/x.csv"], "文件不存在"),
    ];
    for (args, message) in cases {
        let o = parkscore(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_names_the_new_commands() {
    let o = parkscore(&["--help"]);
    let out = stdout(&o);
    assert!(out.contains("parkscore readings 文件"));
    assert!(out.contains("parkscore stability 文件"));
    assert!(out.contains("--samples N"));
}
