//! The templates per department (附件2's 负责单位): each has exactly its department's columns,
//! reads back through the ordinary import (the header found under the title and the form
//! fields, the fields never a park, a 填报日期 never the year evaluated), and gives back the
//! values typed into it. Filled the way a user fills them: the template's own cells kept where
//! they are, figures typed as numbers, the fields filled in.
//!
//! Until the bureaus' files are merged, a department's file lacks the other departments'
//! columns: strict validation reports each of those as 缺少必需的列 — and nothing else.

use parkscore::export::template::{
    template_bytes, template_csv, template_headers, template_xlsx, Column, Template, TemplateError,
    TemplateFor, TemplateFormat, DATA_SHEET, FIELD_LABELS, GUIDE_SHEET,
};
use parkscore::import::{self, RawTable, ValidateOptions, Validated};
use parkscore::{evaluate, Dataset, Options, Scheme};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::collections::BTreeSet;

/// The bytes of `tests/data/import/<name>`.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample() -> Dataset {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(parkscore::sample::sample_csv(), "sample.csv", None, &scheme).unwrap();
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    validated.dataset
}

fn department(scheme: &Scheme, name: &str) -> Vec<String> {
    Template::new(scheme, TemplateFor::Department(name))
        .unwrap()
        .headers()
}

#[test]
fn each_department_has_exactly_its_columns() {
    let scheme = Scheme::chifeng_2020();
    // By hand from chifeng-2020.toml: 科技创新 is 市科技局's alone.
    assert_eq!(
        department(&scheme, "市科技局"),
        [
            "园区名称",
            "园区内新增高新技术企业数（户）",
            "园区内新增省级以上研发机构数（户）"
        ]
    );
    // 管理水平 (5 assessed scores), and the veto.
    assert_eq!(
        department(&scheme, "市应急管理局"),
        [
            "园区名称",
            "园区规划体系（分）",
            "管理机构设置（分）",
            "安全监管体系（分）",
            "环境监测体系健全（分）",
            "信息报送及时准确（分）",
            "一票否决",
            "否决原因"
        ]
    );
    // 效益指标 only.
    assert_eq!(
        department(&scheme, "市自然资源局"),
        [
            "园区名称",
            "建成区亩均工业总产值（万元/亩）",
            "建成区亩均固定资产投资（万元/亩）",
            "建成区亩均税收（万元/亩）"
        ]
    );
    // 招商引资: all three, 工业固定资产投资增速 included (the group's departments decide).
    assert_eq!(
        department(&scheme, "市区域经济合作局"),
        [
            "园区名称",
            "当年招商引资项目数量（亿元）",
            "园区主导产业的产业链延伸企业(项目)引入数（户）",
            "工业固定资产投资增速（%）"
        ]
    );
    // 市工信局: 总量 5 + 效益 3 + 招商 3 + 基础设施 2 + 管理 5 = 18 indicators, and the bonus
    // columns but not the veto.
    let it = department(&scheme, "市工信局");
    assert_eq!(it.len(), 1 + 18 + 2);
    assert_eq!(it[1], "新增工业总产值（亿元）");
    assert_eq!(it[13], "新增基础设施建设投资总额（亿元）");
    assert_eq!(it[14], "园区规划体系（分）");
    assert_eq!(&it[19..], ["省级认定数", "国家级认定数"]);
    // 市统计局: 总量 5 + 效益 3 + 招商 3.
    assert_eq!(department(&scheme, "市统计局").len(), 1 + 11);
    // 市生态环境局: 绿色 3 + 管理 5, and the veto.
    let eco = department(&scheme, "市生态环境局");
    assert_eq!(eco.len(), 1 + 8 + 2);
    assert_eq!(eco[1], "园区规划环评执行情况（分）");
    assert_eq!(&eco[9..], ["一票否决", "否决原因"]);

    // The same header text as the full template, in the full template's order; and every
    // column of the full template is some department's.
    let full = template_headers(&scheme);
    let mut covered = BTreeSet::new();
    for d in scheme.departments() {
        let headers = department(&scheme, d);
        let positions: Vec<usize> = headers
            .iter()
            .map(|h| {
                full.iter()
                    .position(|f| f == h)
                    .expect("a full-template header")
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{d}: {headers:?}"
        );
        covered.extend(headers);
    }
    assert_eq!(covered.len(), full.len());
}

#[test]
fn an_unknown_department_is_a_typed_error() {
    let scheme = Scheme::chifeng_2020();
    for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
        match template_bytes(&scheme, TemplateFor::Department("科技局"), format) {
            Err(TemplateError::UnknownDepartment { name, known }) => {
                assert_eq!(name, "科技局");
                assert_eq!(known, scheme.departments());
            }
            other => panic!("{format:?}: {other:?}"),
        }
    }
    // Spaces around a name are not part of it.
    assert!(template_xlsx(&scheme, TemplateFor::Department(" 市科技局\u{3000}")).is_ok());
}

