//! The import template: what `template_xlsx` and `template_csv` write reads back through the
//! ordinary import, and a template filled with the sample's figures scores exactly like the
//! sample CSV.

use parkscore::export::template::{
    template_csv, template_headers, template_xlsx, TemplateFor, DATA_SHEET,
};
use parkscore::import::{self, Format};
use parkscore::scoring::Evaluation;
use parkscore::{evaluate, Dataset, Options, Scheme};
use rust_decimal::prelude::ToPrimitive;

fn sample() -> Dataset {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(
        parkscore::sample::sample_csv(),
        "sample.csv",
        None,
        &Scheme::chifeng_2020(),
    )
    .unwrap();
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    validated.dataset
}

fn totals(e: &Evaluation) -> Vec<(String, u32, String)> {
    e.parks
        .iter()
        .map(|p| (p.name.0.clone(), p.rank, p.total.to_string()))
        .collect()
}

#[test]
fn xlsx_template_reads_back_with_every_column_and_the_14_units() {
    let scheme = Scheme::chifeng_2020();
    let bytes = template_xlsx(&scheme, TemplateFor::All).expect("template");
    let table = import::read(&bytes, "模板.xlsx", None, &Scheme::chifeng_2020())
        .expect("the template reads");
    assert_eq!(table.format, Format::Xlsx);
    assert_eq!(table.sheet.as_deref(), Some(DATA_SHEET));
    assert_eq!(table.sheets, vec!["数据".to_owned(), "填报说明".to_owned()]);
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    // The title, the row of the four fields, then the header.
    assert_eq!(validated.header_row, Some(2));
    assert_eq!(
        table.rows[1].cells,
        [
            "填报单位：",
            "",
            "填报人：",
            "",
            "联系电话：",
            "",
            "填报日期："
        ]
    );
    assert_eq!(
        validated.dataset.year, None,
        "the scheme's name names no year"
    );
    // Every header matched something: 园区名称 + 23 indicators + 4 extra columns = 28.
    assert_eq!(validated.columns.len(), 28, "{:?}", validated.columns);
    let names: Vec<&str> = validated
        .dataset
        .parks
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names.len(), 14);
    assert_eq!(names[0], "东山园区");
    assert!(names.contains(&"内蒙古林西工业园区"));
    // Nothing is filled in: scoring refuses, naming the missing values (14 parks × 23).
    let missing = evaluate(&scheme, &validated.dataset, &Options::default()).unwrap_err();
    assert_eq!(missing.len(), 14 * 23);
}

#[test]
fn csv_template_has_a_bom_and_reads_back() {
    let scheme = Scheme::chifeng_2020();
    let bytes = template_csv(&scheme, TemplateFor::All).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(
        text.lines().count(),
        17,
        "a title, the fields, a header and 14 units"
    );
    assert!(text.contains("新增工业总产值（亿元）"));
    assert!(text.contains("园区规划体系（分）"));
    let table = import::read(&bytes, "模板.csv", None, &Scheme::chifeng_2020()).unwrap();
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    assert_eq!(validated.header_row, Some(2));
    assert_eq!(validated.dataset.parks.len(), 14);
}

/// Writes the template's data-sheet layout (`template_headers`) filled with `data`, as a user
/// fills the template in Excel: numbers as numbers, 一票否决 as 是/否.
fn filled(scheme: &Scheme, data: &Dataset) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name(DATA_SHEET).unwrap();
    let headers = template_headers(scheme);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let indicators: Vec<_> = scheme.indicators().collect();
    for (r, park) in data.parks.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, park.name.as_str()).unwrap();
        for (c, ind) in indicators.iter().enumerate() {
            let v = park.value(&ind.id).expect("the sample is complete");
            sheet
                .write_number(row, c as u16 + 1, v.to_f64().unwrap())
                .unwrap();
        }
        let extra = indicators.len() as u16 + 1;
        sheet
            .write_number(row, extra, f64::from(park.provincial_recognitions))
            .unwrap();
        sheet
            .write_number(row, extra + 1, f64::from(park.national_recognitions))
            .unwrap();
        sheet
            .write_string(
                row,
                extra + 2,
                if park.veto.is_some() { "是" } else { "否" },
            )
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_filled_template_scores_like_the_csv_it_was_filled_from() {
    let scheme = Scheme::chifeng_2020();
    let data = sample();
    let from_csv = evaluate(&scheme, &data, &Options::default()).unwrap();

    let bytes = filled(&scheme, &data);
    let table = import::read(&bytes, "填好的模板.xlsx", None, &Scheme::chifeng_2020()).unwrap();
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    // The same figures, exactly: the doubles Excel stores come back as the decimals typed.
    for (a, b) in data.parks.iter().zip(&validated.dataset.parks) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.values, b.values, "{}", a.name);
    }
    let from_xlsx = evaluate(&scheme, &validated.dataset, &Options::default()).unwrap();
    assert_eq!(totals(&from_xlsx), totals(&from_csv));
    assert_eq!(from_xlsx.parks.len(), 14);
}
