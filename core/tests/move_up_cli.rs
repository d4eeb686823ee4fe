//! `parkscore moveup` and `parkscore whatif`: outputs on the sample, and bad arguments ending
//! with exit 2 and a Chinese message. The figures are those worked out by hand in
//! `tests/move_up.rs`.

use std::path::{Path, PathBuf};
mod cli;

use cli::{parkscore, stderr, stdout};

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("sample-2020.csv")
        .to_string_lossy()
        .into_owned()
}

/// The sample with `东山园区` vetoed, written to a file of its own.
fn vetoed_sample(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parkscore-moveup-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(sample()).unwrap();
    // The sample's lines end in CRLF; 东山园区's ends `…,1,0,否,`.
    let text: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix("东山园区,") {
            Some(_) => line.replacen(",否,", ",是,重特大安全生产事故", 1),
            None => line.to_owned(),
        })
        .collect();
    let text = text.concat();
    assert!(text.contains(",是,重特大安全生产事故"));
    let path = dir.join("vetoed.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn moveup_lists_every_park_gap_to_the_one_above() {
    let f = sample();
    let o = parkscore(&["moveup", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // 95.18 − 94.80 = 0.38; 94.80 − 83.09 = 11.71.
    let line = out.lines().find(|l| l.contains("东山园区")).unwrap();
    assert!(line.ends_with("距第 1 名 红山园区 差 0.38 分"), "{line}");
    let line = out
        .lines()
        .find(|l| l.contains("赤峰玉龙工业园区"))
        .unwrap();
    assert!(line.ends_with("距第 2 名 东山园区 差 11.71 分"), "{line}");
    let line = out.lines().find(|l| l.contains("红山园区  ")).unwrap();
    assert!(line.ends_with('—'), "{line}");
    // Chifeng's wording: 园区 in the heading and the column titles.
    assert!(out.starts_with(
        "各园区与上一名次的差距（按四舍五入后的总分，即排名所用的总分）：\n\n名次  园区"
    ));

    let o = parkscore(&["moveup", &f, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 15);
    assert!(out.starts_with("名次,园区,总分,上一名次,上一名次的园区,差距（分）,并列\n"));
    assert!(out.contains("\n1,红山园区,95.18,,,,否\n2,东山园区,94.80,1,红山园区,0.38,否\n"));

    let o = parkscore(&["moveup", &f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["parks"].as_array().unwrap().len(), 14);
    assert_eq!(v["parks"][0]["gap"]["kind"], "first");
    assert_eq!(v["parks"][1]["gap"]["kind"], "behind");
    assert_eq!(v["parks"][1]["gap"]["points"], "0.38");
    assert_eq!(
        v["parks"][1]["sentence_zh"],
        "东山园区 第 2 名（94.80 分），距第 1 名 红山园区 差 0.38 分"
    );
}

#[test]
fn moveup_for_one_park_gives_its_targets_and_tornado() {
    let f = sample();
    let o = parkscore(&["moveup", &f, "--park", "东山园区"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("东山园区 第 2 名（94.80 分），距第 1 名 红山园区 差 0.38 分\n"));
    // 工业总产值增速 12.4 → 13.2 (宁城): 5.08 → 5.54, total 95.26, 1st.
    let line = out
        .lines()
        .find(|l| l.starts_with("工业总产值增速 "))
        .unwrap();
    let cells: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
    let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    assert_eq!(
        cells,
        [
            "工业总产值增速",
            "12.4 %",
            "第 3 名",
            "5.08",
            "13.2 %",
            "+0.8",
            "第 2 名",
            "+0.46",
            "95.26",
            "第 1 名"
        ]
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("新增工业总产值 "))
        .unwrap();
    assert!(line.ends_with("已是第 1 名"), "{line}");
    assert!(out.contains("单项敏感性（龙卷风图）：东山园区，正式名次第 2 名（94.80 分）"));
    assert!(out.contains("满分扰动幅度 s = 0.2"));

    // s = 0: every bar is the official rank.
    let o = parkscore(&["moveup", &f, "--park", "东山园区", "--spread", "0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("名次均不变（13 项指标）"), "{out}");
    let tornado = out.split("单项敏感性").nth(1).unwrap();
    assert!(!tornado.contains('–'), "{tornado}");

    // A short name, CSV with the tornado's columns, JSON with the sentences.
    let o = parkscore(&["moveup", &f, "--park", "林西工业园区", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 14);
    assert!(out.starts_with("园区,指标,指标代码,现值,单位,名次,并列,得分,需达到,变化,可升至名次,得分增加,新总分,新总名次,满分×0.8时名次,满分×1.2时名次,最好名次,最差名次\n内蒙古林西工业园区,新增工业总产值,"));
    let o = parkscore(&[
        "moveup",
        &f,
        "--park",
        "元宝山综合产业园区",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let chain = v["targets"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "chain_extension")
        .unwrap();
    assert_eq!(chain["target"]["kind"], "reach");
    assert_eq!(chain["target"]["value"], "6");
    assert_eq!(chain["target"]["points"], "0.77");
    assert_eq!(chain["target"]["overall_rank"], 6);
    assert!(chain["sentence_zh"]
        .as_str()
        .unwrap()
        .contains("达到 6 户（+1，与 赤峰玉龙工业园区 持平）可升至第 4 名"));
    assert_eq!(v["tornado"]["bars"].as_array().unwrap().len(), 13);
    assert!(v["tornado_summary_zh"]
        .as_str()
        .unwrap()
        .starts_with("元宝山综合产业园区（第 7 名）"));
}

#[test]
fn whatif_rescores_and_says_who_moved() {
    let f = sample();
    // By an alias of the indicator's name: 元宝山综合 to 6 → 7th → 6th, 敖汉 6th → 7th.
    let o = parkscore(&[
        "whatif",
        &f,
        "--park",
        "元宝山综合产业园区",
        "--set",
        "产业链延伸企业引入数=6",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("总分 57.91 → 58.68，名次 第 7 名 → 第 6 名\n"),
        "{out}"
    );
    assert!(out.contains("名次变化的其他园区：敖汉旗工业园区 第 6 → 7 名"));
    let line = out
        .lines()
        .find(|l| l.starts_with("敖汉旗工业园区"))
        .unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cells, ["敖汉旗工业园区", "6", "7", "58.05", "57.28"]);

    // Two changes, one with a unit to convert (386000 万元 = 38.6 亿元, unchanged), by id.
    let o = parkscore(&[
        "whatif",
        &f,
        "--park",
        "东山园区",
        "--set",
        "新增工业总产值（万元）=386000",
        "--set=fixed_investment_growth=20.3%",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.get("evaluation").is_none());
    assert_eq!(v["changes"][0]["before"], "38.6");
    assert_eq!(v["changes"][0]["after"], "38.6");
    assert_eq!(v["after"]["rank"], 1);
    assert_eq!(v["after"]["total"], "95.57");
    assert_eq!(v["moved"][0]["name"], "红山园区");
    assert_eq!(
        v["summary_zh"],
        "若 东山园区 的 新增工业总产值 由 38.6 亿元 改为 38.6 亿元，工业固定资产投资增速 由 18.2 % 改为 20.3 %：\
总分 94.80 → 95.57，第 2 名 → 第 1 名，奖励 200 → 300 万元；名次变化的其他园区：红山园区 第 1 → 2 名"
    );
}

#[test]
fn hostile_arguments_end_with_exit_2_in_chinese() {
    let f = sample();
    let vetoed = vetoed_sample("hostile");
    let vetoed = vetoed.to_string_lossy();
    let cases: &[(&[&str], &str)] = &[
        (
            &["moveup", &f, "--park", "东三园区"],
            "错误：园区「东三园区」：没有这个参评园区，是否为「东山园区」？",
        ),
        (
            &["whatif", &f, "--park", "甲园区", "--set", "new_output_value=1"],
            "没有这个参评园区（原文「甲园区」；应为参评园区之一：红山园区、东山园区",
        ),
        (
            &["moveup", &vetoed, "--park", "东山园区"],
            "园区「东山园区」一票否决，不参加排名",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "产值=3"],
            "错误：--set「产值=3」：方案中没有指标「产值」（应为指标代码或名称之一：new_output_value（新增工业总产值）、output_growth（工业总产值增速）",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "新增工业总产值=abc"],
            "错误：--set「新增工业总产值=abc」：「abc」不是数（应为数（单位：亿元），例如 新增工业总产值=40；写 — 表示缺失）",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "新增工业总产值"],
            "错误：--set「新增工业总产值」应写作 指标=值",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "new_output_value=5%"],
            "指标「新增工业总产值」的单位是「亿元」，不应写百分数",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "园区规划环评执行情况=5"],
            "错误：列「园区规划环评执行情况」，园区「东山园区」：改动后：直接评分 5 超出范围",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "新增工业总产值=—"],
            "改动后：缺少数值",
        ),
        (&["whatif", &f, "--park", "东山园区"], "错误：缺少 --set 指标=值"),
        (&["whatif", &f, "--set", "x=1"], "错误：缺少 --park 园区"),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "x=1", "--format", "csv"],
            "whatif 的输出格式应为 table 或 json",
        ),
        (
            &["whatif", &f, "--park", "东山园区", "--set", "x=1", "--spread", "0.1"],
            "whatif 命令不接受选项 --spread",
        ),
        (&["moveup", &f, "--spread", "0.3"], "--spread 只与 --park 一起用于 moveup"),
        (
            &["moveup", &f, "--park", "东山园区", "--spread", "1"],
            "--spread「1」无效",
        ),
        (&["moveup", &f, "--set", "a=1"], "moveup 命令不接受选项 --set（它只用于 whatif）"),
        (&["moveup", &f, "--samples", "5"], "moveup 命令不接受选项 --samples"),
        (&["moveup", &f, "--format", "xml"], "moveup 的输出格式应为 table、json、csv 或 xlsx"),
        (&["moveup", &f, "--format", "xlsx"], "--format xlsx 须用 -o 指定输出文件"),
        (&["moveup", &f, "--detail"], "moveup 命令不接受选项 --detail"),
        (&["moveup"], "缺少数据文件（用法：parkscore moveup"),
        (&["score", &f, "--park", "x"], "score 命令不接受选项 --park（它只用于 moveup 和 whatif）"),
        (&["readings", &f, "--set", "x=1"], "readings 命令不接受选项 --set"),
        (&["stability", &f, "--park", "x"], "stability 命令不接受选项 --park"),
        (&["scheme", "--park", "x"], "scheme 命令不接受选项 --park"),
    ];
    for (args, message) in cases {
        let o = parkscore(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_names_moveup_and_whatif() {
    let o = parkscore(&["--help"]);
    let out = stdout(&o);
    assert!(out.contains("parkscore moveup 文件"));
    assert!(out.contains("parkscore whatif 文件"));
    assert!(out.contains("--set 指标=值"));
    let o = parkscore(&["frobnicate"]);
    assert!(stderr(&o).contains("moveup、whatif"));
}

#[test]
fn moveup_writes_the_sheet_of_gaps_and_targets() {
    use calamine::{Reader, Xlsx};
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-2020.csv");
    let out = cli::scratch("提升空间.xlsx");
    let out_s = out.to_str().unwrap();
    let o = cli::parkscore(&["moveup", f, "--format", "xlsx", "-o", out_s]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["提升空间"]);
    let text: Vec<String> = book
        .worksheet_range("提升空间")
        .unwrap()
        .rows()
        .map(|r| {
            r.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    // Every one of the 14 parks' targets (13 排序法 indicators each) is listed: 182 rows, and
    // the 14 gap rows; 阿鲁科尔沁旗工业园区 (14th) among them.
    let target_rows = text
        .iter()
        .filter(|r| r.contains("|工业总产值增速|"))
        .count();
    assert_eq!(target_rows, 14, "{text:#?}");
    assert!(text
        .iter()
        .any(|r| r.starts_with("阿鲁科尔沁旗工业园区|14|")));
    // With --park, only that park's.
    let o = cli::parkscore(&[
        "moveup",
        f,
        "--park",
        "东山园区",
        "--format",
        "xlsx",
        "-o",
        out_s,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let rows = book.worksheet_range("提升空间").unwrap();
    let parks_with_targets: std::collections::BTreeSet<String> = rows
        .rows()
        .filter(|r| {
            r.get(1)
                .is_some_and(|c| matches!(c, calamine::Data::String(s) if s == "工业总产值增速"))
        })
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(
        parks_with_targets.into_iter().collect::<Vec<_>>(),
        ["东山园区"]
    );
}