/// Where a template's rows are, as the import reads them.
struct Read {
    table: RawTable,
    validated: Validated,
}

fn read_strict(bytes: &[u8], file_name: &str) -> Read {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(bytes, file_name, None, &scheme).expect("the template reads");
    let validated = import::validate_with(&table, &scheme, &ValidateOptions::default());
    Read { table, validated }
}

/// The errors a department's file must have, and only those: every indicator it lacks.
fn missing_columns(scheme: &Scheme, template: &Template<'_>) -> BTreeSet<String> {
    let mine: BTreeSet<&str> = template.indicators().map(|i| i.id.as_str()).collect();
    scheme
        .indicators()
        .filter(|i| !mine.contains(i.id.as_str()))
        .map(|i| format!("缺少必需的列「{}」", i.name))
        .collect()
}

fn errors(v: &Validated) -> BTreeSet<String> {
    v.issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.message.clone())
        .collect()
}

/// What each template column should match on import (`ColumnMatch::target`).
fn targets(template: &Template<'_>) -> Vec<String> {
    template
        .columns()
        .iter()
        .map(|c| match c {
            Column::Name => "name".to_owned(),
            Column::Indicator(i) => i.id.as_str().to_owned(),
            Column::Provincial => "provincial".to_owned(),
            Column::National => "national".to_owned(),
            Column::Veto => "veto".to_owned(),
            Column::VetoReason => "veto_reason".to_owned(),
        })
        .collect()
}

#[test]
fn every_department_template_reads_back_with_exactly_its_columns() {
    let scheme = Scheme::chifeng_2020();
    for d in scheme.departments() {
        let template = Template::new(&scheme, TemplateFor::Department(d)).unwrap();
        for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
            let bytes = template_bytes(&scheme, TemplateFor::Department(d), format).unwrap();
            let r = read_strict(&bytes, &template.file_name(format));
            let what = format!("{d} {format:?}");
            if format == TemplateFormat::Xlsx {
                assert_eq!(r.table.sheet.as_deref(), Some(DATA_SHEET), "{what}");
                assert_eq!(r.table.sheets, [DATA_SHEET, GUIDE_SHEET], "{what}");
            }
            // The header under the title and the fields, at the row the template says.
            let at = r.validated.header_row.expect("a header");
            assert_eq!(
                r.table.rows[at].number as usize,
                template.header_row() + 1,
                "{what}"
            );
            assert_eq!(r.table.rows[at].cells, template.headers(), "{what}");
            let got: Vec<&str> = r
                .validated
                .columns
                .iter()
                .map(|c| c.target.as_str())
                .collect();
            assert_eq!(got, targets(&template), "{what}");
            // The 14 units, in order, and nothing else: no field row became a park.
            let parks: Vec<&str> = r
                .validated
                .dataset
                .parks
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(parks, scheme.units, "{what}");
            assert_eq!(r.validated.dataset.year, None, "{what}");
            assert_eq!(
                errors(&r.validated),
                missing_columns(&scheme, &template),
                "{what}"
            );
        }
    }
}

