//! Import round 2 (issue 11 §1, §3, §4) and checked arithmetic (issue 9), through the library
//! (`import::read` → `import::validate_with` → `evaluate`) and through the `parkscore` binary.
//!
//! The fixtures are in `tests/data/import2/` (made by `make-fixtures.py` from the fictional
//! sample; the .xlsx by openpyxl) and `tests/data/fuzz/` (the fuzzing campaign's CSV
//! reproducers). Expected values are worked out by hand in the comments, or are relations
//! (the same figures in another shape give the same dataset as the sample).

use parkscore::import::{self, RawTable, ValidateOptions, Validated};
use parkscore::{evaluate, IndicatorId, Issue, MissingPolicy, Options, Scheme, Severity};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn id(s: &str) -> IndicatorId {
    IndicatorId::from(s)
}

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// Phase 1 for a fixture. The one line to change if `import::read` gains a scheme argument.
fn read_bytes(bytes: &[u8], name: &str) -> RawTable {
    import::read(bytes, name, None, &Scheme::chifeng_2020())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(path: &str) -> RawTable {
    let bytes = std::fs::read(data(path)).unwrap();
    let name = Path::new(path).file_name().unwrap().to_string_lossy();
    read_bytes(&bytes, &name)
}

fn validate(path: &str, options: &ValidateOptions) -> Validated {
    import::validate_with(&read(path), &Scheme::chifeng_2020(), options)
}

fn strict() -> ValidateOptions {
    ValidateOptions::default()
}

fn allow_missing() -> ValidateOptions {
    ValidateOptions {
        allow_missing_units: true,
        ..ValidateOptions::default()
    }
}

/// Missing listed units and unlisted parks both allowed, the scheme's missing-value policy.
fn allow_both() -> ValidateOptions {
    ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        missing: None,
    }
}

fn errors(v: &Validated) -> Vec<&Issue> {
    v.issues.iter().filter(|i| i.is_error()).collect()
}

/// The sample, validated: the reference for the fixtures that only change the shape.
fn sample() -> Validated {
    let table = read_bytes(
        parkscore::sample::sample_csv(),
        parkscore::sample::SAMPLE_FILE_NAME,
    );
    import::validate_with(&table, &Scheme::chifeng_2020(), &strict())
}

