//! The results report as an .xlsx workbook, for the people who file it: five sheets.
//!
//! - **总表**: title with the year, source and date, the ranking (rank, park, the 7 group
//!   subtotals, bonus, total, award), the vetoed parks with their reason, the award money and
//!   the reading used;
//! - **分项得分**: every indicator's score per park;
//! - **原始数据**: the table as imported (the user's edits included), so the workbook can be
//!   read back: `parkscore score report.xlsx` finds this sheet (it is the only one whose
//!   header has a park-name column such as 园区名称; the others say 参评园区) and gives the
//!   same totals under the same reading;
//! - **计算说明**: every explanation, park by park and indicator by indicator;
//! - **口径**: the settings (the reading) and the scheme.
//!
//! Headers are bold on a tinted background and frozen; columns have widths that fit Chinese
//! text. Numbers are written as numbers (scores with two decimals). The only `f64`s here are
//! the ones the xlsx format stores, converted from exact decimals at the very end.

use crate::dataset::ParkName;
use crate::import::RawTable;
use crate::scheme::Scheme;
use crate::scoring::{Evaluation, MissingPolicy};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::fmt;
use std::str::FromStr;

/// What the report is made of, besides the evaluation itself.
#[derive(Clone, Copy, Debug)]
pub struct ReportContext<'a> {
    /// The rules the evaluation used.
    pub scheme: &'a Scheme,
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// The imported table (edits applied), for 原始数据; `None` leaves that sheet with a note.
    pub table: Option<&'a RawTable>,
    /// The year evaluated, for the title.
    pub year: Option<u16>,
    /// The date to print (`2026年11月28日`); the core reads no clock.
    pub date: Option<&'a str>,
    /// The park the user chose for the special award the scheme leaves open (园区公共服务平台).
    pub platform_choice: Option<&'a ParkName>,
    /// How many cells the user edited after importing.
    pub edited_cells: usize,
}

/// Why the workbook could not be written.
#[derive(Debug)]
pub struct ReportError(XlsxError);

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "无法生成 Excel 报告：{}", self.0)
    }
}

impl std::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl From<XlsxError> for ReportError {
    fn from(e: XlsxError) -> ReportError {
        ReportError(e)
    }
}

/// The report's title: `赤峰市工业园区综合发展评价考核结果（2020年度）` (`____年度` when the year
/// is unknown).
pub fn report_title(year: Option<u16>) -> String {
    let year = year.map_or_else(|| "____".to_owned(), |y| y.to_string());
    format!("赤峰市工业园区综合发展评价考核结果（{year}年度）")
}

/// The sheet names, in order.
pub const SHEETS: [&str; 5] = ["总表", "分项得分", "原始数据", "计算说明", "口径"];

/// The workbook's bytes.
pub fn report_xlsx(context: &ReportContext<'_>) -> Result<Vec<u8>, ReportError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    summary_sheet(workbook.add_worksheet(), context, &styles)?;
    scores_sheet(workbook.add_worksheet(), context, &styles)?;
    raw_sheet(workbook.add_worksheet(), context, &styles)?;
    explain_sheet(workbook.add_worksheet(), context, &styles)?;
    reading_sheet(workbook.add_worksheet(), context, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    score: Format,
    integer: Format,
    section: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0x00DD_EBF7))
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            text: border(Format::new()),
            wrap: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            score: border(Format::new().set_num_format("0.00")),
            integer: border(Format::new().set_num_format("0")),
            section: Format::new().set_bold().set_font_size(12),
        }
    }
}

/// A decimal as the `f64` xlsx stores; exact decimals of reports always fit.
fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    headers: &[String],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col_num(col), h, &styles.header)?;
    }
    Ok(())
}