/// A cell as a user leaves it.
#[derive(Clone, Debug)]
enum Cell {
    Text(String),
    Number(f64),
    /// A date typed into Excel (stored as a date serial with a date format).
    Date(u16, u8, u8),
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// The template's cells as read, one row a line (row numbers kept), to be filled in.
fn grid(table: &RawTable) -> Vec<Vec<Option<Cell>>> {
    let height = table.rows.last().map_or(0, |r| r.number as usize);
    let mut grid = vec![Vec::new(); height];
    for row in &table.rows {
        grid[row.number as usize - 1] = row
            .cells
            .iter()
            .map(|c| (!c.is_empty()).then(|| text(c)))
            .collect();
    }
    grid
}

fn put(grid: &mut [Vec<Option<Cell>>], row: usize, col: usize, cell: Cell) {
    let line = &mut grid[row];
    if line.len() <= col {
        line.resize(col + 1, None);
    }
    line[col] = Some(cell);
}

/// Fills the template's grid: the four fields (the cell right of each label) with `fields`,
/// and each unit's row with `data`'s figures for the template's columns. A park in `vetoed`
/// gets 是 and the reason.
fn fill(
    grid: &mut [Vec<Option<Cell>>],
    template: &Template<'_>,
    data: &Dataset,
    fields: &[Cell; 4],
    vetoed: &[(&str, &str)],
) {
    let header = template.header_row();
    for row in 0..header {
        for (label, value) in FIELD_LABELS.iter().zip(fields) {
            let at = grid[row]
                .iter()
                .position(|c| matches!(c, Some(Cell::Text(t)) if t == label));
            if let Some(col) = at {
                put(grid, row, col + 1, value.clone());
            }
        }
    }
    let columns = template.columns();
    for row in header + 1..grid.len() {
        let Some(Some(Cell::Text(name))) = grid[row].first().cloned() else {
            continue;
        };
        let park = data.park(&name).expect("a sample park");
        let veto = vetoed.iter().find(|(p, _)| *p == name);
        for (col, column) in columns.iter().enumerate() {
            let cell = match column {
                Column::Name => continue,
                Column::Indicator(i) => {
                    Cell::Number(park.value(&i.id).expect("complete").to_f64().unwrap())
                }
                Column::Provincial => Cell::Number(f64::from(park.provincial_recognitions)),
                Column::National => Cell::Number(f64::from(park.national_recognitions)),
                Column::Veto => text(if veto.is_some() { "是" } else { "否" }),
                Column::VetoReason => match veto {
                    Some((_, reason)) => text(reason),
                    None => continue,
                },
            };
            put(grid, row, col, cell);
        }
    }
}

/// The grid as the 数据 sheet of a workbook (with a 填报说明 sheet after it, as in the template).
fn to_xlsx(grid: &[Vec<Option<Cell>>], guide: &RawTable) -> Vec<u8> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name(DATA_SHEET).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, line) in grid.iter().enumerate() {
        for (c, cell) in line.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                None => {}
                Some(Cell::Text(t)) => {
                    sheet.write_string(r, c, t).unwrap();
                }
                Some(Cell::Number(n)) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                Some(Cell::Date(y, m, d)) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .unwrap();
                }
            }
        }
    }
    let sheet = wb.add_worksheet();
    sheet.set_name(GUIDE_SHEET).unwrap();
    for row in &guide.rows {
        for (c, cell) in row.cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(row.number - 1, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The grid as CSV text with a BOM (every cell as typed; a date as 2021-03-15).
fn to_csv(grid: &[Vec<Option<Cell>>]) -> Vec<u8> {
    let mut out = String::from('\u{feff}');
    for line in grid {
        let cells: Vec<String> = line
            .iter()
            .map(|c| match c {
                None => String::new(),
                Some(Cell::Text(t)) => t.clone(),
                Some(Cell::Number(n)) => n.to_string(),
                Some(Cell::Date(y, m, d)) => format!("{y}-{m:02}-{d:02}"),
            })
            .collect();
        assert!(cells.iter().all(|c| !c.contains([',', '"'])));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The template `which` filled with the sample's figures and `fields`, as `format`.
fn filled(
    which: TemplateFor<'_>,
    format: TemplateFormat,
    fields: &[Cell; 4],
    vetoed: &[(&str, &str)],
) -> Vec<u8> {
    let scheme = Scheme::chifeng_2020();
    let template = Template::new(&scheme, which).unwrap();
    let bytes = template_bytes(&scheme, which, format).unwrap();
    let table = import::read(&bytes, "t", None, &scheme).unwrap();
    let mut g = grid(&table);
    fill(&mut g, &template, &sample(), fields, vetoed);
    match format {
        TemplateFormat::Xlsx => {
            let guide = import::read(&bytes, "t.xlsx", Some(GUIDE_SHEET), &scheme).unwrap();
            to_xlsx(&g, &guide)
        }
        TemplateFormat::Csv => to_csv(&g),
    }
}

fn usual_fields() -> [Cell; 4] {
    [
        text("赤峰市科学技术局"),
        text("张三"),
        Cell::Number(13_904_761_234.0),
        text("2021年3月15日"),
    ]
}

#[test]
fn a_filled_department_template_gives_back_the_values_typed() {
    let scheme = Scheme::chifeng_2020();
    let data = sample();
    let vetoed = [("元宝山园区", "重特大安全生产事故")];
    for d in ["市科技局", "市生态环境局", "市工信局", "市应急管理局"] {
        let which = TemplateFor::Department(d);
        let template = Template::new(&scheme, which).unwrap();
        for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
            let what = format!("{d} {format:?}");
            let bytes = filled(which, format, &usual_fields(), &vetoed);
            let r = read_strict(&bytes, &template.file_name(format));
            // Only the other departments' columns are missing; nothing else is wrong.
            assert_eq!(
                errors(&r.validated),
                missing_columns(&scheme, &template),
                "{what}"
            );
            let at = r.validated.header_row.unwrap();
            assert_eq!(
                r.table.rows[at].number as usize,
                template.header_row() + 1,
                "{what}"
            );
            let got: Vec<&str> = r
                .validated
                .columns
                .iter()
                .map(|c| c.target.as_str())
                .collect();
            assert_eq!(got, targets(&template), "{what}");
            // 填报日期 2021年3月15日 is not the year evaluated; the fields are no park.
            assert_eq!(r.validated.dataset.year, None, "{what}");
            let parks = &r.validated.dataset.parks;
            let names: Vec<&str> = parks.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, scheme.units, "{what}");
            for park in parks {
                let typed = data.park(park.name.as_str()).unwrap();
                // Exactly the department's indicators, each the value typed.
                let ids: Vec<&str> = park.values.iter().map(|(id, _)| id.as_str()).collect();
                let mut mine: Vec<&str> = template.indicators().map(|i| i.id.as_str()).collect();
                mine.sort_unstable();
                assert_eq!(ids, mine, "{what} {}", park.name);
                for indicator in template.indicators() {
                    assert_eq!(
                        park.value(&indicator.id),
                        typed.value(&indicator.id),
                        "{what} {} {}",
                        park.name,
                        indicator.name
                    );
                }
                let bonus = template.has_bonus();
                assert_eq!(
                    (park.provincial_recognitions, park.national_recognitions),
                    if bonus {
                        (typed.provincial_recognitions, typed.national_recognitions)
                    } else {
                        (0, 0)
                    },
                    "{what} {}",
                    park.name
                );
                let veto = park.veto.as_ref().map(|v| v.reason.as_deref());
                let expected = (template.has_veto() && park.name.as_str() == "元宝山园区")
                    .then_some(Some("重特大安全生产事故"));
                assert_eq!(veto, expected, "{what} {}", park.name);
            }
        }
    }
    // By hand, from the sample: 东山园区 3 高新技术企业 and 2 研发机构; 红山园区 4 and 3.
    let bytes = filled(
        TemplateFor::Department("市科技局"),
        TemplateFormat::Xlsx,
        &usual_fields(),
        &[],
    );
    let r = read_strict(&bytes, "科技局.xlsx");
    let parks = &r.validated.dataset.parks;
    let counts = |i: usize| {
        let p = &parks[i];
        (
            p.value(&"new_hightech_enterprises".into())
                .unwrap()
                .to_string(),
            p.value(&"new_rd_institutions".into()).unwrap().to_string(),
        )
    };
    assert_eq!(parks[0].name.as_str(), "东山园区");
    assert_eq!(counts(0), ("3".to_owned(), "2".to_owned()));
    assert_eq!(parks[1].name.as_str(), "红山园区");
    assert_eq!(counts(1), ("4".to_owned(), "3".to_owned()));
}

#[test]
fn the_date_of_filling_in_is_never_the_year_evaluated() {
    let scheme = Scheme::chifeng_2020();
    let tech = TemplateFor::Department("市科技局");
    let dates = [
        text("2021年3月15日"),
        text("2021-03-15"),
        Cell::Date(2021, 3, 15),
        text("2021年"),
    ];
    let phones = [Cell::Number(13_904_761_234.0), text("0476-8333333")];
    for (date, phone) in dates.iter().zip(phones.iter().cycle()) {
        for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
            let fields = [text("市科技局"), text("李四"), phone.clone(), date.clone()];
            let bytes = filled(tech, format, &fields, &[]);
            let r = read_strict(&bytes, &format!("t.{}", format.extension()));
            let what = format!("{date:?} {phone:?} {format:?}");
            assert_eq!(r.validated.dataset.year, None, "{what}");
            assert_eq!(r.validated.dataset.parks.len(), 14, "{what}");
            assert_eq!(
                r.validated.dataset.parks[0].name.as_str(),
                "东山园区",
                "{what}"
            );
            let template = Template::new(&scheme, tech).unwrap();
            assert_eq!(
                errors(&r.validated),
                missing_columns(&scheme, &template),
                "{what}"
            );
        }
    }
    // The title still gives the year when the user writes it there, whatever the date says.
    let template = Template::new(&scheme, tech).unwrap();
    let bytes = template_xlsx(&scheme, tech).unwrap();
    let table = import::read(&bytes, "t.xlsx", None, &scheme).unwrap();
    assert_eq!(
        table.rows[0].cells,
        ["赤峰市工业园区综合发展评价考核数据填报表（市科技局）"]
    );
    let mut g = grid(&table);
    g[0] = vec![Some(text(
        "2020年度赤峰市工业园区综合发展评价考核数据填报表（市科技局）",
    ))];
    fill(&mut g, &template, &sample(), &usual_fields(), &[]);
    let guide = import::read(&bytes, "t.xlsx", Some(GUIDE_SHEET), &scheme).unwrap();
    let r = read_strict(&to_xlsx(&g, &guide), "t.xlsx");
    assert_eq!(r.validated.dataset.year, Some(2020));
}

#[test]
fn the_full_template_filled_in_its_own_layout_scores_like_the_sample() {
    let scheme = Scheme::chifeng_2020();
    let data = sample();
    let from_csv = evaluate(&scheme, &data, &Options::default()).unwrap();
    let totals = |e: &parkscore::Evaluation| -> Vec<(String, u32, String)> {
        e.parks
            .iter()
            .map(|p| (p.name.0.clone(), p.rank, p.total.to_string()))
            .collect()
    };
    let template = Template::new(&scheme, TemplateFor::All).unwrap();
    // 28 columns: the four fields in one row, the header third.
    assert_eq!(template.header_row(), 2);
    for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
        let bytes = filled(TemplateFor::All, format, &usual_fields(), &[]);
        let r = read_strict(&bytes, &template.file_name(format));
        assert!(
            !r.validated.has_errors(),
            "{format:?}: {:?}",
            r.validated.issues
        );
        assert_eq!(r.validated.header_row, Some(2), "{format:?}");
        assert_eq!(r.validated.columns.len(), 28, "{format:?}");
        assert_eq!(r.validated.dataset.year, None, "{format:?}");
        for (a, b) in data.parks.iter().zip(&r.validated.dataset.parks) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.values, b.values, "{format:?} {}", a.name);
        }
        let scored = evaluate(&scheme, &r.validated.dataset, &Options::default()).unwrap();
        assert_eq!(totals(&scored), totals(&from_csv), "{format:?}");
        assert_eq!(scored.parks.len(), 14, "{format:?}");
    }
}

