//! Import over files that no project code wrote: workbooks and text files made by LibreOffice
//! Calc (headless) and iconv from CSV/HTML/FODS sources, as `tests/data/import/README.md`
//! says. Every format and encoding of the sample must give the very dataset the UTF-8 CSV gives.

use parkscore::import::{read, validate, Format, RawTable, Validated};
use parkscore::{Dataset, IndicatorId, Scheme, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

mod common;
use common::{d, fixture, id};

fn load(name: &str, sheet: Option<&str>) -> (RawTable, Validated) {
    let table = read(&fixture(name), name, sheet, &Scheme::chifeng_2020())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let validated = validate(&table, &Scheme::chifeng_2020());
    (table, validated)
}

fn sample() -> Dataset {
    let table = read(
        parkscore::sample::sample_csv(),
        "sample.csv",
        None,
        &Scheme::chifeng_2020(),
    )
    .unwrap();
    validate(&table, &Scheme::chifeng_2020()).dataset
}

/// A park's name, values, recognitions and veto flag: what scoring sees, without the row.
type ParkContent = (String, Vec<(IndicatorId, Decimal)>, u32, u32, bool);

/// The parks' names and values, without where they came from.
fn content(d: &Dataset) -> Vec<ParkContent> {
    d.parks
        .iter()
        .map(|p| {
            (
                p.name.0.clone(),
                p.values.clone().into_iter().collect(),
                p.provincial_recognitions,
                p.national_recognitions,
                p.veto.is_some(),
            )
        })
        .collect()
}

#[test]
fn every_format_and_encoding_of_the_sample_gives_the_same_dataset() {
    let expected = content(&sample());
    assert_eq!(expected.len(), 14);
    for (name, format, encoding) in [
        ("sample-2020.xlsx", Format::Xlsx, None),
        ("sample-2020.xls", Format::Xls, None),
        ("sample-2020-gbk.csv", Format::Csv, Some("GBK")),
        ("sample-2020-utf16le.txt", Format::Csv, Some("UTF-16LE")),
        ("sample-2020-utf16be.txt", Format::Csv, Some("UTF-16BE")),
        ("sample-2020-bom-semicolon.csv", Format::Csv, Some("UTF-8")),
    ] {
        let (table, v) = load(name, None);
        assert_eq!(table.format, format, "{name}");
        if let Some(enc) = encoding {
            let got = table.encoding.clone().unwrap_or_default();
            assert!(
                got.starts_with(enc) || (enc == "GBK" && got == "GB18030"),
                "{name}: {got}"
            );
        }
        assert!(!v.has_errors(), "{name}: {:?}", v.issues);
        assert_eq!(content(&v.dataset), expected, "{name}");
        // The title line is row 1, the header row 2, the first park row 3, as Excel shows it.
        assert_eq!(v.dataset.parks[0].source_row, Some(3), "{name}");
    }
}

#[test]
fn the_gbk_fixture_really_is_gbk() {
    let bytes = fixture("sample-2020-gbk.csv");
    assert!(std::str::from_utf8(&bytes).is_err());
    // "园区名称" in GBK: D4 B0 C7 F8 C3 FB B3 C6.
    assert!(bytes
        .windows(8)
        .any(|w| w == [0xD4, 0xB0, 0xC7, 0xF8, 0xC3, 0xFB, 0xB3, 0xC6]));
}

#[test]
fn percentage_formatted_cells_read_as_percent_numbers() {
    // Source percent.csv: 东山园区 12.5%, -3.2%, 0.50%; 红山园区 12.3%, 15%, -1.25%. Calc stores
    // 0.125 with a percent format; the import must read 12.5 for a % indicator.
    let (table, v) = load("percent.xlsx", None);
    let cells = &table.rows[1].cells;
    assert_eq!(&cells[2], "12.5%", "{cells:?}");
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.value(&id("output_growth")), Some(d("12.5")));
    assert_eq!(dong.value(&id("tax_growth")), Some(d("-3.2")));
    assert_eq!(dong.value(&id("employment_growth")), Some(d("0.5")));
    assert_eq!(dong.value(&id("new_output_value")), Some(d("38.6")));
    let hong = v.dataset.park("红山园区").unwrap();
    assert_eq!(hong.value(&id("output_growth")), Some(d("12.3")));
    assert_eq!(hong.value(&id("tax_growth")), Some(d("15")));
    assert_eq!(hong.value(&id("employment_growth")), Some(d("-1.25")));
}