fn parkscore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn path(p: &str) -> String {
    data(p).to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------
// §1 The official list of evaluated units.

#[test]
fn a_short_name_is_taken_as_its_official_unit_with_a_note() {
    // units-renamed-missing.csv: 内蒙古林西工业园区 written 林西工业园区 (row 14: title row 1,
    // header row 2, it is the 12th park), 红山绿色食品产业园区 left out.
    let v = validate("import2/units-renamed-missing.csv", &allow_missing());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let linxi = v.dataset.park("内蒙古林西工业园区").expect("official name");
    assert_eq!(linxi.written_name.as_deref(), Some("林西工业园区"));
    assert_eq!(linxi.source_row, Some(14));
    assert!(v.dataset.park("林西工业园区").is_none());
    let note = v
        .issues
        .iter()
        .find(|i| i.raw.as_deref() == Some("林西工业园区"))
        .expect("a note on the short name");
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(note.location.row, Some(14));
    assert_eq!(note.location.park.as_deref(), Some("内蒙古林西工业园区"));
    assert!(note.message.contains("视为「内蒙古林西工业园区」"));

    // Every output prints the official name; the reading says which name was replaced.
    let e = evaluate(&Scheme::chifeng_2020(), &v.dataset, &Options::default()).unwrap();
    assert!(e.park("内蒙古林西工业园区").is_some());
    let units = e.reading.units.as_ref().unwrap();
    assert_eq!(units.renamed.len(), 1);
    assert_eq!(units.renamed[0].written, "林西工业园区");
    assert_eq!(units.renamed[0].official, "内蒙古林西工业园区");
}

#[test]
fn a_misspelt_name_is_an_error_with_a_one_click_suggestion() {
    // units-renamed-misspelt-missing.csv: row 11 writes 阿鲁克尔沁旗工业园区 (科 → 克).
    let v = validate("import2/units-renamed-misspelt-missing.csv", &strict());
    let wrong = v
        .issues
        .iter()
        .find(|i| i.is_error() && i.raw.as_deref() == Some("阿鲁克尔沁旗工业园区"))
        .expect("an error on the misspelt name");
    assert_eq!(wrong.suggestion.as_deref(), Some("阿鲁科尔沁旗工业园区"));
    assert_eq!(wrong.location.row, Some(11));
    assert_eq!(wrong.location.column.as_deref(), Some("园区名称"));
    assert_eq!(
        wrong.location.file.as_deref(),
        Some("units-renamed-misspelt-missing.csv")
    );
    assert!(wrong.message.contains("是否为「阿鲁科尔沁旗工业园区」"));
    // The official unit is then missing too, and its error points at row 11.
    let missing = v
        .issues
        .iter()
        .find(|i| i.is_error() && i.location.park.as_deref() == Some("阿鲁科尔沁旗工业园区"))
        .unwrap();
    assert!(
        missing
            .message
            .contains("第 11 行的「阿鲁克尔沁旗工业园区」可能就是它"),
        "{missing}"
    );
    // Accepting the suggestion (what the app's one click records as an edit) fixes it.
    let mut table = read("import2/units-renamed-misspelt-missing.csv");
    let row = table.rows.iter_mut().find(|r| r.number == 11).unwrap();
    row.cells.set(0, &wrong.suggestion.clone().unwrap());
    let v = import::validate_with(&table, &Scheme::chifeng_2020(), &allow_missing());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
}

#[test]
fn a_missing_unit_is_an_error_unless_the_user_goes_on_and_then_it_is_printed() {
    let v = validate("import2/units-renamed-missing.csv", &strict());
    let errs = errors(&v);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        errs[0].location.park.as_deref(),
        Some("红山绿色食品产业园区")
    );
    assert!(errs[0].message.contains("不在文件中"));
    assert!(errs[0]
        .expected
        .as_deref()
        .unwrap()
        .contains("--allow-missing-units"));

    let v = validate("import2/units-renamed-missing.csv", &allow_missing());
    assert!(errors(&v).is_empty());
    let scheme = Scheme::chifeng_2020();
    let e = evaluate(&scheme, &v.dataset, &Options::default()).unwrap();
    // 13 parks: N = 13 in every rank explanation.
    assert_eq!(e.parks.len(), 13);
    let first = e.at(0).unwrap().indicator("new_output_value").unwrap();
    assert!(first.explain().contains("/13"), "{}", first.explain());
    let units = e.reading.units.as_ref().unwrap();
    assert_eq!(units.listed, 14);
    assert_eq!(units.missing, ["红山绿色食品产业园区"]);
    let sentence = e
        .reading
        .description_zh
        .iter()
        .find(|s| s.contains("名单"))
        .unwrap();
    assert!(sentence.contains("已选择在缺少名单单位时继续评分"));
    assert!(sentence.contains("红山绿色食品产业园区"));
    // Printed on every output: JSON, CSV, the text table (the xlsx 口径 sheet and the
    // printout print the same `description_zh`).
    use parkscore::export::{csv, json, table};
    let j = json::evaluation_json(&scheme, &e, json::Prose::Facts);
    assert_eq!(j["units"]["missing"][0], "红山绿色食品产业园区");
    assert!(j["reading"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str().unwrap().contains("红山绿色食品产业园区")));
    assert!(csv::evaluation_csv(&scheme, &e).contains("已选择在缺少名单单位时继续评分"));
    assert!(table::evaluation_table(&scheme, &e, false).contains("已选择在缺少名单单位时继续评分"));
}

