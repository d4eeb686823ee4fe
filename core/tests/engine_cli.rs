//! The `parkscore` binary: exit codes, every output format, and bad input ending with exit 2
//! and a located Chinese message — never a panic.
//!
//! Expected numbers come from the hand computation in `golden_chifeng.rs`.

use parkscore::export::template::{template_csv, template_xlsx, TemplateFor};
use std::path::{Path, PathBuf};
mod cli;

use cli::{parkscore, scratch, stderr, stdout};
use std::process::Output;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(name)
}

fn golden() -> String {
    data("golden-small.csv").to_string_lossy().into_owned()
}

/// `score` on the golden file as JSON (its parks are not the scheme's units), with `extra`
/// options; the exit must be 0.
fn golden_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "score",
        "--allow-unlisted",
        "--allow-missing-units",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let file = golden();
    args.insert(1, &file);
    let o = parkscore(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("内部错误"), "{err}");
}

#[test]
fn help_and_version_exit_0() {
    let o = parkscore(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("parkscore score 文件"));
    assert!(help.contains("退出码"));
    let o = parkscore(&["score", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let o = parkscore(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("parkscore "));
}

#[test]
fn scheme_prints_the_built_in_file() {
    let o = parkscore(&["scheme"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), parkscore::scheme::CHIFENG_2020_TOML);
}

#[test]
fn score_as_table() {
    let o = parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("评分口径"));
    assert!(out.contains("排序法指标按名次线性折算"));
    assert!(!out.contains("rank_linear"));
    let first = out
        .lines()
        .find(|l| l.starts_with("1 "))
        .expect("a first-place row");
    let cells: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "1",
            "甲园区",
            "24.00",
            "5.33",
            "13.33",
            "3.00",
            "4.00",
            "7.00",
            "7.00",
            "10.00",
            "73.66",
            "300"
        ]
    );
    assert!(out.contains("戊园区：重特大安全生产事故"));
    let detail = stdout(&parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
        "--detail",
    ]));
    assert!(detail.contains("名次 4/4：6 × (4−4)/(4−1) = 0.00"));
}

#[test]
fn score_as_json_in_the_documented_layout() {
    let v = golden_json(&[]);
    assert_eq!(v["scheme"], "chifeng-2020");
    assert_eq!(v["method"], "rank_linear");
    assert!(v["reading"].as_array().unwrap().len() >= 4);
    let parks = v["parks"].as_array().unwrap();
    assert_eq!(parks.len(), 5);
    let jia = &parks[0];
    assert_eq!(jia["name"], "甲园区");
    assert_eq!(jia["rank"], 1);
    assert_eq!(jia["vetoed"], false);
    assert_eq!(jia["total"], "73.66");
    assert_eq!(jia["base"], "63.66");
    assert_eq!(jia["bonus"], "10.00");
    assert_eq!(jia["groups"]["效益指标"], "5.33");
    let og = &jia["indicators"]["output_growth"];
    assert_eq!(og["value"], "-2.5");
    assert_eq!(og["score"], "0.00");
    assert_eq!(og["rank"], 4);
    // Facts only by default: no sentence per cell; the column's facts once at the top
    // (4 parks ranked: the 5th is vetoed).
    assert_eq!(og.get("explain"), None);
    assert_eq!(jia.get("bonus_explain"), None);
    assert_eq!(v["columns"]["output_growth"]["method"], "rank_linear");
    assert_eq!(v["columns"]["output_growth"]["n"], 4);
    assert_eq!(v["columns"]["output_growth"]["full"], "6");
    // --detail adds every explanation, rendered from those facts.
    let d = golden_json(&["--detail"]);
    assert_eq!(
        d["parks"][0]["indicators"]["output_growth"]["explain"],
        "名次 4/4：6 × (4−4)/(4−1) = 0.00"
    );
    assert_eq!(d.get("columns"), None);
    assert_eq!(
        jia["indicators"]["planning_eia"]["rank"],
        serde_json::Value::Null
    );
    // Every score is a string with exactly 2 decimals.
    for p in &parks[..4] {
        for (_, s) in p["groups"].as_object().unwrap() {
            let s = s.as_str().unwrap();
            assert_eq!(s.split('.').nth(1).map(str::len), Some(2), "{s}");
        }
    }
    let wu = &parks[4];
    assert_eq!(wu["name"], "戊园区");
    assert_eq!(wu["rank"], serde_json::Value::Null);
    assert_eq!(wu["vetoed"], true);
    assert_eq!(wu["total"], serde_json::Value::Null);
    assert_eq!(wu["veto_reason"], "重特大安全生产事故");
    assert_eq!(v["awards"]["places"][1]["park"], "丙园区");
    assert_eq!(v["awards"]["places"][1]["amount_wan"], "200");
}

