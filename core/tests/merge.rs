//! The bureaus' files merged: the sample split into department files merges back to the
//! sample; conflicts, decisions, preferences, missing values by department, origins, years,
//! duplicate files and absent units.

use parkscore::import::merge::{merge, Choice, Choices, Field, Given, Merged, Part};
use parkscore::import::{self, ValidateOptions, Validated};
use parkscore::{evaluate, IndicatorId, MissingPolicy, Options, ParkName, Scheme, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

const SAMPLE: &str = include_str!("../data/sample-2020.csv");

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The sample's rows (header first), as cells.
fn sample_rows() -> Vec<Vec<String>> {
    SAMPLE
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// A CSV of the sample's 园区名称 column and the columns whose header starts with one of
/// `prefixes`, under a title naming the year 2020.
fn part_csv(prefixes: &[&str]) -> String {
    let rows = sample_rows();
    let keep: Vec<usize> = rows[0]
        .iter()
        .enumerate()
        .filter(|(i, h)| *i == 0 || prefixes.iter().any(|p| h.starts_with(p)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        keep.len(),
        prefixes.len() + 1,
        "every prefix picks one column"
    );
    let mut out = String::from("2020年度园区数据\n");
    for row in rows {
        let cells: Vec<&str> = keep.iter().map(|i| row[*i].as_str()).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// 市工信局's columns in this test: 总量, 效益, 招商, 基础设施, the recognitions.
const INDUSTRY: &[&str] = &[
    "新增工业总产值",
    "工业总产值增速",
    "上缴税金总额",
    "上缴税金增速",
    "就业人员增速",
    "建成区亩均工业总产值",
    "建成区亩均固定资产投资",
    "建成区亩均税收",
    "当年招商引资项目数量",
    "园区主导产业",
    "工业固定资产投资增速",
    "基础设施建设投资增速",
    "新增基础设施建设投资总额",
    "省级认定数",
    "国家级认定数",
];
/// 市科技局's.
const SCIENCE: &[&str] = &["园区内新增高新技术企业数", "园区内新增省级以上研发机构数"];
/// 市生态环境局's and 市应急管理局's, with the veto.
const GREEN: &[&str] = &[
    "园区规划环评执行情况",
    "入驻项目环评",
    "项目涉及重点污染物",
    "园区规划体系",
    "管理机构设置",
    "安全监管体系",
    "环境监测体系健全",
    "信息报送及时准确",
    "一票否决",
    "否决原因",
];

fn options(missing: MissingPolicy) -> ValidateOptions {
    ValidateOptions {
        allow_missing_units: false,
        allow_unlisted: false,
        missing: Some(missing),
    }
}

/// Reads and validates each `(name, text)` as a part, then merges them.
fn merged(files: &[(&str, String)], choices: &Choices, missing: MissingPolicy) -> Merged {
    merged_with(files, choices, &options(missing))
}

/// [`merged`] under any import options.
fn merged_with(files: &[(&str, String)], choices: &Choices, options: &ValidateOptions) -> Merged {
    let scheme = Scheme::chifeng_2020();
    let tables: Vec<_> = files
        .iter()
        .map(|(name, text)| import::read(text.as_bytes(), name, None, &scheme).unwrap())
        .collect();
    let validated: Vec<Validated> = tables
        .iter()
        .map(|t| import::validate_part(t, &scheme, options))
        .collect();
    let parts: Vec<Part<'_>> = files
        .iter()
        .zip(&tables)
        .zip(&validated)
        .map(|(((name, _), table), v)| Part {
            name,
            sheet: None,
            table,
            validated: v,
        })
        .collect();
    merge(&scheme, &parts, choices, options)
}

fn three() -> Vec<(&'static str, String)> {
    vec![
        ("工信局.csv", part_csv(INDUSTRY)),
        ("科技局.csv", part_csv(SCIENCE)),
        ("生态环境局.csv", part_csv(GREEN)),
    ]
}

fn errors(m: &Merged) -> Vec<String> {
    m.issues
        .iter()
        .filter(|i| i.is_error())
        .map(ToString::to_string)
        .collect()
}

fn id(s: &str) -> IndicatorId {
    IndicatorId::from(s)
}

#[test]
fn the_sample_split_in_three_merges_back_to_the_sample() {
    let scheme = Scheme::chifeng_2020();
    let m = merged(&three(), &Choices::default(), MissingPolicy::Error);
    assert!(errors(&m).is_empty(), "{:?}", errors(&m));
    assert!(m.conflicts.is_empty());
    assert!(m.missing.is_empty());
    assert_eq!(m.dataset.year, Some(2020));
    assert_eq!(
        m.dataset.source.as_deref(),
        Some("工信局.csv、科技局.csv、生态环境局.csv")
    );
    // The whole sample, read as one file the usual way.
    let table = import::read(SAMPLE.as_bytes(), "sample.csv", None, &scheme).unwrap();
    let whole = import::validate_with(&table, &scheme, &options(MissingPolicy::Error));
    assert!(!whole.has_errors());
    assert_eq!(m.dataset.parks.len(), 14);
    for (a, b) in m.dataset.parks.iter().zip(&whole.dataset.parks) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.values, b.values, "{}", a.name);
        assert_eq!(a.provincial_recognitions, b.provincial_recognitions);
        assert_eq!(a.national_recognitions, b.national_recognitions);
        assert_eq!(a.veto, b.veto);
    }
    // And it scores the same.
    let e1 = evaluate(&scheme, &m.dataset, &Options::default()).unwrap();
    let e2 = evaluate(&scheme, &whole.dataset, &Options::default()).unwrap();
    assert_eq!(e1.parks, e2.parks);
    // Origins: 红山园区 is the sample's second park, on row 4 of each part (title, header,
    // 东山园区 above it); 新增工业总产值 is column B of 工信局.csv, 园区内新增高新技术企业数 column
    // B of 科技局.csv.
    let origin = m
        .origin("红山园区", &Field::Indicator(id("new_output_value")))
        .unwrap();
    assert_eq!(origin.to_string(), "工信局.csv B4");
    let origin = m
        .origin(
            "红山园区",
            &Field::Indicator(id("new_hightech_enterprises")),
        )
        .map(|o| o.to_string());
    assert_eq!(origin.as_deref(), Some("科技局.csv B4"));
    // No park of the sample is vetoed: a veto has an origin only where a file says 是.
    assert_eq!(m.origin("东山园区", &Field::Veto), None);
    // 省级认定数 is column O of 工信局.csv (园区名称 + 13 indicators before it).
    let origin = m.origin("东山园区", &Field::Provincial).unwrap();
    assert_eq!(origin.to_string(), "工信局.csv O3");
    assert_eq!(
        m.files().collect::<Vec<_>>(),
        ["工信局.csv", "科技局.csv", "生态环境局.csv"]
    );
}

/// The three files, and a fourth from 市统计局 that gives 新增工业总产值 for two parks:
/// 东山园区 the same (38.60 = 38.6), 红山园区 differently (40 against 12.3).
fn with_statistics() -> Vec<(&'static str, String)> {
    let mut files = three();
    files.push((
        "统计局.csv",
        "园区名称,新增工业总产值（亿元）\n东山园区,38.60\n红山园区,40\n".to_owned(),
    ));
    files
}

#[test]
fn a_value_given_differently_is_a_conflict_until_decided() {
    let m = merged(
        &with_statistics(),
        &Choices::default(),
        MissingPolicy::Error,
    );
    assert_eq!(m.conflicts.len(), 1, "38.60 and 38.6 are the same value");
    let c = &m.conflicts[0];
    assert_eq!(c.park, ParkName::from("红山园区"));
    assert_eq!(c.field, Field::Indicator(id("new_output_value")));
    assert_eq!(c.offers.len(), 2);
    assert_eq!(c.offers[0].value, Given::Number(d("12.3")));
    assert_eq!(c.offers[1].value, Given::Number(d("40")));
    assert_eq!(c.chosen, None);
    let errs = errors(&m);
    assert_eq!(
        errs,
        [
            "错误：列「新增工业总产值」，园区「红山园区」：各文件的数值不一致：工信局.csv 为 12.3 亿元；统计局.csv 为 40 亿元（应为选定以哪个文件的数值为准：页面上在「数据与校验 → 合并情况」中选择，命令行用 --prefer 文件）"
        ],
        "{errs:?}"
    );

    // The user decides for 统计局.csv: recorded, noted, taken.
    let choices = Choices {
        cells: vec![Choice {
            park: ParkName::from("红山园区"),
            field: Field::Indicator(id("new_output_value")),
            file: "统计局.csv".to_owned(),
        }],
        prefer: Vec::new(),
    };
    let m = merged(&with_statistics(), &choices, MissingPolicy::Error);
    assert!(errors(&m).is_empty());
    assert_eq!(m.conflicts[0].chosen, Some(1));
    assert!(m.conflicts[0].decided);
    let park = m.dataset.park("红山园区").unwrap();
    assert_eq!(park.value(&id("new_output_value")), Some(d("40")));
    let origin = m
        .origin("红山园区", &Field::Indicator(id("new_output_value")))
        .unwrap();
    assert_eq!(origin.to_string(), "统计局.csv B3");
    assert!(m.issues.iter().any(|i| {
        i.severity == Severity::Info
        && i.message
            == "各文件的数值不一致（工信局.csv 为 12.3 亿元；统计局.csv 为 40 亿元），已选定 统计局.csv 的 40 亿元"
    }));
    // 东山园区's agreed value keeps its first source.
    let origin = m
        .origin("东山园区", &Field::Indicator(id("new_output_value")))
        .unwrap();
    assert_eq!(origin.to_string(), "工信局.csv B3");

    // An order of preference settles what no decision does.
    let prefer = Choices {
        cells: Vec::new(),
        prefer: vec!["工信局.csv".to_owned()],
    };
    let m = merged(&with_statistics(), &prefer, MissingPolicy::Error);
    assert!(errors(&m).is_empty());
    assert_eq!(m.conflicts[0].chosen, Some(0));
    assert!(!m.conflicts[0].decided);
    let park = m.dataset.park("红山园区").unwrap();
    assert_eq!(park.value(&id("new_output_value")), Some(d("12.3")));
    // A decision naming a file that gives no value for it settles nothing.
    let wrong = Choices {
        cells: vec![Choice {
            park: ParkName::from("红山园区"),
            field: Field::Indicator(id("new_output_value")),
            file: "科技局.csv".to_owned(),
        }],
        prefer: Vec::new(),
    };
    assert_eq!(
        errors(&merged(&with_statistics(), &wrong, MissingPolicy::Error)).len(),
        1
    );
}

#[test]
fn the_same_amount_in_another_unit_is_not_a_conflict() {
    let mut files = three();
    // 38.6 亿元 = 386000 万元.
    files.push((
        "统计局.csv",
        "园区名称,新增工业总产值（万元）\n东山园区,386000\n".to_owned(),
    ));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert!(m.conflicts.is_empty());
    assert!(errors(&m).is_empty(), "{:?}", errors(&m));
}

#[test]
fn a_department_that_has_not_sent_its_file_is_named() {
    let files = vec![
        ("工信局.csv", part_csv(INDUSTRY)),
        ("生态环境局.csv", part_csv(GREEN)),
    ];
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert_eq!(
        errors(&m),
        ["错误：市科技局 尚未提供：园区内新增高新技术企业数（14 个园区）；园区内新增省级以上研发机构数（14 个园区）（应为补齐这些数值（合并该部门的文件，或在数据表中填写）；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后））"]
    );
    assert_eq!(m.missing.len(), 2);
    assert_eq!(m.missing[0].departments, ["市科技局"]);
    assert_eq!(m.missing[0].parks, 14);
    assert_eq!(m.missing[0].named.len(), 10);
    // Under 缺失计 0 分 it is a warning, and scoring can go on.
    let m = merged(&files, &Choices::default(), MissingPolicy::Zero);
    assert!(errors(&m).is_empty());
    assert!(m.issues.iter().any(|i| i.severity == Severity::Warning
        && i.message
            .starts_with("市科技局 尚未提供：园区内新增高新技术企业数（14 个园区）")));
}

#[test]
fn a_park_one_file_leaves_out_is_missing_only_there() {
    let mut files = three();
    // 科技局 leaves out 安庆园区 (and the sample's last park stays).
    let science: String = part_csv(SCIENCE)
        .lines()
        .filter(|l| !l.starts_with("安庆园区"))
        .map(|l| format!("{l}\n"))
        .collect();
    files[1].1 = science;
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert_eq!(
        errors(&m),
        ["错误：列「园区内新增高新技术企业数」：市科技局 尚未提供：园区内新增高新技术企业数（1 个园区：安庆园区）；园区内新增省级以上研发机构数（1 个园区：安庆园区）（应为补齐这些数值（合并该部门的文件，或在数据表中填写）；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后））"
            .replace("列「园区内新增高新技术企业数」：", "")]
    );
}

#[test]
fn a_blank_cell_gives_nothing_and_a_bad_cell_is_not_called_missing() {
    let mut files = three();
    // 统计局 gives 东山园区's 新增工业总产值 as blank: no conflict, the 工信局 value stands.
    files.push((
        "统计局.csv",
        "园区名称,新增工业总产值（亿元）,工业总产值增速（%）\n东山园区,,abc\n".to_owned(),
    ));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert!(m.conflicts.is_empty());
    let park = m.dataset.park("东山园区").unwrap();
    assert_eq!(park.value(&id("new_output_value")), Some(d("38.6")));
    // The bad cell is an error of its own file, located there; nothing is missing.
    let errs = errors(&m);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("统计局.csv") && errs[0].contains("第 2 行"),
        "{errs:?}"
    );
    assert!(m.missing.is_empty());
}

#[test]
fn a_veto_from_any_department_stands_and_a_blank_count_gives_nothing() {
    let mut files = three();
    // 市应急管理局 reports a safety accident at 元宝山园区; 生态环境局.csv says 否 for it: the
    // departments report different events, so 是 from one is the veto (no conflict).
    files.push((
        "应急管理局.csv",
        "园区名称,一票否决,否决原因\n元宝山园区,是,重特大安全生产事故\n".to_owned(),
    ));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(errors(&m).is_empty(), "{:?}", errors(&m));
    let park = m.dataset.park("元宝山园区").unwrap();
    assert_eq!(
        park.veto.as_ref().and_then(|v| v.reason.as_deref()),
        Some("重特大安全生产事故")
    );
    assert_eq!(
        m.origin("元宝山园区", &Field::Veto)
            .map(|o| o.to_string())
            .as_deref(),
        Some("应急管理局.csv B2")
    );
    // Two departments' reasons are joined.
    files.push((
        "生态局补报.csv",
        "园区名称,一票否决,否决原因\n元宝山园区,是,环境污染事件\n".to_owned(),
    ));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    let park = m.dataset.park("元宝山园区").unwrap();
    assert_eq!(
        park.veto.as_ref().and_then(|v| v.reason.as_deref()),
        Some("重特大安全生产事故；环境污染事件")
    );
}

#[test]
fn a_blank_count_gives_nothing_a_written_one_conflicts() {
    // 工信局.csv has the sample's counts (东山园区 省级 1, 国家级 0). A second file leaves
    // 东山园区's 省级认定数 blank: no conflict; writing 0 contradicts the 1.
    let mut files = three();
    files.push((
        "统计局.csv",
        "园区名称,省级认定数,国家级认定数\n东山园区,,0\n".to_owned(),
    ));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        m.dataset.park("东山园区").unwrap().provincial_recognitions,
        1
    );
    files[3].1 = "园区名称,省级认定数,国家级认定数\n东山园区,0,0\n".to_owned();
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].field, Field::Provincial);
    assert_eq!(m.conflicts[0].offers[0].value, Given::Count(1));
    assert_eq!(m.conflicts[0].offers[1].value, Given::Count(0));
}