#[test]
fn merged_title_rows_are_skipped_and_the_total_row_ignored() {
    let (_, v) = load("title-merged.xlsx", None);
    // Rows 1–2 are titles, row 3 the header; 合计 (row 6) is ignored with a note.
    assert_eq!(v.header_row, Some(2));
    let names: Vec<&str> = v.dataset.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["东山园区", "红山园区"]);
    let hong = v.dataset.park("红山园区").unwrap();
    assert_eq!(hong.value(&id("output_growth")), Some(d("-4.6")));
    assert!(hong.veto.is_some(), "√ means yes");
    let total = v
        .issues
        .iter()
        .find(|i| i.message.contains("合计"))
        .unwrap();
    assert_eq!(total.severity, Severity::Info);
    assert_eq!(total.location.row, Some(6));
    // 备用 is unknown and listed; 序号 is recognised and ignored.
    assert!(v
        .issues
        .iter()
        .any(|i| i.location.column.as_deref() == Some("备用")));
}

#[test]
fn the_first_sheet_with_a_header_is_used_and_another_can_be_chosen() {
    for name in ["two-sheets.xlsx", "two-sheets.xls"] {
        let (table, v) = load(name, None);
        assert_eq!(table.sheets, ["说明", "数据"], "{name}");
        assert_eq!(table.sheet.as_deref(), Some("数据"), "{name}");
        let dong = v.dataset.park("东山园区").unwrap();
        assert_eq!(
            dong.value(&id("new_output_value")),
            Some(d("12.3")),
            "{name}"
        );
        let (chosen, _) = load(name, Some("说明"));
        assert_eq!(chosen.sheet.as_deref(), Some("说明"), "{name}");
        let missing = read(
            &fixture(name),
            name,
            Some("不存在"),
            &Scheme::chifeng_2020(),
        )
        .unwrap_err();
        assert!(missing.message.contains("不存在"), "{missing}");
    }
}

#[test]
fn percentages_read_from_cell_formats_in_xlsx_and_xls() {
    // The FODS source stores 0.125 and −0.046 styled as percentages (shown 12.5%, −4.6%).
    // .xls too: the patched calamine reads the XF → FORMAT records (vendor/calamine).
    for name in ["two-sheets.xlsx", "two-sheets.xls"] {
        let (_, v) = load(name, None);
        let dong = v.dataset.park("东山园区").unwrap();
        assert_eq!(dong.value(&id("output_growth")), Some(d("12.5")), "{name}");
        let hong = v.dataset.park("红山园区").unwrap();
        assert_eq!(hong.value(&id("output_growth")), Some(d("-4.6")), "{name}");
        assert!(
            !v.issues.iter().any(|i| i.severity == Severity::Warning),
            "{name}: {:?}",
            v.issues
        );
    }
}

