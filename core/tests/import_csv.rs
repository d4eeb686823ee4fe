//! UTF-8 CSV import: header matching, numbers, located issues, and the built-in sample.

use parkscore::import::{read, validate, Format};
use parkscore::{IndicatorId, Scheme, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn id(s: &str) -> IndicatorId {
    IndicatorId::from(s)
}

#[test]
fn sample_reads_without_errors() {
    let scheme = Scheme::chifeng_2020();
    let table = read(
        parkscore::sample::sample_csv(),
        parkscore::sample::SAMPLE_FILE_NAME,
        None,
        &scheme,
    )
    .unwrap();
    assert_eq!(table.format, Format::Csv);
    assert_eq!(table.encoding.as_deref(), Some("UTF-8"));
    let v = validate(&table, &scheme);
    let errors: Vec<String> = v
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v.header_row, Some(1));
    assert_eq!(v.dataset.year, Some(2020));
    assert_eq!(v.dataset.parks.len(), 14);
    let dongshan = v.dataset.park("东山园区").unwrap();
    assert_eq!(dongshan.source_row, Some(3));
    assert_eq!(dongshan.values.len(), 23);
    assert_eq!(dongshan.value(&id("new_output_value")), Some(d("38.6")));
    assert_eq!(dongshan.value(&id("pollutant_compliance")), Some(d("1.8")));
    assert_eq!(dongshan.provincial_recognitions, 1);
    assert_eq!(v.dataset.park("红山园区").unwrap().national_recognitions, 1);
    assert!(v.dataset.parks.iter().all(|p| p.veto.is_none()));
    let aluke = v.dataset.park("阿鲁科尔沁旗工业园区").unwrap();
    assert_eq!(aluke.value(&id("output_growth")), Some(d("-4.6")));
    // Every scheme indicator has a column in the sample, so none is reported missing.
    assert!(v.issues.iter().all(|i| !i.message.contains("缺少")));
}

