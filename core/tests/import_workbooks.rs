//! Import round 2 (issue 11 §2, §5, §6) and the reader's bounds (issue 9), over files that real
//! tools made (`tests/data/import/README.md`): which sheet is read, a damaged sheet, .ods,
//! .xlsb, WPS .et, .xls percent formats, and messages a clerk can act on.

use parkscore::import::{read, validate, Format, RawTable, Validated, MAX_COLUMNS};
use parkscore::{Dataset, Issue, Scheme, Severity};

mod common;
use common::{d, fixture, id};

fn scheme() -> Scheme {
    Scheme::chifeng_2020()
}

fn load(name: &str, sheet: Option<&str>) -> (RawTable, Validated) {
    let table =
        read(&fixture(name), name, sheet, &scheme()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let validated = validate(&table, &scheme());
    (table, validated)
}

fn refused(name: &str, bytes: &[u8]) -> Issue {
    match read(bytes, name, None, &scheme()) {
        Err(issue) => issue,
        Ok(table) => panic!("{name} was read: {} rows", table.rows.len()),
    }
}

/// The sample's dataset, as the UTF-8 CSV gives it.
fn sample() -> Dataset {
    let table = read(
        parkscore::sample::sample_csv(),
        "sample.csv",
        None,
        &scheme(),
    )
    .unwrap();
    validate(&table, &scheme()).dataset
}

fn errors(v: &Validated) -> Vec<&Issue> {
    v.issues.iter().filter(|i| i.is_error()).collect()
}

/// Every user-facing text of an issue is Chinese: no English library words outside 技术细节.
fn assert_chinese(issue: &Issue) {
    let mut text = format!(
        "{}{}",
        issue.message,
        issue.expected.clone().unwrap_or_default()
    );
    // Names the user gave (file, sheet) are theirs, not the tool's words.
    for name in [&issue.location.file, &issue.location.sheet]
        .into_iter()
        .flatten()
    {
        text = text.replace(name.as_str(), "");
    }
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{issue}"
    );
    let english = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        // Format names and the JSON shape's own keys are not prose.
        .filter(|w| !["xlsx", "xlsb", "sheet", "Excel", "JSON", "columns", "rows"].contains(w))
        .collect::<Vec<_>>();
    assert!(english.is_empty(), "English words {english:?} in: {issue}");
}

#[test]
fn ods_xlsb_and_wps_et_read_exactly_like_the_csv() {
    let want = sample();
    for (name, format) in [
        ("sample-2020.ods", Format::Ods),
        ("sample-2020.xlsb", Format::Xlsb),
        ("sample-2020-wps.et", Format::Xls),
    ] {
        let (table, v) = load(name, None);
        assert_eq!(table.format, format, "{name}");
        assert!(errors(&v).is_empty(), "{name}: {:?}", v.issues);
        assert_eq!(v.dataset.parks, want.parks, "{name}");
    }
}

#[test]
fn percent_formats_are_read_in_every_workbook_format() {
    // two-sheets: 东山园区 0.125 shown 12.5%, 红山园区 −0.046 shown −4.6% (src/two-sheets.fods).
    for name in ["two-sheets.xlsx", "two-sheets.xls", "two-sheets.ods"] {
        let (_, v) = load(name, None);
        let dong = v.dataset.park("东山园区").unwrap();
        assert_eq!(dong.value(&id("output_growth")), Some(d("12.5")), "{name}");
        let hong = v.dataset.park("红山园区").unwrap();
        assert_eq!(hong.value(&id("output_growth")), Some(d("-4.6")), "{name}");
        // Known formats: no guessing, so no warning about fractions.
        assert!(
            !v.issues.iter().any(|i| i.message.contains("−1 到 1")),
            "{name}: {:?}",
            v.issues
        );
    }
    // percent.xlsb (src/make-xlsb.py): 0.125 and −0.046 with numFmt 10 (0.00%); 12.3 plain.
    let (_, v) = load("percent.xlsb", None);
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.value(&id("output_growth")), Some(d("12.5")));
    assert_eq!(dong.value(&id("new_output_value")), Some(d("12.3")));
    assert_eq!(
        v.dataset
            .park("红山园区")
            .unwrap()
            .value(&id("output_growth")),
        Some(d("-4.6"))
    );
}