#[test]
fn years_that_disagree_duplicate_files_and_absent_units_are_errors() {
    let mut files = three();
    files[2].1 = files[2].1.replace("2020年度", "2021年度");
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert_eq!(
        errors(&m),
        ["错误：合并的文件年度不一致：工信局.csv 为 2020 年度；生态环境局.csv 为 2021 年度（应为同一年度的各部门文件）"]
    );

    let mut files = three();
    files.push(("科技局.csv", part_csv(SCIENCE)));
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    assert_eq!(
        errors(&m),
        ["错误：文件 科技局.csv：这个文件名已在合并的文件中，同名的第二个文件未合并（应为每个文件只合并一次；不同的文件请用不同的文件名）"]
    );

    // 红山绿色食品产业园区 in no file.
    let files: Vec<(&str, String)> = three()
        .into_iter()
        .map(|(n, t)| {
            let kept: String = t
                .lines()
                .filter(|l| !l.starts_with("红山绿色食品产业园区"))
                .map(|l| format!("{l}\n"))
                .collect();
            (n, kept)
        })
        .collect();
    let m = merged(&files, &Choices::default(), MissingPolicy::Error);
    let errs = errors(&m);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with(
        "错误：园区「红山绿色食品产业园区」：方案名单中的参评单位「红山绿色食品产业园区」不在任何一个合并的文件中"
    ));
}