const HEADER: &str = "园区名称,新增工业总产值（亿元）,工业总产值增速（%）,上缴税金总额（亿元）,上缴税金增速（%）,就业人员增速（%）,建成区亩均工业总产值（万元/亩）,建成区亩均固定资产投资（万元/亩）,建成区亩均税收（万元/亩）,当年招商引资项目数量（亿元）,产业链延伸企业引入数,工业固定资产投资增速（%）,基础设施建设投资增速（%）,新增基础设施建设投资总额（亿元）,园区内新增高新技术企业数,园区内新增省级以上研发机构数,园区规划环评执行情况,入驻项目环评、验收执行情况,项目涉及重点污染物排放达标情况及总量控制指标完成情况,园区规划体系,管理机构设置,安全监管体系,环境监测体系健全,信息报送及时准确,省级认定数,国家级认定数,一票否决,否决原因";

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut s = String::from("标题行\n");
    s.push_str(HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

#[test]
fn numbers_in_every_office_spelling() {
    let scheme = Scheme::chifeng_2020();
    let bytes = csv(&[
        "甲园区,\"1,234.56\", 12.5 ,１２.５,12.5%,—,-,,100,3,2,1,1,1,0,0,3,2,2,3,1,1,1,1,,,,",
    ]);
    let v = validate(
        &read(&bytes, "a.csv", None, &Scheme::chifeng_2020()).unwrap(),
        &scheme,
    );
    let errors: Vec<String> = v
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let p = v.dataset.park("甲园区").unwrap();
    assert_eq!(p.value(&id("new_output_value")), Some(d("1234.56")));
    assert_eq!(p.value(&id("output_growth")), Some(d("12.5")));
    assert_eq!(p.value(&id("tax_total")), Some(d("12.5")));
    assert_eq!(p.value(&id("tax_growth")), Some(d("12.5")));
    // —, - and blank are missing, not zero.
    assert_eq!(p.value(&id("employment_growth")), None);
    assert_eq!(p.value(&id("output_per_mu")), None);
    assert_eq!(p.value(&id("investment_per_mu")), None);
    assert_eq!(p.provincial_recognitions, 0);
    assert!(p.veto.is_none());
}

fn one_error(v: &parkscore::import::Validated, needle: &str) -> parkscore::Issue {
    let found: Vec<_> = v
        .issues
        .iter()
        .filter(|i| i.is_error() && i.message.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle}: {:#?}", v.issues);
    found[0].clone()
}

#[test]
fn errors_are_located_and_say_what_was_expected() {
    let scheme = Scheme::chifeng_2020();
    let bytes = csv(&[
        "甲园区,12..5,1,1,1,1,1,1,1,1,1,1,1,1,-1,1.5,3.5,2,2,3,1,1,1,1,0.5,0,可能,",
        "乙园区,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3,2,2,3,1,1,1,1,0,0,是,重特大安全生产事故",
        "甲园区,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3,2,2,3,1,1,1,1,0,0,否,",
        "合计,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,3,2,2,3,1,1,1,1,0,0,,",
    ]);
    let v = validate(
        &read(&bytes, "a.csv", None, &Scheme::chifeng_2020()).unwrap(),
        &scheme,
    );

    let text = one_error(&v, "不是数字");
    assert_eq!(text.location.file.as_deref(), Some("a.csv"));
    assert_eq!(text.location.row, Some(3));
    assert_eq!(
        text.location.column.as_deref(),
        Some("新增工业总产值（亿元）")
    );
    assert_eq!(text.location.park.as_deref(), Some("甲园区"));
    assert_eq!(text.raw.as_deref(), Some("12..5"));
    assert!(text.expected.as_deref().unwrap().contains("亿元"));

    let above = one_error(&v, "超出本项分值范围");
    assert_eq!(
        above.location.column.as_deref(),
        Some("园区规划环评执行情况")
    );
    assert_eq!(above.raw.as_deref(), Some("3.5"));
    assert!(above.message.contains("最高 3 分"));

    let counts: Vec<_> = v
        .issues
        .iter()
        .filter(|i| i.message.contains("户数应为非负整数"))
        .collect();
    assert_eq!(counts.len(), 2, "-1 and 1.5");
    one_error(&v, "认定数应为非负整数");
    let flag = one_error(&v, "一票否决只能填");
    assert_eq!(flag.raw.as_deref(), Some("可能"));

    let dup = one_error(&v, "园区名称重复");
    assert_eq!(dup.location.row, Some(5));
    assert!(dup.message.contains("第 3 行"));

    let total = v
        .issues
        .iter()
        .find(|i| i.message.contains("合计"))
        .unwrap();
    assert_eq!(total.severity, Severity::Info);
    assert_eq!(total.location.row, Some(6));

    assert_eq!(v.dataset.parks.len(), 2);
    let yi = v.dataset.park("乙园区").unwrap();
    assert_eq!(
        yi.veto.as_ref().unwrap().reason.as_deref(),
        Some("重特大安全生产事故")
    );
    // Errors come first.
    let first_non_error = v
        .issues
        .iter()
        .position(|i| !i.is_error())
        .unwrap_or(v.issues.len());
    assert!(v.issues[first_non_error..].iter().all(|i| !i.is_error()));
}

#[test]
fn all_missing_columns_at_once_and_unknown_columns_listed() {
    let scheme = Scheme::chifeng_2020();
    let bytes = "园区名称,新增工业总产值,工业总产值增速,备用列\n东山园区,1,2,x\n".as_bytes();
    let v = validate(
        &read(bytes, "b.csv", None, &Scheme::chifeng_2020()).unwrap(),
        &scheme,
    );
    let missing: Vec<_> = v
        .issues
        .iter()
        .filter(|i| i.is_error() && i.message.starts_with("缺少必需的列"))
        .collect();
    // 23 indicators, 2 present: 21 missing, all reported.
    assert_eq!(missing.len(), 21);
    let unknown: Vec<_> = v
        .issues
        .iter()
        .filter(|i| i.message.contains("未识别的列"))
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].severity, Severity::Info);
    assert_eq!(unknown[0].location.column.as_deref(), Some("备用列"));
}

#[test]
fn units_in_headers_are_converted() {
    let scheme = Scheme::chifeng_2020();
    let bytes = "园区名称,新增工业总产值（万元）,上缴税金总额(亿元)\n东山园区,\"386,000\",9.82\n"
        .as_bytes();
    let v = validate(
        &read(bytes, "c.csv", None, &Scheme::chifeng_2020()).unwrap(),
        &scheme,
    );
    let p = v.dataset.park("东山园区").unwrap();
    // 386000 万元 ÷ 10000 = 38.6 亿元
    assert_eq!(p.value(&id("new_output_value")), Some(d("38.6")));
    assert!(v.issues.iter().any(|i| i.severity == Severity::Info
        && i.message.contains("万元")
        && i.message.contains("÷ 10000")));
}

#[test]
fn refuses_what_is_not_a_spreadsheet() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let issue = read(png, "截图.png", None, &Scheme::chifeng_2020()).unwrap_err();
    assert!(
        issue.message.contains("截图.png") && issue.message.contains("PNG"),
        "{issue}"
    );
    assert!(issue.expected.unwrap().contains(".xlsx"));
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    assert!(read(pdf, "a.pdf", None, &Scheme::chifeng_2020())
        .unwrap_err()
        .message
        .contains("PDF"));
    let empty = read(b"", "空.csv", None, &Scheme::chifeng_2020()).unwrap_err();
    assert!(empty.message.contains("空"), "{empty}");
    let big = vec![b'a'; parkscore::import::MAX_FILE_BYTES + 1];
    assert!(read(&big, "big.csv", None, &Scheme::chifeng_2020())
        .unwrap_err()
        .message
        .contains("超过上限"));
}