/// A column index as xlsx numbers it; reports have far fewer than 16 384 columns.
fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// A row index as xlsx numbers it.
fn row_num(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

fn summary_sheet(
    sheet: &mut Worksheet,
    ctx: &ReportContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let eval = ctx.evaluation;
    sheet.set_name(SHEETS[0])?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);

    let mut headers: Vec<String> = vec!["名次".into(), "参评园区".into()];
    for g in &ctx.scheme.groups {
        headers.push(format!("{}（{}）", g.name, g.weight.normalize()));
    }
    headers.extend(["附加分".into(), "总分".into(), "奖励（万元）".into()]);
    let last_col = col_num(headers.len() - 1);

    sheet.merge_range(0, 0, 0, last_col, &report_title(ctx.year), &styles.title)?;
    let mut info = Vec::new();
    if let Some(src) = ctx.table.map(|t| t.source_line()) {
        info.push(format!("数据来源：{src}"));
    }
    if ctx.edited_cells > 0 {
        info.push(format!("导入后修改了 {} 个单元格", ctx.edited_cells));
    }
    if let Some(date) = ctx.date {
        info.push(format!("生成日期：{date}"));
    }
    info.push(format!("依据：{}", ctx.scheme.document));
    sheet.write_string(1, 0, info.join("；"))?;

    const HEAD: u32 = 3;
    header_row(sheet, HEAD, &headers, styles)?;
    sheet.set_freeze_panes(HEAD + 1, 2)?;
    sheet.set_row_height(HEAD, 36)?;
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 16)?;
    for col in 2..=last_col {
        sheet.set_column_width(col, 11)?;
    }

    let mut row = HEAD + 1;
    for (i, p) in eval.parks.iter().enumerate() {
        sheet.write_number_with_format(row, 0, p.rank, &styles.integer)?;
        sheet.write_string_with_format(row, 1, p.name.as_str(), &styles.text)?;
        let mut col = 2;
        for g in eval.groups_of(i) {
            sheet.write_number_with_format(row, col, number(g.score.value()), &styles.score)?;
            col += 1;
        }
        sheet.write_number_with_format(row, col, number(p.bonus.value()), &styles.score)?;
        sheet.write_number_with_format(row, col + 1, number(p.total.value()), &styles.score)?;
        match p.award_wan {
            Some(a) => sheet.write_number_with_format(row, col + 2, number(a), &styles.text)?,
            None => sheet.write_string_with_format(row, col + 2, "", &styles.text)?,
        };
        row += 1;
    }

    row += 1;
    if !eval.vetoed.is_empty() {
        sheet.write_string_with_format(row, 0, "不予评价考核（一票否决）", &styles.section)?;
        row += 1;
        for v in &eval.vetoed {
            let reason = v
                .veto
                .reason
                .as_deref()
                .unwrap_or("数据标注为一票否决（未写明原因）");
            sheet.write_string(row, 1, v.name.as_str())?;
            sheet.write_string(row, 2, reason)?;
            row += 1;
        }
        row += 1;
    }

    sheet.write_string_with_format(row, 0, "奖励资金", &styles.section)?;
    row += 1;
    for a in &eval.awards.places {
        sheet.write_string(row, 0, format!("第 {} 名", a.rank))?;
        sheet.write_string(row, 1, a.park.as_str())?;
        sheet.write_number(row, 2, number(a.amount_wan))?;
        sheet.write_string(row, 3, format!("万元　{}", a.explain()))?;
        row += 1;
    }
    for s in &eval.awards.special {
        let who = s.recipients_zh(ctx.platform_choice);
        sheet.write_string(row, 0, format!("专项：{}", s.name))?;
        sheet.write_string(row, 1, &who)?;
        sheet.write_number(row, 2, number(s.amount_wan))?;
        sheet.write_string(row, 3, format!("万元（建议）　{}", s.explain))?;
        row += 1;
    }

    row += 1;
    sheet.write_string_with_format(row, 0, "计分口径", &styles.section)?;
    row += 1;
    for line in &eval.reading.description_zh {
        sheet.write_string(row, 0, line)?;
        row += 1;
    }
    if !eval.notes.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, "说明", &styles.section)?;
        row += 1;
        for note in &eval.notes {
            sheet.write_string(row, 0, note.to_string())?;
            row += 1;
        }
    }
    Ok(())
}

fn scores_sheet(
    sheet: &mut Worksheet,
    ctx: &ReportContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEETS[1])?;
    sheet.set_landscape();
    let mut headers: Vec<String> = vec!["名次".into(), "参评园区".into()];
    for ind in ctx.scheme.indicators() {
        headers.push(format!("{}（{}分）", ind.name, ind.full.normalize()));
    }
    headers.extend(["附加分".into(), "总分".into()]);
    header_row(sheet, 0, &headers, styles)?;
    sheet.set_row_height(0, 72)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 16)?;
    for col in 2..col_num(headers.len()) {
        sheet.set_column_width(col, 12)?;
    }
    for (i, p) in ctx.evaluation.parks.iter().enumerate() {
        let row = row_num(i + 1);
        sheet.write_number_with_format(row, 0, p.rank, &styles.integer)?;
        sheet.write_string_with_format(row, 1, p.name.as_str(), &styles.text)?;
        let mut col = 2;
        for ind in ctx.scheme.indicators() {
            match ctx.evaluation.indicator(i, ind.id.as_str()) {
                Some(r) => sheet.write_number_with_format(
                    row,
                    col,
                    number(r.score.value()),
                    &styles.score,
                )?,
                None => sheet.write_string_with_format(row, col, "", &styles.text)?,
            };
            col += 1;
        }
        sheet.write_number_with_format(row, col, number(p.bonus.value()), &styles.score)?;
        sheet.write_number_with_format(row, col + 1, number(p.total.value()), &styles.score)?;
    }
    Ok(())
}