#[test]
fn the_csv_template_starts_with_its_title_and_fields() {
    let scheme = Scheme::chifeng_2020();
    let bytes = template_csv(&scheme, TemplateFor::Department("市科技局")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    // 3 columns: one field a row.
    assert_eq!(
        &lines[..7],
        [
            "\u{feff}赤峰市工业园区综合发展评价考核数据填报表（市科技局）",
            "填报单位：,,",
            "填报人：,,",
            "联系电话：,,",
            "填报日期：,,",
            "园区名称,园区内新增高新技术企业数（户）,园区内新增省级以上研发机构数（户）",
            "东山园区,,",
        ]
    );
    assert_eq!(
        lines.len(),
        1 + 4 + 1 + 14 + 1,
        "the last line ends with CRLF"
    );
    let text = String::from_utf8(template_csv(&scheme, TemplateFor::All).unwrap()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[1],
        format!(
            "填报单位：,,填报人：,,联系电话：,,填报日期：{}",
            ",".repeat(21)
        )
    );
    assert!(lines[2].starts_with("园区名称,新增工业总产值（亿元）,"));
}

/// A 市科技局 template made by `parkscore template --department 市科技局` and filled in
/// LibreOffice's way by openpyxl (`tests/data/import/src/make-department-template.py`): the
/// fields filled (the phone a number, 填报日期 a real date cell), the figures typed as numbers.
#[test]
fn a_department_template_filled_by_openpyxl_reads_back() {
    let scheme = Scheme::chifeng_2020();
    let template = Template::new(&scheme, TemplateFor::Department("市科技局")).unwrap();
    let bytes = fixture("template-tech-filled.xlsx");
    let r = read_strict(
        &bytes,
        "赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx",
    );
    assert_eq!(r.table.sheet.as_deref(), Some(DATA_SHEET));
    assert_eq!(errors(&r.validated), missing_columns(&scheme, &template));
    assert_eq!(
        r.validated.header_row.map(|i| r.table.rows[i].number),
        Some(6)
    );
    assert_eq!(r.validated.dataset.year, None);
    let got: Vec<(&str, String, String)> = r
        .validated
        .dataset
        .parks
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.value(&"new_hightech_enterprises".into())
                    .map_or("—".to_owned(), |v| v.to_string()),
                p.value(&"new_rd_institutions".into())
                    .map_or("—".to_owned(), |v| v.to_string()),
            )
        })
        .collect();
    // As the script types them: park i (0-based) gets i % 5 and (i + 2) % 4; 安庆园区 (i = 3)
    // is left blank for 研发机构.
    assert_eq!(got.len(), 14);
    assert_eq!(got[0], ("东山园区", "0".to_owned(), "2".to_owned()));
    assert_eq!(got[1], ("红山园区", "1".to_owned(), "3".to_owned()));
    assert_eq!(got[2], ("元宝山园区", "2".to_owned(), "0".to_owned()));
    assert_eq!(got[3], ("安庆园区", "3".to_owned(), "—".to_owned()));
    assert_eq!(
        got[13],
        ("红山绿色食品产业园区", "3".to_owned(), "3".to_owned())
    );
}

/// Every template's 填报说明 names the scheme with its fingerprint (the full template and a
/// department's), so that the office can see the departments filled templates of the same
/// rules; a preset's names its own.
#[test]
fn the_guide_names_the_scheme_with_its_fingerprint() {
    let chifeng = Scheme::chifeng_2020();
    let huaian = parkscore::scheme::presets::preset("huaian-2024")
        .unwrap()
        .scheme()
        .unwrap();
    for (scheme, which) in [
        (&chifeng, TemplateFor::All),
        (&chifeng, TemplateFor::Department("市科技局")),
        (&huaian, TemplateFor::All),
    ] {
        let bytes = template_bytes(scheme, which, TemplateFormat::Xlsx).unwrap();
        let guide = import::read(&bytes, "t.xlsx", Some(GUIDE_SHEET), scheme).unwrap();
        let line = format!(
            "评分方案：{}（指纹 {}）。各负责单位的模板应出自同一方案（指纹相同）。",
            scheme.name,
            scheme.fingerprint()
        );
        assert!(
            guide.rows.iter().any(|r| r.cells.contains(&line)),
            "{which:?}: {:?}",
            guide.rows.iter().take(4).collect::<Vec<_>>()
        );
    }
}