/// The command line: `parkscore score a b c` merges; `--prefer` settles conflicts.
mod cli {
    use super::*;
    use std::path::PathBuf;
    use std::process::{Command, Output};

    fn run(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(args)
            .output()
            .expect("the binary runs")
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// Writes `files` into a scratch directory of this test; returns their paths.
    fn write(test: &str, files: &[(&str, String)]) -> Vec<String> {
        let dir =
            std::env::temp_dir().join(format!("parkscore-merge-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        files
            .iter()
            .map(|(name, body)| {
                let path: PathBuf = dir.join(name);
                std::fs::write(&path, body).unwrap();
                path.to_string_lossy().into_owned()
            })
            .collect()
    }

    #[test]
    fn three_department_files_score_like_the_whole_sample() {
        let paths = write("three", &three());
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-2020.csv");
        let whole = run(&["score", sample, "--format", "json"]);
        assert_eq!(whole.status.code(), Some(0), "{}", text(&whole.stderr));
        let mut args = vec!["score"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--format", "json"]);
        let merged = run(&args);
        assert_eq!(merged.status.code(), Some(0), "{}", text(&merged.stderr));
        assert_eq!(text(&merged.stdout), text(&whole.stdout));
    }

    #[test]
    fn a_conflict_exits_2_until_a_file_is_preferred() {
        let paths = write("conflict", &with_statistics());
        let mut args = vec!["score"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--format", "json"]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2));
        let err = text(&o.stderr);
        assert!(
            err.contains("园区「红山园区」：各文件的数值不一致：")
                && err.contains("工信局.csv 为 12.3 亿元；")
                && err.contains("统计局.csv 为 40 亿元"),
            "{err}"
        );
        assert!(err.contains("--prefer"), "{err}");

        let statistics = paths[3].clone();
        args.extend(["--prefer", &statistics]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(err.contains("按文件优先顺序取"), "{err}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let park = v["parks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "红山园区")
            .unwrap();
        let cell = &park["indicators"]["new_output_value"];
        assert_eq!(cell["value"], "40", "{cell}");
    }

    #[test]
    fn prefer_and_sheet_are_checked() {
        let paths = write("args", &three());
        let o = run(&["score", &paths[0], &paths[1], "--prefer", "其他.csv"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("--prefer「其他.csv」不是要合并的文件之一"));
        let o = run(&["score", &paths[0], &paths[1], "--sheet", "数据"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("--sheet 只用于一个数据文件"));
        let o = run(&["score", &paths[0], "--prefer", &paths[0]]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("--prefer 只用于合并多个数据文件"));
        // A file that cannot be read is named; nothing is merged.
        let o = run(&["score", &paths[0], "没有这个文件.csv"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("没有这个文件.csv"));
    }
}

#[test]
fn a_single_file_has_a_provenance_too() {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(SAMPLE.as_bytes(), "sample.csv", None, &scheme).unwrap();
    let v = import::validate_with(&table, &scheme, &options(MissingPolicy::Error));
    let p = parkscore::import::merge::Provenance::single("sample.csv", None, &v);
    // The sample: title row 1, header row 2, 东山园区 row 3, 红山园区 row 4; 新增工业总产值 is
    // column B, 一票否决 column AA (the 27th).
    let o = p
        .origin("红山园区", &Field::Indicator(id("new_output_value")))
        .unwrap();
    assert_eq!(o.to_string(), "sample.csv B4");
    assert_eq!(
        p.origin("东山园区", &Field::Veto).unwrap().to_string(),
        "sample.csv AA3"
    );
    assert_eq!(p.origin("不存在的园区", &Field::Veto), None);
    assert_eq!(p.files().collect::<Vec<_>>(), ["sample.csv"]);
    // It travels as JSON and reads back the same.
    let json = serde_json::to_string(&p).unwrap();
    let back: parkscore::import::merge::Provenance = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
}

#[test]
fn one_department_file_alone_lists_each_absent_column_once() {
    // 科技局.csv validated as a whole file (not a part), missing values being errors: the 21
    // other indicators' columns are absent — 21 errors, not 21 + 21 × 14 missing cells.
    let scheme = Scheme::chifeng_2020();
    let table = import::read(part_csv(SCIENCE).as_bytes(), "科技局.csv", None, &scheme).unwrap();
    let v = import::validate_with(&table, &scheme, &options(MissingPolicy::Error));
    let errors: Vec<&str> = v
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.message.as_str())
        .collect();
    assert_eq!(errors.len(), 21, "{errors:?}");
    assert!(
        errors.iter().all(|m| m.starts_with("缺少必需的列「")),
        "{errors:?}"
    );
    // A column that is there but has a blank cell is still reported cell by cell.
    let blank = part_csv(SCIENCE).replacen("红山园区,4,", "红山园区,,", 1);
    let table = import::read(blank.as_bytes(), "科技局.csv", None, &scheme).unwrap();
    let v = import::validate_with(&table, &scheme, &options(MissingPolicy::Error));
    assert_eq!(v.issues.iter().filter(|i| i.is_error()).count(), 22);
    assert!(v
        .issues
        .iter()
        .any(|i| i.message == "缺少数值" && i.location.park.as_deref() == Some("红山园区")));
}

#[test]
fn conflicts_are_listed_twenty_a_field_and_the_rest_counted() {
    // 25 parks, two files that differ on every one of them in 新增工业总产值.
    let one: String = (0..25).map(|i| format!("园区{i:02},{i}\n")).collect();
    let two: String = (0..25)
        .map(|i| format!("园区{i:02},{}\n", i + 100))
        .collect();
    let files = [
        ("a.csv", format!("园区名称,新增工业总产值（亿元）\n{one}")),
        ("b.csv", format!("园区名称,新增工业总产值（亿元）\n{two}")),
    ];
    let options = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        missing: Some(MissingPolicy::Zero),
    };
    let m = merged_with(&files, &Choices::default(), &options);
    assert_eq!(m.conflicts.len(), 25, "every conflict is kept for the page");
    let errors: Vec<&str> = m
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.message.as_str())
        .collect();
    // 20 one by one, then one that counts the other 5.
    assert_eq!(errors.len(), 21, "{errors:?}");
    assert_eq!(
        errors[20],
        "「新增工业总产值」另有 5 个园区的数值各文件不一致（逐个说明从略）"
    );
}