#[test]
fn unlisted_parks_are_errors_unless_included_and_then_printed() {
    // Five fictional parks: each is an error (no suggestion: no official name is within
    // ⌊4/3⌋ = 1 edit of 甲园区), and the 14 listed units are missing.
    let golden = "golden-small.csv";
    let v = validate(golden, &strict());
    let unlisted: Vec<_> = errors(&v)
        .into_iter()
        .filter(|i| i.message.contains("不在方案的参评单位名单中"))
        .collect();
    assert_eq!(unlisted.len(), 5);
    assert!(unlisted.iter().all(|i| i.suggestion.is_none()));
    let both = allow_both();
    let v = validate(golden, &both);
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let note = v
        .issues
        .iter()
        .find(|i| i.message.contains("名单外的 5 个园区"))
        .expect("one note for all unlisted parks");
    assert_eq!(note.severity, Severity::Info);
    let e = evaluate(&Scheme::chifeng_2020(), &v.dataset, &Options::default()).unwrap();
    let units = e.reading.units.unwrap();
    assert_eq!(
        units.unlisted,
        ["甲园区", "乙园区", "丙园区", "丁园区", "戊园区"]
    );
    assert_eq!(units.missing.len(), 14);
}

#[test]
fn many_unlisted_parks_are_counted_all_and_named_only_as_far_as_the_sentences_show() {
    // 30 unlisted parks (甲园区's figures under 30 made-up names): the validation note and the
    // reading count all 30, but name only the first ones (ten in the note, 20 in the reading's
    // sentence and its list); before issue 14's cut the reading kept every name.
    let text = std::fs::read_to_string(data("golden-small.csv")).expect("fixture");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    let first = lines.next().expect("a row");
    let figures = first.split_once(',').expect("a name and figures").1;
    let mut csv = format!("{header}\n");
    for i in 1..=30 {
        csv.push_str(&format!("测试园区{i:02},{figures}\n"));
    }
    let table = read_bytes(csv.as_bytes(), "many.csv");
    let both = allow_both();
    let v = import::validate_with(&table, &Scheme::chifeng_2020(), &both);
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let note = v
        .issues
        .iter()
        .find(|i| i.message.contains("名单外的 30 个园区"))
        .expect("one note for all 30 unlisted parks");
    let listed: Vec<String> = (1..=10).map(|i| format!("测试园区{i:02}")).collect();
    assert!(
        note.message
            .contains(&format!("{}等 30 个园区", listed.join("、"))),
        "{}",
        note.message
    );
    assert!(!note.message.contains("测试园区11"), "{}", note.message);
    let e = evaluate(&Scheme::chifeng_2020(), &v.dataset, &Options::default()).unwrap();
    let units = e.reading.units.clone().unwrap();
    assert_eq!(units.unlisted_count, 30);
    assert_eq!(units.unlisted_total(), 30);
    let twenty: Vec<String> = (1..=20).map(|i| format!("测试园区{i:02}")).collect();
    assert_eq!(units.unlisted, twenty);
    let sentence = e
        .reading
        .description_zh
        .iter()
        .find(|s| s.contains("名单外"))
        .expect("the unit list's sentence");
    assert!(
        sentence.contains(&format!(
            "{} 等 30 个 按所写名称参加评分",
            twenty.join("、")
        )),
        "{sentence}"
    );
    assert!(
        e.reading.summary_zh().contains("含 30 个名单外园区"),
        "{}",
        e.reading.summary_zh()
    );
    // The JSON names the same 20 and counts all 30; every name is in its parks.
    use parkscore::export::json;
    let j = json::evaluation_json(&Scheme::chifeng_2020(), &e, json::Prose::Facts);
    assert_eq!(j["units"]["unlisted_count"], 30);
    assert_eq!(j["units"]["unlisted"].as_array().map(Vec::len), Some(20));
    assert_eq!(j["units"]["unlisted"][19], "测试园区20");
    assert_eq!(j["parks"].as_array().map(Vec::len), Some(30));
}