/// Whether `text` is written as a number: a plain decimal (`12`, `-3.5`) of at most 15
/// significant digits without a leading zero, which a spreadsheet reads back as the same text.
fn as_number(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac.is_empty())
        && !(int.len() > 1 && int.starts_with('0'))
        && !frac.ends_with('0');
    let significant = int.trim_start_matches('0').len() + frac.len();
    if !plain || significant > 15 || t != text {
        return None;
    }
    Decimal::from_str(t).ok()
}

fn raw_sheet(
    sheet: &mut Worksheet,
    ctx: &ReportContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEETS[2])?;
    let Some(table) = ctx.table else {
        sheet.write_string(0, 0, "（原始数据未随报告提供）")?;
        return Ok(());
    };
    let header = table
        .rows
        .iter()
        .position(|r| crate::import::looks_like_header_row(&r.cells));
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for (i, r) in table.rows.iter().enumerate() {
        let row = row_num(i);
        for (c, text) in r.cells.iter().enumerate() {
            let col = col_num(c);
            if Some(i) == header {
                sheet.write_string_with_format(row, col, text, &styles.header)?;
            } else if let Some(d) = as_number(text) {
                sheet.write_number(row, col, number(d))?;
            } else if !text.is_empty() {
                sheet.write_string(row, col, text)?;
            }
        }
    }
    if let Some(h) = header {
        sheet.set_freeze_panes(row_num(h + 1), 1)?;
        sheet.set_row_height(row_num(h), 48)?;
    }
    sheet.set_column_width(0, 16)?;
    for col in 1..col_num(width) {
        sheet.set_column_width(col, 13)?;
    }
    Ok(())
}

/// The parks whose every score the explanation sheet spells out: each takes a row per
/// indicator plus one, and a worksheet holds 1,048,576 rows.
const EXPLAINED_PARKS: usize = 20_000;

fn explain_sheet(
    sheet: &mut Worksheet,
    ctx: &ReportContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEETS[3])?;
    let headers: Vec<String> = [
        "参评园区",
        "一级指标",
        "二级指标",
        "数值",
        "名次",
        "得分",
        "满分",
        "计算过程",
    ]
    .map(String::from)
    .to_vec();
    header_row(sheet, 0, &headers, styles)?;
    sheet.set_freeze_panes(1, 1)?;
    for (col, w) in [16, 12, 30, 12, 7, 9, 7, 70].into_iter().enumerate() {
        sheet.set_column_width(col_num(col), w)?;
    }
    let mut row = 1;
    let parks = &ctx.evaluation.parks;
    for (i, p) in parks.iter().enumerate().take(EXPLAINED_PARKS) {
        for g in &ctx.scheme.groups {
            for ind in &g.indicators {
                let Some(r) = ctx.evaluation.indicator(i, ind.id.as_str()) else {
                    continue;
                };
                sheet.write_string_with_format(row, 0, p.name.as_str(), &styles.text)?;
                sheet.write_string_with_format(row, 1, &g.name, &styles.text)?;
                sheet.write_string_with_format(
                    row,
                    2,
                    format!("{}（{}）", ind.name, ind.unit),
                    &styles.wrap,
                )?;
                match r.value {
                    Some(v) => sheet.write_number_with_format(row, 3, number(v), &styles.text)?,
                    None => sheet.write_string_with_format(row, 3, "缺失", &styles.text)?,
                };
                match r.rank {
                    Some(k) => sheet.write_number_with_format(row, 4, k, &styles.integer)?,
                    None => sheet.write_string_with_format(row, 4, "", &styles.text)?,
                };
                sheet.write_number_with_format(row, 5, number(r.score.value()), &styles.score)?;
                sheet.write_number_with_format(row, 6, number(r.full), &styles.text)?;
                sheet.write_string_with_format(row, 7, r.explain(), &styles.wrap)?;
                row += 1;
            }
        }
        sheet.write_string_with_format(row, 0, p.name.as_str(), &styles.text)?;
        sheet.write_string_with_format(row, 1, "附加分", &styles.text)?;
        sheet.write_string_with_format(row, 2, "", &styles.text)?;
        sheet.write_string_with_format(row, 3, "", &styles.text)?;
        sheet.write_string_with_format(row, 4, "", &styles.text)?;
        sheet.write_number_with_format(row, 5, number(p.bonus.value()), &styles.score)?;
        sheet.write_string_with_format(row, 6, "", &styles.text)?;
        sheet.write_string_with_format(row, 7, ctx.evaluation.bonus_explain(i), &styles.wrap)?;
        row += 1;
    }
    if parks.len() > EXPLAINED_PARKS {
        sheet.write_string_with_format(
            row,
            0,
            format!(
                "本表列出前 {EXPLAINED_PARKS} 名园区的计算过程（共 {} 个）；各园区的得分见「{}」表",
                parks.len(),
                SHEETS[1]
            ),
            &styles.section,
        )?;
    }
    Ok(())
}