#[test]
fn xls_columns_mixing_percent_formatted_and_plain_cells_read_one_scale() {
    // Every other park's % cells are stored as fractions with the 0.0% format (12.4% is
    // 0.124); the others hold the plain number 12.4. Both mean the sample's value.
    let (_, v) = load("xls-percent-mixed.xls", None);
    assert!(errors(&v).is_empty(), "{:?}", v.issues);
    assert_eq!(v.dataset.parks, sample().parks);
}

#[test]
fn the_sheet_that_fits_the_scheme_is_read_whatever_the_order() {
    // The tool's own template, filled, with 填报说明 (an indicator per row, 单位/分值 columns)
    // in front: the data sheet is read.
    let (table, v) = load("template-instructions-first.xlsx", None);
    assert_eq!(table.sheets, ["填报说明", "数据"]);
    assert_eq!(table.sheet.as_deref(), Some("数据"));
    assert!(errors(&v).is_empty(), "{:?}", v.issues);
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.value(&id("new_output_value")), Some(d("38.6")));
    // Which sheet was read is said.
    assert!(v
        .issues
        .iter()
        .any(|i| i.severity == Severity::Info && i.message.contains("读取工作表「数据」")));
}

#[test]
fn of_two_years_the_later_is_read_and_the_other_is_named() {
    let (table, v) = load("two-years.xlsx", None);
    assert_eq!(table.sheets, ["2019年", "2020年"]);
    assert_eq!(table.sheet.as_deref(), Some("2020年"));
    assert_eq!(v.dataset.parks, sample().parks);
    let warning = v
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning && i.message.contains("2019年"))
        .expect("a warning naming the other sheet");
    assert_eq!(warning.location.sheet.as_deref(), Some("2020年"));
    assert_chinese(warning);
    // Asked for, the older sheet is read: 东山园区's 38.6 halved by src/make-round2.py.
    let (old, v) = load("two-years.xlsx", Some("2019年"));
    assert_eq!(old.sheet.as_deref(), Some("2019年"));
    assert_eq!(
        v.dataset
            .park("东山园区")
            .unwrap()
            .value(&id("new_output_value")),
        Some(d("19.3"))
    );
}

#[test]
fn a_two_level_header_wins_over_an_older_single_level_sheet() {
    // 考核数据 has 园区名称 merged down over its two header rows (the name only in the upper
    // row); 2019年 in front has a plain header and halved figures.
    let (table, v) = load("two-level-after-older.xlsx", None);
    assert_eq!(table.sheets, ["2019年", "考核数据"]);
    assert_eq!(table.sheet.as_deref(), Some("考核数据"));
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
    // 东山园区: 386000 万元 in the units row's 万元 = 38.6 亿元 (the 2019 sheet has 19.3).
    assert_eq!(
        v.dataset
            .park("东山园区")
            .unwrap()
            .value(&id("new_output_value")),
        Some(d("38.6"))
    );
    assert!(v
        .issues
        .iter()
        .any(|i| i.severity == Severity::Warning && i.message.contains("2019年")));
}