#[test]
fn names_are_compared_after_normalisation_and_two_rows_of_one_unit_are_duplicates() {
    let scheme = Scheme::chifeng_2020();
    let mut csv = String::from("园区名称,新增工业总产值,工业总产值增速\n");
    csv.push_str("东山　园区,1,2\n"); // ideographic space
    csv.push_str("东山园区,3,4\n"); // the same unit
    csv.push_str("〔红山园区〕,5,6\n"); // brackets: not the same name, but d = 2 ≤ ⌊6/3⌋
    csv.push_str("ＡＢＣ园区,7,8\n");
    let table = read_bytes(csv.as_bytes(), "n.csv");
    let v = import::validate_with(&table, &scheme, &allow_missing());
    let dup = v
        .issues
        .iter()
        .find(|i| i.message.starts_with("园区名称重复"))
        .expect("a duplicate");
    assert_eq!(dup.location.row, Some(3));
    assert!(dup.message.contains("第 2 行"));
    // The first row is recorded under the official spelling.
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.written_name.as_deref(), Some("东山　园区"));
    assert_eq!(dong.value(&id("new_output_value")), Some(d("1")));
    let red = v
        .issues
        .iter()
        .find(|i| i.raw.as_deref() == Some("〔红山园区〕"))
        .unwrap();
    assert_eq!(red.suggestion.as_deref(), Some("红山园区"));
}

#[test]
fn a_scheme_without_a_unit_list_skips_the_check() {
    let text = parkscore::scheme::CHIFENG_2020_TOML;
    // The tables' headers at the start of a line (comments mention `[bonus]` too).
    let start = text.find("\nunits = [").unwrap() + 1;
    let end = start + text[start..].find("]\n").unwrap() + 2;
    // The tables' own lines (comments also mention [bonus]).
    let aliases = text.find("\n[unit_aliases]").unwrap() + 1;
    let bonus = text.find("\n[bonus]").unwrap() + 1;
    let own = format!(
        "{}{}{}",
        &text[..start],
        &text[end..aliases],
        &text[bonus..]
    );
    let scheme = Scheme::from_toml(&own).unwrap();
    assert!(!scheme.has_unit_list());
    let v = import::validate_with(&read("golden-small.csv"), &scheme, &strict());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let e = evaluate(&scheme, &v.dataset, &Options::default()).unwrap();
    assert!(e.reading.units.is_none());
    // An older scheme file (no unit_aliases) loads as before.
    let one = std::fs::read_to_string(data("one-indicator.toml")).unwrap();
    assert!(Scheme::from_toml(&one).unwrap().unit_aliases.is_empty());
}

#[test]
fn unit_aliases_are_checked_when_a_scheme_is_loaded() {
    let text = parkscore::scheme::CHIFENG_2020_TOML;
    let bad = text.replace(
        "\"敖汉旗工业园区\" = [\"敖汉工业园区\"]",
        "\"敖汉旗工业园区\" = [\"东山园区\"]",
    );
    let err = Scheme::from_toml(&bad).unwrap_err().to_string();
    assert!(err.contains("与名单中的正式名称相同"), "{err}");
    let bad = text.replace(
        "\"敖汉旗工业园区\" = [\"敖汉工业园区\"]",
        "\"某某园区\" = [\"敖汉工业园区\"]",
    );
    let err = Scheme::from_toml(&bad).unwrap_err().to_string();
    assert!(err.contains("不在 units 名单中"), "{err}");
    // The written form round-trips.
    let scheme = Scheme::chifeng_2020();
    assert_eq!(Scheme::from_toml(&scheme.to_toml()).unwrap(), scheme);
}

// ---------------------------------------------------------------------------------------------
// §3 Columns and rows that are not indicators.

/// One park's name, values, recognitions and veto flag.
type Figures = (String, Vec<(String, Decimal)>, u32, u32, bool);

/// Every park's values, recognitions and veto, by name.
fn figures(v: &Validated) -> Vec<Figures> {
    v.dataset
        .parks
        .iter()
        .map(|p| {
            (
                p.name.0.clone(),
                p.values
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.normalize()))
                    .collect(),
                p.provincial_recognitions,
                p.national_recognitions,
                p.veto.is_some(),
            )
        })
        .collect()
}

#[test]
fn extra_columns_are_kept_ignored_and_listed_once() {
    let table = read("import2/extra-columns.csv");
    let v = import::validate_with(&table, &Scheme::chifeng_2020(), &strict());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let notes: Vec<_> = v
        .issues
        .iter()
        .filter(|i| i.message.contains("未识别的列"))
        .collect();
    assert_eq!(notes.len(), 1);
    for column in [
        "序号（A 列）",
        "所属旗县区（B 列）",
        "备注（AE 列）",
        "联系人（AF 列）",
    ] {
        assert!(notes[0].message.contains(column), "{}", notes[0].message);
    }
    // Kept in the table (the app's grid shows them), not scored: the same figures as the sample.
    assert_eq!(&table.rows[1].cells[31], "联系人");
    assert_eq!(&table.rows[3].cells[30], "新建园区");
    assert_eq!(figures(&v), figures(&sample()));
}