fn missing_zh(policy: MissingPolicy) -> &'static str {
    match policy {
        MissingPolicy::Error => "报错，不计分",
        MissingPolicy::Zero => "记 0 分",
        MissingPolicy::RankLast => "排最后一名（排序法），其他记 0 分",
    }
}

fn reading_sheet(
    sheet: &mut Worksheet,
    ctx: &ReportContext<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEETS[4])?;
    let reading = &ctx.evaluation.reading;
    header_row(sheet, 0, &["项目".to_owned(), "设置".to_owned()], styles)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 90)?;
    let mut rows: Vec<(String, String)> = vec![
        (
            "指标体系".into(),
            format!(
                "{}（{}，{}）",
                ctx.scheme.name, ctx.scheme.id, ctx.scheme.document
            ),
        ),
        (
            "排序法指标的折算方法".into(),
            reading.ranking_method.id().to_owned(),
        ),
        (
            "附加分是否累加".into(),
            if reading.cumulative_bonus {
                "累加"
            } else {
                "不累加，取最高一项"
            }
            .into(),
        ),
        ("缺失数据".into(), missing_zh(reading.missing).into()),
        (
            "得分保留小数位".into(),
            format!("{} 位，四舍五入", reading.rounding_places),
        ),
    ];
    for (i, line) in reading.description_zh.iter().enumerate() {
        rows.push((format!("口径说明 {}", i + 1), line.clone()));
    }
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = row_num(i + 1);
        sheet.write_string_with_format(row, 0, k, &styles.text)?;
        sheet.write_string_with_format(row, 1, v, &styles.wrap)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::RawTable;

    #[test]
    fn plain_decimals_become_numbers_and_everything_else_stays_text() {
        assert_eq!(as_number("38.6"), Decimal::from_str("38.6").ok());
        assert_eq!(as_number("-3"), Decimal::from_str("-3").ok());
        assert_eq!(as_number("0.5"), Decimal::from_str("0.5").ok());
        // Would not read back as the same text:
        assert_eq!(as_number("12.50"), None);
        assert_eq!(as_number("007"), None);
        assert_eq!(as_number("12."), None);
        assert_eq!(as_number(" 12"), None);
        assert_eq!(as_number("1234567890.1234567"), None);
        // Not plain decimals:
        assert_eq!(as_number("12.5%"), None);
        assert_eq!(as_number("1,234"), None);
        assert_eq!(as_number("1e3"), None);
        assert_eq!(as_number("否"), None);
        assert_eq!(as_number(""), None);
    }

    #[test]
    fn title_names_the_year() {
        assert_eq!(
            report_title(Some(2020)),
            "赤峰市工业园区综合发展评价考核结果（2020年度）"
        );
        assert_eq!(
            report_title(None),
            "赤峰市工业园区综合发展评价考核结果（____年度）"
        );
    }

    /// The sample, evaluated under the default reading, with its table.
    fn sample() -> (Scheme, RawTable, Evaluation) {
        let scheme = Scheme::chifeng_2020();
        let table = crate::import::read(
            crate::sample::sample_csv(),
            "示例.csv",
            None,
            &crate::Scheme::chifeng_2020(),
        )
        .expect("the sample reads");
        let validated = crate::import::validate(&table, &scheme);
        let eval = crate::evaluate(&scheme, &validated.dataset, &crate::Options::default())
            .expect("the sample scores");
        (scheme, table, eval)
    }

    #[test]
    fn the_report_reads_back_to_the_same_totals() {
        let (scheme, table, eval) = sample();
        let context = ReportContext {
            scheme: &scheme,
            evaluation: &eval,
            table: Some(&table),
            year: Some(2020),
            date: Some("2026年11月28日"),
            platform_choice: None,
            edited_cells: 0,
        };
        let bytes = report_xlsx(&context).expect("the report is written");
        let back = crate::import::read(&bytes, "报告.xlsx", None, &crate::Scheme::chifeng_2020())
            .expect("the report reads");
        assert_eq!(back.sheets, SHEETS.map(String::from).to_vec());
        // 总表 and 分项得分 say 参评园区, not a park-name header: import picks 原始数据.
        assert_eq!(back.sheet.as_deref(), Some("原始数据"));
        assert_eq!(back.rows.len(), table.rows.len());
        let validated = crate::import::validate(&back, &scheme);
        assert!(!validated.has_errors(), "{:?}", validated.issues);
        let again = crate::evaluate(&scheme, &validated.dataset, &crate::Options::default())
            .expect("scores again");
        let totals = |e: &Evaluation| -> Vec<(String, String)> {
            e.parks
                .iter()
                .map(|p| (p.name.to_string(), p.total.to_string()))
                .collect()
        };
        assert_eq!(totals(&again), totals(&eval));
    }
}