#[test]
fn indicators_are_derived_from_raw_figures() {
    let (_, v) = load("raw-figures.xlsx", None);
    let jia = v.dataset.park("甲园区").unwrap();
    // By hand, 甲园区: 工业总产值 45.1 → 52.3 亿元; 上缴税金 20,000 → 25,000 万元 = 2.5 亿元;
    // 就业 8000 → 8400; 建成区 3000 亩; 工业固定资产投资 10 → 12 亿元; 基础设施 2 → 2.5 亿元.
    let want = [
        ("new_output_value", "7.2"),       // 52.3 − 45.1
        ("tax_total", "2.5"),              // 25000 ÷ 10000
        ("tax_growth", "25"),              // (25000 − 20000) ÷ 20000 × 100
        ("employment_growth", "5"),        // (8400 − 8000) ÷ 8000 × 100
        ("investment_per_mu", "40"),       // 12 × 10000 ÷ 3000
        ("fixed_investment_growth", "20"), // (12 − 10) ÷ 10 × 100
        ("infra_investment_growth", "25"), // (2.5 − 2) ÷ 2 × 100
        ("new_infra_investment", "0.5"),   // 2.5 − 2
    ];
    for (ind, value) in want {
        assert_eq!(
            jia.value(&id(ind)).map(|v| v.normalize()),
            Some(d(value)),
            "{ind}"
        );
    }
    // 7.2 ÷ 45.1 × 100 = 15.96452328…; 52.3 × 10000 ÷ 3000 = 174.333…; 2.5 × 10000 ÷ 3000 = 8.333…
    let growth = jia.value(&id("output_growth")).unwrap();
    assert_eq!(growth.round_dp(6), d("15.964523"));
    assert_eq!(
        jia.value(&id("output_per_mu")).unwrap().round_dp(3),
        d("174.333")
    );
    assert_eq!(
        jia.value(&id("tax_per_mu")).unwrap().round_dp(3),
        d("8.333")
    );
    // 乙园区 paid no tax last year: its tax growth is undefined, an error on that cell.
    let err = v
        .issues
        .iter()
        .find(|i| i.is_error() && i.location.park.as_deref() == Some("乙园区"))
        .expect("an error for 乙园区");
    assert!(err.message.contains("上缴税金增速"), "{err}");
    assert_eq!(err.location.row, Some(4));
    // The conversion from 万元 and each derivation are announced.
    assert!(v
        .issues
        .iter()
        .any(|i| i.severity == Severity::Info && i.message.contains("÷ 10000")));
    // 丙园区 is vetoed, with its reason.
    let bing = v.dataset.park("丙园区").unwrap();
    assert_eq!(
        bing.veto.as_ref().unwrap().reason.as_deref(),
        Some("环境污染事件")
    );
}

#[test]
fn broken_and_protected_workbooks_are_refused_with_a_reason() {
    let truncated = read(
        &fixture("truncated.xlsx"),
        "truncated.xlsx",
        None,
        &Scheme::chifeng_2020(),
    )
    .unwrap_err();
    assert!(truncated.is_error());
    assert!(truncated.message.contains("损坏"), "{truncated}");
    assert_eq!(truncated.location.file.as_deref(), Some("truncated.xlsx"));
    let locked = read(
        &fixture("encrypted-xlsx-shell.xlsx"),
        "加密.xlsx",
        None,
        &Scheme::chifeng_2020(),
    )
    .unwrap_err();
    assert!(locked.message.contains("密码"), "{locked}");
}

#[test]
fn more_than_100000_rows_are_refused() {
    let mut text = String::from("园区名称,新增工业总产值\n");
    // The limit leaves 50 rows for titles and notes above and below the data.
    for i in 0..parkscore::import::MAX_ROWS + 60 {
        text.push_str(&format!("园区{i},1\n"));
    }
    let issue = read(text.as_bytes(), "大.csv", None, &Scheme::chifeng_2020()).unwrap_err();
    assert!(issue.message.contains("100000 行"), "{issue}");
    assert!(issue.message.contains("未读取"), "{issue}");
    assert_eq!(issue.location.file.as_deref(), Some("大.csv"));
}

/// The sample as the app's session or another tool would write it in JSON: the header row's
/// names as keys (objects form) or as `columns` (columns/rows form); numbers as JSON numbers.
fn sample_json() -> (String, String) {
    let table = read(
        parkscore::sample::sample_csv(),
        "sample.csv",
        None,
        &Scheme::chifeng_2020(),
    )
    .unwrap();
    let header = &table.rows[1].cells;
    let body: Vec<&parkscore::import::Cells> = table.rows[2..].iter().map(|r| &r.cells).collect();
    let cell = |text: &str| match serde_json::Number::from_str(text) {
        Ok(n) => serde_json::Value::Number(n),
        Err(_) => serde_json::Value::String(text.to_owned()),
    };
    let objects: Vec<serde_json::Value> = body
        .iter()
        .map(|cells| {
            let map: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(cells.iter())
                .map(|(h, c)| (h.to_owned(), cell(c)))
                .collect();
            serde_json::Value::Object(map)
        })
        .collect();
    let rows: Vec<Vec<serde_json::Value>> = body
        .iter()
        .map(|cells| cells.iter().map(&cell).collect())
        .collect();
    (
        serde_json::to_string(&objects).unwrap(),
        serde_json::json!({ "columns": header, "rows": rows }).to_string(),
    )
}