#[test]
fn a_two_level_merged_header_with_a_units_row_is_read() {
    // two-level-header.xlsx (openpyxl): row 1 a merged title, row 2 the groups (总量指标 …
    // merged over their indicators; 序号, 园区名称 and the recognition columns merged down over
    // rows 2–3), row 3 the indicators, row 4 the units (新增工业总产值 in 万元), rows 5–18 the
    // parks, row 19 合计 (merged A:B), row 21 signatures.
    let v = validate("import2/two-level-header.xlsx", &strict());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    assert_eq!(v.header_row, Some(2));
    assert_eq!(v.dataset.parks.len(), 14);
    // 东山园区: 386000 万元 ÷ 10000 = 38.6 亿元.
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.value(&id("new_output_value")), Some(d("38.6")));
    assert_eq!(dong.source_row, Some(5));
    assert!(v
        .issues
        .iter()
        .any(|i| i.location.row == Some(4) && i.message.contains("单位行")));
    assert!(v
        .issues
        .iter()
        .any(|i| i.message.contains("万元") && i.message.contains("÷ 10000")));
    assert!(v
        .issues
        .iter()
        .any(|i| i.location.row == Some(19) && i.message.contains("合计")));
    assert!(v
        .issues
        .iter()
        .any(|i| i.location.row == Some(21) && i.raw.as_deref() == Some("审核人：李四")));
    assert_eq!(figures(&v), figures(&sample()));
}

#[test]
fn rows_below_the_data_are_skipped_and_a_park_after_an_empty_row_is_read() {
    // rows-below.csv: 13 parks (rows 3–15), an empty row 16, the 14th park on row 17, then
    // 合计 (18), 平均 (19), an empty row, a numbered note (21), 注：(22), 说明：(23),
    // 审核人：… 制表人：… 联系电话：… (24) and 填报人：… 填报日期：… (25).
    let v = validate("import2/rows-below.csv", &strict());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    assert_eq!(v.dataset.parks.len(), 14);
    assert_eq!(
        v.dataset.park("红山绿色食品产业园区").unwrap().source_row,
        Some(17)
    );
    let skipped: Vec<u32> = v
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Info && i.message.contains("已忽略"))
        .filter_map(|i| i.location.row)
        .collect();
    assert_eq!(skipped, [18, 19, 21, 22, 23, 24, 25]);
    assert_eq!(figures(&v), figures(&sample()));
}

// ---------------------------------------------------------------------------------------------
// §4 Numbers, and every error in one pass.

#[test]
fn unicode_minus_accounting_negatives_and_thin_spaces() {
    let v = validate("import2/numbers.csv", &strict());
    assert!(errors(&v).is_empty(), "{:#?}", errors(&v));
    let value = |park: &str, ind: &str| v.dataset.park(park).unwrap().value(&id(ind));
    assert_eq!(
        value("阿鲁科尔沁旗工业园区", "output_growth"),
        Some(d("-4.6"))
    );
    assert_eq!(value("巴林左旗工业园区", "output_growth"), Some(d("-2.1")));
    assert_eq!(value("巴林右旗工业园区", "output_growth"), Some(d("-0.8")));
    assert_eq!(value("东山园区", "output_per_mu"), Some(d("6125.5")));
    assert_eq!(value("红山园区", "output_per_mu"), Some(d("1012.5")));
}

