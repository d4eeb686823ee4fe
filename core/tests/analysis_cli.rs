//! `parkscore readings`, `parkscore stability` and `parkscore compare`: outputs (the
//! analyses' workbook read back too), determinism, and bad arguments ending with exit 2 and a
//! Chinese message. The sample's figures are those of `tests/analysis.rs`'s and
//! `tests/compare.rs`'s runs of the same core functions, worked out by hand there.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
mod cli;
mod years;

use cli::{parkscore, scratch, stderr, stdout};

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
    assert!(out.contains("[1] 按名次线性折算、附加分不累加（默认）"));
    assert!(out.contains("[8] 按极差折算、附加分累加"));
    // The sample's first two swap under ratio_to_top and min_max: 300 ↔ 200.
    assert!(out.contains(
        "在「按与第一名的比值折算」（附加分累加与否）下：第 1、2 名互换（红山园区、东山园区），奖励相应变化 100 万元"
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
    assert!(out.contains("红山园区,rank_linear/highest,按名次线性折算,不累加,是,1,95.18,300,是,是"));
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
            &["readings", &f, "--format", "pdf"],
            "readings 的输出格式应为 table、json、csv 或 xlsx",
        ),
        (
            &["readings", &f, "--format", "xlsx"],
            "--format xlsx 须用 -o 指定输出文件",
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
            "stability 的输出格式应为 table、json 或 xlsx",
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
    assert!(out.contains("parkscore compare 上年文件 本年文件"));
    assert!(out.contains("compare 的选项："));
}

/// The sample's 2019 (see `tests/years`) written to a scratch file.
fn last_year() -> String {
    let path = scratch("2019.csv");
    std::fs::write(&path, years::sample_2019()).unwrap();
    path.to_string_lossy().into_owned()
}

/// `compare 2019 2020` with the options the edited 2019 needs (a unit missing, an unlisted
/// park, a blank value), and `extra`.
fn compare(extra: &[&str]) -> std::process::Output {
    let (last, this) = (last_year(), sample());
    let mut args = vec![
        "compare",
        last.as_str(),
        this.as_str(),
        "--allow-missing-units",
        "--allow-unlisted",
        "--missing",
        "zero",
    ];
    args.extend_from_slice(extra);
    parkscore(&args)
}

/// Cell `(row, col)` of sheet `name` as text.
fn cells(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("an xlsx");
    let range = book.worksheet_range(name).expect("the sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn compare_table_says_who_moved() {
    let o = compare(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("年度对比：2019年 → 2020年\n"), "{out}");
    // 15 parks: 14 this year and 测试园区 only in 2019; 巴林右旗 new (12th in 2020, as in
    // tests/data/golden/sample-2020.json), 元宝山园区 vetoed in 2019:
    // 15 − 3 = 12 ranked in both years.
    let summary = out.lines().find(|l| l.contains("两年均参评：")).unwrap();
    assert!(summary.starts_with("12 个园区两年均参评："), "{summary}");
    assert!(summary.contains("新参评 1 个：巴林右旗工业园区；未参评 1 个：测试园区；2019年一票否决（不予排名）：元宝山园区；排序法得分是相对的，名次变化比分数变化更说明问题"), "{summary}");
    let line: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("东山园区") && l.contains("新增工业总产值"))
        .unwrap()
        .split_whitespace()
        .collect();
    // 30 → 38.6: +8.6, 8.6 ÷ 30 = 28.666… %.
    assert_eq!(
        line,
        [
            "东山园区",
            "新增工业总产值",
            "亿元",
            "30",
            "38.6",
            "+8.6",
            "+28.67",
            "%"
        ]
    );
    let line: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("巴林右旗工业园区") && l.contains("新参评"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        line[..6],
        ["巴林右旗工业园区", "新参评", "—", "12", "新参评", "—"]
    );
    // The import's notes about the 2019 file go to standard error.
    assert!(stderr(&o)
        .contains("园区名称「林西工业园区」按方案的参评单位名单视为「内蒙古林西工业园区」"));
}

#[test]
fn compare_json_csv_and_xlsx() {
    let o = compare(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["last_year"], 2019);
    assert_eq!(v["this_year"], 2020);
    assert_eq!(v["parks"].as_array().unwrap().len(), 15);
    let ds = v["parks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "东山园区")
        .unwrap();
    assert_eq!(ds["values"][0]["change"], "8.6");
    assert_eq!(ds["values"][0]["growth"]["percent"], "28.67");
    assert_eq!(ds["values"][3]["growth"]["undefined"], "last_zero");
    let gone = &v["parks"][14];
    assert_eq!(gone["name"], "测试园区");
    assert_eq!(gone["status"], "gone");
    assert_eq!(gone["movement"]["kind"], "gone");
    assert!(gone["sentence_zh"]
        .as_str()
        .unwrap()
        .starts_with("测试园区：未参评（2019年第 "));
    assert!(v["summary_zh"]
        .as_str()
        .unwrap()
        .ends_with("名次变化比分数变化更说明问题"));

    let out = scratch("compare.csv");
    let o = compare(&["--format", "csv", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("\u{feff}园区,状态,项目,单位,2019年,2020年,变化,增长率（%）,说明\n"));
    assert!(csv.contains("\n东山园区,两年均参评,新增工业总产值,亿元,30,38.6,8.6,28.67,\n"));
    assert!(
        csv.contains("\n阿鲁科尔沁旗工业园区,两年均参评,新增工业总产值,亿元,-4,-1.8,2.2,55.00,\n")
    );
    assert!(csv.contains("\n安庆园区,两年均参评,新增工业总产值,亿元,,3.2,,,上年数值缺失\n"));

    let out = scratch("compare.xlsx");
    let o = compare(&["--format", "xlsx", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = cells(&out, "年度对比");
    assert_eq!(rows[0][0], "赤峰市工业园区综合发展评价考核结果（2020年度）");
    let gone = rows.iter().find(|r| r[0] == "测试园区").unwrap();
    assert_eq!(gone[1], "未参评");
    assert_eq!(gone[4], "未参评");
}

#[test]
fn readings_and_stability_write_their_sheets() {
    let f = sample();
    let out = scratch("readings.xlsx");
    let o = parkscore(&[
        "readings",
        &f,
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["口径对比"]);
    let rows = cells(&out, "口径对比");
    let hs = rows.iter().find(|r| r[0] == "红山园区").unwrap();
    // 1st under the default reading (readings_table_lists_the_eight_readings_and_the_summary).
    assert_eq!(hs[1], "1");

    let out = scratch("stability.xlsx");
    let o = parkscore(&[
        "stability",
        &f,
        "--samples",
        "300",
        "--seed",
        "9",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = cells(&out, "稳定性分析");
    assert_eq!(
        rows[2][0],
        "满分扰动幅度 s = 0.2，抽样次数 N = 300，随机种子 = 9"
    );
    let hs = rows
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("红山园区"))
        .unwrap();
    assert_eq!(hs[0], "1");
}

#[test]
fn compare_refuses_bad_input_with_exit_2() {
    let f = sample();
    let last = last_year();
    let same_other_way = format!(
        "{}/data/../data/sample-2020.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &["compare", &f],
            "compare 需要两个数据文件，上年的在前、本年的在后（给了 1 个",
        ),
        (&["compare"], "compare 需要两个数据文件"),
        (&["compare", &last, &f, &f], "（给了 3 个"),
        (&["compare", &f, &f], "上年和本年给的是同一个文件「"),
        (
            &["compare", &f, &same_other_way],
            "上年和本年给的是同一个文件「",
        ),
        (
            &["compare", "/nonexistent/2019.csv", &f],
            "文件 /nonexistent/2019.csv：无法读取（文件不存在）",
        ),
        (
            &["compare", &last, &f, "--format", "pdf"],
            "compare 的输出格式应为 table、json、csv 或 xlsx",
        ),
        (
            &["compare", &last, &f, "--format", "xlsx"],
            "--format xlsx 须用 -o 指定输出文件",
        ),
        (
            &["compare", &last, &f, "--sheet", "x"],
            "compare 命令不接受选项 --sheet",
        ),
        (
            &["compare", &last, &f, "--prefer", &f],
            "compare 命令不接受选项 --prefer",
        ),
        (
            &["compare", &last, &f, "--samples", "5"],
            "compare 命令不接受选项 --samples",
        ),
        (
            &["compare", &last, &f, "--detail"],
            "compare 命令不接受选项 --detail",
        ),
        // The edited 2019 file misses a listed unit and names an unlisted park.
        (
            &["compare", &last, &f],
            "方案名单中的参评单位「巴林右旗工业园区」不在文件中",
        ),
    ];
    for (args, message) in cases {
        let o = parkscore(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
    // Both files' errors at once.
    let o = parkscore(&["compare", "/nonexistent/2019.csv", "/nonexistent/2020.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/2020.csv：无法读取（文件不存在）"));
}

#[test]
fn the_same_year_twice_is_a_warning() {
    let f = sample();
    let copy = scratch("copy-2020.csv");
    std::fs::copy(&f, &copy).unwrap();
    let o = parkscore(&["compare", &f, copy.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("警告：上年和本年的数据年度相同（均为 2020 年度）"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["issues"][0]["severity"], "warning");
    // Nothing moved: every park ranked both years, the same place.
    assert!(v["summary_zh"]
        .as_str()
        .unwrap()
        .starts_with("14 个园区两年均参评：0 个名次上升，0 个下降，14 个不变；排序法得分是相对的"));
}