#[test]
fn a_damaged_sheet_is_an_error_naming_it_never_a_fall_back() {
    // 2020年's XML is cut in half; 2019年 is intact but must not be scored in its place.
    let (table, v) = load("damaged-data-sheet.xlsx", None);
    assert_eq!(table.sheet.as_deref(), Some("2020年"));
    assert!(v.dataset.parks.is_empty());
    let errs = errors(&v);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = errs[0];
    assert_eq!(e.location.sheet.as_deref(), Some("2020年"));
    assert_eq!(e.location.file.as_deref(), Some("damaged-data-sheet.xlsx"));
    assert!(e.message.contains("工作表「2020年」已损坏"), "{e}");
    assert!(
        e.expected.as_deref().unwrap_or("").contains("2019年"),
        "{e}"
    );
    assert!(e.detail.is_some(), "the reader's words go under 技术细节");
    assert_chinese(e);
    // Chosen explicitly, the intact sheet is read; chosen explicitly, the damaged one is refused.
    let (_, v) = load("damaged-data-sheet.xlsx", Some("2019年"));
    assert!(errors(&v).is_empty(), "{:?}", v.issues);
    let e = read(
        &fixture("damaged-data-sheet.xlsx"),
        "d.xlsx",
        Some("2020年"),
        &scheme(),
    )
    .unwrap_err();
    assert_eq!(e.location.sheet.as_deref(), Some("2020年"));
}

#[test]
fn a_shared_string_number_out_of_range_is_refused_naming_the_cell() {
    let e = refused("s.xlsx", &fixture("sst-index-out-of-range.xlsx"));
    assert_eq!(e.location.sheet.as_deref(), Some("sample-2020"));
    assert!(e.message.contains("单元格 B2"), "{e}");
    assert!(e.message.contains("999999"), "{e}");
    assert_chinese(&e);
}

#[test]
fn a_workbook_whose_only_sheet_is_damaged_says_so() {
    let e = refused("d.xlsx", &fixture("damaged-only-sheet.xlsx"));
    assert_eq!(e.location.sheet.as_deref(), Some("数据"));
    assert!(e.message.contains("工作表「数据」已损坏"), "{e}");
    assert!(!e.message.contains("空的"), "{e}");
    assert_chinese(&e);
}