#[test]
fn a_text_error_and_a_missing_value_are_reported_in_one_pass() {
    // one-pass.csv: 东山园区 (row 3) 新增工业总产值 = 38.6亿; 红山园区 (row 4) 上缴税金增速
    // empty; 元宝山园区 (row 5) 工业总产值增速 = 1500.
    let options = ValidateOptions {
        missing: Some(MissingPolicy::Error),
        ..ValidateOptions::default()
    };
    let v = validate("import2/one-pass.csv", &options);
    let errs = errors(&v);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let text = errs.iter().find(|i| i.message == "不是数字").unwrap();
    assert_eq!(text.location.row, Some(3));
    assert_eq!(text.raw.as_deref(), Some("38.6亿"));
    let missing = errs.iter().find(|i| i.message == "缺少数值").unwrap();
    assert_eq!(missing.location.row, Some(4));
    assert_eq!(missing.location.park.as_deref(), Some("红山园区"));
    assert_eq!(missing.location.column.as_deref(), Some("上缴税金增速"));
    // The bad cell is not also reported missing (only the two errors above).
    // A growth rate of 1500 % is a warning, not an error.
    let growth = v
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning && i.message.contains("±1000%"))
        .unwrap();
    assert_eq!(growth.location.row, Some(5));

    // Without the policy, validation leaves missing values to the engine (the old contract);
    // under 缺失计 0 分 they are not errors at all.
    let v = validate("import2/one-pass.csv", &strict());
    assert_eq!(errors(&v).len(), 1);
    let zero = ValidateOptions {
        missing: Some(MissingPolicy::Zero),
        ..ValidateOptions::default()
    };
    assert_eq!(errors(&validate("import2/one-pass.csv", &zero)).len(), 1);
}

#[test]
fn a_derived_growth_beyond_1000_percent_is_a_warning() {
    // 2019 → 2020 工业总产值 1 → 20: (20 − 1) ÷ 1 × 100 = 1900 %.
    let csv = "园区名称,2019年工业总产值,2020年工业总产值\n东山园区,1,20\n";
    let table = read_bytes(csv.as_bytes(), "g.csv");
    let v = import::validate_with(&table, &Scheme::chifeng_2020(), &allow_missing());
    let dong = v.dataset.park("东山园区").unwrap();
    assert_eq!(dong.value(&id("output_growth")), Some(d("1900")));
    let w = v
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning && i.message.contains("1900%"))
        .expect("a warning");
    assert_eq!(w.location.row, Some(2));
}