#[test]
fn score_as_csv() {
    let o = parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.starts_with('\u{feff}'), "no BOM on standard output");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "名次,园区,总量指标,效益指标,招商引资,基础设施建设,科技创新,绿色发展,管理水平,附加分,总分,奖励(万元)"
    );
    assert_eq!(
        lines[1],
        "1,甲园区,24.00,5.33,13.33,3.00,4.00,7.00,7.00,10.00,73.66,300"
    );
    assert_eq!(
        lines[4],
        "4,丁园区,16.00,5.33,10.00,4.00,3.00,7.00,6.50,0.00,51.83,"
    );
    assert!(lines[5].starts_with("不予评价（重特大安全生产事故）,戊园区"));
    assert!(out.contains("说明,"));

    // Written to a file, the CSV gets a BOM for Excel.
    let path = scratch("out.csv");
    let o = parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
        "--format",
        "csv",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}名次".as_bytes()));
}

#[test]
fn method_bonus_and_missing_options() {
    let v = golden_json(&["--method", "ratio_to_top"]);
    assert_eq!(v["method"], "ratio_to_top");
    // 乙 8 of top 10 → 6 × 8/10 = 4.80 (see golden_chifeng.rs).
    let yi = v["parks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "乙园区")
        .unwrap();
    assert_eq!(yi["indicators"]["new_output_value"]["score"], "4.80");

    let v = golden_json(&["--bonus", "cumulative"]);
    assert_eq!(v["parks"][0]["total"], "83.66");

    let v = golden_json(&["--method", "rank_step", "--step", "0.5"]);
    assert_eq!(v["method"], "rank_step");
}

#[test]
fn missing_values_exit_2_unless_a_policy_is_chosen() {
    let file = data("golden-missing.csv");
    let file = file.to_str().unwrap();
    let o = parkscore(&["score", file, "--allow-unlisted", "--allow-missing-units"]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
    let err = stderr(&o);
    assert!(
        err.contains("第 3 行，列「工业总产值增速」，园区「乙园区」：缺少数值"),
        "{err}"
    );
    assert!(err.contains("第 2 行，列「园区规划体系」，园区「甲园区」：缺少数值"));
    assert!(o.stdout.is_empty());

    // Zero: 乙's missing growth scores 0; present values 12 > 7 > −2.5 rank 1, 2, 3 of N = 4:
    // 甲 −2.5 → 6 × 1/3 = 2, so 甲's 总量指标 is 6 + 2 + 6 + 6 + 6 = 26; its missing
    // 园区规划体系 (3 points) scores 0, so 管理水平 is 4; total 26 + 5.33 + 13.33 + 3 + 4 + 7
    // + 4 + 10 = 72.66.
    let o = parkscore(&[
        "score",
        file,
        "--missing",
        "zero",
        "--format",
        "csv",
        "--allow-unlisted",
        "--allow-missing-units",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("1,甲园区,26.00,5.33,13.33,3.00,4.00,7.00,4.00,10.00,72.66,300"),
        "{out}"
    );
    assert!(out.contains("缺失计 0 分"));
}

#[test]
fn bad_cells_exit_2_with_located_messages() {
    let file = data("golden-bad.csv");
    let o = parkscore(&["score", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
    let err = stderr(&o);
    assert!(err.contains("第 4 行"), "{err}");
    assert!(err.contains("园区「丙园区」"), "{err}");
    assert!(err.contains("上缴税金总额"), "{err}");
    assert!(err.contains("0.4亿"), "{err}");
    assert!(err.contains("第 5 行"), "{err}");
    assert!(err.contains("园区「丁园区」"), "{err}");
    assert!(err.contains("园区规划环评执行情况"), "{err}");
}

#[test]
fn unreadable_and_garbage_files_exit_2() {
    let o = parkscore(&["score", "/nonexistent/数据.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件不存在"), "{}", stderr(&o));

    let garbage = scratch("garbage.xlsx");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 255, 0, 1, 2, 3]).unwrap();
    let o = parkscore(&["score", garbage.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
    assert!(!stderr(&o).is_empty());

    let empty = scratch("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let o = parkscore(&["score", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["score"],
        vec!["score", "a.csv", "b.csv"],
        vec!["score", "a.csv", "--format", "pdf"],
        vec!["score", "a.csv", "--method", "direct"],
        vec!["score", "a.csv", "--method", "rank_step"],
        vec!["score", "a.csv", "--step", "0.5"],
        vec!["score", "a.csv", "--bonus", "twice"],
        vec!["score", "a.csv", "--missing", "ignore"],
        vec!["score", "a.csv", "--format"],
        vec!["score", "a.csv", "--colour"],
        vec!["template"],
        vec!["template", "--format", "pdf", "-o", "x"],
    ] {
        let o = parkscore(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_no_panic(&o);
        assert!(stderr(&o).contains("错误"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn an_invalid_scheme_file_exits_2() {
    let path = scratch("bad-scheme.toml");
    let text = parkscore::scheme::CHIFENG_2020_TOML.replacen("weight = 30", "weight = 31", 1);
    std::fs::write(&path, text).unwrap();
    let o = parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
        "--scheme",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("分组 total 的权重为 31，但其各项指标分值之和为 30"),
        "{err}"
    );
    // A valid copy of the built-in scheme scores the same.
    std::fs::write(&path, parkscore::scheme::CHIFENG_2020_TOML).unwrap();
    let o = parkscore(&[
        "score",
        &golden(),
        "--allow-unlisted",
        "--allow-missing-units",
        "--scheme",
        path.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("1,甲园区,24.00"));
}

#[test]
fn the_built_in_sample_scores_in_every_format() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-2020.csv");
    let sample = sample.to_str().unwrap();
    for format in ["table", "json", "csv"] {
        let o = parkscore(&["score", sample, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(!o.stdout.is_empty());
        assert_no_panic(&o);
    }
    let o = parkscore(&["score", sample, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ranked = v["parks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["vetoed"] == false)
        .count();
    assert!(ranked >= 2, "the sample ranks its parks");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    // 20 MB + 1 byte: refused with both sizes in the message.
    let big = scratch("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(20 * 1024 * 1024 + 1).unwrap();
    let o = parkscore(&["score", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("大小超过上限 20 MB（实际 20971521 字节）"),
        "{err}"
    );
    let _ = std::fs::remove_file(&big);
}

#[test]
fn template_writes_what_the_core_makes() {
    let scheme = parkscore::Scheme::chifeng_2020();
    let csv_path = scratch("template.csv");
    let o = parkscore(&[
        "template",
        "--format",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    assert_no_panic(&o);
    let expected = template_csv(&scheme, TemplateFor::All).unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&csv_path).unwrap(), expected);
    let xlsx_path = scratch("template.xlsx");
    let o = parkscore(&["template", "-o", xlsx_path.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The template's creation date is fixed, so the bytes are reproducible.
    let expected = template_xlsx(&scheme, TemplateFor::All).unwrap();
    assert_eq!(std::fs::read(&xlsx_path).unwrap(), expected);
}

#[test]
fn template_for_a_department() {
    let scheme = parkscore::Scheme::chifeng_2020();
    let tech = TemplateFor::Department("市科技局");
    let csv_path = scratch("科技局.csv");
    let o = parkscore(&[
        "template",
        "--department",
        "市科技局",
        "--format",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(&csv_path).unwrap();
    assert_eq!(written, template_csv(&scheme, tech).unwrap());
    let text = String::from_utf8(written).unwrap();
    assert!(
        text.contains(
            "\r\n园区名称,园区内新增高新技术企业数（户）,园区内新增省级以上研发机构数（户）\r\n"
        ),
        "{text}"
    );
    // xlsx by default; `--department=…` works too.
    let xlsx_path = scratch("应急.xlsx");
    let o = parkscore(&[
        "template",
        "--department=市应急管理局",
        "-o",
        xlsx_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = template_xlsx(&scheme, TemplateFor::Department("市应急管理局")).unwrap();
    assert_eq!(std::fs::read(&xlsx_path).unwrap(), expected);
}

#[test]
fn an_unknown_department_exits_2_and_lists_the_departments() {
    let path = scratch("教育局.xlsx");
    let _ = std::fs::remove_file(&path);
    let o = parkscore(&[
        "template",
        "--department",
        "市教育局",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：评分方案中没有负责单位「市教育局」；可以生成模板的负责单位：市工信局、市统计局、市自然资源局、市区域经济合作局、市科技局、市生态环境局、市应急管理局\n"
    );
    assert!(!path.exists(), "nothing is written");
    // The option is the template's only.
    for args in [
        vec!["score", "a.csv", "--department", "市科技局"],
        vec!["scheme", "--department", "市科技局"],
        vec!["template", "-o", "x.xlsx", "--department"],
        vec!["template", "--department=", "-o", "x.xlsx"],
    ] {
        let o = parkscore(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_no_panic(&o);
        assert!(
            stderr(&o).contains("--department"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn help_lists_the_built_in_departments() {
    let o = parkscore(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(
        help.contains("parkscore template [--department 单位]"),
        "{help}"
    );
    for department in parkscore::Scheme::chifeng_2020().departments() {
        assert!(help.contains(department), "{department}");
    }
}

#[test]
fn sheet_option_picks_a_worksheet_and_names_the_missing_one() {
    let file = format!(
        "{}/tests/data/import/two-sheets.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = parkscore(&["score", &file, "--sheet", "不存在"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("现有工作表：说明、数据"),
        "{}",
        stderr(&o)
    );
    let o = parkscore(&["score", &file, "--sheet", "说明"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("工作表 说明"), "{}", stderr(&o));
    let o = parkscore(&["template", "--sheet", "x", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2), "template takes no --sheet");
}