#[test]
fn json_in_both_shapes_gives_the_sample() {
    let expected = content(&sample());
    let (objects, columns_rows) = sample_json();
    for (name, text) in [("objects.json", objects), ("columns.json", columns_rows)] {
        let table = read(text.as_bytes(), name, None, &Scheme::chifeng_2020())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(table.format, Format::Json);
        let v = validate(&table, &Scheme::chifeng_2020());
        assert!(!v.has_errors(), "{name}: {:?}", v.issues);
        assert_eq!(content(&v.dataset), expected, "{name}");
    }
    let broken = read(b"[{\"a\": 1", "broken.json", None, &Scheme::chifeng_2020()).unwrap_err();
    assert!(broken.message.contains("JSON"), "{broken}");
    assert_eq!(broken.location.file.as_deref(), Some("broken.json"));
}

#[test]
fn the_command_line_scores_every_format_alike() {
    let exe = env!("CARGO_BIN_EXE_parkscore");
    let run = |path: &str| {
        let out = std::process::Command::new(exe)
            .args(["score", path, "--format", "csv"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let dir = env!("CARGO_MANIFEST_DIR");
    let expected = run(&format!("{dir}/data/sample-2020.csv"));
    assert!(expected.contains("红山园区"));
    for name in [
        "sample-2020.xlsx",
        "sample-2020.xls",
        "sample-2020-gbk.csv",
        "sample-2020-utf16le.txt",
    ] {
        assert_eq!(
            run(&format!("{dir}/tests/data/import/{name}")),
            expected,
            "{name}"
        );
    }
}

/// 30 parks in the raw shape (甲园区's row of raw-figures.xlsx under 30 names): each derived
/// indicator gets a note of its computation for the first 20 parks and one note for the other
/// 10, so that 100,000 such rows do not carry a million sentences. Every value is still
/// derived (7.2 = 52.3 − 45.1 for the last park too).
#[test]
fn derived_value_notes_are_bounded_per_indicator() {
    let (table, _) = load("raw-figures.xlsx", None);
    let at = table
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c == "甲园区"))
        .unwrap();
    let template = table.rows[at].clone();
    let name_col = template.cells.iter().position(|c| c == "甲园区").unwrap();
    let mut big = table.clone();
    big.rows.truncate(at);
    for i in 0..30u32 {
        let mut row = template.clone();
        row.cells.set(name_col, &format!("园{i:02}"));
        row.number = template.number + i;
        big.rows.push(row);
    }
    let v = validate(&big, &Scheme::chifeng_2020());
    assert!(!v.has_errors(), "{:?}", v.issues);
    let about_new_output: Vec<&str> = v
        .issues
        .iter()
        .filter(|i| i.location.column.as_deref() == Some("新增工业总产值"))
        .map(|i| i.message.as_str())
        .collect();
    // The column-level note (no such column, computed from …), 20 computations, one count.
    assert_eq!(about_new_output.len(), 22, "{about_new_output:?}");
    assert_eq!(
        about_new_output[1],
        "新增工业总产值 = 本年工业总产值 − 上年工业总产值 = 52.3 − 45.1 = 7.2 亿元"
    );
    assert!(about_new_output
        .contains(&"另有 10 个园区的「新增工业总产值」也由原始数据按同一公式计算（逐个说明从略）"));
    let last = v.dataset.park("园29").unwrap();
    assert_eq!(
        last.value(&id("new_output_value")).map(|v| v.normalize()),
        Some(d("7.2"))
    );
}