#[test]
fn the_cli_reports_both_errors_at_once() {
    let o = parkscore(&["score", &path("import2/one-pass.csv")]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("第 3 行，列「新增工业总产值（亿元）」，园区「东山园区」：不是数字"),
        "{err}"
    );
    assert!(
        err.contains("第 4 行，列「上缴税金增速」，园区「红山园区」：缺少数值"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 9: checked arithmetic. The fuzzing campaign's CSV reproducers each panicked before.

#[test]
fn fuzz_overflows_are_located_errors_through_the_library() {
    // (file, row, column, park): the cell the message must name.
    let cases = [
        (
            "csv-derive-growth-overflow.csv",
            3,
            "2020年工业总产值（亿元）",
            Some("甲园区"),
        ),
        (
            "csv-derive-sub-overflow.csv",
            3,
            "2020年工业总产值（亿元）",
            Some("甲园区"),
        ),
        (
            "csv-derive-permu-overflow.csv",
            3,
            "2020年工业总产值（亿元）",
            Some("甲园区"),
        ),
        (
            "csv-unit-wanren-overflow.csv",
            3,
            "就业人员（本年，万人）",
            Some("甲园区"),
        ),
        // A GBK file: the park name decodes as it does; the row and column locate the cell.
        (
            "csv-b5523e1e-min.csv",
            2,
            "基础设施建设投资（本年，亿元）",
            None,
        ),
    ];
    let scheme = Scheme::chifeng_2020();
    let options = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        missing: Some(MissingPolicy::Error),
    };
    for (file, row, column, park) in cases {
        let table = read(&format!("fuzz/{file}"));
        let v = import::validate_with(&table, &scheme, &options);
        let hit = v
            .issues
            .iter()
            .find(|i| {
                i.is_error()
                    && i.message.contains("数值超出可计算范围")
                    && i.location.row == Some(row)
                    && i.location.column.as_deref() == Some(column)
            })
            .unwrap_or_else(|| panic!("{file}: {:#?}", errors(&v)));
        assert_eq!(hit.location.file.as_deref(), Some(file));
        assert!(hit.raw.is_some(), "{file}");
        if let Some(park) = park {
            assert_eq!(hit.location.park.as_deref(), Some(park), "{file}");
        }
        // Scoring what did parse never panics either (the CLI stops before it).
        for policy in MissingPolicy::ALL {
            let options = Options {
                missing: policy,
                ..Options::default()
            };
            let _ = evaluate(&scheme, &v.dataset, &options);
        }
    }
}

#[test]
fn fuzz_overflows_exit_2_with_a_located_message_through_the_cli() {
    for file in [
        "csv-derive-growth-overflow.csv",
        "csv-derive-sub-overflow.csv",
        "csv-derive-permu-overflow.csv",
        "csv-unit-wanren-overflow.csv",
        "csv-b5523e1e-min.csv",
    ] {
        let o = parkscore(&["score", &path(&format!("fuzz/{file}")), "--format", "json"]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = text(&o.stderr);
        assert!(
            !err.contains("内部错误") && !err.contains("panicked"),
            "{err}"
        );
        let line = err
            .lines()
            .find(|l| l.contains("数值超出可计算范围"))
            .unwrap_or_else(|| panic!("{file}: {err}"));
        assert!(
            line.contains(&format!("文件 {}", path(&format!("fuzz/{file}"))))
                && line.contains(" 行，列「"),
            "{line}"
        );
        assert!(o.stdout.is_empty(), "{file}");
    }
}

#[test]
fn totals_beyond_the_decimal_range_are_an_error_not_a_panic() {
    // A scheme whose national bonus is Decimal::MAX: base (> 0) + bonus overflows.
    let text = parkscore::scheme::CHIFENG_2020_TOML.replacen(
        "national = 10",
        "national = \"79228162514264337593543950335\"",
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    let v = sample();
    let e = evaluate(&scheme, &v.dataset, &Options::default()).unwrap_err();
    let hit = e
        .iter()
        .find(|i| i.message.contains("数值超出可计算范围"))
        .expect("an overflow error");
    // 红山园区 has a national recognition and a base score above 0.
    assert_eq!(hit.location.park.as_deref(), Some("红山园区"));
}

// ---------------------------------------------------------------------------------------------
// The command line's flags.

#[test]
fn cli_refuses_a_missing_unit_and_goes_on_when_told_printing_the_choice() {
    let file = path("import2/units-renamed-missing.csv");
    let o = parkscore(&["score", &file]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "园区「红山绿色食品产业园区」：方案名单中的参评单位「红山绿色食品产业园区」不在文件中"
        ),
        "{err}"
    );
    assert!(err.contains("--allow-missing-units"));

    for format in ["json", "csv", "table"] {
        let o = parkscore(&["score", &file, "--allow-missing-units", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(
            out.contains("已选择在缺少名单单位时继续评分"),
            "{format}: {out}"
        );
        assert!(out.contains("内蒙古林西工业园区"), "{format}");
        assert!(
            out.contains("「林西工业园区」为「内蒙古林西工业园区」"),
            "{format}"
        );
    }
}

#[test]
fn cli_names_the_suggestion_and_allow_unlisted_includes_unknown_parks() {
    let o = parkscore(&[
        "score",
        &path("import2/units-renamed-misspelt-missing.csv"),
        "--allow-missing-units",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("第 11 行，列「园区名称」，园区「阿鲁克尔沁旗工业园区」：园区「阿鲁克尔沁旗工业园区」不在方案的参评单位名单中，是否为「阿鲁科尔沁旗工业园区」？"),
        "{err}"
    );
    let o = parkscore(&[
        "score",
        &path("import2/units-renamed-misspelt-missing.csv"),
        "--allow-missing-units",
        "--allow-unlisted",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(v["units"]["unlisted"][0], "阿鲁克尔沁旗工业园区");
    // The misspelt park is unlisted, and the official one is then missing: both printed.
    let missing: Vec<&str> = v["units"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(missing, ["阿鲁科尔沁旗工业园区", "红山绿色食品产业园区"]);
    // The scheme and template commands refuse the flags.
    let o = parkscore(&["scheme", "--allow-unlisted"]);
    assert_eq!(o.status.code(), Some(2));
}