#[test]
fn broken_files_get_a_chinese_sentence_that_says_what_to_do() {
    let truncated = refused("truncated.xlsx", &fixture("truncated.xlsx"));
    assert!(truncated.message.contains("另存为 .xlsx"), "{truncated}");
    assert!(truncated.detail.is_some());
    assert_chinese(&truncated);
    let locked = refused("加密.xlsx", &fixture("encrypted-xlsx-shell.xlsx"));
    assert!(locked.message.contains("密码"), "{locked}");
    assert_chinese(&locked);
    // JSON that is not a table, and JSON that is not JSON.
    let not_table = refused("a.json", br#"{"name": "x", "list": [1, 2]}"#);
    assert!(not_table.message.contains("不是一张表格"), "{not_table}");
    assert_chinese(&not_table);
    let not_json = refused("b.json", br#"[{"a": 1"#);
    assert!(not_json.message.contains("不是有效的 JSON"), "{not_json}");
    assert!(not_json.detail.is_some());
    assert_chinese(&not_json);
    // A WPS .et that is not a BIFF8 compound file.
    let et = refused(
        "表.et",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really a compound file",
    );
    assert!(et.message.contains("WPS"), "{et}");
    assert!(et.message.contains(".xlsx"), "{et}");
    assert_chinese(&et);
    // A truncated .ods.
    let ods = fixture("sample-2020.ods");
    let cut = refused("cut.ods", &ods[..ods.len() / 2]);
    assert!(cut.message.contains("另存为"), "{cut}");
    assert_chinese(&cut);
}

#[test]
fn wide_rows_and_long_cells_are_bounded_and_located() {
    // A first line of 4 million empty cells costs nothing; the data below reads.
    let mut text = format!("2020年数据{}\n", ",".repeat(4_000_000));
    text.push_str(
        std::str::from_utf8(parkscore::sample::sample_csv())
            .unwrap()
            .split_once('\n')
            .unwrap()
            .1,
    );
    let table = read(text.as_bytes(), "wide.csv", None, &scheme()).unwrap();
    assert_eq!(table.rows[0].cells.len(), 1);
    assert_eq!(validate(&table, &scheme()).dataset.parks, sample().parks);
    // A non-empty cell in column 1,001 is refused with its place.
    let far = format!("园区名称{}x\n", ",".repeat(MAX_COLUMNS));
    let e = refused("far.csv", far.as_bytes());
    assert_eq!(e.location.row, Some(1));
    assert_eq!(e.location.column.as_deref(), Some("ALM 列"));
    assert_chinese(&e);
    // A 5 MB cell is refused with its place.
    let long = format!(
        "园区名称,新增工业总产值\n东山园区,{}\n",
        "9".repeat(5_000_000)
    );
    let e = refused("long.csv", long.as_bytes());
    assert_eq!(
        (e.location.row, e.location.column.as_deref()),
        (Some(2), Some("B 列"))
    );
    // A JSON object with 100,000 keys is refused quickly, naming the limit.
    let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
    let json = format!("[{{{}}}]", keys.join(","));
    let started = std::time::Instant::now();
    let e = refused("keys.json", json.as_bytes());
    assert!(e.message.contains("1000"), "{e}");
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}

/// The command line over the same files: read right (exit 0, the same totals as the CSV), or
/// refused with exit 2 and the located Chinese message.
#[test]
fn the_cli_reads_or_refuses_each_class_with_its_message() {
    let run = |name: &str, args: &[&str]| {
        let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(["score", &path, "--format", "csv"])
            .args(args)
            .output()
            .expect("the binary runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, csv, _) = run("../../../data/sample-2020.csv", &[]);
    assert_eq!(code, Some(0));
    // The ranking rows: 名次,园区,…,总分 (column 11),奖励.
    let totals = |csv: &str| -> Vec<(String, String)> {
        csv.lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|f| f.len() > 10 && f[0].parse::<u32>().is_ok())
            .map(|f| (f[1].to_owned(), f[10].to_owned()))
            .collect()
    };
    let want = totals(&csv);
    assert_eq!(want.len(), 14, "{csv}");
    for name in [
        "sample-2020.ods",
        "sample-2020.xlsb",
        "sample-2020-wps.et",
        "xls-percent-mixed.xls",
        "template-instructions-first.xlsx",
        "two-years.xlsx",
    ] {
        let (code, csv, err) = run(name, &[]);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(totals(&csv), want, "{name}");
    }
    // two-years.xlsx: the sheet read is named, and the other is warned about.
    let (_, _, err) = run("two-years.xlsx", &[]);
    assert!(err.contains("读取工作表「2020年」"), "{err}");
    assert!(err.contains("「2019年」也像是园区数据表"), "{err}");
    for (name, needle) in [
        ("damaged-data-sheet.xlsx", "工作表「2020年」已损坏"),
        ("damaged-only-sheet.xlsx", "工作表「数据」已损坏"),
        ("sst-index-out-of-range.xlsx", "单元格 B2"),
        ("truncated.xlsx", "另存为 .xlsx"),
        ("encrypted-xlsx-shell.xlsx", "密码"),
    ] {
        let (code, _, err) = run(name, &[]);
        assert_eq!(code, Some(2), "{name}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(err.contains(name), "{name} names the file: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // Chosen explicitly, the intact sheet next to the damaged one is read.
    let (code, _, err) = run("damaged-data-sheet.xlsx", &["--sheet", "2019年"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_percent_column_of_fractions_is_warned_about_in_any_format() {
    // 12.4 % and −4.6 % typed as 0.124 and −0.046 in plain cells.
    let csv = "园区名称,工业总产值增速（%）\n东山园区,0.124\n红山园区,-0.046\n";
    let table = read(csv.as_bytes(), "f.csv", None, &scheme()).unwrap();
    let v = validate(&table, &scheme());
    let w = v
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning && i.message.contains("0.125 表示 12.5%"))
        .expect("a warning on the column");
    assert_eq!(w.location.column.as_deref(), Some("工业总产值增速（%）"));
    // The values are kept as written.
    assert_eq!(
        v.dataset
            .park("东山园区")
            .unwrap()
            .value(&id("output_growth")),
        Some(d("0.124"))
    );
}

/// The sample .xls with its CODEPAGE record (0x0042, BIFF8's 1200) set to `codepage`.
fn xls_with_code_page(codepage: u16) -> Vec<u8> {
    let mut bytes = fixture("sample-2020.xls");
    let record = [0x42, 0x00, 0x02, 0x00, 0xB0, 0x04];
    let at = bytes
        .windows(record.len())
        .position(|w| w == record)
        .expect("the sample .xls has one CODEPAGE record of 1200");
    bytes[at + 4..at + 6].copy_from_slice(&codepage.to_le_bytes());
    bytes
}

/// Only the code pages of the office's files are read (UTF-16, UTF-8, GBK/GB18030,
/// windows-1252, as `parkscore-encoding` decodes them); an .xls in any other — Big5 (950),
/// Shift_JIS (932), a code page nobody defined — is refused with a Chinese sentence naming
/// the file and its code page, never read into wrong characters or called damaged.
#[test]
fn an_xls_in_a_code_page_not_read_is_refused_naming_the_file_and_the_code_page() {
    for (codepage, needle) in [
        (950u16, "代码页 950（繁体中文 Big5）"),
        (932, "代码页 932（日文）"),
        (12345, "代码页 12345 "),
    ] {
        let name = format!("代码页{codepage}.xls");
        let issue = refused(&name, &xls_with_code_page(codepage));
        assert!(issue.message.contains(needle), "{issue}");
        assert!(issue.message.contains(&format!("「{name}」")), "{issue}");
        assert!(
            issue
                .expected
                .as_deref()
                .unwrap_or("")
                .contains("另存为 .xlsx"),
            "{issue}"
        );
        assert_eq!(issue.location.file.as_deref(), Some(name.as_str()));
        assert_chinese(&issue);
    }
    // The record rewritten to 1200 again is the sample, read as before.
    let (table, _) = load("sample-2020.xls", None);
    let same = read(&xls_with_code_page(1200), "a.xls", None, &scheme()).unwrap();
    assert_eq!(same.rows, table.rows);
}

/// A CSV in Big5 (or Shift_JIS) would read as GBK into wrong characters: refused instead, with
/// a Chinese sentence naming the file and saying to save it as UTF-8 or GBK.
#[test]
fn a_big5_csv_is_refused_saying_to_save_it_as_utf8_or_gbk() {
    let traditional = "園區名稱,新增工業總產值（億元）\n紅山經濟開發區,12.5\n元寶山工業園區,8.1\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    let issue = refused("繁体.csv", &big5);
    assert!(issue.message.contains("「繁体.csv」"), "{issue}");
    assert!(issue.message.contains("Big5"), "{issue}");
    assert!(
        issue
            .expected
            .as_deref()
            .unwrap_or("")
            .contains("另存为 UTF-8 或 GBK"),
        "{issue}"
    );
    assert_chinese(&issue);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS
        .encode("工業団地名,生産額\n赤峰テクノパーク,12.5\n元宝山工業団地,8.1\n");
    assert_chinese(&refused("日文.csv", &sjis));
}

/// A UTF-8 CSV with a few bad bytes (cut off, or a line pasted from a GBK file) is refused at
/// the line of the first, saying it is UTF-8 and what to check — not called Big5.
#[test]
fn a_damaged_utf8_csv_is_refused_at_the_line_of_its_first_bad_byte() {
    let good = "园区名称,新增工业总产值\n东山园区,12.5\n红山园区,8.1\n";
    let (gbk_row, _, _) = encoding_rs::GBK.encode("元宝山园区,6.4\n");
    let issue = refused("混合.csv", &[good.as_bytes(), &gbk_row].concat());
    assert_eq!(issue.location.row, Some(4), "{issue}");
    assert!(
        issue
            .message
            .contains("「混合.csv」是 UTF-8 编码的文本，但第 4 行起"),
        "{issue}"
    );
    assert!(!issue.message.contains("Big5"), "{issue}");
    assert_chinese(&issue);
}
